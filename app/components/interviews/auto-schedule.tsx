import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
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
  // The "Schedule a vendor" form on the same page has fields of the same names: ids get a prefix.
  const own = (name: string) => ({
    ...field(name),
    id: `auto-${name}`,
    "aria-describedby": `auto-${name}-hint auto-${name}-error`,
  });
  const proposing = useIsSubmitting("propose-schedule");
  const applying = useIsSubmitting("apply-schedule");
  return (
    <div className="stack">
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <div className="form-grid">
          <AutoField name="minutes" label="Interview length (minutes)" error={errorFor("minutes")}>
            <input className="input input--number" type="number" min={MIN_SLOT_MINUTES} step={5} {...own("minutes")} />
          </AutoField>
          <AutoField
            name="bufferMinutes"
            label="Break after each (minutes)"
            hint="For the panel's debrief, straight after each interview"
            error={errorFor("bufferMinutes")}
          >
            <input className="input input--number" type="number" min={0} step={5} {...own("bufferMinutes")} />
          </AutoField>
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
          <AutoField name="location" label="Location (in person)" error={errorFor("location")}>
            <input className="input" {...own("location")} />
          </AutoField>
          <AutoField name="meetingLink" label="Meeting link (virtual)" error={errorFor("meetingLink")}>
            <input className="input" type="url" {...own("meetingLink")} />
          </AutoField>
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
        <section aria-labelledby="proposal-heading" className="form proposal" aria-live="polite">
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

function AutoField({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={`auto-${name}`}>{label}</label>
      {children}
      <span className="field__hint" id={`auto-${name}-hint`}>
        {hint}
      </span>
      <span className="field__error" id={`auto-${name}-error`}>
        {error}
      </span>
    </div>
  );
}
