import type { TransactionClient } from "~/db.server";
import { invitationMessage } from "~/utils/messages";
import { type Actor, recordAudit } from "./audit.server";
import { queueMessage } from "./outbox.server";
import { newInvitationToken } from "./portal-session.server";

export const BUYER_NAME = process.env.BUYER_NAME ?? "Northwind Logistics";

/**
 * Issue a (new) portal link for an invitation and queue the email that carries it, inside the
 * caller's transaction. Only the hash of the link's token is stored, so a link can only be sent
 * at the moment it is made: publishing sends the first links, "resend" makes a new one (and the
 * old link stops working).
 */
export async function issueInvitationLink(
  tx: TransactionClient,
  invitationId: string,
  options: { actor: Actor; origin: string },
) {
  const { token, tokenHash, tokenHint } = newInvitationToken();
  const invitation = await tx.invitation.update({
    where: { id: invitationId },
    data: { tokenHash, tokenHint, revokedAt: null },
    select: {
      id: true,
      rfpId: true,
      vendor: { select: { name: true } },
      contact: { select: { name: true, email: true } },
      rfp: {
        select: { reference: true, title: true, timeZone: true, proposalDeadline: true, questionsDeadline: true },
      },
    },
  });
  if (!invitation.contact) throw new Error(`invitation ${invitationId} has no contact to send the link to`);
  const link = `${options.origin}/v/${token}`;
  const message = invitationMessage({
    rfp: invitation.rfp,
    buyer: BUYER_NAME,
    vendorName: invitation.vendor.name,
    contactName: invitation.contact.name,
    link,
  });
  await queueMessage(tx, {
    rfpId: invitation.rfpId,
    invitationId: invitation.id,
    kind: "invitation",
    toEmail: invitation.contact.email,
    toName: invitation.contact.name,
    ...message,
  });
  await recordAudit(tx, {
    actor: options.actor,
    action: "invitation.link_issued",
    entityType: "Invitation",
    entityId: invitation.id,
    rfpId: invitation.rfpId,
    after: { vendor: invitation.vendor.name, to: invitation.contact.email, linkEndsWith: tokenHint },
  });
  return { link, tokenHint };
}
