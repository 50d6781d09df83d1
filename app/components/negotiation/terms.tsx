import { Form, Link } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { LEAD_TERM_STATUSES, TERM_STATUS_INFO, type TermStatus } from "~/domain/negotiation";
import { addTermSchema, escalateTermSchema, updateTermSchema } from "~/schemas/contract-term";
import { formatDateTime } from "~/utils/dates";
import { type ActionAnswer, answerFor, describeChanges, formKey, useRowForm } from "./shared";

/** The term-by-term tracker's pieces: one card per term, its edit and escalation forms, its history. */
type Owner = { id: string; name: string; role: string };
type Format = { timeZone: string; locale?: string };
export type TrackedTerm = {
  id: string;
  position: number;
  title: string;
  ourPosition: string;
  vendorPosition: string;
  agreedWording: string;
  status: TermStatus;
  escalationDecision: string | null;
  version: number;
  owner: { id: string; name: string } | null;
  changes: { id: string; changedAt: Date | string; changes: unknown; changedBy: { name: string } | null }[];
};

export const TERM_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  ourPosition: "Our position",
  vendorPosition: "Vendor's position",
  agreedWording: "Agreed wording",
  status: "Status",
  owner: "Owner",
  note: "Note",
  escalationQuestion: "Question for the sponsor",
  escalationDecision: "Sponsor's decision",
};

