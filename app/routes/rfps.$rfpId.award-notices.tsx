import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { NOTICE_KIND_INFO, type NoticeKind } from "~/domain/award";
import { userActor } from "~/models/audit.server";
import { getNoticesPage, saveNotice } from "~/models/award.server";
import { requireRfpPermission } from "~/models/policy.server";
import { ErrorMessage } from "~/root";
import { noticeSchema } from "~/schemas/award";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Award notices · Shortlist" }];

/** The notices the award sends, drafted from templates; the lead edits them before the final approval. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  return { ...(await getNoticesPage(rfp.id)), timeZone: rfp.timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), noticeSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const notice = await saveNotice(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash(`/rfps/${rfp.id}/award-notices`, {
      kind: "success",
      message: `The notice to ${notice.vendorName} is saved; it is sent when the award is approved.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function AwardNoticesPage() {
  const { recommendation, notices, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!recommendation) {
    return (
      <EmptyState title="No recommendation yet" action={<Link to="../review">Open the executive review</Link>}>
        The notices follow from the recommendation: draft it on the executive review first.
      </EmptyState>
    );
  }
  const sent = recommendation.status === "APPROVED";
  return (
    <div className="stack">
      <div className="row">
        <h2 className="spacer">Award notices</h2>
        <Link to="../review">Back to the executive review</Link>
      </div>
      <p className="muted">
        {sent
          ? "The award was approved and these notices were queued in the outbox."
          : "Each vendor gets one notice when the last executive approves. Edit the text now; it cannot change once sent."}
      </p>
      {notices.map((notice) => (
        <section className="card" key={notice.invitationId} aria-labelledby={`notice-${notice.invitationId}`}>
          <div className="card__title">
            <h3 id={`notice-${notice.invitationId}`}>
              {notice.vendorName} <Badge tone={kindTone(notice.kind)}>{NOTICE_KIND_INFO[notice.kind].label}</Badge>
            </h3>
            <span className="muted small">
              {notice.sentAt
                ? `Queued ${formatDateTime(notice.sentAt, { timeZone })}`
                : notice.contact
                  ? `To ${notice.contact.name} <${notice.contact.email}>${notice.edited ? " · edited" : " · template"}`
                  : "No contact on file: this vendor cannot be emailed"}
            </span>
          </div>
          {sent ? (
            <>
              <p>
                <strong>{notice.subject}</strong>
              </p>
              <p className="pre-line">{notice.bodyText}</p>
            </>
          ) : (
            <NoticeForm
              notice={notice}
              lastResult={actionData?.values?.invitationId === notice.invitationId ? actionData : undefined}
            />
          )}
        </section>
      ))}
    </div>
  );
}

function NoticeForm({
  notice,
  lastResult,
}: {
  notice: { invitationId: string; subject: string; bodyText: string };
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: noticeSchema,
    defaultValues: { intent: "save-notice", ...notice },
    lastResult,
  });
  const pending = useIsSubmitting("save-notice");
  // Several notices on one page: ids carry the invitation so labels and messages stay paired.
  const id = (name: string) => `${name}-${notice.invitationId}`;
  const control = (name: string) => ({
    ...field(name),
    id: id(name),
    "aria-describedby": `${id(name)}-hint ${id(name)}-error`,
  });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <input type="hidden" {...field("invitationId")} />
      <Field name={id("subject")} label="Subject" error={errorFor("subject")}>
        <input className="input" {...control("subject")} />
      </Field>
      <Field name={id("bodyText")} label="Text" error={errorFor("bodyText")}>
        <textarea className="textarea" rows={10} {...control("bodyText")} />
      </Field>
      <div className="form-actions">
        <Button
          type="submit"
          name="intent"
          value="save-notice"
          variant="secondary"
          pending={pending}
          pendingLabel="Saving…"
        >
          Save notice
        </Button>
      </div>
    </Form>
  );
}

function kindTone(kind: NoticeKind) {
  return kind === "INTENT_TO_AWARD" ? "success" : kind === "RESERVE" ? "warning" : undefined;
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
