import { Link } from "@remix-run/react";
import { panelProgressSentence, whatIsLeft } from "~/domain/sheet";
import type { getMySheets } from "~/models/scoring.server";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/dates";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";
import { EmptyState } from "../ui/empty-state";

type Sheets = Awaited<ReturnType<typeof getMySheets>>;
type Vendor = Sheets["vendors"][number];

/**
 * The member's sheets, one per vendor. Of the rest of the panel only the total is shown ("4 of 9
 * sheets submitted"), never who submitted what: the sealed rule.
 */
export function MySheets({ rfpId, sheets }: { rfpId: string; sheets: Sheets }) {
  const locale = useRootData()?.locale;
  const format = { timeZone: sheets.timeZone, locale };
  return (
    <section className="card" aria-labelledby="sheets-heading">
      <div className="card__title">
        <h2 id="sheets-heading">My score sheets</h2>
        <span className="muted small">
          Panel: {panelProgressSentence(sheets.panel.submitted, sheets.panel.expected)}
        </span>
      </div>
      {sheets.closedReason ? <Alert tone="info">{sheets.closedReason}</Alert> : null}
      <p className="muted">
        You score {sheets.criteria.length === 1 ? "one criterion" : `${sheets.criteria.length} criteria`} for each
        vendor, on your own: nobody sees your scores until you submit and the lead opens consensus, and you see nobody
        else's until then.
      </p>
      {sheets.vendors.length === 0 ? (
        <EmptyState title="No proposals to score">
          No vendor submitted a proposal that is still in the evaluation.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">My sheet</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sheets.vendors.map((vendor) => (
                <tr key={vendor.invitationId}>
                  <th scope="row">{vendor.vendorName}</th>
                  <td>
                    <SheetState vendor={vendor} format={format} />
                  </td>
                  <td className="num">
                    {vendor.access === "open" ? (
                      <Link
                        className={buttonClass(vendor.sheet?.status === "SUBMITTED" ? "secondary" : "primary", "small")}
                        to={`/rfps/${rfpId}/scoring/${vendor.invitationId}`}
                      >
                        {vendor.sheet?.status === "SUBMITTED" ? "View" : vendor.sheet ? "Continue" : "Score"}
                        <span className="visually-hidden"> {vendor.vendorName}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SheetState({ vendor, format }: { vendor: Vendor; format: { timeZone: string; locale?: string } }) {
  if (vendor.access !== "open") return <span className="muted">{vendor.accessMessage}</span>;
  const sheet = vendor.sheet;
  if (!sheet) return <span className="muted">Not started</span>;
  if (sheet.status === "SUBMITTED" && sheet.submittedAt) {
    return (
      <>
        <Badge tone="success">Submitted</Badge>{" "}
        <span className="small">{formatDateTime(sheet.submittedAt, format)}</span>
      </>
    );
  }
  const left = whatIsLeft(sheet.progress);
  return (
    <>
      <Badge tone={sheet.reopenedAt ? "warning" : "draft"}>{sheet.reopenedAt ? "Reopened by the lead" : "Draft"}</Badge>{" "}
      <span className="small">
        {sheet.progress.scored} of {sheet.progress.total} scored{left ? ` · ${left}` : " · ready to submit"}
      </span>
    </>
  );
}
