import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { addUnavailabilitySchema } from "~/schemas/interview";

export type UnavailabilityRow = { id: string; when: string; note: string; name: string; mine: boolean };

/**
 * Each member marks the times they cannot attend; the scheduler and the automatic proposal work
 * around them. The lead sees everyone's; other members see their own.
 */
export function Unavailability({
  rows,
  showNames,
  canMark,
  timeZone,
  lastResult,
}: {
  rows: UnavailabilityRow[];
  showNames: boolean;
  canMark: boolean;
  timeZone: string;
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: addUnavailabilitySchema,
    defaultValues: { intent: "add-unavailability", from: "", until: "", note: "" },
    lastResult,
  });
  const adding = useIsSubmitting("add-unavailability");
  const removing = useIsSubmitting("remove-unavailability");
  return (
    <div className="unavailability">
      {rows.length === 0 ? (
        <p className="muted small unavailability__list">
          {showNames ? "Nobody has marked unavailable times." : "You have not marked any unavailable times."}
        </p>
      ) : (
        <ul className="plain-list unavailability-list unavailability__list">
          {rows.map((row) => (
            <li key={row.id} className="row unavailability-list__item">
              <span>
                {showNames ? <strong>{row.name}: </strong> : null}
                {row.when}
                {row.note ? <span className="muted"> — {row.note}</span> : null}
              </span>
              {row.mine ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(`Remove your unavailable time ${row.when}?`)) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="unavailabilityId" value={row.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="remove-unavailability"
                    variant="ghost"
                    size="small"
                    pending={removing}
                  >
                    Remove<span className="visually-hidden"> unavailable time {row.when}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canMark ? (
        <Form method="post" className="form unavailability__form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <div className="form-grid">
            <Field name="from" label="Unavailable from" hint={timeZone} error={errorFor("from")}>
              <input className="input" type="datetime-local" {...field("from")} />
            </Field>
            <Field name="until" label="Until" error={errorFor("until")}>
              <input className="input" type="datetime-local" {...field("until")} />
            </Field>
          </div>
          <Field name="note" label="Note" optional error={errorFor("note")} hint="Only you and the lead see it.">
            <input className="input" {...field("note")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" name="intent" value="add-unavailability" variant="secondary" pending={adding}>
              Mark as unavailable
            </Button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
