import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ContactsTable, VendorInvitationsCard } from "~/components/vendor-contacts";
import { CompanyFields, DuplicateWarning } from "~/components/vendor-fields";
import { countryName } from "~/domain/countries";
import { userActor } from "~/models/audit.server";
import {
  addContact,
  DuplicateVendorError,
  getVendor,
  removeContact,
  updateContact,
  updateVendor,
} from "~/models/vendor.server";
import { useRootData } from "~/root";
import { contactSchema, editContactSchema, vendorCompanySchema, vendorPageSchema } from "~/schemas/vendor";
import { requireAccountPermission } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.vendor.name} · Vendors · Shortlist` : "Vendor · Shortlist" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccountPermission(request, "vendor.manage");
  const vendor = await getVendor(params.vendorId ?? "", user.id);
  if (!vendor) throw notFound("We could not find that vendor.");
  const editId = new URL(request.url).searchParams.get("contact");
  const editing = vendor.contacts.find((contact) => contact.id === editId) ?? null;
  return { vendor, editing };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "vendor.manage");
  const vendor = await getVendor(params.vendorId ?? "", user.id);
  if (!vendor) throw notFound("We could not find that vendor.");
  const parsed = parseForm(await request.formData(), vendorPageSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const here = `/vendors/${vendor.id}`;
  try {
    switch (parsed.data.intent) {
      case "update": {
        const saved = await updateVendor(actor, vendor.id, parsed.data);
        return redirectWithFlash(here, { kind: "success", message: `${saved.name} was saved.` });
      }
      case "addContact": {
        const contact = await addContact(actor, vendor.id, parsed.data);
        return redirectWithFlash(here, { kind: "success", message: `${contact.name} was added as a contact.` });
      }
      case "updateContact": {
        const contact = await updateContact(actor, vendor.id, parsed.data.contactId, parsed.data);
        return redirectWithFlash(here, { kind: "success", message: `${contact.name}'s details were saved.` });
      }
      case "removeContact": {
        const contact = await removeContact(actor, vendor.id, parsed.data.contactId);
        return redirectWithFlash(here, { kind: "success", message: `${contact.name} was removed.` });
      }
    }
  } catch (error) {
    if (error instanceof DuplicateVendorError) {
      const { confirmDuplicate: _confirm, ...values } = parsed.values;
      return data({ fieldErrors: {}, values, duplicates: error.view() }, { status: 409 });
    }
    return invalidFromError(error, parsed.values);
  }
}

export default function VendorPage() {
  const { vendor, editing } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const actionData = useActionData<typeof action>();
  const intent = actionData?.values?.intent;
  const fieldErrors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const removeError = intent === "removeContact" ? fieldErrors.form : undefined;
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/vendors">Vendors</Link> / {vendor.name}
      </div>
      <PageHeader
        title={vendor.name}
        eyebrow={[vendor.domain, countryName(vendor.country)].filter(Boolean).join(" · ") || undefined}
      />
      <div className="grid grid--main-side">
        <div className="stack">
          <CompanyCard />
          <section className="card" aria-labelledby="contacts-heading">
            <div className="card__title">
              <h2 id="contacts-heading">Contacts</h2>
              <span className="muted small">The primary contact receives invitations unless you choose another.</span>
            </div>
            <FormError message={removeError} />
            {vendor.contacts.length === 0 ? (
              <EmptyState title="No contacts yet">
                Add the person who should receive invitations; a vendor without a contact cannot be invited.
              </EmptyState>
            ) : (
              <ContactsTable vendor={vendor} />
            )}
          </section>
        </div>
        <div className="stack">
          <ContactFormCard key={editing?.id ?? "new"} />
          <VendorInvitationsCard vendor={vendor} locale={locale} />
        </div>
      </div>
    </>
  );
}

function CompanyCard() {
  const { vendor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isResult = actionData?.values?.intent === "update";
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: vendorCompanySchema,
    defaultValues: {
      intent: "update",
      name: vendor.name,
      website: vendor.website ?? "",
      country: vendor.country ?? "",
      size: vendor.size ?? "",
      industry: vendor.industry ?? "",
      notes: vendor.notes ?? "",
    },
    lastResult: isResult ? actionData : undefined,
  });
  const saving = useIsSubmitting("update");
  const duplicates = isResult && actionData && "duplicates" in actionData ? actionData.duplicates : null;
  return (
    <section className="card" aria-labelledby="company-heading">
      <div className="card__title">
        <h2 id="company-heading">Company</h2>
      </div>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        {duplicates ? <DuplicateWarning matches={duplicates} confirmLabel="Save anyway" pending={saving} /> : null}
        <input type="hidden" {...field("intent")} />
        <CompanyFields field={field} errorFor={errorFor} />
        <div className="form-actions">
          <Button type="submit" name="intent" value="update" pending={saving} pendingLabel="Saving…">
            Save company
          </Button>
        </div>
      </Form>
    </section>
  );
}

function ContactFormCard() {
  const { vendor, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intent = editing ? "updateContact" : "addContact";
  const isResult = actionData?.values?.intent === intent;
  const { onSubmit, field, errorFor, formError, form } = useValidatedForm({
    schema: editing ? editContactSchema : contactSchema,
    defaultValues: {
      intent,
      contactId: editing?.id,
      contactName: editing?.name ?? "",
      contactEmail: editing?.email ?? "",
      contactPhone: editing?.phone ?? "",
      contactTitle: editing?.title ?? "",
    },
    lastResult: isResult ? actionData : undefined,
  });
  const saving = useIsSubmitting(intent);
  const primaryChecked = isResult ? actionData?.values?.isPrimary === "on" : (editing?.isPrimary ?? false);
  return (
    <section className="card" aria-labelledby="contact-form-heading">
      <div className="card__title">
        <h2 id="contact-form-heading">{editing ? `Edit ${editing.name}` : "Add a contact"}</h2>
        {editing ? <Link to={`/vendors/${vendor.id}`}>Cancel</Link> : null}
      </div>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        {editing ? <input type="hidden" {...field("contactId")} /> : null}
        <Field name="contactName" label="Name" error={errorFor("contactName")}>
          <input className="input" autoComplete="off" {...field("contactName")} />
        </Field>
        <Field
          name="contactEmail"
          label="Email"
          error={errorFor("contactEmail")}
          hint="Invitations and portal links go here."
        >
          <input className="input" type="email" autoComplete="off" {...field("contactEmail")} />
        </Field>
        <Field name="contactPhone" label="Phone" optional error={errorFor("contactPhone")}>
          <input className="input" type="tel" autoComplete="off" {...field("contactPhone")} />
        </Field>
        <Field name="contactTitle" label="Job title" optional error={errorFor("contactTitle")}>
          <input className="input" autoComplete="off" {...field("contactTitle")} />
        </Field>
        {editing?.isPrimary ? (
          <p className="muted small">This is the primary contact. To change that, mark another contact as primary.</p>
        ) : (
          <label className="checkbox">
            <input type="checkbox" value="on" defaultChecked={primaryChecked} {...form.register("isPrimary")} />
            Primary contact (receives invitations by default)
          </label>
        )}
        <div className="form-actions">
          <Button type="submit" name="intent" value={intent} pending={saving} pendingLabel="Saving…">
            {editing ? "Save contact" : "Add contact"}
          </Button>
        </div>
      </Form>
    </section>
  );
}
