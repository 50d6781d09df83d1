import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { RANKING_STATUS_INFO, type RankingStatus } from "~/domain/panel-rankings";
import { formatDateTime } from "~/utils/dates";

/** Who has ranked: statuses only, never contents, until everyone has submitted. */
export function RankingStatuses({
  statuses,
  timeZone,
  locale,
}: {
  statuses: { memberId: string; name: string; status: RankingStatus; submittedAt: Date | string | null }[];
  timeZone: string;
  locale?: string;
}) {
  const submitted = statuses.filter((entry) => entry.status === "SUBMITTED").length;
  return (
    <section className="card" aria-labelledby="ranking-statuses-heading">
      <div className="card__title">
        <h2 id="ranking-statuses-heading">Panel rankings</h2>
        <span className="muted small">
          {submitted} of {statuses.length} submitted
        </span>
      </div>
      {statuses.length === 0 ? (
        <EmptyState title="No panel members">
          Add panel members on the Team page; each of them ranks the vendors.
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {statuses.map((entry) => (
            <li key={entry.memberId} className="row">
              <span>{entry.name}</span>
              <span className="spacer" />
              <Badge tone={RANKING_STATUS_INFO[entry.status].tone}>{RANKING_STATUS_INFO[entry.status].label}</Badge>
              {entry.submittedAt ? (
                <span className="muted small">{formatDateTime(entry.submittedAt, { timeZone, locale })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {submitted < statuses.length ? (
        <p className="muted small">
          Rankings are sealed: nobody, the lead included, sees any of them until every panel member has submitted.
        </p>
      ) : null}
    </section>
  );
}
