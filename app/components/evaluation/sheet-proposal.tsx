import type { getScoreSheet } from "~/models/scoring.server";
import { useRootData } from "~/root";
import { formatMoney } from "~/utils/dates";
import { Commitments, ComplianceAnswerBadge, formatBytes, ServiceTiers } from "../proposal-view";
import { EmptyState } from "../ui/empty-state";

type Sheet = Awaited<ReturnType<typeof getScoreSheet>>;
type Requirement = Sheet["otherRequirements"][number];

/** One requirement and what the vendor answered, as read beside a criterion. */
export function RequirementResponse({ requirement }: { requirement: Requirement }) {
  return (
    <div className="sheet-response">
      <div className="row">
        <span className="mono">{requirement.code}</span>
        <strong>{requirement.text}</strong>
        <ComplianceAnswerBadge answer={requirement.compliance} />
      </div>
      {requirement.evidenceRequested ? (
        <div className="muted small">Evidence requested: {requirement.evidenceRequested}</div>
      ) : null}
      <p className="pre-wrap">{requirement.explanation || <span className="muted">No explanation given.</span>}</p>
    </div>
  );
}

/**
 * The rest of the proposal, for criteria judged from the whole: summary, other requirements,
 * service tiers, commitments, attachments, and prices only if the lead lets the panel see them.
 */
export function ProposalContext({ sheet, rfpId }: { sheet: Sheet; rfpId: string }) {
  const locale = useRootData()?.locale;
  const { proposal } = sheet;
  return (
    <>
      <section className="card" aria-labelledby="summary-heading">
        <div className="card__title">
          <h2 id="summary-heading">The whole proposal</h2>
          <span className="muted small">
            {proposal.termMonths ? `Contract term ${proposal.termMonths} months` : "No contract term given"}
          </span>
        </div>
        <h3>Executive summary</h3>
        <p className="pre-wrap">{proposal.executiveSummary || <span className="muted">None given.</span>}</p>
        {sheet.otherRequirements.length > 0 ? (
          <details>
            <summary>Other requirements and the vendor's answers ({sheet.otherRequirements.length})</summary>
            <div className="stack-tight">
              {sheet.otherRequirements.map((requirement) => (
                <RequirementResponse key={requirement.id} requirement={requirement} />
              ))}
            </div>
          </details>
        ) : null}
        <h3>Attachments</h3>
        {proposal.attachments.length === 0 ? (
          <p className="muted small">The vendor attached no documents.</p>
        ) : (
          <ul className="plain-list">
            {proposal.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a
                  href={`/rfps/${rfpId}/scoring/${sheet.invitationId}/attachments/${attachment.id}`}
                  download={attachment.originalName}
                >
                  {attachment.originalName}
                </a>{" "}
                <span className="muted small">{formatBytes(attachment.sizeBytes, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ServiceTiers tiers={proposal.serviceTiers} />
      <Commitments commitments={proposal.commitments} />
      <section className="card" aria-labelledby="prices-heading">
        <div className="card__title">
          <h2 id="prices-heading">Prices</h2>
        </div>
        {proposal.prices ? (
          <dl className="facts">
            <dt>One-time</dt>
            <dd className="num">{formatMoney(proposal.prices.oneTime, proposal.currency, locale)}</dd>
            <dt>Monthly</dt>
            <dd className="num">{formatMoney(proposal.prices.monthly, proposal.currency, locale)}</dd>
            <dt>Total cost of ownership</dt>
            <dd className="num">
              {proposal.prices.totalCostOfOwnership
                ? formatMoney(proposal.prices.totalCostOfOwnership, proposal.currency, locale)
                : "No term given"}
            </dd>
          </dl>
        ) : (
          <EmptyState title="Prices are evaluated separately">
            Quality is scored without knowing the price; the lead has not made prices visible to the panel.
          </EmptyState>
        )}
      </section>
    </>
  );
}
