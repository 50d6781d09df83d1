import { Form, Link } from "@remix-run/react";
import { INVITATION_STATUS_INFO, type InvitationStatus, linkResendBlocker } from "~/domain/vendors";
import type { RfpStage } from "~/domain/workflow";
import { formatDateTime } from "~/utils/dates";
import { useIsSubmitting } from "./form";
import { Badge } from "./ui/badge";
import { Button, buttonClass } from "./ui/button";

type Contact = { id: string; name: string; email: string };
type When = Date | string;

export type InvitationRow = {
  id: string;
  status: InvitationStatus;
  declineReason: string | null;
  disqualifiedReason: string | null;
  tokenHint: string;
  invitedAt: When;
  revokedAt: When | null;
  expiresAt: When | null;
  lastVisitAt: When | null;
  vendor: { id: string; name: string; contacts: Contact[] };
  contact: Contact | null;
  invitedBy: { name: string };
};

type Props = {
  invitations: InvitationRow[];
  rfp: { stage: RfpStage; timeZone: string };
  canManage: boolean;
  now: string;
  locale?: string;
};

/** Who is invited, where each vendor stands, and (for the lead) what can be done with each link. */
export function InvitationTable({ invitations, rfp, canManage, now, locale }: Props) {
  const fmt = (when: When) => formatDateTime(when, { timeZone: rfp.timeZone, locale });
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Status</th>
            <th scope="col">Link sent to</th>
            <th scope="col">Link</th>
            <th scope="col">Last portal visit</th>
            {canManage ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const info = INVITATION_STATUS_INFO[invitation.status];
            return (
              <tr key={invitation.id}>
                <td>
                  {canManage ? (
                    <Link to={`/vendors/${invitation.vendor.id}`}>{invitation.vendor.name}</Link>
                  ) : (
                    invitation.vendor.name
                  )}
                  <div className="muted small">
                    Invited {fmt(invitation.invitedAt)} by {invitation.invitedBy.name}
                  </div>
                </td>
                <td>
                  <Badge tone={info.tone}>{info.label}</Badge>
                  {invitation.declineReason ? <div className="small">“{invitation.declineReason}”</div> : null}
                  {invitation.disqualifiedReason ? <div className="small">{invitation.disqualifiedReason}</div> : null}
                </td>
                <td>
                  {invitation.contact ? (
                    <>
                      {invitation.contact.name}
                      <div className="muted small">{invitation.contact.email}</div>
                    </>
                  ) : (
                    <span className="muted">No contact</span>
                  )}
                </td>
                <td>
                  <LinkState invitation={invitation} stage={rfp.stage} now={now} fmt={fmt} />
                </td>
                <td className="small nowrap">
                  {invitation.lastVisitAt ? fmt(invitation.lastVisitAt) : <span className="muted">Never</span>}
                </td>
                {canManage ? (
                  <td>
                    <InvitationActions invitation={invitation} stage={rfp.stage} now={now} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LinkState({
  invitation,
  stage,
  now,
  fmt,
}: {
  invitation: InvitationRow;
  stage: RfpStage;
  now: string;
  fmt: (when: When) => string;
}) {
  if (stage === "DRAFT") return <span className="muted small">Sent when published</span>;
  if (invitation.revokedAt) {
    return (
      <>
        <Badge tone="danger">Revoked</Badge>
        <div className="muted small">{fmt(invitation.revokedAt)}</div>
      </>
    );
  }
  if (invitation.expiresAt && new Date(invitation.expiresAt) <= new Date(now)) {
    return <Badge>Expired</Badge>;
  }
  return (
    <span className="mono nowrap" title="The last characters of the link, to tell links apart">
      …{invitation.tokenHint}
    </span>
  );
}

function InvitationActions({ invitation, stage, now }: { invitation: InvitationRow; stage: RfpStage; now: string }) {
  const busy = useIsSubmitting();
  const vendor = invitation.vendor.name;
  if (stage === "DRAFT") {
    return (
      <Form
        method="post"
        onSubmit={(event) => {
          if (!window.confirm(`Remove ${vendor} from this RFP? Nothing has been sent to them yet.`))
            event.preventDefault();
        }}
      >
        <input type="hidden" name="invitationId" value={invitation.id} />
        <Button type="submit" name="intent" value="remove" variant="ghost" size="small" pending={busy}>
          Remove<span className="visually-hidden"> {vendor}</span>
        </Button>
      </Form>
    );
  }
  const resendBlocked = linkResendBlocker(
    { stage },
    { expiresAt: invitation.expiresAt ? new Date(invitation.expiresAt) : null },
    new Date(now),
  );
  return (
    <div className="action-stack">
      {resendBlocked ? null : (
        <details className="disclosure">
          <summary className={buttonClass("secondary", "small")}>
            {invitation.revokedAt ? "Send a new link…" : "Resend…"}
            <span className="visually-hidden"> {vendor}</span>
          </summary>
          <Form
            method="post"
            className="form disclosure__body"
            onSubmit={(event) => {
              if (
                !window.confirm(
                  `Send ${vendor} a new portal link? The current link and any open portal session stop working.`,
                )
              )
                event.preventDefault();
            }}
          >
            <input type="hidden" name="invitationId" value={invitation.id} />
            <div className="field">
              <label htmlFor={`resend-${invitation.id}`}>Send to</label>
              <select
                id={`resend-${invitation.id}`}
                name="contactId"
                className="select"
                defaultValue={invitation.contact?.id ?? ""}
              >
                {invitation.vendor.contacts.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name} &lt;{contact.email}&gt;
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" name="intent" value="resend" size="small" pending={busy} pendingLabel="Sending…">
              Send new link
            </Button>
          </Form>
        </details>
      )}
      {invitation.revokedAt || resendBlocked ? null : (
        <Form
          method="post"
          onSubmit={(event) => {
            if (
              !window.confirm(`Revoke ${vendor}'s portal link? It stops working at once and open portal sessions end.`)
            )
              event.preventDefault();
          }}
        >
          <input type="hidden" name="invitationId" value={invitation.id} />
          <Button type="submit" name="intent" value="revoke" variant="danger" size="small" pending={busy}>
            Revoke link<span className="visually-hidden"> of {vendor}</span>
          </Button>
        </Form>
      )}
    </div>
  );
}
