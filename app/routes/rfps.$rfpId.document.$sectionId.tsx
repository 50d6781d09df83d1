import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DocumentStatusBanner } from "~/components/document-parts";
import { Markdown } from "~/components/markdown";
import { RequirementForm, RequirementsEditorTable } from "~/components/requirement-editor";
import { SectionTextForm } from "~/components/section-text-form";
import { linkableCriteria } from "~/domain/authoring";
import { CRITERION_STAGE_INFO } from "~/domain/criteria";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import {
  addRequirement,
  deleteRequirement,
  listCriteriaForLinking,
  moveRequirement,
  requirementFingerprint,
  updateRequirement,
} from "~/models/requirement.server";
import { getDocumentStatus, getSection, updateSection } from "~/models/section.server";
import { sectionActionSchema } from "~/schemas/document";
import { requireUser } from "~/utils/auth.server";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.section.title} · Document · Shortlist` : "Section · Shortlist" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const [section, status, criteria] = await Promise.all([
    getSection(rfp.id, params.sectionId ?? ""),
    getDocumentStatus(rfp.id, rfp.stage),
    listCriteriaForLinking(rfp.id),
  ]);
  if (!section) throw notFound("This section does not exist (it may have been deleted).");
  const requirements = section.requirements.map((requirement) => ({
    ...requirement,
    fingerprint: requirementFingerprint(requirement),
  }));
  const editId = new URL(request.url).searchParams.get("edit");
  return {
    rfpId: rfp.id,
    section: { ...section, requirements },
    status,
    canEdit: permissions.includes("rfp.edit") && status.editable,
    editing: requirements.find((requirement) => requirement.id === editId) ?? null,
    criteria: linkableCriteria(criteria).map((criterion) => ({
      id: criterion.id,
      label: `${criterion.outline} ${criterion.name} — ${CRITERION_STAGE_INFO[criterion.stage].label.toLowerCase()}, ${criterion.effectiveWeight}% of the total`,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.edit");
  const sectionId = params.sectionId ?? "";
  const parsed = parseForm(await request.formData(), sectionActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const here = `/rfps/${rfp.id}/document/${sectionId}`;
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "save-section":
        await updateSection(actor, rfp.id, sectionId, input.version, { title: input.title, body: input.body });
        return redirectWithFlash(here, { kind: "success", message: "Section saved." });
      case "add-requirement": {
        const requirement = await addRequirement(actor, rfp.id, sectionId, input);
        return redirectWithFlash(`${here}#requirements`, { kind: "success", message: `${requirement.code} added.` });
      }
      case "update-requirement": {
        const requirement = await updateRequirement(actor, rfp.id, input.requirementId, input.fingerprint, input);
        return redirectWithFlash(`${here}#requirements`, { kind: "success", message: `${requirement.code} saved.` });
      }
      case "delete-requirement": {
        const requirement = await deleteRequirement(actor, rfp.id, input.requirementId);
        return redirectWithFlash(`${here}#requirements`, {
          kind: "success",
          message: `${requirement.code} deleted; its code will not be used again.`,
        });
      }
      case "move-requirement": {
        const requirement = await moveRequirement(actor, rfp.id, input.requirementId, input.direction);
        return redirectWithFlash(here, { kind: "info", message: `${requirement.code} moved ${input.direction}.` });
      }
    }
  } catch (error) {
    if (error instanceof ConflictError) return conflictAnswer(rfp.id, sectionId, input, parsed.values);
    return invalidFromError(error, parsed.values);
  }
}

/**
 * Nothing is overwritten and nothing typed is lost: the answer carries the user's values, the
 * other person's saved version, and the version to save against if they still want theirs in.
 */
async function conflictAnswer(
  rfpId: string,
  sectionId: string,
  input: { intent: string; requirementId?: string },
  values: Record<string, string>,
) {
  const section = await getSection(rfpId, sectionId);
  if (!section) return invalid({ form: "This section was deleted by someone else." }, values, { status: 409 });
  if (input.intent === "save-section") {
    return data(
      {
        fieldErrors: {
          form: "Someone else saved this section after you opened it, so your changes were not saved. Compare both versions; saving again replaces theirs with yours.",
        },
        values: withValue(values, "version", String(section.version)),
        sectionConflict: { version: section.version, theirs: { title: section.title, body: section.body } },
      },
      { status: 409 },
    );
  }
  const current = section.requirements.find((requirement) => requirement.id === input.requirementId);
  if (!current) return invalid({ form: "This requirement was deleted by someone else." }, values, { status: 409 });
  return data(
    {
      fieldErrors: { form: `Someone else changed ${current.code} after you opened it.` },
      values: withValue(values, "fingerprint", requirementFingerprint(current)),
      requirementConflict: {
        code: current.code,
        theirs: {
          text: current.text,
          kind: current.kind,
          criterion: current.criterion?.name ?? null,
          evidenceRequested: current.evidenceRequested,
        },
      },
    },
    { status: 409 },
  );
}

function withValue(values: Record<string, string>, name: string, value: string): Record<string, string> {
  return { ...values, [name]: value };
}

export default function SectionPage() {
  const { rfpId, section, status, canEdit, editing, criteria } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intent = actionData?.values?.intent;
  const isTextResult = intent === "save-section";
  const isRequirementResult = intent === "add-requirement" || intent === "update-requirement";
  const documentPath = `/rfps/${rfpId}/document`;
  const criteriaPath = `/rfps/${rfpId}/criteria`;
  const otherError = !isTextResult && !isRequirementResult ? actionData?.fieldErrors : undefined;
  return (
    <div className="stack">
      <div className="row">
        <Link to={documentPath}>← Document</Link>
        <span className="muted small">
          Section {section.number} of {section.count}
        </span>
      </div>
      <DocumentStatusBanner status={status} canEdit={canEdit} />
      {otherError ? (
        <div className="alert alert--error" role="alert">
          {Object.values(otherError)[0]}
        </div>
      ) : null}
      {canEdit ? (
        <SectionTextForm
          section={section}
          lastResult={isTextResult ? actionData : undefined}
          conflict={actionData && "sectionConflict" in actionData ? actionData.sectionConflict : null}
        />
      ) : (
        <section className="card" aria-labelledby="section-heading">
          <h2 id="section-heading">
            {section.number}. {section.title}
          </h2>
          {section.body.trim() ? <Markdown source={section.body} /> : <p className="muted">No text yet.</p>}
        </section>
      )}
      <section className="card" aria-labelledby="requirements" id="requirements-card">
        <div className="card__title">
          <h2 id="requirements">Requirements in this section</h2>
          <span className="muted small">{section.requirements.length}</span>
        </div>
        <div className="stack">
          <RequirementsEditorTable
            requirements={section.requirements}
            canEdit={canEdit}
            criteriaPath={criteriaPath}
            editingId={editing?.id}
          />
          {canEdit ? (
            <RequirementForm
              // A new form after each added requirement; a fresh one (their fingerprint, your values) after a conflict.
              key={`${editing?.id ?? `new-${section.requirements.length}`}-${
                actionData && "requirementConflict" in actionData ? actionData.values.fingerprint : ""
              }`}
              editing={editing}
              criteria={criteria}
              criteriaPath={criteriaPath}
              lastResult={isRequirementResult ? actionData : undefined}
              conflict={actionData && "requirementConflict" in actionData ? actionData.requirementConflict : null}
            />
          ) : null}
        </div>
      </section>
    </div>
  );
}
