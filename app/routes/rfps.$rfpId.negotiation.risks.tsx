import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { type ActionAnswer, answerFor, formKey, useRowForm } from "~/components/negotiation/shared";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import type { RiskSeverity } from "~/domain/contract-risk";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { decideFlag, getRiskReview, reopenFlag } from "~/models/risk-review.server";
import { useRootData } from "~/root";
import { decideFlagSchema, riskReviewActionSchema } from "~/schemas/risk-review";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const review = await getRiskReview(rfp.id);
  return { review, canEdit: Boolean(review?.editable) && permissions.includes("rfp.award") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), riskReviewActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const input = parsed.data;
  const here = `/rfps/${rfp.id}/negotiation/risks`;
  try {
    if (input.intent === "decide-flag") {
      const flag = await decideFlag(userActor(user), rfp.id, input);
      return redirectWithFlash(here, {
        kind: "success",
        message: `“${flag.title}” is ${input.status === "ACCEPTED" ? "accepted" : "marked resolved"}, with your note.`,
      });
    }
    await reopenFlag(userActor(user), rfp.id, input);
    return redirectWithFlash(here, { kind: "info", message: "The decision is withdrawn; the flag is open again." });
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

const SEVERITY: Record<RiskSeverity, { label: string; tone: string }> = {
  HIGH: { label: "High risk", tone: "danger" },
  MEDIUM: { label: "Medium risk", tone: "warning" },
  LOW: { label: "Low risk", tone: "draft" },
};

type Review = NonNullable<Awaited<ReturnType<typeof getRiskReview>>>;
type Flag = Review["flags"][number];

export default function RiskReviewPage() {
  const { review, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  if (!review) {
    return (
      <EmptyState title="No negotiation yet">
        The risk review runs on the contract terms once a negotiation is open.
      </EmptyState>
    );
  }
  const open = review.flags.filter((flag) => flag.outstanding);
  const settled = review.flags.filter((flag) => !flag.outstanding);
  const format = { timeZone: review.timeZone, locale };
  return (
    <div className="stack">
      <p className="muted">
        The terms as they stand, checked for one-sided clauses. Change the terms (the flag disappears when the rule is
        satisfied), or mark a flag resolved or accepted with a note. Every flag must be dealt with before the contract
        can be marked ready.
      </p>
      {review.flags.length === 0 ? (
        <Alert tone="success" title="No risk flags">
          The terms pass every rule: no automatic renewal lock-in, service levels with credits and measurable targets,
          an exit on chronic failure, terms of service attached.
        </Alert>
      ) : null}
      {open.length > 0 ? (
        <section className="stack" aria-labelledby="open-flags-heading">
          <h2 id="open-flags-heading">To deal with ({open.length})</h2>
          {open.map((flag) => (
            <FlagCard key={flag.key} flag={flag} review={review} canEdit={canEdit} answer={answer} format={format} />
          ))}
        </section>
      ) : null}
      {settled.length > 0 ? (
        <section className="stack" aria-labelledby="settled-flags-heading">
          <h2 id="settled-flags-heading">Resolved or accepted ({settled.length})</h2>
          {settled.map((flag) => (
            <FlagCard key={flag.key} flag={flag} review={review} canEdit={canEdit} answer={answer} format={format} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

function FlagCard({
  flag,
  review,
  canEdit,
  answer,
  format,
}: {
  flag: Flag;
  review: Review;
  canEdit: boolean;
  answer: ActionAnswer;
  format: { timeZone: string; locale?: string };
}) {
  const headingId = `flag-${flag.key}-heading`;
  const severity = SEVERITY[flag.severity];
  return (
    <article className="card flag" aria-labelledby={headingId} data-outstanding={flag.outstanding || undefined}>
      <div className="card__title">
        <h3 id={headingId}>{flag.title}</h3>
        <Badge tone={severity.tone}>{severity.label}</Badge>
      </div>
      <p className="small muted">{flag.subjectLabel}</p>
      <p>{flag.explanation}</p>
      <p>
        <strong>Suggested alternative:</strong> {flag.suggestion}
      </p>
      {flag.decision ? (
        <Alert
          tone={flag.decision.status === "ACCEPTED" ? "info" : "success"}
          title={flag.decision.status === "ACCEPTED" ? "Accepted" : "Resolved"}
        >
          <span className="pre-wrap">{flag.decision.note}</span>
          <div className="small muted">
            {flag.decision.decidedBy.name}, {formatDateTime(flag.decision.decidedAt, format)}
          </div>
        </Alert>
      ) : null}
      {canEdit ? (
        flag.decision ? (
          <ReopenFlagForm key={review.version} flagKey={flag.key} review={review} answer={answer} />
        ) : (
          <DecideFlagForm
            key={formKey(review.version, answerFor(answer, "decide-flag", { field: "flagKey", id: flag.key }))}
            flag={flag}
            review={review}
            answer={answer}
          />
        )
      ) : null}
    </article>
  );
}

function DecideFlagForm({ flag, review, answer }: { flag: Flag; review: Review; answer: ActionAnswer }) {
  const result = answerFor(answer, "decide-flag", { field: "flagKey", id: flag.key });
  const { onSubmit, field, id, errorFor, formError } = useRowForm(`flag-${flag.key.replace(/[^\w-]/g, "_")}`, {
    schema: decideFlagSchema,
    defaultValues: {
      intent: "decide-flag",
      negotiationId: review.id,
      version: String(review.version),
      flagKey: flag.key,
      status: "RESOLVED",
      note: "",
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("decide-flag");
  const { defaultValue: chosen, ...statusProps } = field("status");
  return (
    <details className="disclosure" open={Boolean(result)}>
      <summary className="button button--secondary button--small">Resolve or accept…</summary>
      <div className="disclosure__body">
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("negotiationId")} />
          <input type="hidden" {...field("version")} />
          <input type="hidden" {...field("flagKey")} />
          <fieldset className="choice-group">
            <legend>Decision</legend>
            {(
              [
                ["RESOLVED", "Resolved in the wording"],
                ["ACCEPTED", "Accepted as it is"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  {...statusProps}
                  id={id(`status-${value}`)}
                  value={value}
                  defaultChecked={chosen === value}
                />{" "}
                {label}
              </label>
            ))}
          </fieldset>
          <Field
            name={id("note")}
            label="Note"
            hint="How it was fixed, or why the risk is acceptable. Kept on the record."
            error={errorFor("note")}
          >
            <textarea className="textarea textarea--short" {...field("note")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" pending={pending} pendingLabel="Saving…">
              Save decision
            </Button>
          </div>
        </Form>
      </div>
    </details>
  );
}

function ReopenFlagForm({ flagKey, review, answer }: { flagKey: string; review: Review; answer: ActionAnswer }) {
  const pending = useIsSubmitting("reopen-flag");
  const result = answerFor(answer, "reopen-flag", { field: "flagKey", id: flagKey });
  return (
    <Form method="post" className="form-actions">
      <FormError message={result?.fieldErrors?.form} />
      <input type="hidden" name="negotiationId" value={review.id} />
      <input type="hidden" name="version" value={review.version} />
      <input type="hidden" name="flagKey" value={flagKey} />
      <Button type="submit" name="intent" value="reopen-flag" variant="ghost" pending={pending}>
        Withdraw decision
      </Button>
    </Form>
  );
}
