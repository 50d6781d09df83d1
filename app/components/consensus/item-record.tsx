import type { ServerFormResult } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { formatDateTime } from "~/utils/dates";
import { ConsensusScoreForm, MinorityOpinionForm } from "./consensus-forms";
import type { ConsensusItem, ConsensusVendor, RecordSettings } from "./types";

/** One discussed item: the agreed score with its rationale and minority opinions, and the forms to record them. */
export function ItemRecord({
  vendor,
  item,
  record,
}: {
  vendor: ConsensusVendor;
  item: ConsensusItem;
  record: RecordSettings;
}) {
  const { criterion } = item;
  const { evaluators, canRecord, canRecordMinority, isLead, timeZone, locale, lastResult } = record;
  const { consensus } = item;
  const mine = (result: ServerFormResult, keys: Record<string, string>) =>
    result?.values && Object.entries(keys).every(([key, value]) => result.values?.[key] === value) ? result : undefined;
  return (
    <article className="consensus-item" aria-label={`${criterion.name}: consensus`} id={`item-${criterion.id}`}>
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