export function TermStatusBadge({ status }: { status: TermStatus }) {
  const info = TERM_STATUS_INFO[status];
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

/** Which of a term's forms is open (?edit=<id> / ?escalate=<id>); the others are links to open them. */
export type OpenTermForm = { kind: "edit" | "escalate"; termId: string } | null;

export function TermCard({
  term,
  owners,
  editable,
  sponsorName,
  answer,
  format,
  openForm,
}: {
  term: TrackedTerm;
  owners: Owner[];
  editable: boolean;
  sponsorName: string | null;
  answer: ActionAnswer;
  format: Format;
  openForm: OpenTermForm;
}) {
  const headingId = `term-${term.id}-heading`;
  // A long tracker renders each term's forms only when asked for (a 60-term tracker with every form
  // inline was ~450 KB of HTML): links work without JavaScript, and a rejected post reopens its form.
  const editing =
    (openForm?.kind === "edit" && openForm.termId === term.id) ||
    Boolean(answerFor(answer, "update-term", { field: "termId", id: term.id }));
  const escalating =
    term.status === "OPEN" &&
    ((openForm?.kind === "escalate" && openForm.termId === term.id) ||
      Boolean(answerFor(answer, "escalate-term", { field: "termId", id: term.id })));
  return (
    <article className="card term" aria-labelledby={headingId} data-status={term.status}>
      <div className="card__title">
        <h3 id={headingId}>
          <span className="muted">{term.position + 1}.</span> {term.title}
        </h3>
        <TermStatusBadge status={term.status} />
      </div>
      <dl className="facts">
        <dt>Our position</dt>
        <dd className="pre-wrap">{term.ourPosition || <span className="muted">Not written yet</span>}</dd>
        <dt>Vendor's position</dt>
        <dd className="pre-wrap">{term.vendorPosition || <span className="muted">Not known yet</span>}</dd>
        <dt>Agreed wording</dt>
        <dd className="pre-wrap">{term.agreedWording || <span className="muted">None yet</span>}</dd>
        <dt>Owner</dt>
        <dd>{term.owner?.name ?? <span className="muted">Nobody</span>}</dd>
        {term.escalationDecision ? (
          <>
            <dt>Sponsor's decision</dt>
            <dd className="pre-wrap">{term.escalationDecision}</dd>
          </>
        ) : null}
      </dl>
      {term.status === "ESCALATED" ? (
        <p className="small muted">Waiting for {sponsorName ?? "the sponsor"} to decide.</p>
      ) : null}
      {editable ? (
        <div className="row">
          {editing ? (
            <EditTermForm
              key={formKey(term.version, answerFor(answer, "update-term", { field: "termId", id: term.id }))}
              term={term}
              owners={owners}
              answer={answer}
            />
          ) : (
            <Link
              className="button button--secondary button--small"
              to={`?edit=${term.id}#${headingId}`}
              preventScrollReset
            >
              Edit term
            </Link>
          )}
          {term.status !== "OPEN" ? null : escalating ? (
            <EscalateTermForm
              key={`escalate-${formKey(term.version, answerFor(answer, "escalate-term", { field: "termId", id: term.id }))}`}
              term={term}
              sponsorName={sponsorName}
              answer={answer}
            />
          ) : (
            <Link
              className="button button--ghost button--small"
              to={`?escalate=${term.id}#${headingId}`}
              preventScrollReset
            >
              Escalate to the sponsor…
            </Link>
          )}
        </div>
      ) : null}
      <TermHistory term={term} format={format} />
    </article>
  );
}

function EditTermForm({ term, owners, answer }: { term: TrackedTerm; owners: Owner[]; answer: ActionAnswer }) {
  const result = answerFor(answer, "update-term", { field: "termId", id: term.id });
  const { onSubmit, field, id, errorFor, formError } = useRowForm(`term-${term.id}`, {
    schema: updateTermSchema,
    defaultValues: {
      intent: "update-term",
      termId: term.id,
      version: String(term.version),
      title: term.title,
      ourPosition: term.ourPosition,
      vendorPosition: term.vendorPosition,
      agreedWording: term.agreedWording,
      status: term.status,
      ownerId: term.owner?.id ?? "",
      note: "",
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("update-term");
  const statuses: readonly TermStatus[] =
    term.status === "ESCALATED" ? ["ESCALATED", ...LEAD_TERM_STATUSES] : LEAD_TERM_STATUSES;
  return (
    <details className="disclosure" open>
      <summary className="button button--secondary button--small">Edit term</summary>
      <div className="disclosure__body">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("termId")} />
          <input type="hidden" {...field("version")} />
          <Field name={id("title")} label="Title" error={errorFor("title")}>
            <input className="input" {...field("title")} />
          </Field>
          <div className="form-grid">
            <Field name={id("ourPosition")} label="Our position" error={errorFor("ourPosition")}>
              <textarea className="textarea textarea--short" {...field("ourPosition")} />
            </Field>
            <Field name={id("vendorPosition")} label="Vendor's position" error={errorFor("vendorPosition")}>
              <textarea className="textarea textarea--short" {...field("vendorPosition")} />
            </Field>
          </div>
          <Field
            name={id("agreedWording")}
            label="Agreed wording"
            hint="The clause as it will read in the contract; needed to mark the term agreed."
            error={errorFor("agreedWording")}
          >
            <textarea className="textarea textarea--short" {...field("agreedWording")} />
          </Field>
          <div className="form-grid">
            <Field name={id("status")} label="Status" error={errorFor("status")}>
              <select className="select" {...field("status")}>
                {statuses.map((status) => (
                  <option key={status} value={status}>
                    {TERM_STATUS_INFO[status].label}: {TERM_STATUS_INFO[status].description}
                  </option>
                ))}
              </select>
            </Field>
            <Field name={id("ownerId")} label="Owner" error={errorFor("ownerId")}>
              <select className="select" {...field("ownerId")}>
                <option value="">Choose an owner…</option>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field
            name={id("note")}
            label="Note for the history"
            hint="Why it changed; required when dropping the term."
            optional
            error={errorFor("note")}
          >
            <textarea className="textarea textarea--short" {...field("note")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" pending={pending} pendingLabel="Saving…">
              Save term
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}

function EscalateTermForm({
  term,
  sponsorName,
  answer,
}: {
  term: TrackedTerm;
  sponsorName: string | null;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "escalate-term", { field: "termId", id: term.id });
  const { onSubmit, field, id, errorFor, formError } = useRowForm(`escalate-${term.id}`, {
    schema: escalateTermSchema,
    defaultValues: { intent: "escalate-term", termId: term.id, version: String(term.version), question: "" },
    lastResult: result,
  });
  const pending = useIsSubmitting("escalate-term");
  return (
    <details className="disclosure" open>
      <summary className="button button--ghost button--small">Escalate to the sponsor…</summary>
      <div className="disclosure__body">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("termId")} />
          <input type="hidden" {...field("version")} />
          <Field
            name={id("question")}
            label="What should the sponsor decide?"
            hint={
              sponsorName
                ? `${sponsorName} gets an email and finds the term in their queue, with both positions.`
                : "Name the executive sponsor on the overview first."
            }
            error={errorFor("question")}
          >
            <textarea className="textarea textarea--short" {...field("question")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="secondary" pending={pending} pendingLabel="Escalating…">
              Escalate “{term.title}”
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}

export function TermHistory({ term, format }: { term: Pick<TrackedTerm, "id" | "changes">; format: Format }) {
  if (term.changes.length === 0) return null;
  return (
    <details className="disclosure">
      <summary className="small">History ({term.changes.length})</summary>
      <ol className="change-list">
        {term.changes.map((entry) => (
          <li key={entry.id}>
            <div className="small muted">
              {formatDateTime(entry.changedAt, format)} · {entry.changedBy?.name ?? "System"}
            </div>
            <ul className="plain-list small">
              {describeChanges(entry.changes, TERM_FIELD_LABELS).map((change) => (
                <li key={change.field}>
                  <strong>{change.label}:</strong>{" "}
                  {change.before !== null ? (
                    <>
                      <del>{change.before}</del> →{" "}
                    </>
                  ) : null}
                  <span className="pre-wrap">{change.after ?? "(cleared)"}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}

export function AddTermForm({
  negotiationId,
  owners,
  defaultOwnerId,
  answer,
}: {
  negotiationId: string;
  owners: Owner[];
  defaultOwnerId: string;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "add-term");
  const { onSubmit, field, id, errorFor, formError } = useRowForm("new-term", {
    schema: addTermSchema,
    defaultValues: {
      intent: "add-term",
      negotiationId,
      title: "",
      ourPosition: "",
      vendorPosition: "",
      ownerId: defaultOwnerId,
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("add-term");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <input type="hidden" {...field("negotiationId")} />
      <Field
        name={id("title")}
        label="Title"
        hint="The clause heading, e.g. “Data protection”."
        error={errorFor("title")}
      >
        <input className="input" {...field("title")} />
      </Field>
      <div className="form-grid">
        <Field name={id("ourPosition")} label="Our position" optional error={errorFor("ourPosition")}>
          <textarea className="textarea textarea--short" {...field("ourPosition")} />
        </Field>
        <Field name={id("vendorPosition")} label="Vendor's position" optional error={errorFor("vendorPosition")}>
          <textarea className="textarea textarea--short" {...field("vendorPosition")} />
        </Field>
      </div>
      <Field name={id("ownerId")} label="Owner" error={errorFor("ownerId")}>
        <select className="select" {...field("ownerId")}>
          <option value="">Choose an owner…</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Adding…">
          Add term
        </Button>
      </div>
    </Form>
  );
}
