import type { ExecutiveReview } from "~/domain/award-review";
import { CRITERION_STAGES } from "~/domain/criteria";
import { formatMoney } from "~/utils/dates";
import { Badge } from "../ui/badge";

/**
 * The one page an executive reads before approving: the answer first (who, by how much, how sure),
 * then the evidence in the order an executive asks for it. Prints on two A4 pages.
 */
const PART_LABEL = { WRITTEN: "Written", ORAL: "Oral", PRICE: "Price" } as const;

export function ExecutiveReviewView({
  review,
  recommended,
  runnerUp,
}: {
  review: ExecutiveReview;
  /** The recommendation's choice when there is one; otherwise the ranking's. */
  recommended: string | null;
  runnerUp: string | null;
}) {
  const name = (id: string) => review.names[id] ?? "—";
  const money = (amount: number) => formatMoney(Math.round(amount), review.price.currency);
  const rows = review.ranking.ok ? review.ranking.rows : [];
  const rowOf = (id: string | null) => rows.find((row) => row.vendorId === id);
  const winner = rowOf(recommended);
  const second = rowOf(runnerUp);
  const winnerPrice = review.price.rows.find((row) => row.vendorId === recommended);
  const concordance = review.agreement.concordance;
  return (
    <div className="review stack">
      <section className="card review__verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="visually-hidden">
          Recommendation at a glance
        </h2>
        <div className="review__figures">
          <div className="review__figure review__figure--lead">
            <span className="review__label">Recommended</span>
            <strong className="review__value">{recommended ? name(recommended) : "Not decided"}</strong>
            <span className="muted small">
              {winner ? `${winner.total.toFixed(1)} / 100, ranked ${ordinal(winner.place)}` : "—"}
            </span>
          </div>
          <div className="review__figure">
            <span className="review__label">Runner-up (reserve)</span>
            <strong className="review__value">{runnerUp ? name(runnerUp) : "None"}</strong>
            <span className="muted small">
              {second && winner
                ? `${second.total.toFixed(1)} / 100, ${(winner.total - second.total).toFixed(1)} points behind`
                : "—"}
            </span>
          </div>
          <div className="review__figure">
            <span className="review__label">Panel agreement</span>
            <strong className="review__value">{agreementWords(review)}</strong>
            <span className="muted small">
              {concordance?.status === "DEFINED"
                ? `Kendall's W ${concordance.w.toFixed(2)}, ${concordance.raters} rankings`
                : `${review.agreement.rankings} ranking(s)`}
            </span>
          </div>
          <div className="review__figure">
            <span className="review__label">Ranking stability</span>
            <strong className="review__value">{stabilityWords(review)}</strong>
            <span className="muted small">
              {review.stability.probabilityFirst !== null
                ? `first in ${Math.round(review.stability.probabilityFirst * 100)}% of weight trials`
                : "—"}
            </span>
          </div>
          <div className="review__figure">
            <span className="review__label">Price vs budget</span>
            <strong className="review__value">{winnerPrice?.total != null ? money(winnerPrice.total) : "—"}</strong>
            <span className="muted small">{budgetWords(review, winnerPrice?.overBudget ?? null, money)}</span>
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="risks-heading">
        <div className="card__title">
          <h2 id="risks-heading">Main risks</h2>
          <span className="muted small">
            {review.risks.length === 0 ? "none found" : `${review.risks.length} found`}
          </span>
        </div>
        {review.risks.length === 0 ? (
          <p className="muted">No material risks were found in the evaluation record.</p>
        ) : (
          <ul className="risk-list">
            {review.risks.map((risk) => (
              <li key={risk.text}>
                <Badge tone={risk.level === "HIGH" ? "danger" : "warning"}>
                  {risk.level === "HIGH" ? "High" : "Medium"}
                </Badge>{" "}
                {risk.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="ranking-heading">
        <div className="card__title">
          <h2 id="ranking-heading">Final ranking</h2>
          <span className="muted small">
            points out of 100 per part;{" "}
            {review.weightsSource === "FINAL" ? "final weights" : "weights from the criteria"}
          </span>
        </div>
        {review.ranking.ok ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Place
                  </th>
                  <th scope="col">Vendor</th>
                  {CRITERION_STAGES.map((part) => (
                    <th scope="col" className="num" key={part}>
                      {PART_LABEL[part]} <span className="muted">({review.weights[part]}%)</span>
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.vendorId}>
                    <td className="num">{row.place}</td>
                    <th scope="row">
                      {name(row.vendorId)}{" "}
                      {row.vendorId === recommended ? <Badge tone="success">Recommended</Badge> : null}
                      {row.vendorId === runnerUp ? <Badge>Runner-up</Badge> : null}
                      {row.tiedWith.length > 0 ? <Badge tone="warning">Tied</Badge> : null}
                    </th>
                    {CRITERION_STAGES.map((part) => (
                      <td className="num" key={part}>
                        {row.parts[part].score === null ? "—" : row.parts[part].score?.toFixed(1)}
                      </td>
                    ))}
                    <td className="num">
                      <strong>{row.total.toFixed(1)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <ul className="problem-list">
            {review.ranking.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {review.notes.length > 0 ? (
          <ul className="muted small plain-list">
            {review.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <div className="grid grid--2">
        <section className="card" aria-labelledby="confidence-heading">
          <div className="card__title">
            <h2 id="confidence-heading">How sure is the ranking?</h2>
          </div>
          <dl className="facts">
            <dt>Panel agreement</dt>
            <dd>{review.agreement.summary}</dd>
            <dt>Stability</dt>
            <dd>{review.stability.summary}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="price-heading">
          <div className="card__title">
            <h2 id="price-heading">Price vs budget</h2>
            <span className="muted small">total cost over {review.price.termMonths} months</span>
          </div>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col" className="num">
                  Total cost
                </th>
                <th scope="col" className="num">
                  Against budget
                </th>
              </tr>
            </thead>
            <tbody>
              {review.price.rows.map((row) => (
                <tr key={row.vendorId}>
                  <th scope="row">{name(row.vendorId)}</th>
                  <td className="num">{row.total === null ? "—" : money(row.total)}</td>
                  <td className="num">
                    {row.overBudget === null
                      ? "—"
                      : row.overBudget > 0
                        ? `${money(row.overBudget)} over`
                        : `${money(-row.overBudget)} under`}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Budget</th>
                <td className="num">{review.price.budget === null ? "not set" : money(review.price.budget)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </section>
      </div>

      <div className="grid grid--2">
        <section className="card" aria-labelledby="compliance-heading">
          <div className="card__title">
            <h2 id="compliance-heading">Compliance issues</h2>
          </div>
          {review.compliance.length === 0 ? (
            <p className="muted">Every ranked vendor meets every mandatory requirement.</p>
          ) : (
            <ul className="plain-list stack-tight">
              {review.compliance.map((issue) => (
                <li key={`${issue.vendorId}-${issue.code}`}>
                  <strong>{name(issue.vendorId)}</strong> · <span className="mono">{issue.code}</span> {issue.text}{" "}
                  <Badge tone={issue.kind === "PARTIAL" ? "warning" : "danger"}>{complianceLabel(issue.kind)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="record-heading">
          <div className="card__title">
            <h2 id="record-heading">Overrides and conflicts</h2>
          </div>
          {review.overrides.length === 0 && review.conflicts.length === 0 ? (
            <p className="muted">No overrides and no conflicts of interest were recorded.</p>
          ) : (
            <ul className="plain-list stack-tight">
              {review.conflicts.map((conflict) => (
                <li key={`${conflict.vendorId}-${conflict.memberName}`}>
                  <Badge tone={conflict.decision === "PENDING" ? "danger" : undefined}>Conflict</Badge>{" "}
                  {conflict.memberName} declared a conflict about {name(conflict.vendorId)}:{" "}
                  {conflictWords(conflict.decision)}
                  {conflict.note ? ` (${conflict.note})` : ""}
                </li>
              ))}
              {review.overrides.map((override) => (
                <li key={override.text}>
                  <Badge>{override.kind === "MINORITY_OPINION" ? "Minority opinion" : "Override"}</Badge>{" "}
                  {override.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function agreementWords(review: ExecutiveReview) {
  const concordance = review.agreement.concordance;
  if (concordance?.status !== "DEFINED") return "Not measurable";
  return {
    VERY_STRONG: "Very strong",
    STRONG: "Strong",
    MODERATE: "Moderate",
    WEAK: "Weak",
    VERY_WEAK: "Very weak",
  }[concordance.level];
}

function stabilityWords(review: ExecutiveReview) {
  const { probabilityFirst, tippingPoint } = review.stability;
  if (probabilityFirst === null) return "Not measurable";
  if (tippingPoint && Math.abs(tippingPoint.change) <= 10) return "Sensitive";
  if (probabilityFirst >= 0.95) return "Robust";
  return probabilityFirst >= 0.8 ? "Fairly robust" : "Sensitive";
}

function budgetWords(review: ExecutiveReview, overBudget: number | null, money: (amount: number) => string) {
  if (review.price.budget === null) return "no budget set";
  if (overBudget === null) return `budget ${money(review.price.budget)}`;
  const share = Math.abs((100 * overBudget) / review.price.budget).toFixed(1);
  return overBudget > 0 ? `${share}% over the budget` : `${share}% under the budget`;
}

function complianceLabel(kind: "FAILED" | "PARTIAL" | "DOES_NOT_COMPLY") {
  return { FAILED: "Failed screening", PARTIAL: "Partly complies", DOES_NOT_COMPLY: "Does not comply" }[kind];
}

function conflictWords(decision: string | null) {
  switch (decision) {
    case "PENDING":
      return "not decided yet";
    case "RECUSED_VENDOR":
      return "did not evaluate this vendor";
    case "RECUSED_PANEL":
      return "left the panel";
    case "ACCEPTED_WITH_MITIGATION":
      return "evaluated it with a mitigation";
    default:
      return "recorded";
  }
}

function ordinal(place: number) {
  return place === 1 ? "first" : place === 2 ? "second" : place === 3 ? "third" : `${place}th`;
}
