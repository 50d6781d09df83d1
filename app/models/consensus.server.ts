import { prisma } from "~/db.server";
import { consensusReadiness, unsettledItems } from "~/domain/consensus";
import { groupViews, rankDifferenceSentence } from "~/domain/groups";
import type { RfpAction } from "~/domain/policy";
import type { DisagreementFlag } from "~/domain/scoring";
import type { ConsensusScoreInput, MinorityOpinionInput } from "~/schemas/consensus";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import { type Evaluation, loadEvaluation, statisticsOf } from "./consensus-data.server";

/**
 * The consensus meeting. Scores are sealed until the lead opens consensus, which needs every
 * sheet in; from then on the lead, observers and panel members see the full matrix — except a
 * panel member whose own sheet was reopened, who is sealed again until it is resubmitted.
 */
export type ConsensusViewer = { userId: string; permissions: readonly RfpAction[] };

function readiness(evaluation: Evaluation) {
  return consensusReadiness({
    stage: evaluation.rfp.stage,
    proposalsOpened: evaluation.rfp.proposalsOpenedAt !== null,
    vendors: evaluation.vendors.length,
    submittedSheets: evaluation.sheets.submitted,
    pendingSheets: evaluation.sheets.expected - evaluation.sheets.submitted,
    alreadyOpen: evaluation.rfp.consensusOpenedAt !== null,
  });
}

/** True when `viewer` may see the scores: consensus is open and, for a panel member, their own sheets are all in. */
export function scoresVisibleTo(evaluation: Evaluation, viewer: ConsensusViewer) {
  if (!evaluation.rfp.consensusOpenedAt) return false;
  if (!viewer.permissions.includes("rfp.score")) return true;
  const seat = evaluation.evaluators.find((candidate) => candidate.userId === viewer.userId);
  return !seat || !evaluation.pending.some((sheet) => sheet.memberId === seat.memberId);
}

function describeFlag(flag: DisagreementFlag, nameOf: (memberId: string) => string) {
  return flag.kind === "RANGE"
    ? `Range ${flag.range} ≥ ${flag.threshold} (half the scale)`
    : `${nameOf(flag.evaluatorId)} gave ${flag.score} (z = ${flag.z.toFixed(1)})`;
}

