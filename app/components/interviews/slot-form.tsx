import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { RFP_ROLE_INFO, type RfpRole } from "~/domain/policy";
import {
  ATTENDANCE_CHOICES,
  ATTENDANCE_LABELS,
  createInterviewSchema,
  INTERVIEW_MODE_LABELS,
  INTERVIEW_MODES,
  MAX_SLOT_MINUTES,
  MIN_SLOT_MINUTES,
  updateInterviewSchema,
} from "~/schemas/interview";

export type SlotPanelMember = { id: string; name: string; role: RfpRole; expertise: string[] };

/**
 * One interview's slot: when (wall clock in the RFP's time zone), how long, where, the vendor's
 * travel, and who attends. Used to schedule a vendor and to move an interview.
 */
export function SlotForm({
  intent,
  vendors,
  panel,
  defaults,
  lastResult,
  timeZone,
  submitLabel,
}: {
  intent: "create-interview" | "update-interview";
  /** Shortlisted vendors without an interview (create only). */
  vendors?: { id: string; vendorName: string }[];
  panel: SlotPanelMember[];
  defaults: Record<string, string>;
  lastResult?: ServerFormResult;
  timeZone: string;
  submitLabel: string;
}) {
  const schema = intent === "create-interview" ? createInterviewSchema : updateInterviewSchema;
  const { form, onSubmit, field, errorFor, formError } = useValidatedForm({
    schema,
    defaultValues: defaults,
    lastResult,
  });
  const saving = useIsSubmitting(intent);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      {intent === "update-interview" ? <input type="hidden" {...field("version")} /> : null}
      {vendors ? (
        <Field name="invitationId" label="Vendor" error={errorFor("invitationId")}>
          <select className="select" {...field("invitationId")}>
            <option value="">Choose a shortlisted vendor…</option>
            {vendors.map((vendor) => (
              <option key={vendor.id} value={vendor.id}>
                {vendor.vendorName}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="form-grid">
        <Field name="date" label="Date" error={errorFor("date")}>
          <input className="input" type="date" {...field("date")} />
        </Field>
        <Field name="start" label="Starts at" hint={timeZone} error={errorFor("start")}>
          <input className="input" type="time" step={300} {...field("start")} />
        </Field>
        <Field
          name="minutes"
          label="Length (minutes)"
          hint={`Between ${MIN_SLOT_MINUTES} and ${MAX_SLOT_MINUTES} minutes`}
          error={errorFor("minutes")}
        >
          <input
            className="input input--number"
            type="number"
            inputMode="numeric"
            min={MIN_SLOT_MINUTES}
            max={MAX_SLOT_MINUTES}
            step={5}
            {...field("minutes")}
          />
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
              aria-describedby="mode-error"
            />
            {INTERVIEW_MODE_LABELS[value]}
          </label>
        ))}
        <span className="field__error" id="mode-error">
          {errorFor("mode")}
        </span>
      </fieldset>
      <div className="form-grid">
        <Field name="location" label="Location (in person)" error={errorFor("location")} hint="Address and room">
          <input className="input" {...field("location")} />
        </Field>
        <Field name="meetingLink" label="Meeting link (virtual)" error={errorFor("meetingLink")}>
          <input className="input" type="url" inputMode="url" {...field("meetingLink")} />
        </Field>
      </div>
      <Field
        name="travelNote"
        label="Vendor's travel"
        optional
        error={errorFor("travelNote")}
        hint="Vendors pay their own way here. If the trip is long or costly, consider offering a virtual interview."
      >
        <textarea className="textarea textarea--short" rows={2} {...field("travelNote")} />
      </Field>
      <fieldset className="form-section">
        <legend>Who attends</legend>
        <p className="muted small">
          Panel members sit through the whole interview; experts join only the agenda items that need their expertise.
        </p>
        <div className="attendance-list">
          {panel.map((member) => (
            <div key={member.id} className="attendance-list__row">
              <label htmlFor={`attendance.${member.id}`} className="attendance-list__name">
                {member.name}
                <span className="muted small">
                  {" "}
                  · {RFP_ROLE_INFO[member.role].label}
                  {member.expertise.length > 0 ? ` · ${member.expertise.join(", ")}` : ""}
                </span>
              </label>
              <select className="select attendance-list__choice" {...field(`attendance.${member.id}`)}>
                {ATTENDANCE_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {ATTENDANCE_LABELS[choice]}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <span className="field__error" id="attendance-error" role={errorFor("attendance") ? "alert" : undefined}>
          {errorFor("attendance")}
        </span>
      </fieldset>
      <div className="form-actions">
        <Button
          type="submit"
          name="intent"
          value={intent}
          pending={saving}
          pendingLabel="Checking the panel's diaries…"
        >
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
