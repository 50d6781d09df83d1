import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import { recordAudit } from "./audit.server";

/**
 * Vendors have no accounts. An invitation carries a secret link token (256 random bits; only its
 * SHA-256 is stored). Opening the link and confirming exchanges the token for a portal session
 * cookie, so the token leaves the address bar, browser history and Referer headers at once.
 * Every portal query is scoped by the session's invitation — never by an id from the URL.
 */
export const PORTAL_SESSION_HOURS = 12;
export const PORTAL_IDLE_MINUTES = 120;

export function hashSecret(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}

export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecret(token), tokenHint: token.slice(-4) };
}

export type TokenProblem = "unknown" | "revoked" | "expired";

/**
 * Why an invitation's link does not work (any more), or null when it does. Besides the link's own
 * revocation and expiry, the RFP must be visible to vendors: never a draft (links made before
 * publishing are replaced when it is published), never a cancelled or awarded tender.
 */
export function tokenProblem(
  invitation: { revokedAt: Date | null; expiresAt: Date | null; rfp: { stage: string } },
  now = new Date(),
): TokenProblem | null {
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt && invitation.expiresAt <= now) return "expired";
  if (invitation.rfp.stage === "CANCELLED" || invitation.rfp.stage === "AWARDED") return "expired";
  if (invitation.rfp.stage === "DRAFT") return "unknown";
  return null;
}

const invitationContext = {
  id: true,
  rfpId: true,
  vendorId: true,
  status: true,
  revokedAt: true,
  expiresAt: true,
  vendor: { select: { name: true } },
  contact: { select: { name: true, email: true } },
  rfp: {
    select: {
      reference: true,
      title: true,
      stage: true,
      timeZone: true,
      proposalDeadline: true,
      questionsDeadline: true,
    },
  },
} as const;

/** Look up a link token without changing anything (the confirmation page shows who it is for). */
export async function findInvitationByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { problem: "unknown" as const, invitation: null };
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: invitationContext,
  });
  if (!invitation) return { problem: "unknown" as const, invitation: null };
  return { problem: tokenProblem(invitation), invitation };
}

/**
 * Exchange a valid link token for a new portal session; audited as the vendor's first act. Any
 * portal session this browser presented before ends (another vendor's, or a planted one).
 */
export async function openPortalSession(token: string, meta: { ip: string; previousSecret: string | null }) {
  const { problem, invitation } = await findInvitationByToken(token);
  if (!invitation || problem) return { ok: false as const, problem: problem ?? "unknown" };
  const secret = randomBytes(32).toString("base64url");
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    if (meta.previousSecret) {
      await tx.portalSession.deleteMany({ where: { tokenHash: hashSecret(meta.previousSecret) } });
    }
    await tx.portalSession.create({
      data: {
        tokenHash: hashSecret(secret),
        invitationId: invitation.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + PORTAL_SESSION_HOURS * 3_600_000),
      },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { lastVisitAt: now } });
    await recordAudit(tx, {
      actor: vendorActor(invitation),
      action: "portal.entered",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId: invitation.rfpId,
      after: { ip: meta.ip },
    });
  });
  return { ok: true as const, secret, maxAgeSeconds: PORTAL_SESSION_HOURS * 3600 };
}

/** The invitation behind a portal session cookie, or null (unknown, expired, idle, revoked link). */
export async function findPortalSession(secret: string, now = new Date()) {
  const session = await prisma.portalSession.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, lastSeenAt: true, expiresAt: true, invitation: { select: invitationContext } },
  });
  if (!session) return null;
  const idle = session.lastSeenAt.getTime() + PORTAL_IDLE_MINUTES * 60_000 <= now.getTime();
  if (session.expiresAt <= now || idle || tokenProblem(session.invitation, now)) {
    await prisma.portalSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await prisma.portalSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: session.id, invitation: session.invitation };
}

export type PortalVendor = NonNullable<Awaited<ReturnType<typeof findPortalSession>>>["invitation"] & {
  sessionId: string;
};

/** Audit actor for vendor actions: the company, since vendors have no personal accounts. */
export function vendorActor(vendor: { vendor: { name: string } }) {
  return { id: null, label: `vendor:${vendor.vendor.name}` };
}

export async function closePortalSession(secret: string) {
  await prisma.portalSession.deleteMany({ where: { tokenHash: hashSecret(secret) } });
}
