import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/dates";
import type { ShortlistVendor } from "./types";

/** The decided shortlist with its evidence: the record auditors and debriefs rely on. */
export function ShortlistDecisions({
  vendors,
  decidedAt,
  timeZone,
  isLead,
}: {
  vendors: ShortlistVendor[];
  decidedAt: Date | string;
  timeZone: string;
  isLead: boolean;
}) {
  const locale = useRootData()?.locale;
  const decider = vendors.find((vendor) => vendor.decision)?.decision?.decidedBy.name;
  return (
    <section className="card" aria-labelledby="decided-heading">
      <div className="card__title">
        <h2 id="decided-heading">Shortlist decided</h2>
        <span className="muted small">
          {decider ? `${decider}, ` : ""}
          {formatDateTime(decidedAt, { timeZone, locale })}
        </span>
      </div>
      <p className="muted small">
        Every vendor was told the outcome by email
        {isLead ? (
          <>
            {" "}
            (see the <Link to="../outbox">outbox</Link>)
          </>
        ) : null}{" "}
        and sees it on its portal; vendors not shortlisted were offered a debrief.
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">The shortlist decision for each vendor</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">Vendor</th>
              <th scope="col" className="num">
                Points
              </th>
              <th scope="col">Decision</th>
              <th scope="col">Rationale</th>
            </tr>
          </thead>
          <tbody>
            {vendors.map((vendor) => (
              <tr key={vendor.vendorId}>
                <td className="num">
                  {vendor.rank ?? "—"}
                  {vendor.tied ? "=" : ""}
                </td>
                <th scope="row">{vendor.name}</th>
                <td className="num">{vendor.total === null ? "—" : vendor.total.toFixed(1)}</td>
                <td>
                  {vendor.decision?.outcome === "SHORTLISTED" ? (
                    <Badge tone="shortlist">Shortlisted</Badge>
                  ) : vendor.decision ? (
                    <Badge>Not shortlisted</Badge>
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {vendor.decision?.broughtInAnyway ? (
                    <div>
                      <Badge tone="warning">Brought in below the line</Badge>
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className="pre-line">{vendor.decision?.rationale}</span>
                  {vendor.decision?.broughtInAnyway ? (
                    <p className="small">
                      <strong>Justification:</strong> <span className="pre-line">{vendor.decision.justification}</span>{" "}
                      <span className="muted">— asked for by {vendor.decision.requestedBy}</span>
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
