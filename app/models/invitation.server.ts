import { prisma, type TransactionClient } from "~/db.server";
import { invitationBlocker, linkResendBlocker } from "~/domain/vendors";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import { issueInvitationLink } from "./invitation-link.server";
import { newInvitationToken } from "./portal-session.server";

/**
 * Inviting vendors to an RFP. While the RFP is a draft nobody outside knows of it: the invitation
 * gets a placeholder token (random, never sent, so no link works) and publishing issues the real
 * links. After publishing, inviting issues the link at once. Every change is audited.
 */

/** Lock the RFP row, so inviting and publishing never interleave (a draft invitation created
 * while publishing commits would otherwise never get its link). */
async function lockRfp(tx: TransactionClient, rfpId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
  const rfp = await tx.rfp.findUnique({
    where: { id: rfpId },
    select: { id: true, stage: true, proposalDeadline: true },
  });
  if (!rfp) throw new FieldError("form", "This RFP no longer exists.");
  return rfp;
}

/** What the Vendors tab needs to know about the RFP to say whether vendors can still be invited. */
export async function invitationFacts(rfpId: string, now = new Date()) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { stage: true, proposalDeadline: true },
  });
  return { inviteBlocker: invitationBlocker(rfp, now), proposalDeadline: rfp.proposalDeadline };
}

export async function listInvitations(rfpId: string) {
  return prisma.invitation.findMany({
    where: { rfpId },
    orderBy: [{ invitedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      declineReason: true,
      disqualifiedReason: true,
      tokenHint: true,
      invitedAt: true,
      revokedAt: true,
      expiresAt: true,
      lastVisitAt: true,
      vendor: {
        select: {
          id: true,
          name: true,
          country: true,
          contacts: {
            orderBy: [{ isPrimary: "desc" }, { name: "asc" }],
            select: { id: true, name: true, email: true },
          },
        },
      },
      contact: { select: { id: true, name: true, email: true } },
      invitedBy: { select: { name: true } },
      _count: { select: { outbox: { where: { kind: "invitation" } } } },
    },
  });
}

/** Directory vendors with at least one contact and not yet invited to this RFP. */
export async function listInvitableVendors(rfpId: string) {
  return prisma.vendor.findMany({
    where: { invitations: { none: { rfpId } }, contacts: { some: {} } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      contacts: {
        orderBy: [{ isPrimary: "desc" }, { name: "asc" }],
        select: { id: true, name: true, email: true, isPrimary: true },
      },
    },
  });
}

export async function inviteVendor(
  actor: UserActor,
  rfpId: string,
  input: { contactId: string },
  options: { origin: string; now?: Date },
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockRfp(tx, rfpId);
    const blocker = invitationBlocker(rfp, options.now ?? new Date());
    if (blocker) throw new FieldError("form", blocker);
    const contact = await tx.vendorContact.findUnique({
      where: { id: input.contactId },
      select: { id: true, name: true, email: true, vendor: { select: { id: true, name: true } } },
    });
    if (!contact) throw new FieldError("contactId", "Choose a contact from the list.");
    const existing = await tx.invitation.findUnique({
      where: { rfpId_vendorId: { rfpId, vendorId: contact.vendor.id } },
      select: { id: true },
    });
    if (existing) {
      throw new FieldError(
        "contactId",
        `${contact.vendor.name} is already invited. To reach another person, resend its link to them.`,
      );
    }
    // Draft: a random hash nobody holds the token for. Published: replaced at once by a real link.
    const placeholder = newInvitationToken();
    const invitation = await tx.invitation.create({
      data: {
        rfpId,
        vendorId: contact.vendor.id,
        contactId: contact.id,
        tokenHash: placeholder.tokenHash,
        tokenHint: placeholder.tokenHint,
        invitedById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "invitation.created",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId,
      after: { vendor: contact.vendor.name, contact: contact.email, linkSent: rfp.stage !== "DRAFT" },
    });
    if (rfp.stage !== "DRAFT") await issueInvitationLink(tx, invitation.id, { actor, origin: options.origin });
    return { id: invitation.id, vendorName: contact.vendor.name, linkSent: rfp.stage !== "DRAFT" };
  });
}

