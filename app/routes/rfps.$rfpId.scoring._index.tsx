import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DeclarationForm } from "~/components/evaluation/declarations";
import { MySheets } from "~/components/evaluation/my-sheets";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { declarableVendorIds, declareConflicts, getDeclarationForm } from "~/models/conflict.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getMySheets } from "~/models/scoring.server";
import { declarationSchema } from "~/schemas/conflict";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "My evaluation · Shortlist" }];

/** A panel member's own evaluation: conflict declarations first, then one sheet per vendor. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.score");
  const [declarations, sheets] = await Promise.all([getDeclarationForm(user.id, rfp.id), getMySheets(user.id, rfp.id)]);
  return { rfpId: rfp.id, declarations, sheets };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.declare_conflicts");
  const parsed = parseForm(await request.formData(), declarationSchema(await declarableVendorIds(rfp.id)));
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { changed, conflicts } = await declareConflicts(userActor(user), rfp.id, parsed.data, {
      origin: appOrigin(request),
    });
    const message =
      changed === 0
        ? "Your declarations are unchanged."
        : conflicts > 0
          ? `Declarations saved. The lead has been told about ${conflicts === 1 ? "your conflict" : `your ${conflicts} conflicts`}; that proposal stays closed to you until they decide.`
          : "Declarations saved: the proposals are open to you.";
    return redirectWithFlash(`/rfps/${rfp.id}/scoring`, { kind: changed === 0 ? "info" : "success", message });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function MyEvaluationPage() {
  const { rfpId, declarations, sheets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (sheets.closedReason && !declarations.vendors.some((vendor) => vendor.declaration)) {
    return <EmptyState title="Nothing to evaluate yet">{sheets.closedReason}</EmptyState>;
  }
  if (declarations.recusedFromPanel) {
    return (
      <EmptyState title="You are recused from this panel">
        The lead decided on a conflict you declared: you no longer evaluate this RFP. Your declarations stay on record.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <DeclarationForm declarations={declarations} lastResult={actionData} />
      {declarations.complete ? <MySheets rfpId={rfpId} sheets={sheets} /> : null}
    </div>
  );
}
