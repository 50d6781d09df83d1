import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ExecutiveReviewView } from "~/components/award/executive-review";
import { ApprovalHistory, MemoCard, RecommendationStatus } from "~/components/award/recommendation";
import { ReviewBasisNote } from "~/components/award/review-basis";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { userActor } from "~/models/audit.server";
import { decideApproval, getApproverView } from "~/models/award.server";
import { ErrorMessage } from "~/root";
import { decisionSchema } from "~/schemas/award";
import { requireAccountPermission, requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Approve: ${data.rfp.reference} ${data.rfp.title} · Shortlist` : "Approval · Shortlist" },
];

/** The executive review as a named approver sees it (usually not on the RFP's team), with the decision. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getApproverView(user.id, params.recommendationId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "award.approve");
  const parsed = parseForm(await request.formData(), decisionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { outcome } = await decideApproval(userActor(user), {
      recommendationId: params.recommendationId ?? "",
      round: parsed.data.round,
      decision: parsed.data.decision,
      comment: parsed.data.comment ?? "",
      origin: appOrigin(request),
    });
    const message =
      parsed.data.decision === "RETURNED"
        ? "You returned the recommendation to the lead with your comment."
        : outcome === "APPROVED"
          ? "You approved. Every approver has approved: the award notices are queued and the negotiation is open."
          : "You approved. The award is made once every named approver has approved.";
    return redirectWithFlash("/approvals", { kind: "success", message });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function ApprovalPage() {
  const { rfp, review, basis, recommendation, canDecide } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError, form } = useValidatedForm({
    schema: decisionSchema,
    defaultValues: { intent: "decide", round: String(recommendation.round), decision: "", comment: "" },
    lastResult: actionData,
  });
  const pending = useIsSubmitting("decide");
  return (
    <div className="stack">
      <div className="breadcrumbs no-print">
        <Link to="/approvals">Approvals</Link> / <span className="mono">{rfp.reference}</span>
      </div>
      <PageHeader
        title={rfp.title}
        eyebrow={
          <span className="row">
            <span>Award recommendation, round {recommendation.round}</span>
            <RecommendationStatus status={recommendation.status} />
          </span>
        }
        actions={
          <button
            type="button"
            className="button button--secondary button--small no-print"
            onClick={() => window.print()}
          >
            Print
          </button>
        }
      />
      <ReviewBasisNote basis={basis} status={recommendation.status} reader="APPROVER" timeZone={rfp.timeZone} />
      <ExecutiveReviewView
        review={review}
        recommended={recommendation.recommended.id}
        runnerUp={recommendation.runnerUp?.id ?? null}
      />
      <MemoCard memo={recommendation.memo} />
      {canDecide ? (
        <section className="card no-print" aria-labelledby="decide-heading">
          <div className="card__title">
            <h2 id="decide-heading">Your decision</h2>
          </div>
          <Form method="post" className="form" onSubmit={onSubmit} noValidate>
            <FormError message={formError} />
            <input type="hidden" {...field("intent")} />
            <input type="hidden" {...field("round")} />
            <fieldset className="choice-group" aria-describedby="decision-error">
              <legend>Decision</legend>
              <label className="choice">
                <input type="radio" value="APPROVED" {...form.register("decision")} /> Approve the award
              </label>
              <label className="choice">
                <input type="radio" value="RETURNED" {...form.register("decision")} /> Return to the lead
              </label>
              <span className="field__error" id="decision-error">
                {errorFor("decision")}
              </span>
            </fieldset>
            <Field
              name="comment"
              label="Comment"
              optional
              hint="Required when you return it: say what the lead should change."
              error={errorFor("comment")}
            >
              <textarea className="textarea textarea--short" rows={4} {...field("comment")} />
            </Field>
            <div className="form-actions">
              <Button type="submit" name="intent" value="decide" pending={pending} pendingLabel="Recording…">
                Record decision
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      <ApprovalHistory approvals={recommendation.approvals} timeZone={rfp.timeZone} current={recommendation} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
