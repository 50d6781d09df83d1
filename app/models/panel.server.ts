import { prisma, type TransactionClient } from "~/db.server";
import { type Declaration, isRecusedFromPanel } from "~/domain/conflict";
import { type CriterionStage, withEffectiveWeights } from "~/domain/criteria";
import { RFP_ROLE_INFO, rfpRolesAllowedFor } from "~/domain/policy";
import { sectionNumberOf } from "~/domain/sections";
import { assignedCriteria, type EvaluationState, scoringClosedReason } from "~/domain/sheet";
import type { RfpStage } from "~/domain/workflow";
import type { Prisma } from "~/generated/prisma/client";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { normalizeEmail } from "./user.server";

/**
 * The evaluation panel of an RFP: its members (RfpMember role PANEL) with their functional group,
 * expertise and the criteria they score, and the facts every evaluation screen starts from (which
 * vendors are evaluated, which criteria are scored in writing).
 */

/**
 * The vendors under evaluation: a submitted proposal, not disqualified. The query's arguments and
 * the mapping are exported too, so a screen can nest them in one query of its own (the score sheet).
 */
export const evaluatedVendorsQuery = {
  where: { status: { not: "DISQUALIFIED" }, proposal: { status: "SUBMITTED" } },
  orderBy: { vendor: { name: "asc" } },
  select: { id: true, vendor: { select: { name: true } } },
} satisfies Prisma.InvitationFindManyArgs;

export function toEvaluatedVendors(rows: readonly { id: string; vendor: { name: string } }[]) {
  return rows.map((row) => ({ invitationId: row.id, vendorName: row.vendor.name }));
}

export async function evaluatedVendors(client: TransactionClient, rfpId: string) {
  const { where, ...query } = evaluatedVendorsQuery;
  return toEvaluatedVendors(await client.invitation.findMany({ ...query, where: { ...where, rfpId } }));
}

export type WrittenCriterion = {
  id: string;
  name: string;
  description: string | null;
  outline: string;
  /** The name of the top-level node the leaf sits under (itself for a top-level leaf). */
  section: string;
  effectiveWeight: number;
  scaleMin: number;
  scaleMax: number;
  descriptors: string[];
};

/** What writtenCriteria reads of each criterion of the tree (exported for nested queries). */
export const criterionTreeSelect = {
  ...scoredCriterionSelect,
  description: true,
  descriptors: true,
} satisfies Prisma.CriterionSelect;

/** The leaves of the criteria tree scored from the written proposals, in outline order. */
export async function writtenCriteria(client: TransactionClient, rfpId: string): Promise<WrittenCriterion[]> {
  return toWrittenCriteria(await client.criterion.findMany({ where: { rfpId }, select: criterionTreeSelect }));
}

export function toWrittenCriteria(
  rows: readonly Prisma.CriterionGetPayload<{ select: typeof criterionTreeSelect }>[],
): WrittenCriterion[] {
  const tree = withEffectiveWeights(
    rows.map((row) => ({ ...row, weight: Number(row.weight), stage: row.stage as CriterionStage })),
  );
  const topNames = new Map(tree.filter((node) => node.depth === 0).map((node) => [node.outline, node.name]));
  return tree
    .filter((node) => node.isLeaf && node.stage === "WRITTEN")
    .map((node) => ({
      id: node.id,
      name: node.name,
      description: node.description,
      outline: node.outline,
      section: topNames.get(sectionNumberOf(node.outline)) ?? node.name,
      effectiveWeight: node.effectiveWeight,
      scaleMin: node.scaleMin,
      scaleMax: node.scaleMax,
      descriptors: Array.isArray(node.descriptors) ? node.descriptors.map(String) : [],
    }));
}

/** What evaluationState reads of the RFP (exported for nested queries). */
export const evaluationStateSelect = {
  stage: true,
  timeZone: true,
  proposalsOpenedAt: true,
  consensusOpenedAt: true,
  pricesVisibleToPanel: true,
} satisfies Prisma.RfpSelect;

export async function evaluationState(client: TransactionClient, rfpId: string) {
  return toEvaluationState(await client.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: evaluationStateSelect }));
}

export function toEvaluationState(rfp: Prisma.RfpGetPayload<{ select: typeof evaluationStateSelect }>) {
  const state: EvaluationState = {
    stage: rfp.stage as RfpStage,
    proposalsOpened: rfp.proposalsOpenedAt !== null,
    consensusOpened: rfp.consensusOpenedAt !== null,
  };
  return { ...state, timeZone: rfp.timeZone, pricesVisibleToPanel: rfp.pricesVisibleToPanel };
}

