import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/form";
import { InvitationTable } from "~/components/invitation-table";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import {
  invitationFacts,
  inviteVendor,
  listInvitableVendors,
  listInvitations,
  removeInvitation,
  resendInvitation,
  revokeInvitation,
} from "~/models/invitation.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { invitationFormSchema, inviteSchema } from "~/schemas/vendor-invitation";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";
import { isMailConfigured } from "~/utils/mailer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_vendors");
  const canManage = permissions.includes("rfp.manage_vendors");
  const [invitations, facts, invitable] = await Promise.all([
    listInvitations(rfp.id),
    invitationFacts(rfp.id),
    canManage ? listInvitableVendors(rfp.id) : Promise.resolve([]),
  ]);
  return {
    rfp,
    invitations,
    invitable,
    canManage,
    canSeeOutbox: permissions.includes("rfp.view_outbox"),
    inviteBlocker: facts.inviteBlocker,
    mailConfigured: isMailConfigured(),
    now: new Date().toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.manage_vendors");
  const parsed = parseForm(await request.formData(), invitationFormSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const here = `/rfps/${rfp.id}/vendors`;
  const origin = appOrigin(request);
  try {
    switch (parsed.data.intent) {
      case "invite": {
        const invited = await inviteVendor(actor, rfp.id, { contactId: parsed.data.contactId }, { origin });
        const message = invited.linkSent
          ? `${invited.vendorName} was invited; its portal link is in the outbox.`
          : `${invited.vendorName} was invited. Its portal link is sent when the RFP is published.`;
        return redirectWithFlash(here, { kind: "success", message });
      }
      case "revoke": {
        const revoked = await revokeInvitation(actor, rfp.id, parsed.data.invitationId);
        return redirectWithFlash(here, {
          kind: "success",
          message: `${revoked.vendorName}'s portal link was revoked; it no longer works.`,
        });
      }
      case "resend": {
        const { invitationId, contactId } = parsed.data;
        const resent = await resendInvitation(actor, rfp.id, invitationId, { origin, contactId });
        return redirectWithFlash(here, {
          kind: "success",
          message: `A new link for ${resent.vendorName} (ending …${resent.tokenHint}) was queued to ${resent.email}. The previous link no longer works.`,
        });
      }
      case "remove": {
        const removed = await removeInvitation(actor, rfp.id, parsed.data.invitationId);
        return redirectWithFlash(here, { kind: "success", message: `${removed.vendorName} is no longer invited.` });
      }
    }
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function RfpVendorsPage() {
  const { rfp, invitations, canManage, mailConfigured, canSeeOutbox, now } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const actionData = useActionData<typeof action>();
  const isInviteResult = actionData?.values?.intent === "invite";
  const fieldErrors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const rowError = isInviteResult ? undefined : (fieldErrors.form ?? fieldErrors.contactId ?? fieldErrors.invitationId);
  return (
    <div className="stack">
      {canManage ? <InviteCard /> : null}
      <section className="card" aria-labelledby="invited-heading">
        <div className="card__title">
          <h2 id="invited-heading">Invited vendors</h2>
          <span className="muted small">{invitations.length} invited</span>
        </div>
        {canManage && !mailConfigured && rfp.stage !== "DRAFT" ? (
          <Alert tone="info">
            Email is not set up, so portal links are not emailed.{" "}
            {canSeeOutbox ? <Link to="../outbox">Open the outbox</Link> : "The outbox has them"} and pass each link on
            to its vendor yourself.
          </Alert>
        ) : null}
        <FormError message={rowError} />
        {invitations.length === 0 ? (
          <EmptyState title="No vendors invited yet">
            {canManage
              ? "Invite vendors from your directory above. While the RFP is a draft they receive nothing; publishing sends each its portal link."
              : "The RFP's lead invites vendors; they will be listed here."}
          </EmptyState>
        ) : (
          <InvitationTable invitations={invitations} rfp={rfp} canManage={canManage} now={now} locale={locale} />
        )}
      </section>
    </div>
  );
}

function InviteCard() {
  const { rfp, invitable, inviteBlocker } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: inviteSchema,
    defaultValues: { intent: "invite", contactId: "" },
    lastResult: actionData?.values?.intent === "invite" ? actionData : undefined,
  });
  const inviting = useIsSubmitting("invite");
  return (
    <section className="card" aria-labelledby="invite-heading">
      <div className="card__title">
        <h2 id="invite-heading">Invite a vendor</h2>
        <Link to="/vendors" className="small">
          Vendor directory
        </Link>
      </div>
      {inviteBlocker ? (
        <Alert tone="warning">{inviteBlocker}</Alert>
      ) : invitable.length === 0 ? (
        <EmptyState
          title="Nobody left to invite"
          action={
            <Link to="/vendors/new" className={buttonClass("secondary", "small")}>
              Add a vendor
            </Link>
          }
        >
          Every directory vendor with a contact is invited. Add vendors (with a contact) to the directory first.
        </EmptyState>
      ) : (
        <Form method="post" className="form invite-form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <Field
            name="contactId"
            label="Vendor and recipient"
            error={errorFor("contactId")}
            hint={
              rfp.stage === "DRAFT"
                ? "Nothing is sent yet: publishing the RFP emails each invited vendor its portal link."
                : "The recipient is emailed the vendor's private portal link at once."
            }
          >
            <select className="select" {...field("contactId")}>
              <option value="">Choose a vendor…</option>
              {invitable.map((vendor) => (
                <optgroup key={vendor.id} label={vendor.name}>
                  {vendor.contacts.map((contact) => (
                    <option key={contact.id} value={contact.id}>
                      {vendor.name} — {contact.name} &lt;{contact.email}&gt;{contact.isPrimary ? " (primary)" : ""}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <div className="form-actions">
            <Button type="submit" name="intent" value="invite" pending={inviting} pendingLabel="Inviting…">
              Invite
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
