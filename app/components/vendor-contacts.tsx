import { Form, Link } from "@remix-run/react";
import { INVITATION_STATUS_INFO, type InvitationStatus } from "~/domain/vendors";
import type { RfpStage } from "~/domain/workflow";
import { formatDate } from "~/utils/dates";
import { useIsSubmitting } from "./form";
import { Badge, StageBadge } from "./ui/badge";
import { Button } from "./ui/button";

type VendorWithContacts = {
  id: string;
  name: string;
  contacts: {
    id: string;
    name: string;
    email: string;
    phone: string | null;
    title: string | null;
    isPrimary: boolean;
  }[];
};

type VendorInvitations = {
  _count: { invitations: number };
  invitations: {
    id: string;
    status: InvitationStatus;
    invitedAt: Date | string;
    revokedAt: Date | string | null;
    rfp: { id: string; reference: string; title: string; stage: RfpStage; timeZone: string };
  }[];
};

/** The vendor's contacts, with edit links (?contact=id) and a confirmed remove button each. */
export function ContactsTable({ vendor }: { vendor: VendorWithContacts }) {
  const removing = useIsSubmitting("removeContact");
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {vendor.contacts.map((contact) => (
            <tr key={contact.id}>
              <td>
                {contact.name} {contact.isPrimary ? <Badge tone="published">Primary</Badge> : null}
                {contact.title ? <div className="muted small">{contact.title}</div> : null}
              </td>
              <td>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </td>
              <td className="nowrap">{contact.phone ?? <span className="muted">—</span>}</td>
              <td className="num">
                <div className="row row--end">
                  <Link to={`?contact=${contact.id}`} className="small">
                    Edit<span className="visually-hidden"> {contact.name}</span>
                  </Link>
                  <Form
                    method="post"
                    action={`/vendors/${vendor.id}`}
                    onSubmit={(event) => {
                      if (!window.confirm(`Remove ${contact.name} from ${vendor.name}'s contacts?`))
                        event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="contactId" value={contact.id} />
                    <Button
                      type="submit"
                      name="intent"
                      value="removeContact"
                      variant="ghost"
                      size="small"
                      pending={removing}
                    >
                      Remove<span className="visually-hidden"> {contact.name}</span>
                    </Button>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where this vendor is invited: the viewer's own RFPs in full, others only counted. */
export function VendorInvitationsCard({ vendor, locale }: { vendor: VendorInvitations; locale?: string }) {
  return (
    <section className="card" aria-labelledby="vendor-invitations-heading">
      <div className="card__title">
        <h2 id="vendor-invitations-heading">Invitations</h2>
      </div>
      {vendor._count.invitations === 0 ? (
        <p className="muted small">Not invited to any RFP yet. Invite vendors from an RFP's Vendors tab.</p>
      ) : null}
      {vendor._count.invitations > vendor.invitations.length ? (
        <p className="muted small">
          Invited to {vendor._count.invitations - vendor.invitations.length} RFP(s) whose team you are not on.
        </p>
      ) : null}
      {vendor.invitations.length === 0 ? null : (
        <ul className="plain-list">
          {vendor.invitations.map((invitation) => (
            <li key={invitation.id}>
              <Link to={`/rfps/${invitation.rfp.id}/vendors`}>
                <span className="mono">{invitation.rfp.reference}</span> {invitation.rfp.title}
              </Link>
              <div className="row small">
                <StageBadge stage={invitation.rfp.stage} />
                <Badge tone={INVITATION_STATUS_INFO[invitation.status].tone}>
                  {INVITATION_STATUS_INFO[invitation.status].label}
                </Badge>
                {invitation.revokedAt ? <Badge tone="danger">Link revoked</Badge> : null}
                <span className="muted">
                  invited {formatDate(invitation.invitedAt, { timeZone: invitation.rfp.timeZone, locale })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
