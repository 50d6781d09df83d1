import { prisma, type TransactionClient } from "~/db.server";
import { type PanelSeat, panelSeat, pendingSheets, type SheetKey, unsettledItems } from "~/domain/consensus";
import { withEffectiveWeights } from "~/domain/criteria";
import {
  buildScoreMatrix,
  describeScoreMatrixError,
  itemStatistics,
  type ScoreEntry,
  type ScoreMatrix,
  scoringCriteria,
} from "~/domain/scoring";
import { sectionNumberOf } from "~/domain/sections";
import { assignedCriteria } from "~/domain/sheet";
import { Prisma } from "~/generated/prisma/client";
import { frozenOutsideProduction } from "~/utils/freeze";
import { evaluationState, stateCache } from "./evaluation-cache.server";

/**
 * Everything consensus and the shortlist compute from: the written criteria, the vendors being
 * evaluated, the panel's seats, the SUBMITTED sheets (drafts never count) and the consensus
 * scores. Callers decide who may see which part of it.
 *
 * The "frame" is all of it but the individual scores: a few hundred small rows even for a large
 * RFP. `loadEvaluation` adds every score, packed per sheet (shortlist, opening consensus, stage
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
      // Only recusals change who scores what (a declared conflict alone does not).
      conflicts: {
        where: { decision: { in: ["RECUSED_PANEL", "RECUSED_VENDOR"] } },
        select: { invitationId: true, decision: true },
      },
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

type FrameRow = Prisma.RfpGetPayload<{ select: typeof frameSelect }>;
type SheetKeyRow = { memberId: string; invitationId: string };
/** What one query reads for a frame: the RFP's rows and the keys of every submitted sheet. */
type FrameRows = { row: FrameRow; sheets: readonly SheetKeyRow[] };

/** A submitted sheet with its scores, as the matrix is built from. */
export type SheetScores = SheetKeyRow & { scores: readonly { criterionId: string; value: number | null }[] };

function frameOf({ row, sheets }: FrameRows, version: string | null) {
  const { criteria: nodes, invitations, members, consensusScores: consensus, ...rfp } = row;
  const tree = nodes.map((node) => ({ ...node, weight: Number(node.weight) }));
  const scoring = scoringCriteria(tree, "WRITTEN");
  const outlinedTree = withEffectiveWeights(tree);
  const outlined = new Map(outlinedTree.map((node) => [node.id, node]));
  const topNames = new Map(outlinedTree.filter((node) => node.depth === 0).map((node) => [node.outline, node.name]));
  const criterionInfo = scoring.map((criterion) => {
    const node = outlined.get(criterion.id);
    const outline = node?.outline ?? "";
    const name = node?.name ?? "";
    // The top-level node's name: what the page's sections are called (see domain/sections).
    // Object.assign: see withEffectiveWeights (domain/criteria) on spreads in per-request loops.
    return Object.assign({}, criterion, { name, outline, section: topNames.get(sectionNumberOf(outline)) ?? name });
  });
  const vendorIds = invitations.map((invitation) => invitation.id);
  const seats = members.map((member): PanelSeat & { userId: string; name: string; group: string | null } => {
    const scored = assignedCriteria(
      scoring,
      member.assignments.map((row) => row.criterionId),
    ).map((criterion) => criterion.id);
    return Object.assign(panelSeat(member.id, scored, member.conflicts), {
      userId: member.userId,
      name: member.user.name,
      group: member.functionalGroup?.trim() || null,
    });
  });
  // Members with nothing written to score (e.g. assigned oral criteria only) are not evaluators here.
  const evaluators = seats.filter((seat) => !seat.recusedFromPanel && seat.criterionIds.length > 0);
  const seatOf = new Map(evaluators.map((seat) => [seat.memberId, seat]));
  const evaluated = new Set(vendorIds);
  /** A sheet counts only for a seat still on the panel, a vendor still evaluated, and no recusal. */
  const counts = (sheet: SheetKeyRow) => {
    const seat = seatOf.get(sheet.memberId);
    return Boolean(seat && evaluated.has(sheet.invitationId) && !seat.recusedVendorIds.includes(sheet.invitationId));
  };
  const submitted: SheetKey[] = sheets
    .filter(counts)
    .map((sheet) => ({ memberId: sheet.memberId, vendorId: sheet.invitationId }));
  return {
    /**
     * The state of the evaluation this frame shows (see `evaluationState`); null when it was read
     * inside a transaction, whose own writes no version names yet.
     */
    version,
    rfp,
    /**
     * The written leaves in outline order, with effective weights, scales, names, outline numbers
     * and the name of the top-level node each sits under (`section`).
     */
    criteria: criterionInfo,
    /** The same leaves as the scoring domain takes them. */
    scoring,
    vendors: invitations.map((invitation) => ({
      id: invitation.id,
      name: invitation.vendor.name,
      status: invitation.status,
    })),
    evaluators,
    counts,
    /**
     * The sheets owed and not in (domain/consensus `owesSheet`): the panel's counts, and a member
     * with a sheet out is sealed again.
     */
    pending: pendingSheets(evaluators, vendorIds, submitted),
    /** How many submitted sheets count. */
    submitted: submitted.length,
    consensus,
  };
}