export function toDeclaration(row: {
  invitationId: string;
  hasConflict: boolean;
  decision: string | null;
  decisionNote: string;
}): Declaration {
  return {
    invitationId: row.invitationId,
    hasConflict: row.hasConflict,
    decision: (row.decision as Declaration["decision"]) ?? (row.hasConflict ? "PENDING" : null),
    decisionNote: row.decisionNote,
  };
}

/**
 * Lock a panel member's row for the rest of the transaction: declarations, the lead's decisions
 * and sheet saves of one member take turns, so a save never slips past a recusal being recorded.
 */
export async function lockPanelMember(
  tx: TransactionClient,
  rfpId: string,
  where: { userId: string } | { memberId: string },
) {
  const rows =
    "memberId" in where
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "RfpMember" WHERE "rfpId" = ${rfpId} AND "role" = 'PANEL' AND "id" = ${where.memberId}
          FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "RfpMember" WHERE "rfpId" = ${rfpId} AND "role" = 'PANEL' AND "userId" = ${where.userId}
          FOR UPDATE`;
  return rows[0]?.id ?? null;
}

/** Panel set-up for the lead (and observers, read-only). */
export async function getPanelSetup(rfpId: string) {
  const [state, criteria, members, observers] = await Promise.all([
    evaluationState(prisma, rfpId),
    writtenCriteria(prisma, rfpId),
    prisma.rfpMember.findMany({
      where: { rfpId, role: "PANEL" },
      orderBy: { addedAt: "asc" },
      select: {
        id: true,
        functionalGroup: true,
        expertise: true,
        user: { select: { name: true, email: true, disabledAt: true } },
        assignments: { select: { criterionId: true } },
        conflicts: { select: { invitationId: true, hasConflict: true, decision: true, decisionNote: true } },
        _count: { select: { scoreSheets: { where: { status: "SUBMITTED" } } } },
      },
    }),
    prisma.rfpMember.findMany({
      where: { rfpId, role: "OBSERVER" },
      orderBy: { addedAt: "asc" },
      select: { id: true, user: { select: { name: true } } },
    }),
  ]);
  return {
    state,
    closedReason: scoringClosedReason(state),
    criteria: criteria.map(({ id, name, outline, effectiveWeight }) => ({ id, name, outline, effectiveWeight })),
    observers: observers.map((observer) => ({ id: observer.id, name: observer.user.name })),
    members: members.map((member) => {
      const assignedIds = member.assignments.map((assignment) => assignment.criterionId);
      const scored = assignedCriteria(criteria, assignedIds);
      return {
        id: member.id,
        name: member.user.name,
        email: member.user.email,
        disabled: member.user.disabledAt !== null,
        functionalGroup: member.functionalGroup,
        expertise: member.expertise,
        usesDefault: assignedIds.length === 0,
        criterionIds: scored.map((criterion) => criterion.id),
        recusedFromPanel: isRecusedFromPanel(member.conflicts.map(toDeclaration)),
        submittedSheets: member._count.scoreSheets,
      };
    }),
  };
}

export type PanelMemberInput = {
  memberId: string;
  functionalGroup: string | null;
  expertise: string[];
  /** Empty: every written criterion (the default). */
  criterionIds: string[];
};

/**
 * Change a member's group, expertise and criteria. Criteria can change until the member submits a
 * sheet (a submitted sheet was scored against the criteria of that moment); draft scores on
 * criteria taken away are deleted with the change, and the audit says how many.
 */
export async function updatePanelMember(actor: Actor, rfpId: string, input: PanelMemberInput) {
  return prisma.$transaction(async (tx) => {
    const memberId = await lockPanelMember(tx, rfpId, { memberId: input.memberId });
    if (!memberId) throw new FieldError("form", "That person is not on this RFP's panel any more.");
    const [member, criteria, state] = await Promise.all([
      tx.rfpMember.findUniqueOrThrow({
        where: { id: memberId },
        select: {
          functionalGroup: true,
          expertise: true,
          user: { select: { name: true, email: true } },
          assignments: { select: { criterionId: true } },
          _count: { select: { scoreSheets: { where: { status: "SUBMITTED" } } } },
        },
      }),
      writtenCriteria(tx, rfpId),
      evaluationState(tx, rfpId),
    ]);
    const known = new Set(criteria.map((criterion) => criterion.id));
    const unknown = input.criterionIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new FieldError(
        "scope",
        "Only criteria scored from the written proposals (leaves of the tree) can be assigned.",
      );
    }
    const storedIds = member.assignments.map((assignment) => assignment.criterionId);
    const before = assignedCriteria(criteria, storedIds);
    const after = assignedCriteria(criteria, input.criterionIds);
    const sameIds = (
      a: readonly { id: string }[] | readonly string[],
      b: readonly { id: string }[] | readonly string[],
    ) => {
      const ids = (list: typeof a) => [...list].map((item) => (typeof item === "string" ? item : item.id)).sort();
      return ids(a).join() === ids(b).join();
    };
    const scopeChanged = !sameIds(before, after);
    let draftScoresDeleted = 0;
    if (scopeChanged) {
      if (state.consensusOpened) {
        throw new FieldError("scope", "Consensus is open: the criteria each member scored are final.");
      }
      if (member._count.scoreSheets > 0) {
        throw new FieldError(
          "scope",
          `${member.user.name} has submitted sheets scored against the current criteria. Reopen those sheets first (Progress page), or leave the criteria as they are.`,
        );
      }
      const kept = after.map((criterion) => criterion.id);
      ({ count: draftScoresDeleted } = await tx.score.deleteMany({
        where: { sheet: { memberId }, criterionId: { notIn: kept } },
      }));
    }
    if (!sameIds(storedIds, input.criterionIds)) {
      await tx.panelAssignment.deleteMany({ where: { memberId } });
      if (input.criterionIds.length > 0) {
        await tx.panelAssignment.createMany({
          data: input.criterionIds.map((criterionId) => ({ memberId, criterionId })),
        });
      }
    }
    await tx.rfpMember.update({
      where: { id: memberId },
      data: { functionalGroup: input.functionalGroup, expertise: input.expertise },
    });
    const describe = (list: typeof criteria, usesDefault: boolean) =>
      usesDefault ? "every written criterion" : list.map((criterion) => `${criterion.outline} ${criterion.name}`);
    await recordAudit(tx, {
      actor,
      action: "panel.member_updated",
      entityType: "RfpMember",
      entityId: memberId,
      rfpId,
      before: {
        member: member.user.email,
        functionalGroup: member.functionalGroup,
        expertise: member.expertise,
        criteria: describe(before, member.assignments.length === 0),
      },
      after: {
        functionalGroup: input.functionalGroup,
        expertise: input.expertise,
        criteria: describe(after, input.criterionIds.length === 0),
        draftScoresDeleted: draftScoresDeleted || undefined,
      },
    });
    return { name: member.user.name, draftScoresDeleted };
  });
}

/**
 * Put someone on the evaluation panel (RfpMember role PANEL) with their functional group and
 * expertise; they score every written criterion until the lead narrows it. Same account rules as
 * the Team page (models/team), in one transaction with its audit event.
 */
export async function addPanelMember(
  actor: Actor,
  rfpId: string,
  input: { email: string; functionalGroup: string | null; expertise: string[] },
) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: normalizeEmail(input.email) },
      select: { id: true, name: true, email: true, role: true, disabledAt: true },
    });
    if (!user || user.disabledAt) {
      throw new FieldError("email", "No active account has this email. Ask an administrator to create it.");
    }
    if (!rfpRolesAllowedFor(user.role).includes("PANEL")) {
      throw new FieldError("email", `${user.name}'s account cannot sit on an evaluation panel.`);
    }
    const existing = await tx.rfpMember.findUnique({
      where: { rfpId_userId: { rfpId, userId: user.id } },
      select: { role: true },
    });
    if (existing) {
      throw new FieldError(
        "email",
        `${user.name} is already on this RFP's team as ${RFP_ROLE_INFO[existing.role].label.toLowerCase()}.`,
      );
    }
    const { consensusOpenedAt } = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { consensusOpenedAt: true },
    });
    if (consensusOpenedAt) throw new FieldError("form", "Consensus is open: the panel is final.");
    const member = await tx.rfpMember.create({
      data: {
        rfpId,
        userId: user.id,
        role: "PANEL",
        functionalGroup: input.functionalGroup,
        expertise: input.expertise,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "rfp.member_added",
      entityType: "RfpMember",
      entityId: member.id,
      rfpId,
      after: {
        user: user.email,
        role: "PANEL",
        functionalGroup: input.functionalGroup,
        expertise: input.expertise,
        criteria: "every written criterion",
      },
    });
    return { id: member.id, name: user.name };
  });
}
