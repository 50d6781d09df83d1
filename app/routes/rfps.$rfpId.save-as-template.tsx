import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { mayDoAccountAction } from "~/domain/policy";
import { templateSummary } from "~/domain/templates";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getRfp } from "~/models/rfp.server";
import { loadRfpContent, saveRfpAsTemplate } from "~/models/template.server";
import { saveTemplateSchema } from "~/schemas/template";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Save as template · Shortlist" }];

/** The RFP's lead (who must also be a procurement lead to own templates). */
async function requireTemplateAuthor(request: Request, rfpId: string) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, rfpId, "rfp.edit");
  if (!mayDoAccountAction(user.role, "template.manage")) throw forbidden("Only procurement leads keep templates.");
  return { user, rfp };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { rfp } = await requireTemplateAuthor(request, params.rfpId ?? "");
  const [details, content] = await Promise.all([getRfp(rfp.id), loadRfpContent(rfp.id)]);
  return {
    summary: templateSummary(content),
    defaults: { name: details.title, description: details.summary, category: details.category },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, rfp } = await requireTemplateAuthor(request, params.rfpId ?? "");
  const parsed = parseForm(await request.formData(), saveTemplateSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const template = await saveRfpAsTemplate(userActor(user), rfp.id, parsed.data);
    return redirectWithFlash("/templates", {
      kind: "success",
      message: `Template “${template.name}” saved. Use it under New RFP.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function SaveAsTemplatePage() {
  const { summary, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: saveTemplateSchema,
    defaultValues: { intent: "save-template", name: defaults.name, description: defaults.description },
    lastResult: actionData,
  });
  const saving = useIsSubmitting();
  return (
    <div className="grid grid--main-side">
      <section className="card" aria-labelledby="template-heading">
        <h2 id="template-heading">Save as template</h2>
        <p className="muted">
          The template keeps this RFP's document ({summary.sections} sections, {summary.requirements} requirements), its{" "}
          {summary.criteria} evaluation criteria and {summary.questions} interview questions. Vendors, proposals, dates,
          budget and the team are not part of it. Only you can see and use it.
        </p>
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <Field name="name" label="Template name" error={errorFor("name")}>
            <input className="input" {...field("name")} />
          </Field>
          <Field
            name="description"
            label="Description"
            error={errorFor("description")}
            hint="When to use it: the kind of purchase, what it assumes."
          >
            <textarea className="textarea" rows={3} {...field("description")} />
          </Field>
          <p className="muted small">Category: {defaults.category}</p>
          <div className="form-actions">
            <Button type="submit" name="intent" value="save-template" pending={saving} pendingLabel="Saving…">
              Save template
            </Button>
            <Link to="..">Cancel</Link>
          </div>
        </Form>
      </section>
    </div>
  );
}
