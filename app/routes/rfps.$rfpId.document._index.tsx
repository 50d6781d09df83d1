import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  DocumentStatusBanner,
  ReadinessPanel,
  RequirementKind,
  RequirementText,
  type RequirementView,
} from "~/components/document-parts";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Markdown } from "~/components/markdown";
import { SectionOutline } from "~/components/section-outline";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import {
  addSection,
  deleteSection,
  getDocumentStatus,
  listSections,
  moveSection,
  reorderSections,
} from "~/models/section.server";
import { addSectionSchema, documentActionSchema } from "~/schemas/document";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Document · Shortlist" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const [sections, status] = await Promise.all([listSections(rfp.id), getDocumentStatus(rfp.id, rfp.stage)]);
  return {
    rfpId: rfp.id,
    sections,
    status,
    canEdit: permissions.includes("rfp.edit") && status.editable,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.edit");
  const parsed = parseForm(await request.formData(), documentActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const documentPath = `/rfps/${rfp.id}/document`;
  try {
    switch (parsed.data.intent) {
      case "add-section": {
        const section = await addSection(actor, rfp.id, parsed.data.title);
        return redirectWithFlash(`${documentPath}/${section.id}`, {
          kind: "success",
          message: `Section “${section.title}” added. Write its text and requirements.`,
        });
      }
      case "move-section": {
        const section = await moveSection(actor, rfp.id, parsed.data.sectionId, parsed.data.direction);
        return redirectWithFlash(documentPath, {
          kind: "info",
          message: `“${section?.title}” moved ${parsed.data.direction}.`,
        });
      }
      case "reorder-sections":
        await reorderSections(actor, rfp.id, parsed.data.order);
        return data({ ok: true });
      case "delete-section": {
        const section = await deleteSection(actor, rfp.id, parsed.data.sectionId, parsed.data.version);
        return redirectWithFlash(documentPath, { kind: "success", message: `Section “${section.title}” deleted.` });
      }
    }
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function DocumentPage() {
  const { rfpId, sections, status, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "fieldErrors" in actionData ? actionData : undefined;
  const isAddResult = failure?.values?.intent === "add-section";
  return (
    <div className="stack">
      <DocumentStatusBanner status={status} canEdit={canEdit} />
      {!isAddResult ? <FormError message={failure?.fieldErrors?.form ?? failure?.fieldErrors?.intent} /> : null}
      <div className="grid grid--main-side">
        <div className="stack">
          {sections.length === 0 ? (
            <EmptyState title="The document has no sections yet">
              {canEdit
                ? "Add the first section on the right — for example “Background”, “Scope of services” or “Service levels” — or start a new RFP from a template."
                : "The lead has not written the document yet."}
            </EmptyState>
          ) : (
            sections.map((section, index) => (
              <section key={section.id} className="card doc-section" aria-labelledby={`section-${section.id}`}>
                <div className="card__title">
                  <h2 id={`section-${section.id}`}>
                    {index + 1}. {section.title}
                  </h2>
                  {canEdit ? (
                    <Link to={`/rfps/${rfpId}/document/${section.id}`}>
                      Edit<span className="visually-hidden"> “{section.title}”</span>
                    </Link>
                  ) : null}
                </div>
                {section.body.trim() ? <Markdown source={section.body} /> : <p className="muted">No text yet.</p>}
                {section.requirements.length > 0 ? <RequirementsTable requirements={section.requirements} /> : null}
              </section>
            ))
          )}
        </div>
        <aside className="stack">
          <section className="card" aria-labelledby="outline-heading">
            <div className="card__title">
              <h2 id="outline-heading">Outline</h2>
              <span className="muted small">{sections.length} sections</span>
            </div>
            {sections.length > 0 ? (
              <SectionOutline
                documentPath={`/rfps/${rfpId}/document`}
                canEdit={canEdit}
                sections={sections.map((section) => ({
                  id: section.id,
                  title: section.title,
                  version: section.version,
                  requirementCount: section.requirements.length,
                }))}
              />
            ) : (
              <p className="muted small">No sections yet.</p>
            )}
            {canEdit ? <AddSectionForm lastResult={isAddResult ? failure : undefined} /> : null}
          </section>
          <ReadinessPanel status={status} />
        </aside>
      </div>
    </div>
  );
}

function RequirementsTable({ requirements }: { requirements: RequirementView[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Requirements</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Requirement</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {requirements.map((requirement) => (
            <tr key={requirement.id}>
              <td className="mono">{requirement.code}</td>
              <td>
                <RequirementText requirement={requirement} />
              </td>
              <td>
                <RequirementKind requirement={requirement} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddSectionForm({
  lastResult,
}: {
  lastResult?: { fieldErrors?: Record<string, string>; values?: Record<string, string> };
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: addSectionSchema,
    defaultValues: { intent: "add-section", title: "" },
    lastResult,
  });
  const adding = useIsSubmitting("add-section");
  return (
    <Form method="post" className="form add-section" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <Field name="title" label="New section title" error={errorFor("title")} hint="e.g. Service levels">
        <input className="input" {...field("title")} />
      </Field>
      <div className="form-actions">
        <Button
          type="submit"
          variant="secondary"
          name="intent"
          value="add-section"
          pending={adding}
          pendingLabel="Adding…"
        >
          Add section
        </Button>
      </div>
    </Form>
  );
}
