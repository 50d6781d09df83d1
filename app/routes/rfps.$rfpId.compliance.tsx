import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ComplianceMatrix, DisqualifyForm } from "~/components/compliance";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { disqualifyVendor, getComplianceMatrix, saveScreening } from "~/models/compliance.server";
import { requireRfpPermission } from "~/models/policy.server";
import { disqualifySchema, screeningSchema } from "~/schemas/compliance";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.screen_compliance");
  return { matrix: await getComplianceMatrix(rfp.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.screen_compliance");
  const formData = await request.formData();
  const back = `/rfps/${rfp.id}/compliance`;
  if (formData.get("intent") === "disqualify") {
    const parsed = parseForm(formData, disqualifySchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      const { vendorName } = await disqualifyVendor(
        userActor(user),
        rfp.id,
        parsed.data.invitationId,
        parsed.data.reason,
      );
      return redirectWithFlash(back, {
        kind: "success",
        message: `${vendorName} was disqualified and informed by email.`,
      });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
  }
  const parsed = parseForm(formData, screeningSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { changed } = await saveScreening(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash(back, {
      kind: changed > 0 ? "success" : "info",
      message: changed > 0 ? `Screening saved: ${changed} decision(s) recorded.` : "Nothing changed in the screening.",
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function CompliancePage() {
  const { matrix } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!matrix) {
    return (
      <EmptyState title="Screening starts after the opening">
        Once the proposal deadline has passed and the proposals are opened, every submitted proposal is checked here
        against each mandatory requirement.
      </EmptyState>
    );
  }
  const editable = matrix.rfp.stage === "EVALUATION";
  const disqualifying = actionData?.values?.intent === "disqualify";
  return (
    <div className="stack">
      {matrix.vendors.length === 0 || matrix.requirements.length === 0 ? (
        <EmptyState title="Nothing to screen">
          {matrix.requirements.length === 0 ? "The RFP has no mandatory requirements." : "No proposal was submitted."}
        </EmptyState>
      ) : (
        <ComplianceMatrix matrix={matrix} editable={editable} lastResult={disqualifying ? undefined : actionData} />
      )}
      {editable ? (
        <DisqualifyForm vendors={matrix.vendors} lastResult={disqualifying ? actionData : undefined} />
      ) : null}
    </div>
  );
}