export type EvaluationFrame = ReturnType<typeof frameOf>;

/**
 * The evaluation without the individual scores: what the consensus page and its forms need. Of
 * the submitted sheets only the keys are read (who, which vendor).
 *
 * Outside a transaction the frame comes from a cache kept per RFP and state of its evaluation
 * (`evaluationState`, one indexed read per call): at benchmark scale the frame is a third of the
 * consensus page's database time and a fifth of its CPU, and it changes a few times a day. It is
 * shared between requests: never change it (outside production it is frozen to make sure). Inside
 * a transaction (the consensus actions) it is read with the transaction's own writes.
 */
export async function loadEvaluationFrame(rfpId: string, db: Db = prisma): Promise<EvaluationFrame> {
  if (db !== prisma) return frameOf(await readFrameRows(rfpId, db), null);
  const version = await evaluationState(rfpId);
  return frameCache.get(rfpId, version, [], async () => frameOf(await readFrameRows(rfpId, prisma), version));
}

const frameCache = stateCache<EvaluationFrame>("frame", 32);

async function readFrameRows(rfpId: string, db: Db): Promise<FrameRows> {
  const { scoreSheets: sheets, ...row } = await db.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { ...frameSelect, scoreSheets: { where: submittedSheets, select: { memberId: true, invitationId: true } } },
  });
  return { row, sheets };
}

