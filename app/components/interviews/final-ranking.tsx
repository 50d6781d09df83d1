import { Form, Link } from "@remix-run/react";
import type { FormEvent } from "react";
import { FormError, type ServerFormResult, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CRITERION_STAGE_INFO, CRITERION_STAGES } from "~/domain/criteria";
import type { FinalRanking } from "~/domain/final-ranking";
import { outcomePlan } from "~/domain/final-results";
import type { FinalRankingPage } from "~/models/final-ranking.server";

type Evidence = NonNullable<FinalRankingPage["evidence"]>[number];

const points = (value: number | null) => (value === null ? "—" : value.toFixed(1));
const STATUS_LABEL: Record<string, string> = {
  SHORTLISTED: "Shortlisted",
  RESERVE: "Held in reserve",
  ELIMINATED: "Not taken further",
  AWARDED: "Awarded",
};

export function Recommendation({
  ranking,
  nameOf,
  panelRanking,
}: {
  ranking: FinalRanking;
  nameOf: (id: string) => string;
  panelRanking: { ranking: string[][]; condorcetWinner: string | null } | null;
}) {
  const { recommendation } = ranking;
  const panelTop = panelRanking?.ranking[0] ?? [];
  return (
    <section className="card" aria-labelledby="recommendation-heading" data-testid="recommendation">
      <div className="card__title">
        <h2 id="recommendation-heading">Recommendation</h2>
      </div>
      {recommendation.status === "TIED" ? (
        <Alert tone="warning" title="Tie at the top">
          {recommendation.vendorIds.map(nameOf).join(" and ")} share the highest total. The panel or the executive must
          decide between them, with reasons.
        </Alert>
      ) : (
        <dl className="recommendation">
          <div>
            <dt className="muted small">Recommended vendor</dt>
            <dd>
              <strong>{nameOf(recommendation.recommended)}</strong>
              {recommendation.margin !== null ? (
                <span className="muted"> — {recommendation.margin.toFixed(1)} points ahead</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="muted small">Runner-up (held in reserve)</dt>
            <dd>
              {recommendation.runnerUp.status === "CLEAR"
                ? nameOf(recommendation.runnerUp.vendorId)
                : recommendation.runnerUp.status === "TIED"
                  ? `${recommendation.runnerUp.vendorIds.map(nameOf).join(" and ")} (tied)`
                  : "None: only one vendor was interviewed"}
            </dd>
          </div>
        </dl>
      )}
      {panelRanking ? (
        <p className="muted small">
          {recommendation.status === "CLEAR" && panelTop.length === 1 && panelTop[0] === recommendation.recommended
            ? "The panel's own ranking (Schulze) puts the same vendor first."
            : `The panel's own ranking (Schulze) puts ${panelTop.map(nameOf).join(" and ")} first: discuss the difference before deciding.`}{" "}
          <Link to="../rankings">See the panel rankings</Link>
        </p>
      ) : null}
    </section>
  );
}

export function FinalRankingTable({
  rfpId,
  evidence,
  ranking,
  currency,
  locale,
  priceEvaluated,
}: {
  rfpId: string;
  evidence: Evidence[];
  ranking: FinalRanking | null;
  currency: string;
  locale?: string;
  priceEvaluated: boolean;
}) {
  const rowOf = new Map(ranking?.rows.map((row) => [row.vendorId, row]) ?? []);
  const ordered = ranking
    ? ranking.rows.flatMap((row) => evidence.filter((vendor) => vendor.vendorId === row.vendorId))
    : evidence;
  const money = (amount: number) =>
    new Intl.NumberFormat(locale ?? "en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
  return (
    <section className="card" aria-labelledby="final-table-heading">
      <div className="card__title">
        <h2 id="final-table-heading">Results out of 100</h2>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="final-ranking">
          <thead>
            <tr>
              <th scope="col" className="num">
                Place
              </th>
              <th scope="col">Vendor</th>
              {CRITERION_STAGES.map((stage) => (
                <th scope="col" className="num" key={stage}>
                  {CRITERION_STAGE_INFO[stage].label}
                  {ranking?.rows[0] ? (
                    <span className="muted small"> ×{ranking.rows[0].parts[stage].weight}%</span>
                  ) : null}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((vendor) => {
              const row = rowOf.get(vendor.vendorId);
              return (
                <tr key={vendor.vendorId}>
                  <td className="num">{row ? (row.tiedWith.length > 0 ? `=${row.place}` : row.place) : "—"}</td>
                  <th scope="row">
                    <span>{vendor.name}</span>{" "}
                    {vendor.status !== "SHORTLISTED" ? (
                      <Badge>{STATUS_LABEL[vendor.status] ?? vendor.status}</Badge>
                    ) : null}
                    <details className="disclosure evidence">
                      <summary>
                        Evidence<span className="visually-hidden"> for {vendor.name}</span>
                      </summary>
                      <ul className="plain-list small disclosure__body">
                        <li>
                          Written: {points(vendor.written.score)} from {vendor.written.sheets} submitted score sheet
                          {vendor.written.sheets === 1 ? "" : "s"}
                          {vendor.written.consensusItems > 0
                            ? ` and ${vendor.written.consensusItems} consensus score${vendor.written.consensusItems === 1 ? "" : "s"}`
                            : ""}
                          {vendor.written.score !== null && vendor.written.coverage < 0.999
                            ? ` (covers ${Math.round(vendor.written.coverage * 100)}% of the written weight)`
                            : ""}
                          {vendor.price.proposalId ? (
                            <>
                              {" · "}
                              <Link to={`/rfps/${rfpId}/proposals/${vendor.price.proposalId}`}>Proposal</Link>
                            </>
                          ) : null}
                        </li>
                        <li>
                          Oral:{" "}
                          {vendor.oral.revealed
                            ? `${points(vendor.oral.score)} from ${vendor.oral.views} debrief view${vendor.oral.views === 1 ? "" : "s"}`
                            : "debrief not complete (views sealed)"}
                          {vendor.oral.interviewId ? (
                            <>
                              {" · "}
                              <Link to={`/rfps/${rfpId}/interviews/${vendor.oral.interviewId}/debrief`}>Debrief</Link>
                            </>
                          ) : null}
                        </li>
                        <li>
                          Price:{" "}
                          {!priceEvaluated
                            ? "the price formula has not been fixed"
                            : vendor.price.totalCost !== null
                              ? `${points(vendor.price.score)} for a total cost of ${money(vendor.price.totalCost)}`
                              : "no valid price in the RFP's currency"}
                        </li>
                      </ul>
                    </details>
                  </th>
                  {CRITERION_STAGES.map((stage) => {
                    const score = vendor[stage === "WRITTEN" ? "written" : stage === "ORAL" ? "oral" : "price"].score;
                    return (
                      <td className="num" key={stage}>
                        {points(score)}
                      </td>
                    );
                  })}
                  <td className="num">
                    <strong>{row ? row.total.toFixed(1) : "—"}</strong>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Each result is out of 100: written and oral from the weighted criteria of that stage (consensus scores where the
        panel agreed them, else the mean of submitted scores), price from the price formula. The total weighs them with
        the weights above.
      </p>
    </section>
  );
}

export function NotifyOutcomes({
  ranking,
  nameOf,
  notified,
  panelRanked,
  stage,
  lastResult,
}: {
  ranking: FinalRanking;
  nameOf: (id: string) => string;
  notified: boolean;
  panelRanked: boolean;
  stage: string;
  lastResult?: ServerFormResult;
}) {
  const sending = useIsSubmitting("notify-outcomes");
  const plan = outcomePlan(
    ranking.recommendation,
    ranking.rows.map((row) => row.vendorId),
  );
  const ready = plan.ok && panelRanked && !notified && stage === "INTERVIEWS";
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    if (!plan.ok) return;
    const message = [
      plan.reserve.length > 0 ? `${plan.reserve.map(nameOf).join(" and ")} will be told they are held in reserve.` : "",
      plan.eliminated.length > 0
        ? `${plan.eliminated.map(nameOf).join(", ")} will be told they are not taken further.`
        : "",
      "This cannot be undone. Notify the vendors now?",
    ]
      .filter(Boolean)
      .join(" ");
    if (!window.confirm(message)) event.preventDefault();
  };
  return (
    <section className="card" aria-labelledby="notify-heading">
      <div className="card__title">
        <h2 id="notify-heading">Tell the vendors where they stand</h2>
      </div>
      <FormError message={lastResult?.fieldErrors?.form} />
      {notified ? (
        <p>The vendors have been told the outcome of the interviews. Their emails are in the outbox.</p>
      ) : plan.ok ? (
        <>
          <ul className="checklist">
            {plan.reserve.map((id) => (
              <li key={id}>
                <strong>{nameOf(id)}</strong>: held in reserve, in case negotiation with {nameOf(plan.recommended)}{" "}
                breaks down.
              </li>
            ))}
            {plan.eliminated.map((id) => (
              <li key={id}>
                <strong>{nameOf(id)}</strong>: not taken further, with thanks and an offer of a debrief.
              </li>
            ))}
          </ul>
          <p className="muted small">
            {nameOf(plan.recommended)} is not told anything yet: the award needs the executive's approval.
          </p>
          {!panelRanked ? (
            <p className="muted small">Available once every panel member has submitted a ranking.</p>
          ) : null}
          {ready ? (
            <Form method="post" onSubmit={confirm} className="form-actions">
              <Button type="submit" name="intent" value="notify-outcomes" pending={sending} pendingLabel="Notifying…">
                Notify the vendors
              </Button>
            </Form>
          ) : null}
        </>
      ) : (
        <p>{plan.reason}</p>
      )}
    </section>
  );
}
