import type { TransactionClient } from "~/db.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { getRequestContext } from "~/utils/request-context.server";

/** Who did it: a signed-in user, a vendor through its portal link, or the system itself. */
export type Actor = { id: string | null; label: string };
export type UserActor = { id: string; label: string };
export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export function userActor(user: { id: string; email: string }): UserActor {
  return { id: user.id, label: user.email };
}

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  rfpId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Record an audit event inside the caller's transaction, so the event exists if and only if the
 * change does. The request id and client address come from the request being served.
 */
export async function recordAudit(tx: TransactionClient, input: AuditInput) {
  const context = getRequestContext();
  await tx.auditEvent.create({
    data: {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      rfpId: input.rfpId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  // Dates become ISO strings, Decimals their string form: what JSON.stringify does anyway.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export type AuditFilter = {
  rfpId?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: only events older than this id. */
  before?: bigint;
};

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(filter: AuditFilter, take = AUDIT_PAGE_SIZE) {
  const where: Prisma.AuditEventWhereInput = {
    rfpId: filter.rfpId,
    action: filter.action ? { startsWith: filter.action } : undefined,
    entityType: filter.entityType,
    actorLabel: filter.actor ? { contains: filter.actor, mode: "insensitive" } : undefined,
    at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
    id: filter.before ? { lt: filter.before } : undefined,
  };
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: take + 1,
    select: {
      id: true,
      at: true,
      actorLabel: true,
      action: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
      requestId: true,
      rfp: { select: { id: true, reference: true, title: true } },
    },
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({ ...row, id: row.id.toString() })),
    nextBefore: rows.length > take && last ? last.id.toString() : null,
  };
}

export async function listAuditActions() {
  const rows = await prisma.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((row) => row.action);
}
