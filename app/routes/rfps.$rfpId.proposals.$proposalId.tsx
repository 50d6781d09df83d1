import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Commitments,
  formatBytes,
  PriceSchedule,
  RequirementResponses,
  ServiceTiers,
} from "~/components/proposal-view";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { getOpenedProposal } from "~/models/opening.server";
import { requireRfpPermission } from "~/models/policy.server";
import { isPriceEnvelopeOpen } from "~/models/price-evaluation.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Proposal of ${data.proposal.invitation.vendor.name} · Shortlist` : "Proposal · Shortlist" },
];

/** A submitted proposal, read-only; only after the sealed opening (checked in models/opening). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_proposals");
  const [proposal, priceEnvelopeOpen] = await Promise.all([
    getOpenedProposal(rfp.id, params.proposalId ?? ""),
    isPriceEnvelopeOpen(rfp.id),
  ]);
  // Two envelopes: prices stay sealed until the lead fixes the price formula.
  const { prices, ...content } = proposal;
  return { proposal: content, prices: priceEnvelopeOpen ? prices : null, timeZone: rfp.timeZone, rfpId: rfp.id };
}

export default function ProposalPage() {
  const { proposal, prices, timeZone, rfpId } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const { vendor } = proposal.invitation;
  return (
    <div className="stack">
      <div className="row no-print">
        <Link to={`/rfps/${rfpId}/proposals`}>← All proposals</Link>
      </div>
      <section className="card" aria-labelledby="proposal-heading">
        <div className="card__title">
          <h2 id="proposal-heading">Proposal of {vendor.name}</h2>
          <span className="muted small">Read-only</span>
        </div>
        {proposal.invitation.status === "DISQUALIFIED" ? (
          <Alert tone="error" title="Disqualified">
            {proposal.invitation.disqualifiedReason}
          </Alert>
        ) : null}
        <dl className="facts">
          <dt>Submitted</dt>
          <dd>
            {proposal.submittedAt ? formatDateTime(proposal.submittedAt, { timeZone, locale }) : "—"}
            {proposal.submissionCount > 1 ? ` (submission ${proposal.submissionCount})` : ""}
          </dd>
          <dt>Contract term</dt>
          <dd>{proposal.termMonths ? `${proposal.termMonths} months` : <span className="muted">Not given</span>}</dd>
          {vendor.website ? (
            <>
              <dt>Website</dt>
              <dd>{vendor.website}</dd>
            </>
          ) : null}
          <dt>Executive summary</dt>
          <dd className="pre-wrap">{proposal.executiveSummary || <span className="muted">None given</span>}</dd>
        </dl>
      </section>
      <RequirementResponses requirements={proposal.requirements} />
      {prices ? (
        <PriceSchedule proposal={{ ...proposal, prices }} locale={locale} />
      ) : (
        <section className="card" aria-labelledby="prices-heading">
          <div className="card__title">
            <h2 id="prices-heading">Price schedule</h2>
          </div>
          <EmptyState title="Price envelope sealed" action={<Link to={`/rfps/${rfpId}/price`}>Price envelope</Link>}>
            Prices open once the lead fixes the price formula, so the formula cannot be chosen to suit the prices.
          </EmptyState>
        </section>
      )}
      <ServiceTiers tiers={proposal.serviceTiers} />
      <Commitments commitments={proposal.commitments} />
      <section className="card" aria-labelledby="attachments-heading">
        <div className="card__title">
          <h2 id="attachments-heading">Attachments</h2>
        </div>
        {proposal.attachments.length === 0 ? (
          <EmptyState title="No attachments">The vendor attached no documents.</EmptyState>
        ) : (
          <ul className="plain-list">
            {proposal.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={`/rfps/${rfpId}/proposals/${proposal.id}/attachments/${attachment.id}`} download>
                  {attachment.originalName}
                </a>{" "}
                <Badge>{attachment.mimeType}</Badge>{" "}
                <span className="muted small">{formatBytes(attachment.sizeBytes, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
