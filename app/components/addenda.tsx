import { Form } from "@remix-run/react";
import type { AcknowledgementState } from "~/domain/addendum";
import { addendumLabel } from "~/domain/addendum";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import type { getAddendaPage } from "~/models/addendum.server";
import { extendDeadlineSchema, issueAddendumSchema } from "~/schemas/addendum";
import { formatDateTime } from "~/utils/dates";
import { useConfirmedSubmit } from "./confirmed-submit";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

type AddendaPage = Awaited<ReturnType<typeof getAddendaPage>>;
type DateFormat = { timeZone: string; locale?: string };

const ACK_BADGES: Record<AcknowledgementState, { tone: string; label: string }> = {
  ACKNOWLEDGED: { tone: "success", label: "Acknowledged" },
  PENDING: { tone: "warning", label: "Not acknowledged" },
  NOT_BIDDING: { tone: "draft", label: "Declined to bid" },
};

export function AddendumCard({
  addendum,
  format,
  canRemind,
}: {
  addendum: AddendaPage["addenda"][number];
  format: DateFormat;
  canRemind: boolean;
}) {
  const reminding = useIsSubmitting("remind");
  const headingId = `addendum-${addendum.number}`;
  const acknowledged = addendum.vendors.filter((vendor) => vendor.state === "ACKNOWLEDGED").length;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card__title">
        <h2 id={headingId}>
          {addendumLabel(addendum.number)}: {addendum.title}
        </h2>
        <span className="muted small">
          {formatDateTime(addendum.issuedAt, format)} · {addendum.issuedBy.name}
        </span>
      </div>
      <dl className="facts">
        <dt>What changed</dt>
        <dd className="pre-wrap">{addendum.summary}</dd>
        <dt>Why</dt>
        <dd className="pre-wrap">{addendum.reason}</dd>
        <dt>Document</dt>
        <dd>
          {addendum.documentVersion ? (
            `Version ${addendum.documentVersion.number} frozen with this addendum`
          ) : (
            <span className="muted">No change to the document text</span>
          )}
        </dd>
      </dl>
      <div className="card__title card__title--sub">
        <h3>Acknowledgements</h3>
        <span className="muted small">
          {acknowledged} of {addendum.vendors.length} acknowledged
          {addendum.pending > 0 ? ` · ${addendum.pending} pending` : ""}
        </span>
      </div>
      {addendum.vendors.length === 0 ? (
        <p className="muted small">No vendor is invited.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Acknowledgements of {addendumLabel(addendum.number)}</caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col">Acknowledged by</th>
              </tr>
            </thead>
            <tbody>
              {addendum.vendors.map((vendor) => (
                <tr key={vendor.invitationId}>
                  <th scope="row">{vendor.vendorName}</th>
                  <td>
                    <Badge tone={ACK_BADGES[vendor.state].tone}>{ACK_BADGES[vendor.state].label}</Badge>
                  </td>
                  <td>
                    {vendor.acknowledgedAt ? (
                      <>
                        {vendor.acknowledgedBy}
                        <div className="muted small">{formatDateTime(vendor.acknowledgedAt, format)}</div>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRemind ? (
        <Form method="post" className="form-actions">
          <input type="hidden" name="addendumId" value={addendum.id} />
          <Button
            type="submit"
            name="intent"
            value="remind"
            variant="secondary"
            size="small"
            pending={reminding}
            pendingLabel="Sending…"
          >
            Remind {addendum.pending} vendor(s)
            <span className="visually-hidden"> about {addendumLabel(addendum.number)}</span>
          </Button>
          <span className="muted small">Emails every bidder that has not acknowledged yet.</span>
        </Form>
      ) : null}
    </section>
  );
}

export function IssueAddendumForm({
  version,
  nextNumber,
  latestVersion,
  workingCopyChanged,
  changes,
  timelineValues,
  lastResult,
}: {
  version: number;
  nextNumber: number;
  latestVersion: number | null;
  workingCopyChanged: boolean;
  changes: string[];
  timelineValues: Record<string, string>;
  lastResult?: ServerFormResult;
}) {
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: issueAddendumSchema,
    defaultValues: {
      intent: "issue",
      version: String(version),
      title: "",
      summary: changes.map((change) => `- ${change}`).join("\n"),
      reason: "",
      ...timelineValues,
    },
    lastResult,
  });
  const onSubmit = useConfirmedSubmit(
    form,
    () => `Issue ${addendumLabel(nextNumber)} and email every invited vendor? It cannot be withdrawn.`,
  );
  const issuing = useIsSubmitting("issue");
  const timelineError = TIMELINE_FIELDS.some((milestone) => errorFor(milestone.key));
  return (
    <section className="card" aria-labelledby="issue-heading">
      <div className="card__title">
        <h2 id="issue-heading">Issue {addendumLabel(nextNumber)}</h2>
      </div>
      <Form method="post" className="form" noValidate onSubmit={onSubmit}>
        <FormError message={formError} />
        {/* Not registered fields: two forms share these names; the schema reads them from the defaults. */}
        <input type="hidden" name="version" value={version} />
        {workingCopyChanged ? (
          <Alert tone="info">
            The working copy differs from version {latestVersion}: issuing freezes version {(latestVersion ?? 0) + 1},
            which vendors will read.
          </Alert>
        ) : (
          <Alert tone="info">
            The working copy matches version {latestVersion}. Without a timeline change this addendum is text only.
          </Alert>
        )}
        <Field name="title" label="Title" error={errorFor("title")} hint="e.g. “Site list corrected”">
          <input className="input" {...field("title")} />
        </Field>
        <Field
          name="summary"
          label="What changed"
          error={errorFor("summary")}
          hint="Pre-filled from the differences to the last frozen version; say it in words vendors understand."
        >
          <textarea className="textarea" rows={6} {...field("summary")} />
        </Field>
        <Field name="reason" label="Why it changed" error={errorFor("reason")}>
          <textarea className="textarea" rows={3} {...field("reason")} />
        </Field>
        <details open={timelineError}>
          <summary>Change the timeline (optional)</summary>
          <p className="muted small">
            Moving a date is part of the addendum. The proposal deadline can only move later; for a plain extension use
            the form below.
          </p>
          <div className="form">
            {TIMELINE_FIELDS.map((milestone) => (
              <Field key={milestone.key} name={milestone.key} label={milestone.label} error={errorFor(milestone.key)}>
                <input className="input" type="datetime-local" {...field(milestone.key)} />
              </Field>
            ))}
          </div>
        </details>
        <div className="form-actions">
          <Button type="submit" name="intent" value="issue" pending={issuing} pendingLabel="Issuing…">
            Issue {addendumLabel(nextNumber)}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export function ExtendDeadlineForm({
  version,
  timeZone,
  currentDeadline,
  currentValue,
  format,
  lastResult,
}: {
  version: number;
  timeZone: string;
  currentDeadline: Date | string | null;
  currentValue: string;
  format: DateFormat;
  lastResult?: ServerFormResult;
}) {
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: extendDeadlineSchema,
    defaultValues: { intent: "extend", version: String(version), newDeadline: currentValue, extensionReason: "" },
    lastResult,
  });
  const onSubmit = useConfirmedSubmit(
    form,
    () => "Extend the deadline for every vendor? An addendum and an email go to all of them.",
  );
  const extending = useIsSubmitting("extend");
  return (
    <section className="card" aria-labelledby="extend-heading">
      <div className="card__title">
        <h2 id="extend-heading">Extend the proposal deadline</h2>
      </div>
      <Form method="post" className="form" noValidate onSubmit={onSubmit}>
        <FormError message={formError} />
        {/* Not registered fields: two forms share these names; the schema reads them from the defaults. */}
        <input type="hidden" name="version" value={version} />
        <p className="muted small">
          Current deadline: {currentDeadline ? formatDateTime(currentDeadline, format) : "not set"}. The extension
          applies to every vendor and is issued as an addendum.
        </p>
        <Field
          name="newDeadline"
          label="New deadline"
          error={errorFor("newDeadline")}
          hint={`In the RFP's time zone, ${timeZone.replaceAll("_", " ")}.`}
        >
          <input className="input" type="datetime-local" {...field("newDeadline")} />
        </Field>
        <Field
          name="extensionReason"
          label="Reason"
          error={errorFor("extensionReason")}
          hint="Every vendor reads this."
        >
          <textarea className="textarea" rows={3} {...field("extensionReason")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" name="intent" value="extend" pending={extending} pendingLabel="Extending…">
            Extend for all vendors
          </Button>
        </div>
      </Form>
    </section>
  );
}

export function ExtensionList({ extensions, format }: { extensions: AddendaPage["extensions"]; format: DateFormat }) {
  if (extensions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="extensions-heading">
      <div className="card__title">
        <h2 id="extensions-heading">Deadline extensions</h2>
      </div>
      <ol className="activity">
        {extensions.map((extension) => (
          <li key={extension.id}>
            <time dateTime={new Date(extension.grantedAt).toISOString()}>
              {formatDateTime(extension.grantedAt, format)}
            </time>
            <div>
              <strong>{extension.grantedBy.name}</strong> moved the deadline from{" "}
              {formatDateTime(extension.previousDeadline, format)} to {formatDateTime(extension.newDeadline, format)}
              <div className="muted small">{extension.reason}</div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
