import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProgressMatrix, RemindForm } from "~/components/evaluation/progress";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getEvaluationProgress, remindPanel, reopenScoreSheet } from "~/models/scoring.server";
import { remindSchema, reopenSheetSchema } from "~/schemas/sheet";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Evaluation progress · Shortlist" }];

/** Who has declared, who has submitted which sheet: never a score (sealed until consensus). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_panel");
  return { progress: await getEvaluationProgress(rfp.id), canManage: permissions.includes("rfp.manage_evaluation") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_evaluation");
  const formData = await request.formData();
  const back = `/rfps/${rfp.id}/progress`;
  const origin = appOrigin(request);
  if (formData.get("intent") === "remind") {
    const parsed = parseForm(formData, remindSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const { reminded, skipped } = await remindPanel(userActor(user), rfp.id, { origin });
      const note = skipped.length > 0 ? ` Not again today: ${skipped.join(", ")} (reminded less than a day ago).` : "";
      return redirectWithFlash(back, {
        kind: "success",
        message: `Reminder emailed to ${reminded.join(", ")}.${note}`,
      });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  }
  const parsed = parseForm(formData, reopenSheetSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { memberName, vendorName } = await reopenScoreSheet(userActor(user), rfp.id, parsed.data, { origin });
    return redirectWithFlash(back, {
      kind: "success",
      message: `${memberName}'s sheet for ${vendorName} is reopened; they have been told why by email.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function ProgressPage() {
  const { progress, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (progress.members.length === 0) {
    return (
      <EmptyState title="No panel yet">
        Add evaluators on the Panel page; their declarations and score sheets are followed here.
      </EmptyState>
    );
  }
  const reopening = actionData?.values?.intent === "reopen" ? actionData : undefined;
  return (
    <div className="stack">
      {canManage ? (
        <RemindForm progress={progress} lastResult={actionData?.values?.intent === "remind" ? actionData : undefined} />
      ) : null}
      <ProgressMatrix progress={progress} canManage={canManage} lastResult={reopening} />
    </div>
  );
}
