import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CriteriaTable } from "~/components/criteria-table";
import { CriteriaTreeForm } from "~/components/criteria-tree-form";
import { DocumentStatusBanner, RevealOnMount } from "~/components/document-parts";
import { Alert } from "~/components/ui/alert";
import { userActor } from "~/models/audit.server";
import { getCriteriaTree, replaceCriteriaTree } from "~/models/criteria.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getDocumentStatus } from "~/models/section.server";
import {
  applyCriteriaEdit,
  type CriteriaFormValues,
  criteriaFormValuesFrom,
  criteriaFormValuesFromTree,
  criteriaIntentSchema,
  criteriaTreeSchema,
} from "~/schemas/criteria";
import { requireUser } from "~/utils/auth.server";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrorsFrom } from "~/utils/forms";
import { nestedFormValues } from "~/utils/nested-form";

export const meta: MetaFunction = () => [{ title: "Criteria · Shortlist" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const [tree, status] = await Promise.all([getCriteriaTree(rfp.id), getDocumentStatus(rfp.id, rfp.stage)]);
  return {
    tree,
    values: criteriaFormValuesFromTree(tree.criteria, tree.version),
    status,
    canEdit: permissions.includes("rfp.edit") && status.editable,
  };
}

type CriteriaAnswer = {
  fieldErrors?: Record<string, string>;
  values: CriteriaFormValues;
  conflict?: { version: number; theirs: CriteriaFormValues };
};

const answer = (body: CriteriaAnswer, status: number) => data(body, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.edit");
  const raw = nestedFormValues(await request.formData());
  const values = criteriaFormValuesFrom(raw);
  const intent = criteriaIntentSchema.safeParse(raw.intent);
  if (!intent.success) return answer({ fieldErrors: { form: "Unknown action." }, values }, 400);
  // "Add criterion", "Remove" and "Apply scale" without JavaScript: nothing is saved, the form comes back changed.
  if (intent.data !== "save") return answer({ values: applyCriteriaEdit(values, intent.data) }, 200);

  const parsed = criteriaTreeSchema.safeParse(raw);
  if (!parsed.success) {
    return answer({ fieldErrors: fieldErrorsFrom(parsed.error), values: applyCriteriaEdit(values, "refresh") }, 400);
  }
  try {
    await replaceCriteriaTree(userActor(user), rfp.id, parsed.data);
  } catch (error) {
    if (error instanceof ConflictError) {
      // Nothing is overwritten and nothing typed is lost: both trees are shown, and saving again is deliberate.
      const current = await getCriteriaTree(rfp.id);
      return answer(
        {
          fieldErrors: { form: error.message },
          values: { ...values, version: String(current.version) },
          conflict: { version: current.version, theirs: criteriaFormValuesFromTree(current.criteria, current.version) },
        },
        409,
      );
    }
    if (error instanceof FieldError) return answer({ fieldErrors: { [error.field]: error.message }, values }, 422);
    throw error;
  }
  return redirectWithFlash(`/rfps/${rfp.id}/criteria`, { kind: "success", message: "Criteria saved." });
}

export default function CriteriaPage() {
  const { tree, values, status, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const linkedCodes = Object.fromEntries(tree.criteria.map((criterion) => [criterion.id, criterion.requirementCodes]));
  const conflict = actionData?.conflict ?? null;
  return (
    <div className="stack">
      <DocumentStatusBanner status={status} canEdit={canEdit} />
      <p className="muted">
        Each weight is a percentage of the criterion above it, and every level sums to 100%. Proposals are scored on the
        criteria without sub-criteria, on each criterion's scale; price criteria are scored from the price schedule.
      </p>
      {conflict ? (
        <RevealOnMount>
          <Alert tone="warning" title="Someone else saved the criteria after you opened them">
            <p>
              Your changes were <strong>not</strong> saved and nothing was overwritten. Their saved tree is below; your
              version is still in the form. “Save mine anyway” replaces theirs with yours.
            </p>
            <CriteriaTable criteria={conflict.theirs.criteria} />
          </Alert>
        </RevealOnMount>
      ) : null}
      {canEdit ? (
        <CriteriaTreeForm
          key={`${tree.version}-${conflict?.version ?? ""}-${actionData ? "answer" : "loaded"}`}
          values={actionData?.values ?? values}
          lastResult={actionData}
          linkedCodes={linkedCodes}
          conflict={Boolean(conflict)}
        />
      ) : (
        <CriteriaTable criteria={values.criteria} linkedCodes={linkedCodes} withEffectiveWeights />
      )}
    </div>
  );
}
