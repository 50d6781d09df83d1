import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { TIMELINE_FIELDS, timelineOf, timelineProgress } from "~/domain/timeline";
import { STAGE_INFO } from "~/domain/workflow";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getRfp, getStageOptions, transitionRfp } from "~/models/rfp.server";
import { useRootData } from "~/root";
import { rfpTransitionSchema } from "~/schemas/rfp";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney, formatRelative } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const rfpId = params.rfpId ?? "";
  const [rfp, transitions] = await Promise.all([
    getRfp(rfpId),
    permissions.includes("rfp.transition") ? getStageOptions(rfpId) : Promise.resolve([]),
  ]);
  return {
    rfp: { ...rfp, budgetAmount: rfp.budgetAmount?.toString() ?? null },
    transitions,
    canEdit: permissions.includes("rfp.edit"),
    now: new Date().toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const rfpId = params.rfpId ?? "";
  await requireRfpPermission(user, rfpId, "rfp.transition");
  const parsed = parseForm(await request.formData(), rfpTransitionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { to } = await transitionRfp(userActor(user), rfpId, {
      to: parsed.data.to,
      reason: parsed.data.reason,
      expectedVersion: parsed.data.version,
      origin: appOrigin(request),
    });
    return redirectWithFlash(`/rfps/${rfpId}`, {
      kind: "success",
      message: to === "CANCELLED" ? "The RFP was cancelled." : `The RFP moved to ${STAGE_INFO[to].label}.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function RfpOverviewPage() {
  const { rfp, transitions, canEdit, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const timeline = timelineOf(rfp);
  const progress = timelineProgress(timeline, new Date(now));
  const fmt = (date: Date) => formatDateTime(date, { timeZone: rfp.timeZone, locale });
  const advance = transitions.find((transition) => transition.to !== "CANCELLED");
  const cancel = transitions.find((transition) => transition.to === "CANCELLED");
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="grid grid--2">
      <div className="stack">
        <section className="card" aria-labelledby="summary-heading">
          <div className="card__title">
            <h2 id="summary-heading">Summary</h2>
            {canEdit && rfp.stage === "DRAFT" ? <Link to="edit">Edit details</Link> : null}
          </div>
          <p>{rfp.summary}</p>
          <dl className="facts">
            <dt>Category</dt>
            <dd>{rfp.category}</dd>
            <dt>Budget</dt>
            <dd>
              {rfp.budgetAmount ? (
                formatMoney(rfp.budgetAmount, rfp.currency, locale)
              ) : (
                <span className="muted">Not set</span>
              )}
            </dd>
            <dt>Time zone</dt>
            <dd>{rfp.timeZone.replaceAll("_", " ")}</dd>
            <dt>Created</dt>
            <dd>
              {fmt(rfp.createdAt)} by {rfp.createdBy.name}
            </dd>
            {rfp.cancelledReason ? (
              <>
                <dt>Cancelled because</dt>
                <dd>{rfp.cancelledReason}</dd>
              </>
            ) : null}
          </dl>
        </section>

        {transitions.length > 0 ? (
          <section className="card" aria-labelledby="next-heading">
            <div className="card__title">
              <h2 id="next-heading">Next step</h2>
            </div>
            <FormError message={errors.form} />
            {errors.to ? <Alert tone="error">{errors.to}</Alert> : null}
            {advance ? (
              <TransitionForm
                version={rfp.version}
                to={advance.to}
                allowed={advance.allowed}
                blockers={advance.blockers}
              />
            ) : null}
            {cancel ? <CancelForm version={rfp.version} error={errors.reason} /> : null}
          </section>
        ) : null}

        {canEdit ? <ReuseCard rfpId={rfp.id} /> : null}
      </div>

      <section className="card" aria-labelledby="timeline-heading">
        <div className="card__title">
          <h2 id="timeline-heading">Timeline</h2>
          <span className="muted small">{rfp.timeZone.replaceAll("_", " ")}</span>
        </div>
        <ol className="timeline">
          {TIMELINE_FIELDS.map((milestone) => {
            const at = timeline[milestone.key];
            const state = !at
              ? "unset"
              : progress.next?.key === milestone.key
                ? "next"
                : at.getTime() <= new Date(now).getTime()
                  ? "past"
                  : "future";
            return (
              <li key={milestone.key} data-state={state}>
                <div>
                  <div className="timeline__label">{milestone.label}</div>
                  <div className="timeline__date">
                    {at ? (
                      <>
                        {fmt(at)} <span className="muted">({formatRelative(at, new Date(now), locale)})</span>
                      </>
                    ) : (
                      <span className="muted">
                        Not set{canEdit && rfp.stage === "DRAFT" ? " — add it under Edit details" : ""}
                      </span>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

/** Start the next purchase from this one. */
function ReuseCard({ rfpId }: { rfpId: string }) {
  return (
    <section className="card no-print" aria-labelledby="reuse-heading">
      <div className="card__title">
        <h2 id="reuse-heading">Reuse</h2>
      </div>
      <p className="muted small">
        Keep this RFP's document, criteria and interview questions as a template, or start a new draft from a copy.
        Vendors and proposals are never copied.
      </p>
      <div className="row">
        <Link to={`/rfps/${rfpId}/save-as-template`} className={buttonClass("secondary", "small")}>
          Save as template
        </Link>
        <Link to={`/rfps/new?from=rfp:${rfpId}`} className={buttonClass("secondary", "small")}>
          Duplicate
        </Link>
      </div>
    </section>
  );
}

function TransitionForm({
  version,
  to,
  allowed,
  blockers,
}: {
  version: number;
  to: keyof typeof STAGE_INFO;
  allowed: boolean;
  blockers: string[];
}) {
  const submitting = useIsSubmitting("transition");
  return (
    <Form method="post" className="form">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="to" value={to} />
      <p>
        <strong>{STAGE_INFO[to].label}:</strong> {STAGE_INFO[to].description}
      </p>
      {allowed ? null : (
        <Alert tone="warning" title={`Before moving to ${STAGE_INFO[to].label}`}>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </Alert>
      )}
      <div className="form-actions">
        <Button
          type="submit"
          name="intent"
          value="transition"
          disabled={!allowed}
          pending={submitting}
          pendingLabel="Moving…"
        >
          {to === "EVALUATION" ? "Open the proposals" : `Move to ${STAGE_INFO[to].label}`}
        </Button>
      </div>
    </Form>
  );
}

function CancelForm({ version, error }: { version: number; error?: string }) {
  const submitting = useIsSubmitting("transition");
  return (
    <details className="no-print" open={Boolean(error)}>
      <summary className={buttonClass("ghost", "small")}>Cancel this RFP…</summary>
      <Form
        method="post"
        className="form"
        onSubmit={(event) => {
          if (!window.confirm("Cancel this RFP? This cannot be undone.")) event.preventDefault();
        }}
      >
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="to" value="CANCELLED" />
        <Field name="reason" label="Reason for cancelling" error={error} hint="Vendors and auditors will read this.">
          <textarea className="textarea" id="reason" name="reason" rows={3} aria-invalid={error ? true : undefined} />
        </Field>
        <div className="form-actions">
          <Button
            type="submit"
            variant="danger"
            name="intent"
            value="transition"
            pending={submitting}
            pendingLabel="Cancelling…"
          >
            Cancel RFP
          </Button>
        </div>
      </Form>
    </details>
  );
}
