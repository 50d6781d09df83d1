import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConflictList } from "~/components/evaluation/conflict-list";
import { AddPanelMemberForm, PanelMembers, PricesVisibilityStatus } from "~/components/evaluation/panel";
import { CONFLICT_DECISION_INFO } from "~/domain/conflict";
import { userActor } from "~/models/audit.server";
import { decideConflict, listConflicts } from "~/models/conflict.server";
import { addPanelMember, getPanelSetup, updatePanelMember } from "~/models/panel.server";
import { requireRfpPermission } from "~/models/policy.server";
import { decideConflictSchema } from "~/schemas/conflict";
import { addPanelMemberSchema, panelMemberSchema } from "~/schemas/panel";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Evaluation panel · Shortlist" }];

/** The panel (who scores what), its conflict declarations and the lead's decisions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_panel");
  const [setup, conflicts] = await Promise.all([getPanelSetup(rfp.id), listConflicts(rfp.id)]);
  return {
    rfpId: rfp.id,
    setup,
    conflicts,
    timeZone: rfp.timeZone,
    canManage: permissions.includes("rfp.manage_evaluation"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_evaluation");
  const formData = await request.formData();
  const back = `/rfps/${rfp.id}/panel`;
  const actor = userActor(user);
  switch (formData.get("intent")) {
    case "add": {
      const parsed = parseForm(formData, addPanelMemberSchema);
      if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
      try {
        const member = await addPanelMember(actor, rfp.id, parsed.data);
        return redirectWithFlash(back, {
          kind: "success",
          message: `${member.name} joined the panel and scores every written criterion; narrow that below if needed.`,
        });
      } catch (error) {
        return invalidFromError(error, parsed.values);
      }
    }
    case "member": {
      const parsed = parseForm(formData, panelMemberSchema);
      if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
      try {
        const { name, draftScoresDeleted } = await updatePanelMember(actor, rfp.id, parsed.data);
        const deleted =
          draftScoresDeleted > 0 ? ` ${draftScoresDeleted} draft score(s) on removed criteria were deleted.` : "";
        return redirectWithFlash(back, { kind: "success", message: `${name}'s panel details are saved.${deleted}` });
      } catch (error) {
        return invalidFromError(error, parsed.values);
      }
    }
    case "decide": {
      const parsed = parseForm(formData, decideConflictSchema);
      if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
      try {
        const result = await decideConflict(actor, rfp.id, parsed.data, { origin: appOrigin(request) });
        return redirectWithFlash(`${back}#conflicts`, {
          kind: result.changed ? "success" : "info",
          message: result.changed
            ? `Decision on ${result.memberName}'s conflict with ${result.vendorName}: ${CONFLICT_DECISION_INFO[parsed.data.decision].label.toLowerCase()}. They have been told by email.`
            : "That decision was already recorded.",
        });
      } catch (error) {
        return invalidFromError(error, parsed.values);
      }
    }
    default:
      return invalid({ form: "Unknown action." });
  }
}

export default function PanelPage() {
  const { rfpId, setup, conflicts, timeZone, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intent = actionData?.values?.intent;
  const resultFor = (name: string) => (intent === name ? actionData : undefined);
  return (
    <div className="stack">
      {!intent && actionData?.fieldErrors?.form ? <p className="field__error">{actionData.fieldErrors.form}</p> : null}
      <ConflictList conflicts={conflicts} timeZone={timeZone} canManage={canManage} lastResult={resultFor("decide")} />
      <div className="grid grid--main-side">
        <PanelMembers setup={setup} canManage={canManage} lastResult={resultFor("member")} />
        <div className="stack">
          {canManage ? <AddPanelMemberForm lastResult={resultFor("add")} /> : null}
          <PricesVisibilityStatus setup={setup} rfpId={rfpId} />
        </div>
      </div>
    </div>
  );
}
