import { Form, Link } from "@remix-run/react";
import { useConfirmedSubmit } from "~/components/confirmed-submit";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { breakdownSchema, sponsorSchema } from "~/schemas/negotiation";
import { formatDate } from "~/utils/dates";
import { type ActionAnswer, answerFor } from "./shared";

type Keys = { negotiationId: string; version: number };
type Format = { timeZone: string; locale?: string };

export function SponsorForm({
  keys,
  sponsorId,
  executives,
  answer,
}: {
  keys: Keys;
  sponsorId: string | null;
  executives: { id: string; name: string; email: string }[];
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "set-sponsor");
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: sponsorSchema,
    defaultValues: { intent: "set-sponsor", ...stringKeys(keys), sponsorId: sponsorId ?? "" },
    lastResult: result,
  });
  const saving = useIsSubmitting("set-sponsor");
  if (executives.length === 0) {
    return (
      <EmptyState title="No executive accounts">
        Ask an administrator to create an executive account; the sponsor decides escalated terms.
      </EmptyState>
    );
  }
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <input type="hidden" {...field("negotiationId")} />
      <input type="hidden" {...field("version")} />
      <Field
        name="sponsorId"
        label="Executive sponsor"
        hint="Decides the terms you escalate; above the day-to-day contacts on both sides."
        error={errorFor("sponsorId")}
      >
        <select className="select" {...field("sponsorId")}>
          <option value="">Choose an executive…</option>
          {executives.map((executive) => (
            <option key={executive.id} value={executive.id}>
              {executive.name} ({executive.email})
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={saving} pendingLabel="Saving…">
          {sponsorId ? "Change sponsor" : "Name sponsor"}
        </Button>
      </div>
    </Form>
  );
}

export function BreakdownForm({
  keys,
  vendorName,
  runnerUp,
  answer,
}: {
  keys: Keys;
  vendorName: string;
  runnerUp: { vendorName: string } | null;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "break-down");
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: breakdownSchema,
    defaultValues: { intent: "break-down", ...stringKeys(keys), reason: "" },
    lastResult: result,
  });
  const pending = useIsSubmitting("break-down");
  const onSubmit = useConfirmedSubmit(
    form,
    () =>
      `End the negotiation with ${vendorName} and open one with ${runnerUp?.vendorName}? ${vendorName} is told the negotiation has ended; this cannot be undone.`,
  );
  if (!runnerUp) {
    return (
      <Alert tone="info" title="No runner-up in reserve">
        The approved recommendation names no runner-up (or it has already been negotiated with), so there is nobody to
        fall back to. If the negotiation cannot be saved, cancel the RFP from its overview.
      </Alert>
    );
  }
  return (
    <details className="disclosure" open={Boolean(result)}>
      <summary className="button button--secondary button--small">Negotiation has broken down…</summary>
      <div className="disclosure__body">
        <Form method="post" className="form" noValidate onSubmit={onSubmit}>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("negotiationId")} />
          <input type="hidden" {...field("version")} />
          <p className="small">
            The negotiation with {vendorName} closes (kept read-only on the record) and a new one opens with the
            runner-up, <strong>{runnerUp.vendorName}</strong>, pre-filled from its own proposal.
          </p>
          <Field
            name="reason"
            label="Why did it break down?"
            hint="Kept on the record for the audit; not sent to the vendor."
            error={errorFor("reason")}
          >
            <textarea className="textarea textarea--short" {...field("reason")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="danger" pending={pending} pendingLabel="Falling back…">
              Fall back to {runnerUp.vendorName}
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}

export function PastNegotiations({
  past,
  format,
}: {
  past: {
    id: string;
    openedAt: Date | string;
    closedAt: Date | string | null;
    breakdownReason: string | null;
    invitation: { vendor: { name: string } };
  }[];
  format: Format;
}) {
  if (past.length === 0) return null;
  return (
    <section className="card" aria-labelledby="past-heading">
      <div className="card__title">
        <h2 id="past-heading">Earlier negotiations</h2>
        <span className="muted small">Kept read-only as a record</span>
      </div>
      <ul className="plain-list">
        {past.map((negotiation) => (
          <li key={negotiation.id}>
            <Link to={`past/${negotiation.id}`}>{negotiation.invitation.vendor.name}</Link>{" "}
            <span className="muted small">
              {formatDate(negotiation.openedAt, format)} –{" "}
              {negotiation.closedAt ? formatDate(negotiation.closedAt, format) : "—"} · broke down
            </span>
            {negotiation.breakdownReason ? <div className="small pre-wrap">{negotiation.breakdownReason}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function stringKeys(keys: Keys) {
  return { negotiationId: keys.negotiationId, version: String(keys.version) };
}
