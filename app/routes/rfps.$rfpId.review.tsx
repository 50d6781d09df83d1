import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ExecutiveReviewView } from "~/components/award/executive-review";
import { DraftRecommendationForm, MemoForm, SubmitForm } from "~/components/award/lead-forms";
import { ApprovalHistory, MemoCard, RecommendationStatus } from "~/components/award/recommendation";
import { ReviewBasisNote } from "~/components/award/review-basis";
import { Alert } from "~/components/ui/alert";
import { expectedRunnersUp } from "~/domain/award";
import { userActor } from "~/models/audit.server";
import { createRecommendation, getAwardPage, saveMemo, submitRecommendation } from "~/models/award.server";
import { requireRfpPermission } from "~/models/policy.server";
import { ErrorMessage } from "~/root";
import { reviewSchema } from "~/schemas/award";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Executive review · Shortlist" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_review");
  const page = await getAwardPage(rfp);
  return { ...page, timeZone: rfp.timeZone, canAward: permissions.includes("rfp.award") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const formData = await request.formData();
  // Checkboxes post one approverIds each; the schema reads them as one comma-separated value.
  if (formData.has("approverIds")) formData.set("approverIds", formData.getAll("approverIds").join(","));
  const parsed = parseForm(formData, reviewSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const to = `/rfps/${rfp.id}/review`;
  try {
    switch (parsed.data.intent) {
      case "create":
        await createRecommendation(actor, rfp.id, {
          recommendedId: parsed.data.recommendedId,
          runnerUpId: parsed.data.runnerUpId ?? null,
        });
        return redirectWithFlash(to, { kind: "success", message: "The recommendation is drafted. Review the memo." });
      case "save-memo":
        await saveMemo(actor, rfp.id, parsed.data);
        return redirectWithFlash(to, { kind: "success", message: "Memo saved." });
      case "submit": {
        const { approvers } = await submitRecommendation(actor, rfp.id, { ...parsed.data, origin: appOrigin(request) });
        return redirectWithFlash(to, {
          kind: "success",
          message: `Submitted to ${approvers.map((approver) => approver.name).join(", ")} for approval.`,
        });
      }
    }
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function ReviewPage() {
  const { review, basis, recommendation, executives, canAward, rfp, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.values?.intent === intent ? actionData : undefined);
  const name = (id: string) => ({ id, name: review.names[id] ?? id });
  const firsts = review.tiedFirst.length > 0 ? review.tiedFirst : review.recommendedId ? [review.recommendedId] : [];
  const editable = recommendation && (recommendation.status === "DRAFT" || recommendation.status === "RETURNED");
  const lastRound = recommendation?.approvals.filter((approval) => approval.round === recommendation.round) ?? [];
  return (
    <div className="stack">
      <div className="row no-print">
        <h2 className="spacer">Executive review</h2>
        {recommendation ? <RecommendationStatus status={recommendation.status} /> : null}
        {canAward && recommendation ? <Link to="../award-notices">Award notices</Link> : null}
        <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {recommendation?.status === "RETURNED" && canAward ? (
        <Alert tone="warning" title="Returned by the executives">
          Read their comments under Approvals, revise the memo and resubmit.
        </Alert>
      ) : null}
      {!recommendation && rfp.stage !== "DECISION" ? (
        <Alert tone="info">
          The recommendation is drafted in the decision stage, once every interview has its debriefs.
        </Alert>
      ) : null}
      <ReviewBasisNote basis={basis} status={recommendation?.status ?? null} reader="TEAM" timeZone={timeZone} />
      <ExecutiveReviewView
        review={review}
        recommended={recommendation?.recommended.id ?? review.recommendedId}
        runnerUp={recommendation ? (recommendation.runnerUp?.id ?? null) : review.runnerUpId}
      />
      {!recommendation && canAward && rfp.stage === "DECISION" && firsts.length > 0 ? (
        <DraftRecommendationForm
          firsts={firsts.map(name)}
          seconds={expectedRunnersUp(review, firsts[0] ?? "").map(name)}
          defaults={{
            recommendedId: firsts[0] ?? "",
            runnerUpId: expectedRunnersUp(review, firsts[0] ?? "")[0] ?? "",
          }}
          lastResult={resultFor("create")}
        />
      ) : null}
      {recommendation ? <MemoCard memo={recommendation.memo} /> : null}
      {recommendation && editable && canAward ? (
        <div className="grid grid--main-side">
          <MemoForm
            key={recommendation.version}
            recommendationId={recommendation.id}
            version={recommendation.version}
            memo={recommendation.memo}
            lastResult={resultFor("save-memo")}
          />
          <SubmitForm
            key={`submit-${recommendation.version}`}
            recommendationId={recommendation.id}
            version={recommendation.version}
            executives={executives}
            previousApproverIds={lastRound.map((approval) => approval.approver.id)}
            resubmission={recommendation.status === "RETURNED"}
            lastResult={resultFor("submit")}
          />
        </div>
      ) : null}
      {recommendation ? (
        <ApprovalHistory approvals={recommendation.approvals} timeZone={timeZone} current={recommendation} />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
