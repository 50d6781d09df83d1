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
import type { Prisma } from "~/generated/prisma/client";
import { sheetsComplete } from "./scoring.server";

/**
 * Everything consensus and the shortlist compute from: the written criteria, the vendors being
 * evaluated, the panel's seats, the SUBMITTED sheets (drafts never count) and the consensus
 * scores. Callers decide who may see which part of it.
 *
 * The "frame" is all of it but the individual scores: a few hundred small rows even for a large
 * RFP. `loadEvaluation` adds every score in the same query (shortlist, opening consensus, stage
 * guards); the consensus page adds one vendor's scores (`loadVendorScores`) and reads the
 * panel-wide counts from models/consensus-summary.
 */
type Db = TransactionClient | typeof prisma;

const frameSelect = {
  id: true,
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
} satisfies Prisma.RfpSelect;

const submittedSheets = { status: "SUBMITTED" } satisfies Prisma.ScoreSheetWhereInput;
const sheetKeySelect = { memberId: true, invitationId: true, updatedAt: true } satisfies Prisma.ScoreSheetSelect;
const scoresSelect = { select: { criterionId: true, value: true } } satisfies Prisma.ScoreSheet$scoresArgs;

type FrameRow = Prisma.RfpGetPayload<{
  select: typeof frameSelect & { scoreSheets: { where: typeof submittedSheets; select: typeof sheetKeySelect } };
}>;

/** A submitted sheet with its scores, as the matrix is built from. */
export type SheetScores = {
  memberId: string;
  invitationId: string;
  scores: readonly { criterionId: string; value: number | null }[];
};

function frameOf(row: FrameRow) {
  const { criteria: nodes, invitations, members, scoreSheets: sheets, consensusScores: consensus, ...rfp } = row;
  const tree = nodes.map((node) => ({ ...node, weight: Number(node.weight) }));
  const scoring = scoringCriteria(tree, "WRITTEN");
  const outlined = new Map(withEffectiveWeights(tree).map((node) => [node.id, node]));
  const criterionInfo = scoring.map((criterion) => {
    const node = outlined.get(criterion.id);
    return { ...criterion, name: node?.name ?? "", outline: node?.outline ?? "" };
  });
  const writtenIds = scoring.map((criterion) => criterion.id);
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
  return {
    rfp,
    /** The written leaves in outline order, with effective weights, scales, names and outline numbers. */
    criteria: criterionInfo,
    /** The same leaves as the scoring domain takes them. */
    scoring,
    vendors: invitations.map((invitation) => ({
      id: invitation.id,
      name: invitation.vendor.name,
      status: invitation.status,
    })),
    evaluators,
    /** The submitted sheets that count, with when each last changed (models/consensus-summary keys on it). */
    counted,
    /** This module's per-member view of what is owed, used to re-seal a member with a sheet out. */
    pending: pendingSheets(evaluators, vendorIds, submitted),
    consensus,
  };
}

export type EvaluationFrame = ReturnType<typeof frameOf>;

/** The evaluation without the individual scores, in one query. */
export async function loadEvaluationFrame(rfpId: string, db: Db = prisma): Promise<EvaluationFrame> {
  const row = await db.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { ...frameSelect, scoreSheets: { where: submittedSheets, select: sheetKeySelect } },
  });
  return frameOf(row);
}

/** The scores of the sheets that count, as matrix entries (a seat's own criteria only). */
export function scoreEntries(frame: EvaluationFrame, sheets: readonly SheetScores[]): ScoreEntry[] {
  const counted = new Set(frame.counted.map((sheet) => `${sheet.memberId}|${sheet.invitationId}`));
  const seats = new Map(frame.evaluators.map((seat) => [seat.memberId, new Set(seat.criterionIds)]));
  return sheets.flatMap((sheet) => {
    const criterionIds = seats.get(sheet.memberId);
    if (!criterionIds || !counted.has(`${sheet.memberId}|${sheet.invitationId}`)) return [];
    return sheet.scores.flatMap((score) =>
      score.value !== null && criterionIds.has(score.criterionId)
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
}

/** One vendor's submitted scores (the consensus page shows one vendor at a time). */
export async function loadVendorScores(frame: EvaluationFrame, vendorId: string, db: Db = prisma) {
  const sheets = await db.scoreSheet.findMany({
    where: { rfpId: frame.rfp.id, invitationId: vendorId, ...submittedSheets },
    select: { memberId: true, invitationId: true, scores: scoresSelect },
  });
  return scoreEntries(frame, sheets);
}

/**
 * The score matrix of `vendorIds` (default: every vendor evaluated) with their consensus scores;
 * null with the reasons when the scores do not fit together.
 */
export function matrixOf(
  frame: EvaluationFrame,
  scores: readonly ScoreEntry[],
  vendorIds: readonly string[] = frame.vendors.map((vendor) => vendor.id),
) {
  const writtenIds = new Set(frame.scoring.map((criterion) => criterion.id));
  const built = buildScoreMatrix({
    vendorIds,
    criteria: frame.scoring,
    evaluatorIds: frame.evaluators.map((seat) => seat.memberId),
    scores,
    consensus: frame.consensus
      .filter((row) => vendorIds.includes(row.invitationId) && writtenIds.has(row.criterionId))
      .map((row) => ({ vendorId: row.invitationId, criterionId: row.criterionId, score: row.value })),
  });
  if (built.ok) return { matrix: built.matrix, matrixErrors: [] };
  const names = new Map<string, string>([
    ...frame.vendors.map((vendor) => [vendor.id, vendor.name] as const),
    ...frame.criteria.map((criterion) => [criterion.id, criterion.name] as const),
    ...frame.evaluators.map((seat) => [seat.memberId, seat.name] as const),
  ]);
  return {
    matrix: null,
    matrixErrors: built.errors.map((error) => describeScoreMatrixError(error, (id) => names.get(id) ?? id)),
  };
}

export async function loadEvaluation(rfpId: string, db: Db = prisma) {
  // One query (relation joins): the whole evaluation as one consistent read.
  const row = await db.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      ...frameSelect,
      scoreSheets: { where: submittedSheets, select: { ...sheetKeySelect, scores: scoresSelect } },
    },
  });
  const frame = frameOf(row);
  const { matrix, matrixErrors } = matrixOf(frame, scoreEntries(frame, row.scoreSheets));
  return {
    rfp: frame.rfp,
    criteria: frame.criteria,
    vendors: frame.vendors,
    evaluators: frame.evaluators,
    // How many sheets are owed and in: the panel's own rule (models/scoring, the progress page).
    sheets: await sheetsComplete(db, rfpId),
    pending: frame.pending,
    matrix,
    matrixErrors,
    consensus: frame.consensus,
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
