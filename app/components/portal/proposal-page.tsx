import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useLocation } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { countdown, countdownLabel, PROPOSAL_LOCK_TEXT } from "~/domain/portal";
import { useRootData } from "~/root";
import type { loader } from "~/routes/portal.proposal";
import { draftFromValues } from "~/schemas/proposal";
import { formatDateTime } from "~/utils/dates";
import { useNow } from "./deadline";
import { type BuilderResult, ProposalBuilder } from "./proposal-builder";

type Loaded = SerializeFrom<typeof loader>;

const STATUS_BADGE: Record<string, { label: string; tone?: string }> = {
  DRAFT: { label: "Draft" },
  SUBMITTED: { label: "Submitted", tone: "success" },
  WITHDRAWN: { label: "Withdrawn", tone: "warning" },
};

/** The proposal page: where the proposal stands, the builder, and withdrawing. */
export function ProposalPage({ loaded, actionData }: { loaded: Loaded; actionData: BuilderResult }) {
  const locale = useRootData()?.locale;
  const location = useLocation();
  const now = useNow(loaded.now);
  const { rfp, proposal, lock } = loaded;
  const fmt = (at: Date | string) => formatDateTime(at, { timeZone: rfp.timeZone, locale });
  const badge = STATUS_BADGE[proposal?.status ?? ""] ?? { label: "Not started" };
  // After a refused save (no JavaScript), the page shows what was typed, not what is stored.
  const draft = actionData?.values ? draftFromValues(actionData.values) : loaded.draft;
  const version =
    actionData?.conflict?.version ??
    (actionData?.values?.version ? Number(actionData.values.version) : (proposal?.version ?? 0));
  const deadline = rfp.proposalDeadline ? new Date(rfp.proposalDeadline) : null;
  return (
    <>
      <PageHeader
        title="Your proposal"
        eyebrow={
          <span className="row">
            <Badge tone={badge.tone}>{badge.label}</Badge>
            {deadline ? (
              <span>
                Deadline {fmt(deadline)} · <strong>{countdownLabel(countdown(deadline, now))}</strong>
              </span>
            ) : null}
          </span>
        }
      >
        <p className="muted">
          Prices in {rfp.currency}. Your proposal is sealed: nobody at the buyer can read it before the proposal
          deadline.
        </p>
      </PageHeader>
      <div className="stack">
        {proposal?.status === "SUBMITTED" && proposal.submittedAt ? (
          <Alert tone="success" title="Submitted">
            Submitted {fmt(proposal.submittedAt)}
            {proposal.submissionCount > 1 ? ` (submission ${proposal.submissionCount})` : ""}. A receipt with the
            content fingerprint was emailed to your contact. The proposal is read-only now.
          </Alert>
        ) : null}
        {proposal?.status === "WITHDRAWN" && proposal.withdrawnAt ? (
          <Alert tone="warning" title="Withdrawn">
            You withdrew your proposal {fmt(proposal.withdrawnAt)}. It does not count until you submit it again.
          </Alert>
        ) : null}
        {lock && lock !== "submitted" ? (
          <Alert tone="warning" title="Read-only">
            {PROPOSAL_LOCK_TEXT[lock]}
            {lock === "declined" ? (
              <>
                {" "}
                <Link to="/portal#intent">Change your answer</Link>
              </>
            ) : null}
          </Alert>
        ) : null}
        {loaded.canWithdraw && proposal ? <WithdrawForm version={proposal.version} lastResult={actionData} /> : null}
        {loaded.requirements.length === 0 ? (
          <EmptyState title="The RFP document is not available yet">
            The proposal follows the RFP's requirements; you can start once the buyer has published them.
          </EmptyState>
        ) : (
          <ProposalBuilder
            // Remounted (fresh from the loader) only when the page changes meaning: locked, unlocked,
            // or a row added without JavaScript. Saving never remounts, so typing is never lost.
            key={`${location.search}|${lock ?? "open"}`}
            draft={draft}
            requirements={loaded.requirements}
            version={version}
            storedVersion={proposal?.version ?? 0}
            editable={lock === null}
            currency={rfp.currency}
            timeZone={rfp.timeZone}
            locale={locale}
            attachments={loaded.attachments}
            lastResult={actionData?.values?.intent === "withdraw" ? undefined : actionData}
          />
        )}
      </div>
    </>
  );
}

function WithdrawForm({ version, lastResult }: { version: number; lastResult: BuilderResult }) {
  const withdrawing = useIsSubmitting("withdraw");
  const error = lastResult?.values?.intent === "withdraw" ? lastResult.fieldErrors?.form : undefined;
  return (
    <section className="card" aria-labelledby="withdraw-heading">
      <div className="card__title">
        <h2 id="withdraw-heading">Withdraw</h2>
      </div>
      <FormError message={error} />
      <Form
        method="post"
        className="row"
        onSubmit={(event) => {
          if (
            !window.confirm("Withdraw your proposal? It will not count unless you submit it again before the deadline.")
          ) {
            event.preventDefault();
          }
        }}
      >
        <input type="hidden" name="version" value={version} />
        <p className="muted small">
          Need to change something? Withdraw the proposal, edit it, and submit it again before the deadline.
        </p>
        <Button
          type="submit"
          name="intent"
          value="withdraw"
          variant="danger"
          pending={withdrawing}
          pendingLabel="Withdrawing…"
        >
          Withdraw proposal
        </Button>
      </Form>
    </section>
  );
}
