import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import type { VisibleConsensus } from "./types";

/**
 * Consensus must be cross-functional: how each functional group, on its own scores, ranks the
 * vendor on screen, and where the groups disagree. Every vendor by group is on the results page.
 */
export function GroupViews({
  rfpId,
  groups,
  vendorCount,
}: {
  rfpId: string;
  groups: VisibleConsensus["groups"];
  vendorCount: number;
}) {
  const { vendor } = groups;
  return (
    <section className="card" aria-labelledby="groups-heading">
      <div className="card__title">
        <h2 id="groups-heading">{vendor ? `${vendor.name} by functional group` : "Views by functional group"}</h2>
        <span className="muted small">Each group's own scores, before consensus scores</span>
      </div>
      {groups.names.length < 2 ? (
        <EmptyState title="Fewer than two functional groups">
          Give panel members a functional group (IT, Finance, Operations…) on the Team page to compare how groups rank
          the vendors.
        </EmptyState>
      ) : (
        <div className="stack">
          {vendor ? (
            <>
              <p>
                {vendor.sentence ? (
                  <>
                    <Badge tone="warning">Groups differ</Badge> {vendor.sentence}
                  </>
                ) : (
                  <span className="muted">Same place in every group.</span>
                )}
              </p>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">
                    Rank of {vendor.name} among {vendorCount} vendors and its points out of 100 in each group
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Group</th>
                      <th scope="col" className="num">
                        Evaluators
                      </th>
                      <th scope="col" className="num">
                        Rank of {vendorCount}
                      </th>
                      <th scope="col" className="num">
                        Points of 100
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {vendor.ranks.map((entry) => (
                      <tr key={entry.group}>
                        <th scope="row">{entry.group}</th>
                        <td className="num">
                          {groups.names.find((name) => name.group === entry.group)?.evaluators ?? "—"}
                        </td>
                        <td className="num">
                          {entry.rank === null ? (
                            <span className="muted">—</span>
                          ) : (
                            <strong>{`#${entry.rank}${entry.tied ? "=" : ""}`}</strong>
                          )}
                        </td>
                        <td className="num">{entry.total === null ? "—" : entry.total.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <h3 className="small consensus-groups__subheading">How the groups order all {vendorCount} vendors</h3>
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
          <p className="small no-print">
            <Link to={`/rfps/${rfpId}/results#groups-heading`}>Every vendor by functional group</Link> is on the results
            page.
          </p>
        </div>
      )}
    </section>
  );
}