export async function getConsensusPage(rfpId: string, viewer: ConsensusViewer) {
  const evaluation = await loadEvaluation(rfpId);
  const isLead = viewer.permissions.includes("rfp.manage_evaluation");
  const mySeat = viewer.permissions.includes("rfp.score")
    ? (evaluation.evaluators.find((seat) => seat.userId === viewer.userId) ?? null)
    : null;
  const status = {
    stage: evaluation.rfp.stage,
    consensusOpenedAt: evaluation.rfp.consensusOpenedAt,
    shortlistDecided: evaluation.rfp.shortlistDecidedAt !== null,
    readiness: readiness(evaluation),
    // Counts only: how many sheets are in says nothing about any score.
    sheets: {
      submitted: evaluation.sheets.submitted,
      pending: evaluation.sheets.expected - evaluation.sheets.submitted,
    },
    isLead,
    mySeat: mySeat ? { memberId: mySeat.memberId, name: mySeat.name } : null,
  };
  if (!scoresVisibleTo(evaluation, viewer) || !evaluation.matrix) {
    return {
      ...status,
      visible: false as const,
      matrixErrors: evaluation.rfp.consensusOpenedAt ? evaluation.matrixErrors : [],
    };
  }
  const { matrix } = evaluation;
  const statistics = statisticsOf(matrix);
  const nameOf = (memberId: string) => evaluation.evaluators.find((seat) => seat.memberId === memberId)?.name ?? "?";
  const consensusOf = (vendorId: string, criterionId: string) =>
    evaluation.consensus.find((row) => row.invitationId === vendorId && row.criterionId === criterionId) ?? null;
  const vendors = evaluation.vendors.map((vendor, v) => ({
    id: vendor.id,
    name: vendor.name,
    items: evaluation.criteria.map((criterion, c) => {
      const item = statistics[v]?.[c];
      const consensus = consensusOf(vendor.id, criterion.id);
      return {
        criterionId: criterion.id,
        scores: matrix.scores[v]?.[c] ?? [],
        count: item?.count ?? 0,
        mean: item?.mean ?? null,
        range: item?.range ?? null,
        standardDeviation: item?.standardDeviation ?? null,
        flags: (item?.flags ?? []).map((flag) => describeFlag(flag, nameOf)),
        outliers: (item?.flags ?? []).flatMap((flag) => (flag.kind === "OUTLIER" ? [flag.evaluatorId] : [])),
        consensus: consensus
          ? {
              id: consensus.id,
              value: consensus.value,
              rationale: consensus.rationale,
              decidedBy: consensus.decidedBy.name,
              decidedAt: consensus.decidedAt,
              minorityOpinions: consensus.minorityOpinions.map((opinion) => ({
                memberId: opinion.memberId,
                name: opinion.member.user.name,
                opinion: opinion.opinion,
                recordedAt: opinion.recordedAt,
              })),
            }
          : null,
      };
    }),
  }));
  const membership = evaluation.evaluators.flatMap((seat) =>
    seat.group ? [{ evaluatorId: seat.memberId, group: seat.group }] : [],
  );
  const views = groupViews(matrix, membership);
  const vendorName = (id: string) => evaluation.vendors.find((vendor) => vendor.id === id)?.name ?? "?";
  return {
    ...status,
    visible: true as const,
    matrixErrors: [],
    criteria: evaluation.criteria.map(({ id, name, outline, weight, scaleMin, scaleMax }) => ({
      id,
      name,
      outline,
      weight,
      scaleMin,
      scaleMax,
    })),
    evaluators: evaluation.evaluators.map((seat) => ({ memberId: seat.memberId, name: seat.name, group: seat.group })),
    vendors,
    unsettled: unsettledItems(statistics).length,
    flagged: statistics.flat().filter((item) => item.flags.length > 0).length,
    groups: {
      names: views.groups.map((view) => ({ group: view.group, evaluators: view.evaluatorIds.length })),
      ungrouped: evaluation.evaluators.filter((seat) => !seat.group).map((seat) => seat.name),
      vendors: views.vendors.map((row) => ({
        vendorId: row.vendorId,
        name: vendorName(row.vendorId),
        ranks: row.ranks.map((entry) => ({
          group: entry.group,
          rank: entry.rank,
          tied: entry.tied,
          total:
            views.groups.find((view) => view.group === entry.group)?.totals.find((t) => t.vendorId === row.vendorId)
              ?.total ?? null,
        })),
        rankSpread: row.rankSpread,
        sentence: rankDifferenceSentence(row, vendorName(row.vendorId)),
      })),
      comparisons: views.comparisons,
    },
    canRecord: isLead && evaluation.rfp.stage === "EVALUATION",
    canRecordMinority: minorityOpen(evaluation) && (isLead || mySeat !== null),
  };
}

function minorityOpen(evaluation: Evaluation) {
  const { stage, shortlistDecidedAt } = evaluation.rfp;
  return stage === "EVALUATION" || (stage === "SHORTLIST" && shortlistDecidedAt === null);
}

/** The lead opens consensus once every sheet is in: from now on the panel sees each other's scores. */
export async function openConsensus(actor: UserActor, rfpId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const evaluation = await loadEvaluation(rfpId, tx);
    const ready = readiness(evaluation);
    if (!ready.ready) throw new FieldError("form", ready.reason);
    if (!evaluation.matrix) throw new FieldError("form", evaluation.matrixErrors.join(" "));
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, consensusOpenedAt: null },
      data: { consensusOpenedAt: now },
    });
    if (count === 0) throw new FieldError("form", "Consensus is already open.");
    const statistics = statisticsOf(evaluation.matrix);
    await recordAudit(tx, {
      actor,
      action: "consensus.opened",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        vendors: evaluation.vendors.length,
        evaluators: evaluation.evaluators.length,
        sheets: evaluation.sheets.submitted,
        flaggedItems: statistics.flat().filter((item) => item.flags.length > 0).length,
      },
    });
    return { flagged: unsettledItems(statistics).length };
  });
}

