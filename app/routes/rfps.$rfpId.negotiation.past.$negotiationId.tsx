import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TermStatusBadge } from "~/components/negotiation/terms";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { COMMITMENT_KIND_INFO, DISPOSITION_INFO, RENEWAL_INFO } from "~/domain/negotiation";
import { getPastNegotiation } from "~/models/negotiation.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

/** An earlier negotiation that broke down, kept read-only as a record beside the current one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const past = await getPastNegotiation(rfp.id, params.negotiationId ?? "");
  if (!past) throw notFound("There is no earlier negotiation with this id on this RFP.");
  return { past, timeZone: rfp.timeZone };
}

export default function PastNegotiationPage() {
  const { past, timeZone } = useLoaderData<typeof loader>();
  const format = { timeZone, locale: useRootData()?.locale };
  return (
    <div className="stack">
      <p>
        <Link to="..">Back to the current negotiation</Link>
      </p>
      <Alert tone="warning" title={`The negotiation with ${past.invitation.vendor.name} broke down`}>
        <span className="pre-wrap">{past.breakdownReason}</span>
        <div className="small muted">
          Opened {formatDate(past.openedAt, format)}
          {past.closedAt ? `, closed ${formatDate(past.closedAt, format)}` : ""}. Kept read-only as a record.
        </div>
      </Alert>
      <section className="card" aria-labelledby="past-frame-heading">
        <div className="card__title">
          <h2 id="past-frame-heading">Where it stood</h2>
        </div>
        <dl className="facts">
          <dt>Term</dt>
          <dd>{past.termLengthMonths ? `${past.termLengthMonths} months` : "Not set"}</dd>
          <dt>Renewal</dt>
          <dd>{RENEWAL_INFO[past.renewal]}</dd>
          <dt>Service tier</dt>
          <dd>{past.serviceTier || "None"}</dd>
          <dt>Service levels</dt>
          <dd>
            {past.slaLines.length === 0
              ? "None"
              : past.slaLines.map((line) => `${line.metric}: ${line.target}`).join("; ")}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="past-terms-heading">
        <div className="card__title">
          <h2 id="past-terms-heading">Terms</h2>
        </div>
        <ol className="plain-list stack-tight">
          {past.terms.map((term) => (
            <li key={term.id}>
              <strong>{term.title}</strong> <TermStatusBadge status={term.status} />
              {term.agreedWording ? <div className="small pre-wrap">{term.agreedWording}</div> : null}
              {term.escalationDecision ? (
                <div className="small pre-wrap">Sponsor's decision: {term.escalationDecision}</div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="past-register-heading">
        <div className="card__title">
          <h2 id="past-register-heading">Commitments register</h2>
        </div>
        <ol className="plain-list stack-tight">
          {past.commitments.map((item) => (
            <li key={item.id}>
              <Badge>{COMMITMENT_KIND_INFO[item.kind]}</Badge>{" "}
              <Badge tone={DISPOSITION_INFO[item.disposition].tone}>{DISPOSITION_INFO[item.disposition].label}</Badge>
              <div className="pre-wrap">{item.text}</div>
              {item.obligationWording ? <div className="small">Obligation: {item.obligationWording}</div> : null}
              {item.dropReason ? <div className="small">Dropped: {item.dropReason}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
