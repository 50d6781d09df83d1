import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { BreakdownForm, PastNegotiations, SponsorForm, stringKeys } from "~/components/negotiation/overview";
import { answerFor, NegotiationStatusBadge } from "~/components/negotiation/shared";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { RENEWAL_INFO } from "~/domain/negotiation";
import { userActor } from "~/models/audit.server";
import {
  breakDownNegotiation,
  concludeNegotiation,
  getNegotiationOverview,
  markReady,
  reopenNegotiation,
  setSponsor,
} from "~/models/negotiation.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import type { loader as workspaceLoader } from "~/routes/rfps.$rfpId.negotiation";
import { negotiationOverviewSchema } from "~/schemas/negotiation";
import { requireUser } from "~/utils/auth.server";
import { formatDate, formatMoney } from "~/utils/dates";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const overview = await getNegotiationOverview(rfp.id);
  return {
    ...overview,
    stage: rfp.stage,
    timeZone: rfp.timeZone,
    canEdit: permissions.includes("rfp.award") && rfp.stage === "NEGOTIATION",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), negotiationOverviewSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const input = parsed.data;
  const here = `/rfps/${rfp.id}/negotiation`;
  try {
    switch (input.intent) {
      case "set-sponsor": {
        const sponsor = await setSponsor(actor, rfp.id, { ...input, origin: appOrigin(request) });
        return redirectWithFlash(here, { kind: "success", message: `${sponsor.name} is the executive sponsor.` });
      }
      case "mark-ready":
        await markReady(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: "The contract is marked ready to conclude." });
      case "reopen":
        await reopenNegotiation(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "info", message: "The negotiation is open for changes again." });
      case "conclude":
        await concludeNegotiation(actor, rfp.id, { ...input, origin: appOrigin(request) });
        return redirectWithFlash(here, {
          kind: "success",
          message: "The negotiation is concluded and the RFP is awarded. Vendor links have expired.",
        });
      case "break-down": {
        const fallback = await breakDownNegotiation(actor, rfp.id, input);
        return redirectWithFlash(here, {
          kind: "success",
          message: `The negotiation is closed; a new one is open with ${fallback.vendorName}.`,
        });
      }
    }
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