/** The panel's agreed score for one item, with its rationale; replaces the individual scores in results. */
export async function recordConsensusScore(actor: UserActor, rfpId: string, input: ConsensusScoreInput) {
  return prisma.$transaction(async (tx) => {
    const evaluation = await loadEvaluation(rfpId, tx);
    if (!evaluation.rfp.consensusOpenedAt) throw new FieldError("form", "Consensus is not open yet.");
    if (evaluation.rfp.stage !== "EVALUATION") {
      throw new FieldError("form", "Consensus scores are fixed once the RFP has left the evaluation stage.");
    }
    const v = evaluation.vendors.findIndex((vendor) => vendor.id === input.invitationId);
    const c = evaluation.criteria.findIndex((criterion) => criterion.id === input.criterionId);
    const vendor = evaluation.vendors[v];
    const criterion = evaluation.criteria[c];
    if (!vendor || !criterion) throw new FieldError("form", "That vendor or criterion is not part of this evaluation.");
    if (input.value < criterion.scaleMin || input.value > criterion.scaleMax) {
      throw new FieldError("value", `Choose a score from ${criterion.scaleMin} to ${criterion.scaleMax}.`);
    }
    const before = evaluation.consensus.find(
      (row) => row.invitationId === vendor.id && row.criterionId === criterion.id,
    );
    const saved = await tx.consensusScore.upsert({
      where: { invitationId_criterionId: { invitationId: vendor.id, criterionId: criterion.id } },
      create: {
        rfpId,
        invitationId: vendor.id,
        criterionId: criterion.id,
        value: input.value,
        rationale: input.rationale,
        decidedById: actor.id,
      },
      update: { value: input.value, rationale: input.rationale, decidedById: actor.id, decidedAt: new Date() },
      select: { id: true },
    });
    const item = statisticsOf(evaluation.matrix)[v]?.[c];
    await recordAudit(tx, {
      actor,
      action: "consensus.score_recorded",
      entityType: "ConsensusScore",
      entityId: saved.id,
      rfpId,
      before: before ? { value: before.value, rationale: before.rationale } : undefined,
      after: {
        vendor: vendor.name,
        criterion: criterion.name,
        value: input.value,
        rationale: input.rationale,
        individualScores: evaluation.matrix?.scores[v]?.[c] ?? [],
        mean: item?.mean ?? null,
      },
    });
    return { vendor: vendor.name, criterion: criterion.name };
  });
}

/**
 * A panel member's dissent from a consensus score, kept beside it. Members record their own;
 * the lead, who facilitates, may record one for any panel member.
 */
export async function recordMinorityOpinion(
  actor: UserActor,
  rfpId: string,
  viewer: ConsensusViewer,
  input: MinorityOpinionInput,
) {
  return prisma.$transaction(async (tx) => {
    const evaluation = await loadEvaluation(rfpId, tx);
    if (!scoresVisibleTo(evaluation, viewer)) throw new FieldError("form", "Consensus is not open to you yet.");
    if (!minorityOpen(evaluation)) throw new FieldError("form", "The shortlist is decided; the record is closed.");
    const consensus = evaluation.consensus.find((row) => row.id === input.consensusId);
    if (!consensus) throw new FieldError("form", "That consensus score no longer exists.");
    const isLead = viewer.permissions.includes("rfp.manage_evaluation");
    const own = evaluation.evaluators.find((seat) => seat.userId === viewer.userId);
    const seat = isLead ? evaluation.evaluators.find((candidate) => candidate.memberId === input.memberId) : own;
    if (!seat) throw new FieldError(isLead ? "memberId" : "form", "Choose a panel member who scored this RFP.");
    const before = consensus.minorityOpinions.find((opinion) => opinion.memberId === seat.memberId);
    await tx.minorityOpinion.upsert({
      where: { consensusId_memberId: { consensusId: consensus.id, memberId: seat.memberId } },
      create: { consensusId: consensus.id, memberId: seat.memberId, opinion: input.opinion },
      update: { opinion: input.opinion, recordedAt: new Date() },
    });
    await recordAudit(tx, {
      actor,
      action: "consensus.minority_recorded",
      entityType: "ConsensusScore",
      entityId: consensus.id,
      rfpId,
      before: before ? { opinion: before.opinion } : undefined,
      after: { member: seat.name, opinion: input.opinion },
    });
    return { member: seat.name };
  });
}