/** The scores of the sheets that count, as matrix entries (a seat's own criteria only). */
export function scoreEntries(frame: EvaluationFrame, sheets: readonly SheetScores[]): ScoreEntry[] {
  const seats = new Map(frame.evaluators.map((seat) => [seat.memberId, new Set(seat.criterionIds)]));
  return sheets.flatMap((sheet) => {
    const criterionIds = seats.get(sheet.memberId);
    if (!criterionIds || !frame.counts(sheet)) return [];
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

/**
 * One vendor's submitted scores (the consensus page shows one vendor at a time), of every written
 * criterion or only of `criterionIds` (the section of the criteria on screen).
 */
export async function loadVendorScores(
  frame: EvaluationFrame,
  vendorId: string,
  db: Db = prisma,
  criterionIds?: readonly string[],
) {
  return scoreEntries(frame, await loadSubmittedScores(db, frame.rfp.id, { vendorId, criterionIds }));
}

/**
 * Submitted scores of the RFP — of one vendor and of some criteria when asked — one row per sheet
 * with its scores packed as "criterionId:value,…": a tenth of the time of reading them as rows
 * (38,400 for the whole benchmark RFP) and a third of it for one vendor's. Ids are cuids, so
 * neither separator can occur in them.
 */
export async function loadSubmittedScores(
  db: Db,
  rfpId: string,
  only: { vendorId?: string; criterionIds?: readonly string[] } = {},
): Promise<SheetScores[]> {
  const vendor = only.vendorId === undefined ? Prisma.empty : Prisma.sql`AND sheet."invitationId" = ${only.vendorId}`;
  const criteria =
    only.criterionIds === undefined
      ? Prisma.empty
      : only.criterionIds.length === 0
        ? Prisma.sql`AND false`
        : Prisma.sql`AND score."criterionId" IN (${Prisma.join(only.criterionIds)})`;
  // Sheet by sheet (LATERAL): each sheet's scores come from the (sheetId, criterionId) index. As a
  // join, PostgreSQL read one vendor's section through the criterion index instead — every
  // vendor's scores for those criteria (9,600 rows for 240 at benchmark scale, 4.4 ms → 1.7 ms).
  // A sheet without a matching score is left out, as the join did.
  const rows = await db.$queryRaw<{ memberId: string; invitationId: string; scores: string }[]>`
    SELECT sheet."memberId", sheet."invitationId", packed.scores
    FROM "ScoreSheet" sheet
    CROSS JOIN LATERAL (
      SELECT string_agg(score."criterionId" || ':' || score.value, ',') AS scores
      FROM "Score" score
      WHERE score."sheetId" = sheet.id AND score.value IS NOT NULL ${criteria}
    ) packed
    WHERE sheet."rfpId" = ${rfpId} AND sheet.status = 'SUBMITTED' ${vendor} AND packed.scores IS NOT NULL`;
  return rows.map((row) => ({
    memberId: row.memberId,
    invitationId: row.invitationId,
    scores: row.scores.split(",").map((pair) => {
      const colon = pair.lastIndexOf(":");
      return { criterionId: pair.slice(0, colon), value: Number(pair.slice(colon + 1)) };
    }),
  }));
}

/**
 * The score matrix of `vendorIds` (default: every vendor evaluated) with their consensus scores,
 * over every written criterion or only `criterionIds` (in outline order either way); null with
 * the reasons when the scores do not fit together.
 */
export function matrixOf(
  frame: EvaluationFrame,
  scores: readonly ScoreEntry[],
  vendorIds: readonly string[] = frame.vendors.map((vendor) => vendor.id),
  criterionIds?: readonly string[],
) {
  const only = criterionIds ? new Set(criterionIds) : null;
  const criteria = only ? frame.scoring.filter((criterion) => only.has(criterion.id)) : frame.scoring;
  const writtenIds = new Set(criteria.map((criterion) => criterion.id));
  const built = buildScoreMatrix({
    vendorIds,
    criteria,
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

/**
 * The whole evaluation: the frame and every submitted score as a matrix (shortlist, opening
 * consensus, the stage guards' moves). Outside a transaction it is kept per state of the evaluation
 * like the frame (38,400 scores at benchmark scale): shared between requests, never to be changed.
 */
export async function loadEvaluation(rfpId: string, db: Db = prisma) {
  if (db !== prisma) {
    // The scores packed per sheet (loadSubmittedScores): a fifth of the CPU of 38,400 nested rows.
    const [frame, scores] = await Promise.all([loadEvaluationFrame(rfpId, db), loadSubmittedScores(db, rfpId)]);
    return evaluationOf(frame, scores);
  }
  return evaluationAt(await loadEvaluationFrame(rfpId));
}

/**
 * The whole evaluation at the state a frame was read at (from the cache when it names one): the
 * one place every score of an RFP is read and made a matrix outside a transaction.
 */
export async function evaluationAt(frame: EvaluationFrame): Promise<Evaluation> {
  const rfpId = frame.rfp.id;
  return evaluationCache.get(rfpId, frame.version, [], async () =>
    evaluationOf(frame, await loadSubmittedScores(prisma, rfpId)),
  );
}

const evaluationCache = stateCache<Evaluation>("evaluation", 8);

function evaluationOf(frame: EvaluationFrame, scores: readonly SheetScores[]) {
  const { matrix, matrixErrors } = matrixOf(frame, scoreEntries(frame, scores));
  return {
    rfp: frame.rfp,
    criteria: frame.criteria,
    vendors: frame.vendors,
    evaluators: frame.evaluators,
    // What the panel owes and has in.
    sheets: { expected: frame.submitted + frame.pending.length, submitted: frame.submitted },
    pending: frame.pending,
    matrix,
    matrixErrors,
    consensus: frame.consensus,
  };
}

export type Evaluation = ReturnType<typeof evaluationOf>;

/** Item statistics per matrix, computed once per matrix (a cached evaluation's is shared). */
const statisticsMemo = new WeakMap<ScoreMatrix, ReturnType<typeof itemStatistics>>();

export function statisticsOf(matrix: ScoreMatrix | null) {
  if (!matrix) return [];
  let statistics = statisticsMemo.get(matrix);
  if (!statistics) {
    statistics = frozenOutsideProduction(itemStatistics(matrix));
    statisticsMemo.set(matrix, statistics);
  }
  return statistics;
}

/** Consensus is complete once it is open, the matrix is sound and every flagged item is settled. */
export function consensusComplete(evaluation: Evaluation) {
  if (!evaluation.rfp.consensusOpenedAt || !evaluation.matrix) return false;
  return unsettledItems(statisticsOf(evaluation.matrix)).length === 0;
}

/** Whether the stage has evaluation facts to read: before the evaluation there is nothing to count. */
export function hasEvaluationFacts(stage: string) {
  return stage === "EVALUATION" || stage === "SHORTLIST";
}

export const NO_EVALUATION_FACTS = {
  scoring: { sheetsPending: 0, consensusComplete: false },
  shortlist: { decided: false, size: 0 },
};

export type EvaluationFacts = typeof NO_EVALUATION_FACTS;

/**
 * What the stage guards need from the evaluation (see domain/workflow), read in the caller's
 * transaction from every score: the check before a move. Pages that only offer the moves use
 * `offeredEvaluationFacts` (models/consensus-summary), which reuses the cached panel summary.
 */
export async function evaluationFacts(tx: TransactionClient, rfpId: string, stage: string): Promise<EvaluationFacts> {
  if (!hasEvaluationFacts(stage)) return NO_EVALUATION_FACTS;
  const evaluation = await loadEvaluation(rfpId, tx);
  return {
    scoring: {
      sheetsPending: evaluation.sheets.expected - evaluation.sheets.submitted,
      consensusComplete: consensusComplete(evaluation),
    },
    shortlist: { decided: evaluation.rfp.shortlistDecidedAt !== null, size: evaluation.rfp._count.shortlist },
  };
}
