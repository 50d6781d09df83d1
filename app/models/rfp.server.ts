import { prisma } from "~/db.server";
import { formatRfpReference } from "~/domain/rfp";
import { type Timeline, timelineOf } from "~/domain/timeline";
import {
  availableTransitions,
  type RfpStage,
  type TransitionFacts,
  transitionBlockers,
  validateCancelReason,
} from "~/domain/workflow";
import { Prisma } from "~/generated/prisma/client";
import type { RfpDetailsInput } from "~/schemas/rfp";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit, type UserActor } from "./audit.server";

type RfpDetails = Omit<RfpDetailsInput, keyof Timeline> & { timeline: Timeline };

function detailsData(details: RfpDetails) {
  return {
    title: details.title,
    summary: details.summary,
    category: details.category,
    budgetAmount: details.budgetAmount ? new Prisma.Decimal(details.budgetAmount) : null,
    currency: details.currency,
    timeZone: details.timeZone,
    ...details.timeline,
  };
}

const auditedFields = {
  title: true,
  summary: true,
  category: true,
  budgetAmount: true,
  currency: true,
  timeZone: true,
  issueDate: true,
  questionsDeadline: true,
  proposalDeadline: true,
  interviewStart: true,
  interviewEnd: true,
  decisionTarget: true,
} as const;

/** Arbitrary constant naming the "allocate an RFP reference" lock. */
const REFERENCE_LOCK = 4_207_011;

/** The creator becomes the RFP's lead. The reference is the next number in the year, gap-free. */
export async function createRfp(actor: UserActor, details: RfpDetails) {
  const year = new Date().getUTCFullYear();
  return prisma.$transaction(async (tx) => {
    // Serialize reference allocation across app instances (PostgreSQL); PGlite already runs one
    // transaction at a time. The lock is released at commit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK})`;
    const count = await tx.rfp.count({ where: { reference: { startsWith: `RFP-${year}-` } } });
    const rfp = await tx.rfp.create({
      data: {
        ...detailsData(details),
        reference: formatRfpReference(year, count + 1),
        createdById: actor.id,
        members: { create: { userId: actor.id, role: "LEAD" } },
      },
      select: { id: true, reference: true, ...auditedFields },
    });
    await recordAudit(tx, {
      actor,
      action: "rfp.created",
      entityType: "Rfp",
      entityId: rfp.id,
      rfpId: rfp.id,
      after: rfp,
    });
    return rfp;
  });
}

/**
 * Save the RFP's details if nobody else saved since `expectedVersion` was loaded; otherwise
 * ConflictError, and the caller shows the newer version instead of overwriting it.
 */
export async function updateRfpDetails(actor: Actor, rfpId: string, expectedVersion: number, details: RfpDetails) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.rfp.findUnique({ where: { id: rfpId }, select: { stage: true, ...auditedFields } });
    if (!before) throw new FieldError("form", "This RFP no longer exists.");
    if (before.stage !== "DRAFT") {
      throw new FieldError("form", "Only a draft can be edited directly; published RFPs change through addenda.");
    }
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, version: expectedVersion },
      data: { ...detailsData(details), version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("Someone else saved this RFP after you opened it.");
    const after = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { version: true, ...auditedFields } });
    const { stage: _stage, ...beforeFields } = before;
    await recordAudit(tx, {
      actor,
      action: "rfp.updated",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      ...changedFields(beforeFields, after),
    });
    return after;
  });
}

/** Only the fields that changed, for a readable audit entry. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

export async function listRfpsForUser(userId: string) {
  return prisma.rfp.findMany({
    where: { members: { some: { userId } } },
    orderBy: [{ updatedAt: "desc" }],
    select: {
      id: true,
      reference: true,
      title: true,
      category: true,
      stage: true,
      timeZone: true,
      proposalDeadline: true,
      decisionTarget: true,
      budgetAmount: true,
      currency: true,
      updatedAt: true,
      members: { where: { userId }, select: { role: true } },
    },
  });
}

export async function getRfp(rfpId: string) {
  return prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      id: true,
      reference: true,
      version: true,
      stage: true,
      cancelledReason: true,
      createdAt: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
      ...auditedFields,
    },
  });
}

/**
 * What the stage guards need. Features that do not exist yet (proposals, scoring, interviews,
 * approvals, negotiation) report "nothing done" until their issues land; see domain/workflow.
 */
async function transitionFacts(
  tx: Prisma.TransactionClient,
  rfpId: string,
  now: Date,
): Promise<TransitionFacts & { stage: RfpStage; version: number }> {
  const rfp = await tx.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { stage: true, version: true, ...auditedFields },
  });
  return {
    now,
    stage: rfp.stage,
    version: rfp.version,
    rfp: { title: rfp.title, summary: rfp.summary, timeline: timelineOf(rfp) },
    proposals: { submitted: 0, opened: false },
    scoring: { sheetsPending: 0, consensusComplete: false },
    shortlist: { decided: false, size: 0 },
    interviews: { shortlistedWithoutDebrief: 0 },
    award: { approved: false },
    negotiation: { concluded: false },
  };
}

export async function getStageOptions(rfpId: string, now = new Date()) {
  const facts = await prisma.$transaction((tx) => transitionFacts(tx, rfpId, now));
  return availableTransitions(facts.stage, facts);
}

/** Move the RFP to another stage if the guards allow it; audited with the reason. */
export async function transitionRfp(
  actor: Actor,
  rfpId: string,
  input: { to: RfpStage; reason?: string; expectedVersion: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const facts = await transitionFacts(tx, rfpId, now);
    if (facts.version !== input.expectedVersion) {
      throw new ConflictError("This RFP changed after you opened it. Review the page and try again.");
    }
    const blockers = transitionBlockers(facts.stage, input.to, facts);
    if (blockers.length > 0) throw new FieldError("to", blockers.join(" "));
    if (input.to === "CANCELLED") {
      const problem = validateCancelReason(input.reason);
      if (problem) throw new FieldError("reason", problem);
    }
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, version: input.expectedVersion },
      data: {
        stage: input.to,
        cancelledReason: input.to === "CANCELLED" ? (input.reason?.trim() ?? null) : undefined,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new ConflictError("This RFP changed after you opened it. Review the page and try again.");
    await recordAudit(tx, {
      actor,
      action: "rfp.stage_changed",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      before: { stage: facts.stage },
      after: { stage: input.to, reason: input.reason?.trim() || undefined },
    });
    return { from: facts.stage, to: input.to };
  });
}
