import { COMPLIANCE_ANSWER_LABELS, type VendorAnswer } from "~/domain/compliance";
import type { getOpenedProposal, listProposalStatuses } from "~/models/opening.server";
import { formatDateTime, formatMoney } from "~/utils/dates";
import { Badge } from "./ui/badge";
import { EmptyState } from "./ui/empty-state";

type DateFormat = { timeZone: string; locale?: string };
type VendorStatus = Awaited<ReturnType<typeof listProposalStatuses>>["vendors"][number];
type Proposal = Awaited<ReturnType<typeof getOpenedProposal>>;

/** Where a vendor stands, without anything of what it wrote. */
export function ProposalStatus({ vendor, format }: { vendor: VendorStatus; format: DateFormat }) {
  if (vendor.invitationStatus === "DISQUALIFIED") {
    return (
      <>
        <Badge tone="danger">Disqualified</Badge>
        {vendor.disqualifiedReason ? <div className="muted small">{vendor.disqualifiedReason}</div> : null}
      </>
    );
  }
  if (vendor.proposalStatus === "SUBMITTED" && vendor.submittedAt) {
    return (
      <>
        <Badge tone="success">Submitted</Badge>{" "}
        <span className="small">
          {formatDateTime(vendor.submittedAt, format)}
          {vendor.submissionCount > 1 ? ` (submission ${vendor.submissionCount})` : ""}
        </span>
      </>
    );
  }
  if (vendor.proposalStatus === "WITHDRAWN" && vendor.withdrawnAt) {
    return (
      <>
        <Badge tone="warning">Withdrawn</Badge>{" "}
        <span className="small">{formatDateTime(vendor.withdrawnAt, format)}</span>
      </>
    );
  }
  if (vendor.revoked) return <Badge tone="danger">Link revoked</Badge>;
  if (vendor.invitationStatus === "DECLINED") {
    return (
      <>
        <Badge>Declined to bid</Badge>
        {vendor.declineReason ? <div className="muted small">{vendor.declineReason}</div> : null}
      </>
    );
  }
  if (vendor.invitationStatus === "INTENDS_TO_BID") return <Badge tone="published">Intends to bid</Badge>;
  return <span className="muted">No answer yet</span>;
}

const ANSWER_TONES: Record<Exclude<VendorAnswer, null>, string> = {
  COMPLIES: "success",
  PARTIAL: "warning",
  DOES_NOT_COMPLY: "danger",
};

export function ComplianceAnswerBadge({ answer }: { answer: VendorAnswer }) {
  if (!answer) return <Badge tone="danger">No answer</Badge>;
  return <Badge tone={ANSWER_TONES[answer]}>{COMPLIANCE_ANSWER_LABELS[answer]}</Badge>;
}

export function RequirementResponses({ requirements }: { requirements: Proposal["requirements"] }) {
  return (
    <section className="card" aria-labelledby="responses-heading">
      <div className="card__title">
        <h2 id="responses-heading">Responses to the requirements</h2>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Requirement</th>
              <th scope="col">Answer</th>
              <th scope="col">Explanation</th>
            </tr>
          </thead>
          <tbody>
            {requirements.map((requirement) => (
              <tr key={requirement.id}>
                <th scope="row" className="mono">
                  {requirement.code}
                </th>
                <td>
                  {requirement.text}
                  <div className="muted small">
                    {requirement.kind === "MANDATORY" ? "Mandatory" : "Scored"} · {requirement.section}
                  </div>
                </td>
                <td>
                  <ComplianceAnswerBadge answer={requirement.compliance} />
                </td>
                <td className="pre-wrap">{requirement.explanation || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PriceSchedule({ proposal, locale }: { proposal: Proposal; locale?: string }) {
  const { prices, currency } = proposal;
  const money = (amount: string) => formatMoney(amount, currency, locale);
  return (
    <section className="card" aria-labelledby="prices-heading">
      <div className="card__title">
        <h2 id="prices-heading">Price schedule</h2>
        <span className="muted small">{currency}</span>
      </div>
      {prices.lines.length === 0 ? (
        <EmptyState title="No price lines">The vendor submitted no prices.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col">Unit</th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Line total
                </th>
              </tr>
            </thead>
            <tbody>
              {prices.lines.map((line) => (
                <tr key={line.id}>
                  <td>{line.description}</td>
                  <td>{line.kind === "ONE_TIME" ? "One-time" : "Monthly"}</td>
                  <td className="num">{Number(line.quantity).toLocaleString(locale)}</td>
                  <td>{line.unit}</td>
                  <td className="num">{money(line.unitPrice)}</td>
                  <td className="num">
                    {money(line.lineTotal)}
                    {line.kind === "RECURRING" ? " / month" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  One-time total
                </th>
                <td className="num">{money(prices.oneTime)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5}>
                  Monthly total
                </th>
                <td className="num">{money(prices.monthly)} / month</td>
              </tr>
              <tr>
                <th scope="row" colSpan={5}>
                  Total cost of ownership{prices.termMonths ? ` over ${prices.termMonths} months` : ""}
                </th>
                <td className="num">
                  <strong>{prices.totalCostOfOwnership ? money(prices.totalCostOfOwnership) : "No term given"}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function ServiceTiers({ tiers }: { tiers: Proposal["serviceTiers"] }) {
  return (
    <section className="card" aria-labelledby="tiers-heading">
      <div className="card__title">
        <h2 id="tiers-heading">Service tiers and SLA</h2>
      </div>
      {tiers.length === 0 ? (
        <EmptyState title="No service tiers">The vendor offered no tiers.</EmptyState>
      ) : (
        <div className="stack">
          {tiers.map((tier) => (
            <div key={tier.id}>
              <h3>{tier.name}</h3>
              {tier.description ? <p className="pre-wrap">{tier.description}</p> : null}
              {tier.termsOfService ? (
                <details>
                  <summary>Terms of service</summary>
                  <p className="pre-wrap small">{tier.termsOfService}</p>
                </details>
              ) : null}
              {tier.slaTargets.length > 0 ? (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="visually-hidden">SLA targets of {tier.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Metric</th>
                        <th scope="col">Target</th>
                        <th scope="col">Measured over</th>
                        <th scope="col">Service credit</th>
                      </tr>
                    </thead>
                    <tbody>
                      {tier.slaTargets.map((target) => (
                        <tr key={target.id}>
                          <td>{target.metric}</td>
                          <td>{target.target}</td>
                          <td>{target.measurementWindow || "—"}</td>
                          <td>{target.serviceCredit || "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted small">No SLA targets for this tier.</p>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

const COMMITMENT_GROUPS = [
  { kind: "CLAIM", title: "Claims", empty: "No claims." },
  { kind: "COMMITMENT", title: "Commitments", empty: "No commitments." },
  { kind: "LIMITATION", title: "Known limitations", empty: "No limitations stated." },
] as const;

export function Commitments({ commitments }: { commitments: Proposal["commitments"] }) {
  return (
    <section className="card" aria-labelledby="commitments-heading">
      <div className="card__title">
        <h2 id="commitments-heading">Claims, commitments and limitations</h2>
      </div>
      <div className="grid grid--3">
        {COMMITMENT_GROUPS.map((group) => {
          const items = commitments.filter((commitment) => commitment.kind === group.kind);
          return (
            <div key={group.kind}>
              <h3>{group.title}</h3>
              {items.length === 0 ? (
                <p className="muted small">{group.empty}</p>
              ) : (
                <ul>
                  {items.map((item) => (
                    <li key={item.id} className="pre-wrap">
                      {item.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function formatBytes(bytes: number, locale?: string) {
  const format = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}
