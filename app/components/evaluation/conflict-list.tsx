import { Form } from "@remix-run/react";
import { CONFLICT_DECISION_INFO, CONFLICT_DECISIONS } from "~/domain/conflict";
import type { listConflicts } from "~/models/conflict.server";
import { useRootData } from "~/root";
import { decideConflictSchema } from "~/schemas/conflict";
import { formatDateTime } from "~/utils/dates";
import { FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "../form";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";

type Conflicts = Awaited<ReturnType<typeof listConflicts>>;
type Conflict = Conflicts["conflicts"][number];

/**
 * Every declaration on the RFP: where each member stands, and each declared conflict with the
 * lead's decision. Listed for the lead and observers; only the lead decides.
 */
export function ConflictList({
  conflicts,
  timeZone,
  canManage,
  lastResult,
}: {
  conflicts: Conflicts;
  timeZone: string;
  canManage: boolean;
  lastResult?: ServerFormResult;
}) {
  const locale = useRootData()?.locale;
  const format = { timeZone, locale };
  const pending = conflicts.conflicts.filter((conflict) => conflict.decision === "PENDING").length;
  return (
    <section className="card" aria-labelledby="conflicts-heading" id="conflicts">
      <div className="card__title">
        <h2 id="conflicts-heading">Conflicts of interest</h2>
        {pending > 0 ? <Badge tone="warning">{pending} waiting for a decision</Badge> : null}
      </div>
      {conflicts.members.length === 0 ? (
        <EmptyState title="No panel yet">
          Add panel members below; each declares before reading any proposal.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Declarations by panel member</caption>
            <thead>
              <tr>
                <th scope="col">Panel member</th>
                <th scope="col" className="num">
                  Not declared
                </th>
                <th scope="col" className="num">
                  No conflict
                </th>
                <th scope="col" className="num">
                  Conflicts
                </th>
                <th scope="col">Last declared</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.name}</th>
                  <td className="num">{member.undeclared}</td>
                  <td className="num">{member.noConflict}</td>
                  <td className="num">{member.conflicts}</td>
                  <td>{member.lastDeclaredAt ? formatDateTime(member.lastDeclaredAt, format) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Declared conflicts</h3>
      {conflicts.conflicts.length === 0 ? (
        <p className="muted">No conflict has been declared.</p>
      ) : (
        <ul className="plain-list stack">
          {conflicts.conflicts.map((conflict) => (
            <li key={conflict.id} className="sheet-response">
              <div className="row">
                <strong>
                  {conflict.memberName} — {conflict.vendorName}
                </strong>
                <Badge tone={conflict.decision === "PENDING" ? "warning" : "draft"}>
                  {CONFLICT_DECISION_INFO[conflict.decision].label}
                </Badge>
                <span className="muted small">declared {formatDateTime(conflict.declaredAt, format)}</span>
              </div>
              <p className="pre-wrap">{conflict.description}</p>
              {conflict.decidedAt ? (
                <p className="small">
                  Decided by {conflict.decidedBy} on {formatDateTime(conflict.decidedAt, format)}
                  {conflict.decisionNote ? (
                    <>
                      : <span className="pre-wrap">{conflict.decisionNote}</span>
                    </>
                  ) : null}
                </p>
              ) : null}
              {canManage ? (
                <DecideForm
                  conflict={conflict}
                  lastResult={lastResult?.values?.declarationId === conflict.id ? lastResult : undefined}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecideForm({ conflict, lastResult }: { conflict: Conflict; lastResult?: ServerFormResult }) {
  const { onSubmit, form, errorFor, formError } = useValidatedForm({
    schema: decideConflictSchema,
    defaultValues: {
      intent: "decide",
      declarationId: conflict.id,
      decision: conflict.decision === "PENDING" ? "" : conflict.decision,
      note: conflict.decisionNote,
    },
    lastResult,
  });
  const deciding = useIsSubmitting("decide");
  const values = lastResult?.values ?? { decision: conflict.decision, note: conflict.decisionNote };
  const noteId = `note-${conflict.id}`;
  const decisionName = `decision-${conflict.id}`;
  const body = (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" name="declarationId" value={conflict.id} />
      <fieldset className="choice-group" aria-describedby={`${decisionName}-error`}>
        <legend>Decision</legend>
        {CONFLICT_DECISIONS.map((decision) => (
          <label key={decision} className="choice" title={CONFLICT_DECISION_INFO[decision].description}>
            <input
              type="radio"
              value={decision}
              defaultChecked={values.decision === decision}
              {...form.register("decision")}
            />
            {CONFLICT_DECISION_INFO[decision].label}
          </label>
        ))}
        <span className="field__error" id={`${decisionName}-error`}>
          {errorFor("decision")}
        </span>
      </fieldset>
      <div className="field">
        <label htmlFor={noteId}>
          Note <span className="field__optional">(required for a mitigation; the member reads it)</span>
        </label>
        <textarea
          className="textarea textarea--short"
          id={noteId}
          rows={2}
          defaultValue={values.note ?? ""}
          aria-invalid={errorFor("note") ? true : undefined}
          aria-describedby={`${noteId}-error`}
          {...form.register("note")}
        />
        <span className="field__error" id={`${noteId}-error`}>
          {errorFor("note")}
        </span>
      </div>
      <div className="form-actions">
        <Button type="submit" name="intent" value="decide" size="small" pending={deciding} pendingLabel="Recording…">
          Record decision
          <span className="visually-hidden">
            {" "}
            on {conflict.memberName}'s conflict with {conflict.vendorName}
          </span>
        </Button>
      </div>
    </Form>
  );
  if (conflict.decision === "PENDING") return body;
  return (
    <details className="small" open={Boolean(lastResult) || undefined}>
      <summary>Change the decision</summary>
      {body}
    </details>
  );
}
