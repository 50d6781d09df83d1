import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { CompanyFields, DuplicateWarning } from "~/components/vendor-fields";
import { userActor } from "~/models/audit.server";
import { createVendor, DuplicateVendorError } from "~/models/vendor.server";
import { newVendorSchema } from "~/schemas/vendor";
import { requireAccountPermission } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Add vendor · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "vendor.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "vendor.manage");
  const parsed = parseForm(await request.formData(), newVendorSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const vendor = await createVendor(userActor(user), parsed.data);
    return redirectWithFlash(`/vendors/${vendor.id}`, { kind: "success", message: `${vendor.name} was added.` });
  } catch (error) {
    if (error instanceof DuplicateVendorError) {
      const { confirmDuplicate: _confirm, ...values } = parsed.values;
      return data({ fieldErrors: {}, values, duplicates: error.view() }, { status: 409 });
    }
    return invalidFromError(error, parsed.values);
  }
}

const EMPTY = {
  name: "",
  website: "",
  country: "",
  size: "",
  industry: "",
  notes: "",
  contactName: "",
  contactEmail: "",
  contactPhone: "",
  contactTitle: "",
};

export default function NewVendorPage() {
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: newVendorSchema,
    defaultValues: EMPTY,
    lastResult: actionData,
  });
  const submitting = useIsSubmitting();
  const duplicates = actionData && "duplicates" in actionData ? actionData.duplicates : null;
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/vendors">Vendors</Link> / New
      </div>
      <PageHeader title="Add vendor">
        <p className="muted">A company you may invite to RFPs. Add the person who should receive invitations too.</p>
      </PageHeader>
      <Form method="post" className="form card form--narrow" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        {duplicates ? (
          <DuplicateWarning matches={duplicates} confirmLabel="Create anyway" pending={submitting} />
        ) : null}
        <fieldset className="form-section">
          <legend>Company</legend>
          <div className="form">
            <CompanyFields field={field} errorFor={errorFor} />
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>
            First contact <span className="field__optional">(optional)</span>
          </legend>
          <div className="form-grid">
            <Field name="contactName" label="Name" error={errorFor("contactName")}>
              <input className="input" autoComplete="off" {...field("contactName")} />
            </Field>
            <Field name="contactEmail" label="Email" error={errorFor("contactEmail")}>
              <input className="input" type="email" autoComplete="off" {...field("contactEmail")} />
            </Field>
            <Field name="contactPhone" label="Phone" error={errorFor("contactPhone")}>
              <input className="input" type="tel" autoComplete="off" {...field("contactPhone")} />
            </Field>
            <Field name="contactTitle" label="Job title" error={errorFor("contactTitle")}>
              <input className="input" autoComplete="off" {...field("contactTitle")} />
            </Field>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" pending={submitting} pendingLabel="Adding…">
            Add vendor
          </Button>
          <Link to="/vendors">Cancel</Link>
        </div>
      </Form>
    </>
  );
}
