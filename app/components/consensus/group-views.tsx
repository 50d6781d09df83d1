import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { type ConsensusItemsView, consensusHref } from "~/schemas/consensus";
import type { VisibleConsensus } from "./types";

/**
 * Consensus must be cross-functional: how each functional group, on its own scores, ranks the
 * vendors, and where groups disagree. Every vendor is listed (a rank needs the others); the one
 * on screen is marked, and each name opens that vendor.
 */
export function GroupViews({
  rfpId,
  groups,
  selectedId,
  items,
}: {
  rfpId: string;
  groups: VisibleConsensus["groups"];
  selectedId: string | null;
  items: ConsensusItemsView;
}) {
  return (
    <section className="card" aria-labelledby="groups-heading">
      <div className="card__title">
        <h2 id="groups-heading">Views by functional group</h2>
        <span className="muted small">Each group's own scores, before consensus scores</span>
      </div>
      {groups.names.length < 2 ? (
        <EmptyState title="Fewer than two functional groups">
          Give panel members a functional group (IT, Finance, Operations…) on the Team page to compare how groups rank
          the vendors.
        </EmptyState>
      ) : (
        <div className="stack">
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Rank and points out of 100 of each vendor in each group</caption>
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  {groups.names.map((entry) => (
                    <th scope="col" className="num" key={entry.group}>
                      {entry.group}
                      <div className="matrix__summary">
                        {entry.evaluators} {entry.evaluators === 1 ? "evaluator" : "evaluators"}
                      </div>
                    </th>
                  ))}
                  <th scope="col">Difference</th>
                </tr>
              </thead>
              <tbody>
                {groups.vendors.map((vendor) => (
                  <tr key={vendor.vendorId} aria-current={vendor.vendorId === selectedId ? "true" : undefined}>
                    <th scope="row">
                      <Link to={consensusHref(rfpId, { vendorId: vendor.vendorId, items })}>{vendor.name}</Link>
                      {vendor.vendorId === selectedId ? <span className="visually-hidden"> (shown above)</span> : null}
                    </th>
                    {vendor.ranks.map((entry) => (
                      <td className="num" key={entry.group}>
                        {entry.rank === null ? (
                          <span className="muted">—</span>
                        ) : (
                          <>
                            <strong>
                              #{entry.rank}
                              {entry.tied ? "=" : ""}
                            </strong>{" "}
                            <span className="muted small">{entry.total?.toFixed(1)} pts</span>
                          </>
                        )}
                      </td>
                    ))}
                    <td>
                      {vendor.sentence ? (
                        <>
                          <Badge tone="warning">Groups differ</Badge> {vendor.sentence}
                        </>
                      ) : (
                        <span className="muted small">Same place in every group</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="plain-list small">
            {groups.comparisons.map((comparison) => (
              <li key={comparison.groups.join("|")}>
                {comparison.groups[0]} vs {comparison.groups[1]}:{" "}
                {comparison.rho === null
                  ? "no order to compare"
                  : `rank correlation ${comparison.rho.toFixed(2)} over ${comparison.vendorsCompared} vendors (1 = same order, −1 = reversed)`}
              </li>
            ))}
          </ul>
          {groups.ungrouped.length > 0 ? (
            <p className="muted small">Not in any group: {groups.ungrouped.join(", ")}.</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
