import type { ServerFormResult } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { formatDateTime } from "~/utils/dates";
import { ConsensusScoreForm, MinorityOpinionForm } from "./consensus-forms";
import type { ConsensusCriterion, ConsensusEvaluator, ConsensusItem, ConsensusVendor } from "./types";

const two = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/** One vendor's rows of the matrix: each evaluator's score, the spread, flags and the agreed score. */
export function VendorMatrix({
  vendor,
  criteria,
  evaluators,
  canRecord,
  canRecordMinority,
  isLead,
  timeZone,
  locale,
  lastResult,
}: {
  vendor: ConsensusVendor;
  criteria: ConsensusCriterion[];
  evaluators: ConsensusEvaluator[];
  canRecord: boolean;
  canRecordMinority: boolean;
  isLead: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
}) {
  const headingId = `vendor-${vendor.id}`;
  const discussed = vendor.items.filter((item) => item.flags.length > 0 || item.consensus);
  return (
    <section className="card" aria-labelledby={headingId} id={vendor.id}>
      <div className="card__title">
        <h2 id={headingId}>{vendor.name}</h2>
        <span className="muted small">
          {vendor.items.filter((item) => item.flags.length > 0).length} flagged of {vendor.items.length} criteria
        </span>
      </div>
      <div className="table-wrap">
        <table className="table consensus-matrix">
          <caption className="visually-hidden">
            Scores for {vendor.name}: each evaluator, mean, range, standard deviation, flags and agreed score
          </caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {evaluators.map((evaluator) => (
                <th scope="col" className="num" key={evaluator.memberId}>
                  {evaluator.name}
                  {evaluator.group ? <div className="matrix__summary">{evaluator.group}</div> : null}
                </th>
              ))}
              <th scope="col" className="num">
                Mean
              </th>
              <th scope="col" className="num">
                Range
              </th>
              <th scope="col" className="num">
                SD
              </th>
              <th scope="col">Flags</th>
              <th scope="col" className="num">
                Agreed
              </th>
            </tr>
          </thead>
          <tbody>
            {vendor.items.map((item, c) => {
              const criterion = criteria[c];
              if (!criterion) return null;
              return (
                <tr key={item.criterionId} data-flagged={item.flags.length > 0 || undefined}>
                  <th scope="row">
                    <span className="muted mono">{criterion.outline}</span> {criterion.name}
                    <div className="matrix__summary">
                      {criterion.scaleMin}–{criterion.scaleMax} · {criterion.weight.toFixed(1)}% of the total
                    </div>
                  </th>
                  {item.scores.map((score, e) => {
                    const evaluator = evaluators[e];
                    const outlier = evaluator ? item.outliers.includes(evaluator.memberId) : false;
                    return (
                      <td key={evaluator?.memberId ?? e} className="num" data-outlier={outlier || undefined}>
                        {score ?? <span className="muted">—</span>}
                        {outlier ? <span className="visually-hidden"> (outlier)</span> : null}
                      </td>
                    );
                  })}
                  <td className="num">{two(item.mean)}</td>
                  <td className="num">{item.range ?? "—"}</td>
                  <td className="num">{two(item.standardDeviation)}</td>
                  <td>
                    {item.flags.length > 0 ? (
                      <ul className="plain-list small">
                        {item.flags.map((flag) => (
                          <li key={flag}>
                            <Badge tone="warning">Flag</Badge> {flag}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted small">—</span>
                    )}
                  </td>
                  <td className="num">
                    {item.consensus ? (
                      <strong>{item.consensus.value}</strong>
                    ) : item.flags.length > 0 ? (
                      <Badge tone="danger">Needed</Badge>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {discussed.length > 0 ? (
        <div className="stack consensus-items">
          {discussed.map((item) => {
            const criterion = criteria.find((candidate) => candidate.id === item.criterionId);
            if (!criterion) return null;
            return (
              <ItemRecord
                key={item.criterionId}
                vendor={vendor}
                item={item}
                criterion={criterion}
                evaluators={evaluators}
                canRecord={canRecord}
                canRecordMinority={canRecordMinority}
                isLead={isLead}
                timeZone={timeZone}
                locale={locale}
                lastResult={lastResult}
              />
            );
          })}
        </div>
      ) : null}
    </section>
  );
}

function ItemRecord({
  vendor,
  item,
  criterion,
  evaluators,
  canRecord,
  canRecordMinority,
  isLead,
  timeZone,
  locale,
  lastResult,
}: {
  vendor: ConsensusVendor;
  item: ConsensusItem;
  criterion: ConsensusCriterion;
  evaluators: ConsensusEvaluator[];
  canRecord: boolean;
  canRecordMinority: boolean;
  isLead: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
}) {
  const { consensus } = item;
  const mine = (result: ServerFormResult, keys: Record<string, string>) =>
    result?.values && Object.entries(keys).every(([key, value]) => result.values?.[key] === value) ? result : undefined;
  return (
    <article className="consensus-item" aria-label={`${criterion.name}: consensus`}>
      <h3 className="small">
        {criterion.outline} {criterion.name}
      </h3>
      {consensus ? (
        <div className="stack-tight">
          <p>
            Agreed score <strong>{consensus.value}</strong> — <span className="pre-line">{consensus.rationale}</span>
          </p>
          <p className="muted small">
            Recorded by {consensus.decidedBy}, {formatDateTime(consensus.decidedAt, { timeZone, locale })}
          </p>
          {consensus.minorityOpinions.length > 0 ? (
            <ul className="plain-list">
              {consensus.minorityOpinions.map((opinion) => (
                <li key={opinion.memberId}>
                  <Badge>Minority opinion</Badge> <strong>{opinion.name}:</strong>{" "}
                  <span className="pre-line">{opinion.opinion}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="muted small">No agreed score yet.</p>
      )}
      <div className="row consensus-item__actions">
        {canRecord ? (
          <ConsensusScoreForm
            // A new agreed score remounts the form: it closes and shows the saved values.
            key={`${consensus?.value}-${consensus?.rationale}`}
            vendor={vendor}
            item={item}
            criterion={criterion}
            lastResult={
              lastResult?.values?.intent === "record"
                ? mine(lastResult, { invitationId: vendor.id, criterionId: criterion.id })
                : undefined
            }
          />
        ) : null}
        {consensus && canRecordMinority ? (
          <MinorityOpinionForm
            key={consensus.minorityOpinions.length}
            consensusId={consensus.id}
            label={`${vendor.name}, ${criterion.name}`}
            evaluators={isLead ? evaluators : null}
            lastResult={
              lastResult?.values?.intent === "minority" ? mine(lastResult, { consensusId: consensus.id }) : undefined
            }
          />
        ) : null}
      </div>
    </article>
  );
}
