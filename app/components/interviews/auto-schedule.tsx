import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { autoScheduleSchema, INTERVIEW_MODE_LABELS, INTERVIEW_MODES, MIN_SLOT_MINUTES } from "~/schemas/interview";

export type ProposalView = {
  slots: { invitationId: string; vendorName: string; when: string }[];
  unplaced: { invitationId: string; vendorName: string; reason: string }[];
  fingerprint: string;
  panel: string[];
  experts: string[];
};

/**
 * The lead asks for a whole schedule: the greedy scheduler places each unscheduled vendor at the
 * earliest time the core panel is free (with a break for the debrief). The proposal is shown
 * first; "Apply" schedules all of it at once, after which each interview can be adjusted.
 */
export function AutoSchedule({
  defaults,
  lastResult,
  proposal,
}: {
  defaults: Record<string, string>;
  lastResult?: ServerFormResult;
  proposal: (ProposalView & { values: Record<string, string> }) | null;
}) {
  const { form, onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: autoScheduleSchema,
    defaultValues: defaults,
    lastResult,
  });
  const proposing = useIsSubmitting("propose-schedule");
  const applying = useIsSubmitting("apply-schedule");
  return (
    <div className="stack">
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <div className="form-grid">
          <Field name="minutes" label="Interview length (minutes)" error={errorFor("minutes")}>
            <input
              className="input input--number"
              type="number"
              min={MIN_SLOT_MINUTES}
              step={5}
              {...field("minutes")}
            />
          </Field>
          <Field
            name="bufferMinutes"
            label="Break after each (minutes)"
            hint="For the panel's debrief, straight after each interview"
            error={errorFor("bufferMinutes")}
          >
            <input className="input input--number" type="number" min={0} step={5} {...field("bufferMinutes")} />
          </Field>
        </div>
        <fieldset className="choice-group">
          <legend>Format</legend>
          {INTERVIEW_MODES.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                value={value}
                {...form.register("mode")}
                defaultChecked={defaults.mode === value}
                aria-describedby="auto-mode-error"
              />
              {INTERVIEW_MODE_LABELS[value]}
            </label>
          ))}
          <span className="field__error" id="auto-mode-error">
            {errorFor("mode")}
          </span>
        </fieldset>
        <div className="form-grid">
          <Field name="location" label="Location (in person)" error={errorFor("location")}>
            <input className="input" {...field("location")} />
          </Field>
          <Field name="meetingLink" label="Meeting link (virtual)" error={errorFor("meetingLink")}>
            <input className="input" type="url" {...field("meetingLink")} />
          </Field>
        </div>
        <div className="form-actions">
          <Button
            type="submit"
            name="intent"
            value="propose-schedule"
            variant="secondary"
            pending={proposing}
            pendingLabel="Proposing…"
          >
            Propose a schedule
          </Button>
        </div>
      </Form>

      {proposal ? (
        <section aria-labelledby="proposal-heading" className="stack-tight" aria-live="polite">
          <h3 id="proposal-heading">Proposed schedule</h3>
          <p className="muted small">
            Panel for every interview: {proposal.panel.join(", ") || "nobody"}.
            {proposal.experts.length > 0
              ? ` Experts join the items matching their expertise: ${proposal.experts.join(", ")}.`
              : ""}{" "}
            Nothing is saved until you apply it.
          </p>
          {proposal.slots.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Vendor</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {proposal.slots.map((slot) => (
                    <tr key={slot.invitationId}>
                      <td>{slot.vendorName}</td>
                      <td>{slot.when}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {proposal.unplaced.length > 0 ? (
            <Alert tone="warning" title="Not placed">
              <ul className="plain-list">
                {proposal.unplaced.map((entry) => (
                  <li key={entry.invitationId}>
                    <strong>{entry.vendorName}</strong>: {entry.reason}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {proposal.slots.length > 0 ? (
            <Form method="post">
              {["minutes", "bufferMinutes", "mode", "location", "meetingLink"].map((name) => (
                <input key={name} type="hidden" name={name} value={proposal.values[name] ?? ""} />
              ))}
              <input type="hidden" name="fingerprint" value={proposal.fingerprint} />
              <Button type="submit" name="intent" value="apply-schedule" pending={applying} pendingLabel="Applying…">
                Apply this schedule
              </Button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