async function findInvitation(tx: TransactionClient, rfpId: string, invitationId: string) {
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, rfpId },
    select: {
      id: true,
      vendorId: true,
      revokedAt: true,
      expiresAt: true,
      tokenHint: true,
      vendor: { select: { name: true } },
      contact: { select: { id: true, email: true } },
    },
  });
  if (!invitation) throw new FieldError("form", "This invitation no longer exists.");
  return invitation;
}

/** The link stops working at once and any open portal session ends. */
export async function revokeInvitation(actor: UserActor, rfpId: string, invitationId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockRfp(tx, rfpId);
    const invitation = await findInvitation(tx, rfpId, invitationId);
    if (rfp.stage === "DRAFT")
      throw new FieldError("form", "No link has been sent yet; remove the invitation instead.");
    if (invitation.revokedAt) throw new FieldError("form", `${invitation.vendor.name}'s link is already revoked.`);
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    const { count: sessionsEnded } = await tx.portalSession.deleteMany({ where: { invitationId: invitation.id } });
    await recordAudit(tx, {
      actor,
      action: "invitation.revoked",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId,
      before: { linkEndsWith: invitation.tokenHint },
      after: { vendor: invitation.vendor.name, sessionsEnded },
    });
    return { vendorName: invitation.vendor.name };
  });
}

/**
 * A new link (the old one, and every portal session opened with it, stop working), emailed to
 * the chosen contact of the vendor (by default the current one). Also restores a revoked link.
 */
export async function resendInvitation(
  actor: UserActor,
  rfpId: string,
  invitationId: string,
  options: { origin: string; contactId?: string; now?: Date },
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockRfp(tx, rfpId);
    const invitation = await findInvitation(tx, rfpId, invitationId);
    const blocker = linkResendBlocker(rfp, invitation, options.now ?? new Date());
    if (blocker) throw new FieldError("form", blocker);
    const contactId = options.contactId ?? invitation.contact?.id;
    if (!contactId) throw new FieldError("contactId", "Choose who receives the link.");
    const contact = await tx.vendorContact.findFirst({
      where: { id: contactId, vendorId: invitation.vendorId },
      select: { id: true, email: true },
    });
    if (!contact) throw new FieldError("contactId", `Choose one of ${invitation.vendor.name}'s contacts.`);
    if (contact.id !== invitation.contact?.id) {
      await tx.invitation.update({ where: { id: invitation.id }, data: { contactId: contact.id } });
    }
    await tx.portalSession.deleteMany({ where: { invitationId: invitation.id } });
    await recordAudit(tx, {
      actor,
      action: "invitation.resent",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId,
      before: {
        contact: invitation.contact?.email,
        linkEndsWith: invitation.tokenHint,
        revoked: Boolean(invitation.revokedAt),
      },
      after: { contact: contact.email },
    });
    const { tokenHint } = await issueInvitationLink(tx, invitation.id, { actor, origin: options.origin });
    return { vendorName: invitation.vendor.name, email: contact.email, tokenHint };
  });
}

/** Before publishing nobody outside has seen the invitation, so it can simply be taken back. */
export async function removeInvitation(actor: UserActor, rfpId: string, invitationId: string) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockRfp(tx, rfpId);
    const invitation = await findInvitation(tx, rfpId, invitationId);
    if (rfp.stage !== "DRAFT") {
      throw new FieldError(
        "form",
        "Once the RFP is published an invitation cannot be removed; revoke its link instead.",
      );
    }
    await tx.invitation.delete({ where: { id: invitation.id } });
    await recordAudit(tx, {
      actor,
      action: "invitation.removed",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId,
      before: { vendor: invitation.vendor.name, contact: invitation.contact?.email },
    });
    return { vendorName: invitation.vendor.name };
  });
}
