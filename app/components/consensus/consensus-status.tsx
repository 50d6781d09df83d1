import { Form } from "@remix-run/react";
import { FormError, type ServerFormResult, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { DISAGREEMENT_RULES } from "~/domain/scoring";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/dates";
import type { ConsensusPageData } from "./types";

/** Where consensus stands: sealed, ready to open, or open with what is still to settle. */
export function ConsensusStatus({ page, lastResult }: { page: ConsensusPageData; lastResult?: ServerFormResult }) {
  const locale = useRootData()?.locale;
  const opening = useIsSubmitting("open");
  const { sheets, readiness } = page;
  return (
    <section className="card" aria-labelledby="consensus-heading">
      <div className="card__title">
        <h2 id="consensus-heading">Consensus</h2>
        {page.consensusOpenedAt ? (
          <span className="muted small">
            Opened {formatDateTime(page.consensusOpenedAt, { timeZone: page.rfp.timeZone, locale })}
          </span>
        ) : null}
      </div>
      <FormError message={lastResult?.fieldErrors?.form} />
      {!page.consensusOpenedAt ? (
        <div className="stack">
          <p>
            Scores stay sealed until every panel member has submitted every sheet and the lead opens consensus. Then the
            panel sees all scores side by side, discusses the items where evaluators disagree strongly and records an
            agreed score with its rationale.
          </p>
          <p>
            {sheets ? (
              <strong>
                {sheets.submitted} of {sheets.submitted + sheets.pending} score sheets submitted.
              </strong>
            ) : null}{" "}
            <span className="muted">
              {readiness.ready
                ? page.isLead
                  ? "Every sheet is in: you can open consensus."
                  : "Every sheet is in: the lead opens consensus for the meeting."
                : readiness.reason}
            </span>
          </p>
          {page.isLead && readiness.ready ? (
            <Form
              method="post"
              onSubmit={(event) => {
                if (!window.confirm("Open consensus? Every panel member will see every other member's scores."))
                  event.preventDefault();
              }}
            >
              <Button type="submit" name="intent" value="open" pending={opening} pendingLabel="Opening…">
                Open consensus
              </Button>
            </Form>
          ) : null}
        </div>
      ) : !page.visible ? (
        page.matrixErrors.length > 0 ? (
          <Alert tone="error" title="The scores cannot be put together">
            <ul className="plain-list">
              {page.matrixErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="info" title="Your sheet is open again">
            The lead reopened one of your score sheets. Submit it again to see the panel's scores.
          </Alert>
        )
      ) : (
        <div className="stack">
          <p>
            An item is <strong>flagged</strong> when the range of its scores is at least half the scale, or when one
            evaluator's score lies more than {DISAGREEMENT_RULES.zThreshold} standard deviations from the others (z,
            measured against the rest of the panel, at least one point of spread). Flagged items need the panel's agreed
            score and a rationale; the others count with their mean.
          </p>
          {page.flagged === 0 ? (
            <Alert tone="success" title="No strong disagreement">
              No item is flagged: the panel's means stand.
            </Alert>
          ) : page.unsettled === 0 ? (
            <Alert tone="success" title="Consensus complete">
              All {page.flagged} flagged items have an agreed score.
            </Alert>
          ) : (
            <Alert
              tone="warning"
              title={`${page.unsettled} of ${page.flagged} flagged items still need an agreed score`}
            >
              {page.canRecord
                ? "Open “Record consensus” under each flagged item once the panel has discussed it."
                : "The lead records the agreed scores during the consensus meeting."}
            </Alert>
          )}
          <p className="small no-print">
            This page shows one vendor at a time. The full matrix — every vendor, criterion and evaluator with the same
            statistics and flags — is in the results export:{" "}
            <a href={`/rfps/${page.rfp.id}/results.xlsx`} download>
              Download XLSX (every view)
            </a>{" "}
            ·{" "}
            <a href={`/rfps/${page.rfp.id}/results.csv?view=matrix`} download>
              Score matrix as CSV
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
