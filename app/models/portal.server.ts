import { prisma } from "~/db.server";
import { type InvitationStatus, intentChangeProblem } from "~/domain/portal";
import { Prisma } from "~/generated/prisma/client";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { latestDocumentVersion } from "./document.server";
import { type PortalVendor, vendorActor } from "./portal-session.server";

/**
 * The vendor's side of its invitation: where it stands, its answer to "will you bid?", the
 * frozen RFP document and the addenda it must acknowledge. Every query is scoped by the portal
 * session's invitation (and that invitation's RFP) — never by an id taken from the request.
 */
export async function getPortalOverview(vendor: PortalVendor) {
  const [invitation, unacknowledgedAddenda, latest] = await Promise.all([
    prisma.invitation.findUniqueOrThrow({
      where: { id: vendor.id },
      select: {
        status: true,
        declineReason: true,
        disqualifiedReason: true,
        rfp: {
          select: {
            reference: true,
            title: true,
            summary: true,
            stage: true,
            timeZone: true,
            questionsDeadline: true,
            proposalDeadline: true,
          },
        },
        proposal: { select: { status: true, submittedAt: true, withdrawnAt: true, submissionCount: true } },
      },
    }),
    countUnacknowledgedAddenda(vendor),
    prisma.rfpDocumentVersion.findFirst({
      where: { rfpId: vendor.rfpId },
      orderBy: { number: "desc" },
      select: { number: true, createdAt: true },
    }),
  ]);
  return { ...invitation, unacknowledgedAddenda, documentVersion: latest };
}

export async function countUnacknowledgedAddenda(vendor: PortalVendor) {
  return prisma.addendum.count({
    where: { rfpId: vendor.rfpId, acknowledgements: { none: { invitationId: vendor.id } } },
  });
}

/**
 * "We intend to bid" (also reverses an earlier decline) or "we decline, because …". Only before
 * the proposal deadline, and never over a submitted proposal (withdraw it first).
 */
export async function setBidIntent(
  vendor: PortalVendor,
  input: { to: "INTENDS_TO_BID" } | { to: "DECLINED"; reason: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: vendor.id },
      select: { status: true, declineReason: true, rfp: { select: { stage: true, proposalDeadline: true } } },
    });
    const problem = intentChangeProblem({
      to: input.to,
      stage: invitation.rfp.stage,
      proposalDeadline: invitation.rfp.proposalDeadline,
      invitationStatus: invitation.status as InvitationStatus,
      now,
    });
    if (problem) throw new FieldError("form", problem);
    const declineReason = input.to === "DECLINED" ? input.reason.trim() : null;
    const { count } = await tx.invitation.updateMany({
      where: { id: vendor.id, status: invitation.status },
      data: { status: input.to, declineReason },
    });
    if (count === 0) throw new ConflictError("Your answer changed in another window. Reload the page and try again.");
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: input.to === "DECLINED" ? "invitation.declined" : "invitation.intends_to_bid",
      entityType: "Invitation",
      entityId: vendor.id,
      rfpId: vendor.rfpId,
      before: { status: invitation.status },
      after: { status: input.to, reason: declineReason ?? undefined },
    });
    return { status: input.to };
  });
}

/** The latest frozen version of the RFP (never the working copy) and its addenda with this vendor's acknowledgements. */
export async function getPortalDocument(vendor: PortalVendor) {
  const [version, addenda] = await Promise.all([
    latestDocumentVersion(vendor.rfpId),
    prisma.addendum.findMany({
      where: { rfpId: vendor.rfpId },
      orderBy: { number: "desc" },
      select: {
        id: true,
        number: true,
        title: true,
        summary: true,
        reason: true,
        issuedAt: true,
        documentVersion: { select: { number: true } },
        acknowledgements: {
          where: { invitationId: vendor.id },
          select: { acknowledgedBy: true, acknowledgedAt: true },
        },
      },
    }),
  ]);
  return {
    version,
    addenda: addenda.map(({ acknowledgements, documentVersion, ...addendum }) => ({
      ...addendum,
      documentVersionNumber: documentVersion?.number ?? null,
      acknowledgement: acknowledgements[0] ?? null,
    })),
  };
}

/** The vendor's representative confirms having read an addendum, by typing their name. */
export async function acknowledgeAddendum(vendor: PortalVendor, input: { addendumId: string; acknowledgedBy: string }) {
  return prisma
    .$transaction(async (tx) => {
      const addendum = await tx.addendum.findFirst({
        where: { id: input.addendumId, rfpId: vendor.rfpId },
        select: {
          id: true,
          number: true,
          acknowledgements: { where: { invitationId: vendor.id }, select: { id: true } },
        },
      });
      if (!addendum) throw new FieldError("form", "That addendum is not part of this RFP. Reload the page.");
      if (addendum.acknowledgements.length > 0) {
        throw new FieldError("form", `Addendum ${addendum.number} is already acknowledged.`);
      }
      const acknowledgement = await tx.addendumAcknowledgement.create({
        data: { addendumId: addendum.id, invitationId: vendor.id, acknowledgedBy: input.acknowledgedBy.trim() },
        select: { id: true, acknowledgedAt: true },
      });
      await recordAudit(tx, {
        actor: vendorActor(vendor),
        action: "addendum.acknowledged",
        entityType: "Addendum",
        entityId: addendum.id,
        rfpId: vendor.rfpId,
        after: { number: addendum.number, acknowledgedBy: input.acknowledgedBy.trim() },
      });
      return { number: addendum.number, ...acknowledgement };
    })
    .catch((error: unknown) => {
      // Two windows acknowledging at once: the unique key lets one through.
      if (isUniqueViolation(error)) throw new FieldError("form", "This addendum is already acknowledged.");
      throw error;
    });
}

export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
