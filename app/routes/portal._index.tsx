import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Deadline, useNow } from "~/components/portal/deadline";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { INVITATION_STATUS_INFO, type InvitationStatus, isOpen, vendorNextSteps } from "~/domain/portal";
import { getPortalOverview, setBidIntent } from "~/models/portal.server";
import { useRootData } from "~/root";
import { declineSchema, intentSchema } from "~/schemas/portal";
import { formatDateTime } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { requirePortalVendor } from "~/utils/portal.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const overview = await getPortalOverview(vendor);
  return { overview, vendorName: vendor.vendor.name, now: new Date().toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const parsed = parseForm(await request.formData(), intentSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const input =
      parsed.data.intent === "bid"
        ? { to: "INTENDS_TO_BID" as const }
        : { to: "DECLINED" as const, reason: parsed.data.reason };
    await setBidIntent(vendor, input);
    return redirectWithFlash("/portal", {
      kind: "success",
      message:
        input.to === "DECLINED"
          ? "Thank you for letting the buyer know. You can change your answer until the proposal deadline."
          : "The buyer now knows you intend to bid.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function PortalHomePage() {
  const { overview, vendorName, now: serverNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const now = useNow(serverNow);
  const { rfp } = overview;
  const status = overview.status as InvitationStatus;
  const info = INVITATION_STATUS_INFO[status];
  const steps = vendorNextSteps({
    stage: rfp.stage,
    invitationStatus: status,
    proposalStatus: overview.proposal?.status ?? null,
    questionsDeadline: rfp.questionsDeadline ? new Date(rfp.questionsDeadline) : null,
    proposalDeadline: rfp.proposalDeadline ? new Date(rfp.proposalDeadline) : null,
    unacknowledgedAddenda: overview.unacknowledgedAddenda,
    now,
  });
  const proposalOpen = isOpen({
    stage: rfp.stage,
    deadline: rfp.proposalDeadline ? new Date(rfp.proposalDeadline) : null,
    now: new Date(serverNow),
  });
  const fmt = (date: Date | string) => formatDateTime(date, { timeZone: rfp.timeZone, locale });
  return (
    <>
      <PageHeader
        title={rfp.title}
        eyebrow={
          <span className="row">
            <span className="mono">{rfp.reference}</span>
            <Badge tone={info.tone}>{info.label}</Badge>
          </span>
        }
      >
        <p className="muted">{rfp.summary}</p>
      </PageHeader>
      <div className="stack">
        {overview.unacknowledgedAddenda > 0 ? (
          <Alert tone="warning" title="Addenda to acknowledge">
            The buyer issued{" "}
            {overview.unacknowledgedAddenda === 1 ? "an addendum" : `${overview.unacknowledgedAddenda} addenda`} you
            have not acknowledged yet. <Link to="/portal/rfp#addenda">Read and acknowledge</Link>
          </Alert>
        ) : null}
        <div className="grid grid--main-side portal-home">
          <div className="stack">
            <section className="card" aria-labelledby="standing-heading">
              <div className="card__title">
                <h2 id="standing-heading">Where you stand</h2>
              </div>
              <p>{info.vendorText}</p>
              <dl className="facts">
                <dt>Company</dt>
                <dd>{vendorName}</dd>
                <dt>Your status</dt>
                <dd>
                  <Badge tone={info.tone}>{info.label}</Badge>
                </dd>
                {status === "DECLINED" && overview.declineReason ? (
                  <>
                    <dt>Your reason</dt>
                    <dd>{overview.declineReason}</dd>
                  </>
                ) : null}
                {overview.disqualifiedReason && status === "DISQUALIFIED" ? (
                  <>
                    <dt>Reason</dt>
                    <dd>{overview.disqualifiedReason}</dd>
                  </>
                ) : null}
                <dt>Proposal</dt>
                <dd>
                  <ProposalState proposal={overview.proposal} fmt={fmt} />
                </dd>
                <dt>RFP document</dt>
                <dd>
                  {overview.documentVersion ? (
                    <Link to="/portal/rfp">Version {overview.documentVersion.number}</Link>
                  ) : (
                    <span className="muted">Not published yet</span>
                  )}
                </dd>
              </dl>
              {!proposalOpen ? (
                <Alert tone="info">
                  The proposal period is over
                  {rfp.stage === "EVALUATION" ? ": the buyer is evaluating the proposals" : ""}. This page shows your
                  status as the tender goes on.
                </Alert>
              ) : null}
            </section>

            <section className="card" aria-labelledby="next-heading">
              <div className="card__title">
                <h2 id="next-heading">What to do next</h2>
              </div>
              {steps.length > 0 ? (
                <ol className="next-steps">
                  {steps.map((step) => (
                    <li key={step.text}>
                      <Link to={step.to}>{step.text}</Link>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">
                  Nothing is needed from you right now. The buyer will email you about the next step.
                </p>
              )}
            </section>

            {proposalOpen ? <IntentCard status={status} lastResult={actionData} /> : null}
          </div>

          <section className="card" aria-labelledby="deadlines-heading">
            <div className="card__title">
              <h2 id="deadlines-heading">Deadlines</h2>
              <span className="muted small">{rfp.timeZone.replaceAll("_", " ")} time</span>
            </div>
            <div className="deadlines">
              <Deadline
                label="Clarification questions close"
                at={rfp.questionsDeadline}
                timeZone={rfp.timeZone}
                now={now}
                locale={locale}
              />
              <Deadline
                label="Proposal deadline"
                at={rfp.proposalDeadline}
                timeZone={rfp.timeZone}
                now={now}
                locale={locale}
              />
            </div>
            <p className="muted small">
              Late proposals cannot be accepted. The deadline is checked by the server at the moment you submit.
            </p>
          </section>
        </div>
      </div>
    </>
  );
}

function ProposalState({
  proposal,
  fmt,
}: {
  proposal: {
    status: string;
    submittedAt: Date | string | null;
    withdrawnAt: Date | string | null;
    submissionCount: number;
  } | null;
  fmt: (date: Date | string) => string;
}) {
  if (!proposal) return <span className="muted">Not started</span>;
  if (proposal.status === "SUBMITTED" && proposal.submittedAt) {
    return (
      <>
        <Badge tone="success">Submitted</Badge> {fmt(proposal.submittedAt)}
        {proposal.submissionCount > 1 ? <span className="muted"> (submission {proposal.submissionCount})</span> : null}
      </>
    );
  }
  if (proposal.status === "WITHDRAWN" && proposal.withdrawnAt) {
    return (
      <>
        <Badge tone="warning">Withdrawn</Badge> {fmt(proposal.withdrawnAt)} —{" "}
        <Link to="/portal/proposal">submit again</Link>
      </>
    );
  }
  return (
    <>
      <Badge>Draft</Badge> <Link to="/portal/proposal">Continue the proposal</Link>
    </>
  );
}

type IntentResult = { fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;

function IntentCard({ status, lastResult }: { status: InvitationStatus; lastResult: IntentResult }) {
  const bidding = useIsSubmitting("bid");
  const declining = useIsSubmitting("decline");
  const declineResult = lastResult?.values?.intent === "decline" ? lastResult : undefined;
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: declineSchema,
    defaultValues: { intent: "decline", reason: "" },
    lastResult: declineResult,
  });
  const submit = useSubmit();
  // A missing reason is pointed out first; only a valid decline asks for confirmation.
  const confirmDecline = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => {
      if (window.confirm("Tell the buyer you will not bid? You can change this until the deadline.")) submit(element);
    })(event);
  };
  if (!["INVITED", "INTENDS_TO_BID", "DECLINED"].includes(status)) return null;
  return (
    <section className="card" aria-labelledby="intent-heading" id="intent">
      <div className="card__title">
        <h2 id="intent-heading">Will you bid?</h2>
      </div>
      {!declineResult ? <FormError message={lastResult?.fieldErrors?.form} /> : null}
      {status === "INTENDS_TO_BID" ? <p>You told the buyer you intend to bid.</p> : null}
      {status === "INVITED" || status === "DECLINED" ? (
        <Form method="post" className="form">
          <p className="muted small">
            {status === "DECLINED"
              ? "Changed your mind? You can still bid until the proposal deadline."
              : "Telling the buyer early helps them plan; it does not commit you to submitting."}
          </p>
          <div className="form-actions">
            <Button type="submit" name="intent" value="bid" pending={bidding} pendingLabel="Saving…">
              {status === "DECLINED" ? "We will bid after all" : "We intend to bid"}
            </Button>
          </div>
        </Form>
      ) : null}
      {status !== "DECLINED" ? (
        <details open={Boolean(declineResult)} className="intent-decline">
          <summary className="button button--ghost button--small">We will not bid…</summary>
          <Form method="post" className="form" onSubmit={confirmDecline} noValidate>
            <FormError message={formError} />
            <input type="hidden" {...field("intent")} />
            <Field
              name="reason"
              label="Why not?"
              error={errorFor("reason")}
              hint="For example: outside our service area, capacity, timeline. The buyer reads this."
            >
              <textarea className="textarea" rows={3} {...field("reason")} />
            </Field>
            <div className="form-actions">
              <Button
                type="submit"
                variant="danger"
                name="intent"
                value="decline"
                pending={declining}
                pendingLabel="Sending…"
              >
                Decline to bid
              </Button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