export default function NegotiationOverviewPage() {
  const data = useLoaderData<typeof loader>();
  // What is still outstanding comes from the workspace layout, which computes readiness for its
  // tabs on every page anyway (computing it here too would do it twice per request).
  const header = useRouteLoaderData<typeof workspaceLoader>("routes/rfps.$rfpId.negotiation");
  const blockers = header?.negotiation?.blockers ?? [];
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const format = { timeZone: data.timeZone, locale };
  const { negotiation } = data;
  if (!negotiation) {
    return (
      <>
        <EmptyState title="No negotiation yet">
          {data.stage === "AWARDED" || data.stage === "CANCELLED"
            ? "This RFP closed without a contract negotiation on record."
            : "The negotiation with the winner opens, pre-filled from its proposal, once the executives approve the award."}
        </EmptyState>
        <PastNegotiations past={data.past} format={format} />
      </>
    );
  }
  const keys = { negotiationId: negotiation.id, version: negotiation.version };
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, negotiation.currency, locale));
  const canEdit = data.canEdit && (negotiation.status === "OPEN" || negotiation.status === "READY");
  const statusAnswer = answerFor(answer, "mark-ready") ?? answerFor(answer, "reopen") ?? answerFor(answer, "conclude");
  return (
    <div className="grid grid--main-side">
      <div className="stack">
        <section className="card" aria-labelledby="readiness-heading">
          <div className="card__title">
            <h2 id="readiness-heading">{negotiation.status === "CONCLUDED" ? "Close-out" : "Ready to conclude?"}</h2>
            <NegotiationStatusBadge status={negotiation.status} />
          </div>
          <FormError message={statusAnswer?.fieldErrors?.form} />
          {negotiation.status === "CONCLUDED" ? (
            <Alert tone="success" title="Concluded">
              The contract was concluded
              {negotiation.closedAt ? ` on ${formatDate(negotiation.closedAt, format)}` : ""} and the RFP awarded to{" "}
              {negotiation.invitation.vendor.name}. Every vendor link has expired.
            </Alert>
          ) : blockers.length === 0 ? (
            <Alert tone="success">
              Every risk flag is resolved or accepted, every term is agreed or dropped, and every promise in the
              commitments register is decided.
            </Alert>
          ) : (
            <Alert tone="warning" title="Still outstanding">
              <ul>
                {blockers.map((blocker) => (
                  <li key={blocker}>{blocker}</li>
                ))}
              </ul>
            </Alert>
          )}
          {canEdit ? (
            <StatusActions keys={keys} status={negotiation.status} vendor={negotiation.invitation.vendor.name} />
          ) : null}
        </section>

        <section className="card" aria-labelledby="glance-heading">
          <div className="card__title">
            <h2 id="glance-heading">The contract at a glance</h2>
            <Link to="contract">Term and prices</Link>
          </div>
          <dl className="facts">
            <dt>Vendor</dt>
            <dd>{negotiation.invitation.vendor.name}</dd>
            <dt>Term</dt>
            <dd>
              {negotiation.termLengthMonths ? `${negotiation.termLengthMonths} months` : "Not set"}
              {negotiation.startDate ? `, from ${formatDate(negotiation.startDate, format)}` : ""}
            </dd>
            <dt>Renewal</dt>
            <dd>{RENEWAL_INFO[negotiation.renewal]}</dd>
            <dt>Service tier</dt>
            <dd>{negotiation.serviceTier || "None chosen"}</dd>
            <dt>Monthly charges</dt>
            <dd>{money(negotiation.totals.monthly)}</dd>
            <dt>Total cost of ownership</dt>
            <dd>
              <strong>{money(negotiation.totals.total)}</strong>
              {negotiation.totals.total === null ? <span className="muted small"> (set the term)</span> : null}
            </dd>
            <dt>Opened</dt>
            <dd>{formatDate(negotiation.openedAt, format)}</dd>
          </dl>
        </section>
        <PastNegotiations past={data.past} format={format} />
      </div>

      <div className="stack">
        <section className="card" aria-labelledby="sponsor-heading">
          <div className="card__title">
            <h2 id="sponsor-heading">Sponsor</h2>
          </div>
          {negotiation.sponsor ? (
            <p>
              <strong>{negotiation.sponsor.name}</strong>{" "}
              <span className="muted small">{negotiation.sponsor.email}</span>
            </p>
          ) : (
            <p className="muted">No sponsor yet: name one before escalating a term.</p>
          )}
          {canEdit ? (
            <SponsorForm
              key={negotiation.version}
              keys={keys}
              sponsorId={negotiation.sponsor?.id ?? null}
              executives={data.executives}
              answer={answer}
            />
          ) : null}
        </section>
        {canEdit ? (
          <section className="card" aria-labelledby="fallback-heading">
            <div className="card__title">
              <h2 id="fallback-heading">Fallback</h2>
            </div>
            <BreakdownForm
              key={negotiation.version}
              keys={keys}
              vendorName={negotiation.invitation.vendor.name}
              runnerUp={data.runnerUp}
              answer={answer}
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}

function StatusActions({
  keys,
  status,
  vendor,
}: {
  keys: { negotiationId: string; version: number };
  status: string;
  vendor: string;
}) {
  const pending = useIsSubmitting();
  const hidden = stringKeys(keys);
  return (
    <Form
      method="post"
      className="form-actions"
      onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (
          submitter?.value === "conclude" &&
          !window.confirm(
            `Conclude the contract with ${vendor} on the agreed terms? The RFP becomes awarded and every vendor's portal link stops working.`,
          )
        ) {
          event.preventDefault();
        }
      }}
    >
      <input type="hidden" name="negotiationId" value={hidden.negotiationId} />
      <input type="hidden" name="version" value={hidden.version} />
      {status === "OPEN" ? (
        <Button type="submit" name="intent" value="mark-ready" pending={pending} pendingLabel="Checking…">
          Mark the contract ready
        </Button>
      ) : (
        <>
          <Button type="submit" name="intent" value="conclude" pending={pending} pendingLabel="Concluding…">
            Conclude the negotiation
          </Button>
          <Button type="submit" name="intent" value="reopen" variant="secondary" pending={pending}>
            Reopen for changes
          </Button>
        </>
      )}
    </Form>
  );
}
