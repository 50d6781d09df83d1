import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import { recordAudit, userActor } from "./audit.server";

/**
 * Database-backed sessions. The browser holds 256 random bits; the database holds their SHA-256,
 * so reading the sessions table does not let anyone sign in as anybody.
 */
export const SESSION_LIMITS = {
  idleMinutes: positive(process.env.SESSION_IDLE_MINUTES, 120),
  absoluteHours: positive(process.env.SESSION_ABSOLUTE_HOURS, 12),
  /** lastSeenAt is refreshed at most this often, so reading pages does not write on every request. */
  touchEverySeconds: 60,
};

function positive(value: string | undefined, fallback: number) {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Sign a user in: a new session (and the end of any session this browser presented, so a session
 * id planted before login is worthless after it), the successful attempt, and the audit event,
 * in one transaction.
 */
export async function openSession(input: {
  user: { id: string; email: string };
  ip: string;
  userAgent: string | null;
  previousToken: string | null;
}) {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    if (input.previousToken) await tx.session.deleteMany({ where: { tokenHash: hashToken(input.previousToken) } });
    await tx.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: input.user.id,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_LIMITS.absoluteHours * 3_600_000),
      },
    });
    await tx.loginAttempt.create({ data: { email: input.user.email, ip: input.ip, succeeded: true } });
    await tx.user.update({ where: { id: input.user.id }, data: { lastLoginAt: now } });
    await recordAudit(tx, {
      actor: userActor(input.user),
      action: "auth.login",
      entityType: "User",
      entityId: input.user.id,
    });
  });
  return { token, maxAgeSeconds: SESSION_LIMITS.absoluteHours * 3600 };
}

/** Sign out: the session row is deleted (the cookie alone is then worthless) and audited. */
export async function closeSession(token: string) {
  await prisma.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, user: { select: { id: true, email: true } } },
    });
    if (!session) return;
    await tx.session.delete({ where: { id: session.id } });
    await recordAudit(tx, {
      actor: userActor(session.user),
      action: "auth.logout",
      entityType: "User",
      entityId: session.user.id,
    });
  });
}

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordChangeRequired: true,
  disabledAt: true,
} as const;

/** The user behind a session token, or null when the session is unknown, expired, idle or disabled. */
export async function findSessionUser(token: string, now = new Date()) {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, lastSeenAt: true, expiresAt: true, user: { select: sessionUserSelect } },
  });
  if (!session) return null;
  const idleLimit = session.lastSeenAt.getTime() + SESSION_LIMITS.idleMinutes * 60_000;
  if (session.expiresAt <= now || idleLimit <= now.getTime() || session.user.disabledAt) {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_LIMITS.touchEverySeconds * 1000) {
    await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { disabledAt: _disabled, ...user } = session.user;
  return { sessionId: session.id, user };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>["user"];

export async function deleteExpiredSessions(now = new Date()) {
  const idleCutoff = new Date(now.getTime() - SESSION_LIMITS.idleMinutes * 60_000);
  const { count } = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleCutoff } }] },
  });
  return count;
}
