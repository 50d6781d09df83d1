import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PUBLISH_DAYS_MAX, PUBLISH_DAYS_MIN } from "~/domain/interview-publish";
import { useRootData } from "~/root";
import { publishDaysSchema } from "~/schemas/interview-questions";
import { formatDateTime } from "~/utils/dates";

export type Publication =
  | { kind: "PUBLISHED"; at: Date | string }
  | { kind: "SCHEDULED"; dueAt: Date | string }
  | { kind: "DUE"; dueAt: Date | string }
  | { kind: "MISSED" };

/**
 * Publishing to the vendor: when the agenda and questions reach its portal (automatically, a
 * set number of days ahead, or now), and what the vendor answered (attendance, presenters).
 */
export function PublishCard({
  vendorName,
  publication,
  publishDaysBefore,
  questionCount,
  canManage,
  contactEmail,
  confirmation,
  timeZone,
  lastResult,
}: {
  vendorName: string;
  publication: Publication;
  publishDaysBefore: number;
  questionCount: number;
  canManage: boolean;
  contactEmail: string | null;
  confirmation: { at: Date | string; presenters: string } | null;
  timeZone: string;
  lastResult?: ServerFormResult;
}) {
  const locale = useRootData()?.locale;
  const fmt = (at: Date | string) => formatDateTime(at, { timeZone, locale });
  const publishing = useIsSubmitting("publish-now");
  const open = publication.kind === "SCHEDULED" || publication.kind === "DUE";
  return (
    <section className="card" aria-labelledby="publish-heading">
      <div className="card__title">
        <h2 id="publish-heading">Publishing to the vendor</h2>
        <PublicationBadge publication={publication} />
      </div>
      {lastResult?.values?.intent === "publish-now" ? <FormError message={lastResult.fieldErrors?.form} /> : null}
      <p className="small">
        {publication.kind === "PUBLISHED"
          ? `The agenda and questions are in ${vendorName}'s portal since ${fmt(publication.at)}. They can no longer change.`
          : publication.kind === "SCHEDULED"
            ? `The agenda and ${questionCount} questions go to ${vendorName}'s portal automatically on ${fmt(publication.dueAt)} (${publishDaysBefore} days before the interview)${contactEmail ? `, and ${contactEmail} is emailed` : ""}.`
            : publication.kind === "DUE"
              ? `Due since ${fmt(publication.dueAt)}: publishing within a minute.`
              : "The interview started without being published to the vendor."}
      </p>
      {open && canManage ? (
        <div className="publish-card__controls">
          {questionCount === 0 ? (
            <Alert tone="warning">No advance questions are picked yet: the vendor would receive the agenda only.</Alert>
          ) : null}
          <PublishDaysForm
            publishDaysBefore={publishDaysBefore}
            lastResult={lastResult?.values?.intent === "publish-days" ? lastResult : undefined}
          />
          <Form
            method="post"
            onSubmit={(event) => {
              if (
                !window.confirm(
                  `Publish the agenda and ${questionCount} questions to ${vendorName} now? They cannot be changed afterwards.`,
                )
              ) {
                event.preventDefault();
              }
            }}
          >
            <Button type="submit" name="intent" value="publish-now" pending={publishing} pendingLabel="Publishing…">
              Publish now
            </Button>
          </Form>
        </div>
      ) : null}
      <h3 className="small publish-card__answer">Vendor's answer</h3>
      {confirmation ? (
        <div className="plain-list small">
          <p>
            <Badge tone="success">Attendance confirmed</Badge> {fmt(confirmation.at)}
          </p>
          <p>
            <strong>Presenters</strong>
          </p>
          <p className="pre-line">{confirmation.presenters}</p>
        </div>
      ) : (
        <p className="muted small">
          {publication.kind === "PUBLISHED"
            ? `${vendorName} has not confirmed attendance yet.`
            : "The vendor confirms attendance and names its presenters once the interview is published."}
        </p>
      )}
    </section>
  );
}

function PublicationBadge({ publication }: { publication: Publication }) {
  switch (publication.kind) {
    case "PUBLISHED":
      return <Badge tone="success">Published</Badge>;
    case "SCHEDULED":
      return <Badge tone="published">Scheduled</Badge>;
    case "DUE":
      return <Badge tone="warning">Publishing</Badge>;
    case "MISSED":
      return <Badge tone="danger">Not published</Badge>;
  }
}

function PublishDaysForm({
  publishDaysBefore,
  lastResult,
}: {
  publishDaysBefore: number;
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: publishDaysSchema,
    defaultValues: { intent: "publish-days", publishDaysBefore: String(publishDaysBefore) },
    lastResult,
  });
  const saving = useIsSubmitting("publish-days");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <Field
        name="publishDaysBefore"
        label="Days before the interview"
        error={errorFor("publishDaysBefore")}
        hint={`From ${PUBLISH_DAYS_MIN} to ${PUBLISH_DAYS_MAX}. Enough time to prepare, and to book travel.`}
      >
        <input
          className="input input--number input--days"
          type="number"
          inputMode="numeric"
          min={PUBLISH_DAYS_MIN}
          max={PUBLISH_DAYS_MAX}
          {...field("publishDaysBefore")}
        />
      </Field>
      <div className="form-actions">
        <Button type="submit" name="intent" value="publish-days" variant="secondary" pending={saving}>
          Save timing
        </Button>
      </div>
    </Form>
  );
}
