import { prisma, type TransactionClient } from "~/db.server";
import { type PanelSeat, pendingSheets, type SheetKey, unsettledItems } from "~/domain/consensus";
import { withEffectiveWeights } from "~/domain/criteria";
import {
  buildScoreMatrix,
  describeScoreMatrixError,
  itemStatistics,
  type ScoreEntry,
  type ScoreMatrix,
  scoringCriteria,
} from "~/domain/scoring";
import { sheetsComplete } from "./scoring.server";

/**
 * Everything consensus and the shortlist compute from, loaded in one place: the written
 * criteria, the vendors being evaluated, the panel's seats, the SUBMITTED sheets (drafts never
 * count) and the consensus scores. Callers decide who may see which part of it.
 */
type Db = TransactionClient | typeof prisma;

export async function loadEvaluation(rfpId: string, db: Db = prisma) {
  // One query (relation joins): the whole evaluation as one consistent read.
  const {
    criteria: nodes,
    invitations,
    members,
    scoreSheets: sheets,
    consensusScores: consensus,
    ...rfp
  } = await db.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      stage: true,
      proposalsOpenedAt: true,
      consensusOpenedAt: true,
      shortlistDecidedAt: true,
      shortlistSize: true,
      _count: { select: { shortlist: { where: { outcome: "SHORTLISTED" } } } },
      criteria: {
        select: {
          id: true,
          parentId: true,
          name: true,
          weight: true,
          stage: true,
          position: true,
          scaleMin: true,
          scaleMax: true,
        },
      },
      // Vendors whose proposal is in and was not disqualified at compliance.
      invitations: {
        where: { status: { not: "DISQUALIFIED" }, proposal: { status: "SUBMITTED" } },
        orderBy: { vendor: { name: "asc" } },
        select: { id: true, status: true, vendor: { select: { name: true } } },
      },
      members: {
        where: { role: "PANEL" },
        orderBy: { user: { name: "asc" } },
        select: {
          id: true,
          userId: true,
          functionalGroup: true,
          user: { select: { name: true } },
          assignments: { select: { criterionId: true } },
          conflicts: { select: { invitationId: true, decision: true } },
        },
      },
      scoreSheets: {
        where: { status: "SUBMITTED" },
        select: { memberId: true, invitationId: true, scores: { select: { criterionId: true, value: true } } },
      },
      consensusScores: {
        select: {
          id: true,
          invitationId: true,
          criterionId: true,
          value: true,
          rationale: true,
          decidedAt: true,
          decidedBy: { select: { name: true } },
          minorityOpinions: {
            orderBy: { recordedAt: "asc" },
            select: {
              memberId: true,
              opinion: true,
              recordedAt: true,
              member: { select: { user: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  const tree = nodes.map((node) => ({ ...node, weight: Number(node.weight) }));
  const criteria = scoringCriteria(tree, "WRITTEN");
  const outlined = new Map(withEffectiveWeights(tree).map((node) => [node.id, node]));
  const criterionInfo = criteria.map((criterion) => {
    const node = outlined.get(criterion.id);
    return { ...criterion, name: node?.name ?? "", outline: node?.outline ?? "" };
  });
  const writtenIds = criteria.map((criterion) => criterion.id);
  const vendorIds = invitations.map((invitation) => invitation.id);
  const seats = members.map((member): PanelSeat & { userId: string; name: string; group: string | null } => {
    const assigned = member.assignments.map((row) => row.criterionId).filter((id) => writtenIds.includes(id));
    return {
      memberId: member.id,
      userId: member.userId,
      name: member.user.name,
      group: member.functionalGroup?.trim() || null,
      criterionIds: member.assignments.length === 0 ? writtenIds : assigned,
      recusedFromPanel: member.conflicts.some((conflict) => conflict.decision === "RECUSED_PANEL"),
      recusedVendorIds: member.conflicts
        .filter((conflict) => conflict.decision === "RECUSED_VENDOR")
        .map((conflict) => conflict.invitationId),
    };
  });
  // Members with nothing written to score (e.g. assigned oral criteria only) are not evaluators here.
  const evaluators = seats.filter((seat) => !seat.recusedFromPanel && seat.criterionIds.length > 0);
  // A sheet counts only for a seat still on the panel, a vendor still evaluated, and no recusal.
  const counted = sheets.filter((sheet) => {
    const seat = evaluators.find((candidate) => candidate.memberId === sheet.memberId);
    return seat && vendorIds.includes(sheet.invitationId) && !seat.recusedVendorIds.includes(sheet.invitationId);
  });
  const submitted: SheetKey[] = counted.map((sheet) => ({ memberId: sheet.memberId, vendorId: sheet.invitationId }));
  const pending = pendingSheets(evaluators, vendorIds, submitted);
  const scores: ScoreEntry[] = counted.flatMap((sheet) => {
    const seat = evaluators.find((candidate) => candidate.memberId === sheet.memberId);
    return sheet.scores.flatMap((score) =>
      score.value !== null && seat?.criterionIds.includes(score.criterionId)
        ? [
            {
              vendorId: sheet.invitationId,
              criterionId: score.criterionId,
              evaluatorId: sheet.memberId,
              score: score.value,
            },
          ]
        : [],
    );
  });
  const built = buildScoreMatrix({
    vendorIds,
    criteria,
    evaluatorIds: evaluators.map((seat) => seat.memberId),
    scores,
    consensus: consensus
      .filter((row) => vendorIds.includes(row.invitationId) && writtenIds.includes(row.criterionId))
      .map((row) => ({ vendorId: row.invitationId, criterionId: row.criterionId, score: row.value })),
  });
  const names = new Map<string, string>([
    ...invitations.map((invitation) => [invitation.id, invitation.vendor.name] as const),
    ...criterionInfo.map((criterion) => [criterion.id, criterion.name] as const),
    ...evaluators.map((seat) => [seat.memberId, seat.name] as const),
  ]);
  const matrixErrors = built.ok
    ? []
    : built.errors.map((error) => describeScoreMatrixError(error, (id) => names.get(id) ?? id));
  return {
    rfp,
    criteria: criterionInfo,
    vendors: invitations.map((invitation) => ({
      id: invitation.id,
      name: invitation.vendor.name,
      status: invitation.status,
    })),
    evaluators,
    // How many sheets are owed and in: the panel's own rule (models/scoring, the progress page).
    sheets: await sheetsComplete(db, rfpId),
    /** This module's per-member view of what is owed, used to re-seal a member with a sheet out. */
    pending,
    matrix: built.ok ? built.matrix : null,
    matrixErrors,
    consensus,
  };
}

export type Evaluation = Awaited<ReturnType<typeof loadEvaluation>>;

export function statisticsOf(matrix: ScoreMatrix | null) {
  return matrix ? itemStatistics(matrix) : [];
}

/** Consensus is complete once it is open, the matrix is sound and every flagged item is settled. */
export function consensusComplete(evaluation: Evaluation) {
  if (!evaluation.rfp.consensusOpenedAt || !evaluation.matrix) return false;
  return unsettledItems(statisticsOf(evaluation.matrix)).length === 0;
}

/**
 * What the stage guards need from the evaluation (see domain/workflow). Before the evaluation
 * stage there is nothing to count, so no query is made.
 */
export async function evaluationFacts(tx: TransactionClient, rfpId: string, stage: string) {
  if (stage !== "EVALUATION" && stage !== "SHORTLIST") {
    return { scoring: { sheetsPending: 0, consensusComplete: false }, shortlist: { decided: false, size: 0 } };
  }
  const evaluation = await loadEvaluation(rfpId, tx);
  return {
    scoring: {
      sheetsPending: evaluation.sheets.expected - evaluation.sheets.submitted,
      consensusComplete: consensusComplete(evaluation),
    },
    shortlist: { decided: evaluation.rfp.shortlistDecidedAt !== null, size: evaluation.rfp._count.shortlist },
  };
}
