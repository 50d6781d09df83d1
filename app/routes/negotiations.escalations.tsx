import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { type ActionAnswer, answerFor, formKey, useRowForm } from "~/components/negotiation/shared";
import { TermHistory, TermStatusBadge, type TrackedTerm } from "~/components/negotiation/terms";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ESCALATION_OUTCOME_INFO, ESCALATION_OUTCOMES } from "~/domain/negotiation";
import { userActor } from "~/models/audit.server";
import { decideEscalation, getEscalationQueue } from "~/models/contract-term.server";
import { useRootData } from "~/root";
import { decideEscalationSchema } from "~/schemas/contract-term";
import { requireAccountPermission } from "~/utils/auth.server";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export const meta: MetaFunction = () => [{ title: "Escalated terms · Shortlist" }];

/**
 * The executive sponsor's queue: contract terms escalated to them, with both positions and the
 * question to decide. Executives only; the model shows and accepts only terms of negotiations
 * where this executive is the named sponsor.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccountPermission(request, "negotiation.decide_escalations");
  return getEscalationQueue(user.id);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "negotiation.decide_escalations");
  const parsed = parseForm(await request.formData(), decideEscalationSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const result = await decideEscalation(userActor(user), { ...parsed.data, origin: appOrigin(request) });
    return redirectWithFlash("/negotiations/escalations", {
      kind: "success",
      message:
        result.status === "AGREED"
          ? `“${result.title}” is settled; the lead is told.`
          : `“${result.title}” goes back to the lead with your decision.`,
    });
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

export default function EscalationQueuePage() {
  const { pending, decided } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  return (
    <div className="stack">
      <PageHeader eyebrow="Executive sponsor" title="Escalated contract terms" />
      {pending.length === 0 ? (
        <EmptyState title="Nothing waits for your decision">
          When a lead escalates a contract term in a negotiation you sponsor, it appears here and you get an email.
        </EmptyState>
      ) : (
        pending.map((term) => (
          <EscalatedTerm
            key={term.id}
            term={term}
            answer={answer}
            format={{ timeZone: term.negotiation.rfp.timeZone, locale }}
          />
        ))
      )}
      {decided.length > 0 ? (
        <section className="card" aria-labelledby="decided-heading">
          <div className="card__title">
            <h2 id="decided-heading">Recently decided</h2>
          </div>
          <ul className="plain-list">
            {decided.map((term) => (
              <li key={term.id}>
                <strong>{term.title}</strong> <TermStatusBadge status={term.status} />{" "}
                <span className="muted small">
                  {term.negotiation.rfp.reference} · {term.negotiation.invitation.vendor.name}
                </span>
                <div className="small pre-wrap">{term.escalationDecision}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

type QueuedTerm = TrackedTerm & {
  negotiation: {
    rfp: { id: string; reference: string; title: string; timeZone: string };
    invitation: { vendor: { name: string } };
  };
};

/** The question asked is the newest escalation entry in the term's history. */
function escalationQuestion(term: TrackedTerm) {
  for (const entry of term.changes) {
    const changes = entry.changes as Record<string, { after?: unknown }> | null;
    const question = changes?.escalationQuestion?.after;
    if (typeof question === "string") return question;
  }
  return null;
}

function EscalatedTerm({
  term,
  answer,
  format,
}: {
  term: QueuedTerm;
  answer: ActionAnswer;
  format: { timeZone: string; locale?: string };
}) {
  const headingId = `escalated-${term.id}`;
  const { rfp, invitation } = term.negotiation;
  const question = escalationQuestion(term);
  return (
    <article className="card" aria-labelledby={headingId}>
      <div className="card__title">
        <h2 id={headingId}>{term.title}</h2>
        <span className="muted small">
          <Link to={`/rfps/${rfp.id}`}>
            {rfp.reference} {rfp.title}
          </Link>{" "}
          · negotiation with {invitation.vendor.name}
        </span>
      </div>
      {question ? (
        <blockquote className="quote pre-wrap">
          <strong>To decide:</strong> {question}
        </blockquote>
      ) : null}
      <dl className="facts">
        <dt>Our position</dt>
        <dd className="pre-wrap">{term.ourPosition || "—"}</dd>
        <dt>Vendor's position</dt>
        <dd className="pre-wrap">{term.vendorPosition || "—"}</dd>
        <dt>Wording so far</dt>
        <dd className="pre-wrap">{term.agreedWording || "—"}</dd>
        <dt>Owner</dt>
        <dd>{term.owner?.name ?? "—"}</dd>
      </dl>
      <DecideForm
        key={formKey(term.version, answerFor(answer, "decide-escalation", { field: "termId", id: term.id }))}
        term={term}
        answer={answer}
      />
      <TermHistory term={term} format={format} />
    </article>
  );
}

function DecideForm({ term, answer }: { term: QueuedTerm; answer: ActionAnswer }) {
  const result = answerFor(answer, "decide-escalation", { field: "termId", id: term.id });
  const { onSubmit, field, id, errorFor, formError } = useRowForm(`decide-${term.id}`, {
    schema: decideEscalationSchema,
    defaultValues: {
      intent: "decide-escalation",
      termId: term.id,
      version: String(term.version),
      decision: "",
      outcome: "AGREED",
      agreedWording: term.agreedWording,
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("decide-escalation");
  const { defaultValue: chosenOutcome, ...outcomeProps } = field("outcome");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <input type="hidden" {...field("termId")} />
      <input type="hidden" {...field("version")} />
      <Field
        name={id("decision")}
        label="Your decision"
        hint="Recorded on the term and sent to its owner."
        error={errorFor("decision")}
      >
        <textarea className="textarea textarea--short" {...field("decision")} />
      </Field>
      <fieldset className="choice-group">
        <legend>Outcome</legend>
        {ESCALATION_OUTCOMES.map((outcome) => (
          <label key={outcome} className="choice">
            <input
              type="radio"
              {...outcomeProps}
              id={id(`outcome-${outcome}`)}
              value={outcome}
              defaultChecked={chosenOutcome === outcome}
            />{" "}
            {ESCALATION_OUTCOME_INFO[outcome]}
          </label>
        ))}
        <span className="field__error">{errorFor("outcome")}</span>
      </fieldset>
      <Field
        name={id("agreedWording")}
        label="Agreed wording"
        hint="Needed when the term is settled."
        optional
        error={errorFor("agreedWording")}
      >
        <textarea className="textarea textarea--short" {...field("agreedWording")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" pending={pending} pendingLabel="Recording…">
          Record decision
        </Button>
      </div>
    </Form>
  );
}
