import { prisma } from "~/db.server";
import { documentReadinessIssues } from "~/domain/document";
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
import { cancellationMessage } from "~/utils/messages";
import { type Actor, recordAudit, type UserActor } from "./audit.server";
import { type EvaluationFacts, evaluationFacts } from "./consensus-data.server";
import { offeredEvaluationFacts } from "./consensus-summary.server";
import { freezeDocument, loadWorkingDocument } from "./document.server";
import { BUYER_NAME, issueInvitationLink } from "./invitation-link.server";
import { recordProposalsOpened } from "./opening.server";
import { queueMessage } from "./outbox.server";

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

/**
 * The creator becomes the RFP's lead. The reference is the next number in the year, gap-free.
 * `populate` fills the new RFP (e.g. from a template) inside the same transaction.
 */
export async function createRfp(
  actor: UserActor,
  details: RfpDetails,
  populate?: (tx: Prisma.TransactionClient, rfp: { id: string; reference: string }) => Promise<void>,
) {
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
    await populate?.(tx, rfp);
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
 * What the stage guards need (see domain/workflow); facts of later stages are only queried when
 * the RFP is in the stage they guard.
 */
async function transitionFacts(
  tx: Prisma.TransactionClient,
  rfpId: string,
  now: Date,
  evaluation: (stage: RfpStage) => Promise<EvaluationFacts> = (stage) => evaluationFacts(tx, rfpId, stage),
): Promise<TransitionFacts & { stage: RfpStage; version: number }> {
  const rfp = await tx.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      stage: true,
      version: true,
      proposalsOpenedAt: true,
      ...auditedFields,
      _count: {
        select: {
          invitations: { where: { revokedAt: null } },
          proposals: { where: { status: "SUBMITTED" } },
          recommendations: { where: { status: "APPROVED" } },
          negotiations: { where: { status: "CONCLUDED" } },
        },
      },
    },
  });
  // Only a draft's document can still block anything; later it is frozen.
  const documentIssues = rfp.stage === "DRAFT" ? documentReadinessIssues(await loadWorkingDocument(rfpId, tx)) : [];
  return {
    now,
    stage: rfp.stage,
    version: rfp.version,
    rfp: { title: rfp.title, summary: rfp.summary, timeline: timelineOf(rfp) },
    document: { issues: documentIssues },
    invitations: { active: rfp._count.invitations },
    proposals: { submitted: rfp._count.proposals, opened: rfp.proposalsOpenedAt !== null },
    ...(await evaluation(rfp.stage)),
    interviews: {
      // Every shortlisted vendor must have been interviewed and debriefed before the decision.
      shortlistedWithoutDebrief:
        rfp.stage === "INTERVIEWS"
          ? await tx.invitation.count({
              where: {
                rfpId,
                shortlistDecision: { outcome: "SHORTLISTED" },
                NOT: { interview: { debriefs: { some: { status: "SUBMITTED" } } } },
              },
            })
          : 0,
    },
    award: { approved: rfp._count.recommendations > 0 },
    negotiation: { concluded: rfp._count.negotiations > 0 },
  };
}

/**
 * The moves the stage guards allow now, to offer them. Read outside a transaction: in the stages
 * that need more than the RFP's own row (a draft's document, the evaluation, the interviews) a
 * change between those reads can only make an offer stale, and `transitionRfp` checks every guard
 * again in its own transaction before it moves anything.
 */
export async function getStageOptions(rfpId: string, now = new Date()) {
  const facts = await transitionFacts(prisma, rfpId, now, (stage) => offeredEvaluationFacts(rfpId, stage));
  return availableTransitions(facts.stage, facts);
}

/**
 * Move the RFP to another stage if the guards allow it; audited with the reason. Publishing
 * freezes the document as version 1 and sends every invited vendor its portal link (links are
 * built on `origin`); moving to evaluation opens the sealed proposals (audited: who, when, how
 * many); cancelling stops every portal link and tells the vendors why.
 */
export async function transitionRfp(
  actor: UserActor,
  rfpId: string,
  input: { to: RfpStage; reason?: string; expectedVersion: number; origin: string },
  now = new Date(),
) {
  return prisma.$transaction((tx) => transitionRfpInTx(tx, actor, rfpId, input, now));
}

/**
 * transitionRfp inside the caller's transaction, for moves that complete another change:
 * concluding the contract negotiation awards the RFP in the same transaction.
 */
export async function transitionRfpInTx(
  tx: Prisma.TransactionClient,
  actor: UserActor,
  rfpId: string,
  input: { to: RfpStage; reason?: string; expectedVersion: number; origin: string },
  now: Date,
) {
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
  if (input.to === "PUBLISHED") {
    await freezeDocument(tx, rfpId, actor);
    const invitations = await tx.invitation.findMany({ where: { rfpId, revokedAt: null }, select: { id: true } });
    for (const invitation of invitations) await issueInvitationLink(tx, invitation.id, { actor, origin: input.origin });
  }
  // The sealed opening: proposals become readable to the team only from this moment on.
  if (input.to === "EVALUATION") await recordProposalsOpened(tx, actor, rfpId, now);
  if (input.to === "CANCELLED") await closeVendorAccess(tx, rfpId, now, input.reason?.trim() ?? "");
  // Awarded: the contract is concluded, so no vendor needs the portal any more.
  if (input.to === "AWARDED") await expireVendorLinks(tx, rfpId, now);
  return { from: facts.stage, to: input.to };
}

/**
 * Portal links stop working, open sessions end, and vendors who could see the RFP are told why
 * (a published RFP only: before that nobody outside knew of it).
 */
async function closeVendorAccess(tx: Prisma.TransactionClient, rfpId: string, now: Date, reason: string) {
  const rfp = await tx.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { reference: true, title: true, documentVersions: { select: { id: true }, take: 1 } },
  });
  const invitations = await tx.invitation.findMany({
    where: { rfpId, revokedAt: null },
    select: { id: true, vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
  });
  await expireVendorLinks(tx, rfpId, now);
  if (rfp.documentVersions.length === 0) return;
  for (const invitation of invitations) {
    if (!invitation.contact) continue;
    await queueMessage(tx, {
      rfpId,
      invitationId: invitation.id,
      kind: "cancellation",
      toEmail: invitation.contact.email,
      toName: invitation.contact.name,
      ...cancellationMessage({
        rfp,
        buyer: BUYER_NAME,
        vendorName: invitation.vendor.name,
        contactName: invitation.contact.name,
        reason,
      }),
    });
  }
}

/** Every portal link of the RFP stops working and open portal sessions end. */
async function expireVendorLinks(tx: Prisma.TransactionClient, rfpId: string, now: Date) {
  await tx.invitation.updateMany({ where: { rfpId, expiresAt: null }, data: { expiresAt: now } });
  await tx.portalSession.deleteMany({ where: { invitation: { rfpId } } });
}
