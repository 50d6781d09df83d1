import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { Button, buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { BUILT_IN_TEMPLATES } from "~/domain/templates";
import { userActor } from "~/models/audit.server";
import { deleteOwnTemplate, listOwnTemplates } from "~/models/template.server";
import { useRootData } from "~/root";
import { templateListActionSchema } from "~/schemas/template";
import { requireAccountPermission } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Your templates · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccountPermission(request, "template.manage");
  return {
    templates: await listOwnTemplates(user.id),
    builtIn: BUILT_IN_TEMPLATES.map((template) => ({ id: template.id, name: template.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "template.manage");
  const parsed = parseForm(await request.formData(), templateListActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const template = await deleteOwnTemplate(userActor(user), parsed.data.templateId);
    return redirectWithFlash("/templates", { kind: "success", message: `Template “${template.name}” deleted.` });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function TemplatesPage() {
  const { templates, builtIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const deleting = useIsSubmitting("delete-template");
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/rfps">RFPs</Link> / Templates
      </div>
      <PageHeader
        title="Your templates"
        actions={
          <Link to="/rfps/new" className={buttonClass("primary")}>
            New RFP
          </Link>
        }
      >
        <p className="muted">
          Templates you saved from your RFPs. Built-in templates ({builtIn.map((template) => template.name).join(", ")})
          are always available under New RFP.
        </p>
      </PageHeader>
      <FormError message={actionData?.fieldErrors?.form ?? actionData?.fieldErrors?.templateId} />
      {templates.length === 0 ? (
        <EmptyState title="No templates of your own yet">
          Open an RFP you lead and choose “Save as template” to reuse its document, criteria and interview questions.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Sections
                </th>
                <th scope="col" className="num">
                  Requirements
                </th>
                <th scope="col" className="num">
                  Criteria
                </th>
                <th scope="col">Saved</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.id}>
                  <td>
                    <strong>{template.name}</strong>
                    <div className="muted small">{template.description}</div>
                  </td>
                  <td>{template.category}</td>
                  <td className="num">{template.summary?.sections ?? "—"}</td>
                  <td className="num">{template.summary?.requirements ?? "—"}</td>
                  <td className="num">{template.summary?.criteria ?? "—"}</td>
                  <td>{formatDate(template.createdAt, { timeZone: "UTC", locale })}</td>
                  <td className="num">
                    <div className="row row--end">
                      <Link to={`/rfps/new?from=template:${template.id}`} className={buttonClass("secondary", "small")}>
                        Use<span className="visually-hidden"> “{template.name}”</span>
                      </Link>
                      <Form
                        method="post"
                        onSubmit={(event) => {
                          if (
                            !window.confirm(
                              `Delete the template “${template.name}”? RFPs made from it are not affected.`,
                            )
                          )
                            event.preventDefault();
                        }}
                      >
                        <input type="hidden" name="templateId" value={template.id} />
                        <Button
                          type="submit"
                          name="intent"
                          value="delete-template"
                          variant="ghost"
                          size="small"
                          pending={deleting}
                        >
                          Delete<span className="visually-hidden"> “{template.name}”</span>
                        </Button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
