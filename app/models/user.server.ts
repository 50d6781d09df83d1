import { prisma } from "~/db.server";
import { decideLoginThrottle, LOGIN_THROTTLE } from "~/domain/login-throttle";
import type { AccountRole } from "~/domain/policy";
import { Prisma } from "~/generated/prisma/client";
import { FieldError } from "~/utils/errors.server";
import { burnPasswordCheck, hashPassword, passwordWeakness, verifyPassword } from "~/utils/password.server";
import { type Actor, recordAudit, SYSTEM_ACTOR, userActor } from "./audit.server";

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export type LoginResult =
  | { ok: true; user: { id: string; email: string; passwordChangeRequired: boolean } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Check a login. The answer for an unknown email, a wrong password and a disabled account is the
 * same "invalid", takes the same time, and counts against the same limits.
 */
export async function checkCredentials(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const now = new Date();
  const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000);
  const [lastSuccess, ipFailures] = await Promise.all([
    prisma.loginAttempt.findFirst({
      where: { email, succeeded: true, createdAt: { gte: windowStart } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    prisma.loginAttempt.findMany({
      where: { ip: input.ip, succeeded: false, createdAt: { gte: windowStart } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: LOGIN_THROTTLE.maxFailuresPerIp,
    }),
  ]);
  const accountFailures = await prisma.loginAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? windowStart } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: LOGIN_THROTTLE.maxFailuresPerAccount,
  });
  const throttle = decideLoginThrottle({
    now,
    accountFailures: accountFailures.map((attempt) => attempt.createdAt),
    ipFailures: ipFailures.map((attempt) => attempt.createdAt),
  });
  if (!throttle.allowed) {
    await recordFailure(email, input.ip, "throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, disabledAt: true, passwordChangeRequired: true },
  });
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await burnPasswordCheck(input.password).then(() => false);
  if (!user || !passwordMatches || user.disabledAt) {
    await recordFailure(email, input.ip, "invalid credentials");
    return { ok: false, reason: "invalid" };
  }
  // The success itself is recorded with the new session (session.server openSession), atomically.
  return { ok: true, user: { id: user.id, email: user.email, passwordChangeRequired: user.passwordChangeRequired } };
}

async function recordFailure(email: string, ip: string, outcome: string) {
  await prisma.$transaction(async (tx) => {
    await tx.loginAttempt.create({ data: { email, ip, succeeded: false } });
    // Deliberately not linked to an account: the log reads the same whether the email exists.
    await recordAudit(tx, {
      actor: { id: null, label: "anonymous" },
      action: "auth.login_failed",
      entityType: "User",
      after: { email, outcome },
    });
  });
}

export async function countUsers() {
  return prisma.user.count();
}

function assertStrongPassword(password: string, context: string[]) {
  const weakness = passwordWeakness(password, context);
  if (weakness) throw new FieldError("password", weakness);
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type NewUser = { name: string; email: string; password: string; role: AccountRole };

/**
 * First run: the first account is an administrator created by whoever installs Shortlist.
 * A unique settings key makes two simultaneous set-ups impossible (the second one fails).
 */
export async function createFirstAdmin(input: Omit<NewUser, "role">) {
  const email = normalizeEmail(input.email);
  assertStrongPassword(input.password, [email, input.name]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new FieldError("form", "Shortlist is already set up. Sign in instead.");
      await tx.setting.create({ data: { key: "setup.firstAdmin", value: { email } } });
      const user = await tx.user.create({
        data: { name: input.name.trim(), email, passwordHash, role: "ADMIN" },
        select: { id: true, email: true },
      });
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "user.first_admin_created",
        entityType: "User",
        entityId: user.id,
        after: { email, role: "ADMIN" },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldError("form", "Shortlist is already set up. Sign in instead.");
    throw error;
  }
}

export async function createUser(actor: Actor, input: NewUser) {
  const email = normalizeEmail(input.email);
  assertStrongPassword(input.password, [email, input.name]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name.trim(), email, passwordHash, role: input.role, passwordChangeRequired: true },
        select: { id: true, email: true, name: true, role: true },
      });
      await recordAudit(tx, {
        actor,
        action: "user.created",
        entityType: "User",
        entityId: user.id,
        after: { email, name: user.name, role: user.role },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldError("email", "An account with this email already exists.");
    throw error;
  }
}

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, disabledAt: true, lastLoginAt: true, createdAt: true },
  });
}

async function activeAdminCount(tx: Prisma.TransactionClient) {
  return tx.user.count({ where: { role: "ADMIN", disabledAt: null } });
}

/** Disabling a user ends every session they have, in the same transaction. */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  if (actor.id === userId && disabled) throw new FieldError("form", "You cannot disable your own account.");
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, role: true, disabledAt: true },
    });
    if (!user) throw new FieldError("form", "That user no longer exists.");
    if ((user.disabledAt !== null) === disabled) return user;
    if (disabled && user.role === "ADMIN" && (await activeAdminCount(tx)) <= 1) {
      throw new FieldError("form", "This is the last active administrator; enable or create another first.");
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: disabled ? new Date() : null },
      select: { id: true, role: true, disabledAt: true },
    });
    const { count: sessionsEnded } = disabled ? await tx.session.deleteMany({ where: { userId } }) : { count: 0 };
    await recordAudit(tx, {
      actor,
      action: disabled ? "user.disabled" : "user.enabled",
      entityType: "User",
      entityId: userId,
      before: { disabled: !disabled },
      after: { disabled, sessionsEnded },
    });
    return updated;
  });
}

export async function changeUserRole(actor: Actor, userId: string, role: AccountRole) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
    if (!user) throw new FieldError("form", "That user no longer exists.");
    if (user.role === role) return;
    if (user.role === "ADMIN" && !user.disabledAt && (await activeAdminCount(tx)) <= 1) {
      throw new FieldError("role", "This is the last active administrator; make someone else an administrator first.");
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      entityType: "User",
      entityId: userId,
      before: { role: user.role },
      after: { role },
    });
  });
}

/** Changing a password ends the user's other sessions (a stolen session dies with the old password). */
export async function changePassword(
  user: { id: string; email: string; name: string },
  input: { currentPassword: string; newPassword: string; keepSessionId: string },
) {
  const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(stored.passwordHash, input.currentPassword))) {
    throw new FieldError("currentPassword", "That is not your current password.");
  }
  if (input.currentPassword === input.newPassword) {
    throw new FieldError("newPassword", "Choose a password different from the current one.");
  }
  const weakness = passwordWeakness(input.newPassword, [user.email, user.name]);
  if (weakness) throw new FieldError("newPassword", weakness);
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangeRequired: false } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, id: { not: input.keepSessionId } } });
    await recordAudit(tx, {
      actor: userActor(user),
      action: "user.password_changed",
      entityType: "User",
      entityId: user.id,
      after: { otherSessionsEnded: count },
    });
  });
}
