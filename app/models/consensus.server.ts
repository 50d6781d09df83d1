import { prisma } from "~/db.server";
import { consensusReadiness, unsettledItems } from "~/domain/consensus";
import { rankDifferenceSentence, type VendorGroupRanks } from "~/domain/groups";
import type { RfpAction } from "~/domain/policy";
import type { DisagreementFlag } from "~/domain/scoring";
import { sectionPaging } from "~/domain/sections";
import type { ConsensusItemsView, ConsensusScoreInput, ConsensusView, MinorityOpinionInput } from "~/schemas/consensus";
import { FieldError } from "~/utils/errors.server";
import { notFound } from "~/utils/http.server";
import { recordAudit, type UserActor } from "./audit.server";
import {
  type EvaluationFrame,
  loadEvaluation,
  loadEvaluationFrame,
  loadVendorScores,
  matrixOf,
  statisticsOf,
} from "./consensus-data.server";
import { panelSummary, type VendorProgress } from "./consensus-summary.server";

/**
 * The consensus meeting. Scores are sealed until the lead opens consensus, which needs every
 * sheet in; from then on the lead, observers and panel members see the full matrix — except a
 * panel member whose own sheet was reopened, who is sealed again until it is resubmitted.
 */
export type ConsensusViewer = { userId: string; permissions: readonly RfpAction[] };

type ReadinessFacts = Pick<EvaluationFrame, "rfp" | "vendors"> & { sheets: { expected: number; submitted: number } };

function readiness(evaluation: ReadinessFacts) {
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
export function scoresVisibleTo(
  evaluation: Pick<EvaluationFrame, "rfp" | "evaluators" | "pending">,
  viewer: ConsensusViewer,
) {
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

/**
 * The consensus page: one vendor at a time (its scores are the only ones read per request), a
 * picker with every vendor's flagged and agreed counts, and the functional groups' rankings —
 * those two come from models/consensus-summary, computed once per change of the scores.
 * Without a vendor chosen, the first vendor with flagged items still to settle is shown; without a
 * list chosen, its flagged items (all of them when it has none).
 */
export async function getConsensusPage(rfpId: string, viewer: ConsensusViewer, view: ConsensusView) {
  const frame = await loadEvaluationFrame(rfpId);
  if (view.vendorId !== null && !frame.vendors.some((vendor) => vendor.id === view.vendorId)) {
    throw notFound("That vendor is not part of this evaluation.");
  }
  const isLead = viewer.permissions.includes("rfp.manage_evaluation");
  const mySeat = viewer.permissions.includes("rfp.score")
    ? (frame.evaluators.find((seat) => seat.userId === viewer.userId) ?? null)
    : null;
  const opened = frame.rfp.consensusOpenedAt !== null;
  // Counts only, before consensus opens: how many sheets are in says nothing about any score.
  const sheets = { expected: frame.submitted + frame.pending.length, submitted: frame.submitted };
  const status = {
    stage: frame.rfp.stage,
    consensusOpenedAt: frame.rfp.consensusOpenedAt,
    shortlistDecided: frame.rfp.shortlistDecidedAt !== null,
    readiness: readiness({ rfp: frame.rfp, vendors: frame.vendors, sheets }),
    sheets: opened ? null : { submitted: sheets.submitted, pending: sheets.expected - sheets.submitted },
    isLead,
    mySeat: mySeat ? { memberId: mySeat.memberId, name: mySeat.name } : null,
  };
  const summary = opened ? await panelSummary(frame) : null;
  if (!summary?.ok || !scoresVisibleTo(frame, viewer)) {
    return { ...status, visible: false as const, matrixErrors: summary && !summary.ok ? summary.matrixErrors : [] };
  }
  const vendorName = (id: string) => frame.vendors.find((vendor) => vendor.id === id)?.name ?? "?";
  const vendors = summary.vendors.map((progress) => ({ ...progress, name: vendorName(progress.vendorId) }));
  const selected =
    vendors.find((vendor) => vendor.vendorId === view.vendorId) ??
    vendors.find((vendor) => vendor.remaining > 0) ??
    vendors[0] ??
    null;
  const views = summary.groups;
  const items = view.items ?? (selected && selected.flagged > 0 ? "flagged" : "all");
  // Every item of a long list is shown a section at a time; the flagged ones are few, all at once.
  const paging = sectionPaging(frame.criteria, view.section);
  const shown = items === "all" ? paging.current : null;
  const flaggedIds = new Set((selected && summary.flaggedItems.get(selected.vendorId)) ?? []);
  const agreedIds = new Set(
    frame.consensus.filter((row) => row.invitationId === selected?.vendorId).map((row) => row.criterionId),
  );
  const groupRow = views.vendors.find((row) => row.vendorId === selected?.vendorId);
  const groupRowOf = (row: VendorGroupRanks) => ({
    vendorId: row.vendorId,
    name: vendorName(row.vendorId),
    ranks: row.ranks.map((entry) => ({
      group: entry.group,
      rank: entry.rank,
      tied: entry.tied,
      total:
        views.groups.find((group) => group.group === entry.group)?.totals.find((t) => t.vendorId === row.vendorId)
          ?.total ?? null,
    })),
    rankSpread: row.rankSpread,
    sentence: rankDifferenceSentence(row, vendorName(row.vendorId)),
  });
  return {
    ...status,
    visible: true as const,
    matrixErrors: [],
    evaluators: frame.evaluators.map((seat) => ({ memberId: seat.memberId, name: seat.name, group: seat.group })),
    vendors,
    // Only the scores of the items listed are read: a section's, or the flagged ones (known from the summary).
    vendor: selected
      ? await vendorItems(frame, selected, items, items === "flagged" ? [...flaggedIds] : (shown?.criterionIds ?? null))
      : null,
    /** The list shown, and the one asked for (null: the default), which links keep. */
    items,
    itemsRequested: view.items,
    /**
     * The top-level sections of the criteria when the list of all items is long (empty when it is
     * on one page), with the shown vendor's flagged items in each; `section` is the one shown, or
     * the one links keep while the flagged list is shown (null: none asked for, or a short list).
     */
    sections: paging.current
      ? paging.sections.map((section) => {
          const flagged = section.criterionIds.filter((id) => flaggedIds.has(id));
          return {
            number: section.number,
            name: section.name,
            criteria: section.criterionIds.length,
            flagged: flagged.length,
            remaining: flagged.filter((id) => !agreedIds.has(id)).length,
          };
        })
      : [],
    section: shown
      ? shown.number
      : paging.current && paging.sections.some((section) => section.number === view.section)
        ? view.section
        : null,
    unsettled: summary.unsettled,
    flagged: summary.flagged,
    groups: {
      names: views.groups.map((group) => ({ group: group.group, evaluators: group.evaluatorIds.length })),
      ungrouped: frame.evaluators.filter((seat) => !seat.group).map((seat) => seat.name),
      // The vendor on screen: its rank and points in each group (every vendor: the results page).
      vendor: groupRow ? groupRowOf(groupRow) : null,
      comparisons: views.comparisons,
    },
    canRecord: isLead && frame.rfp.stage === "EVALUATION",
    canRecordMinority: minorityOpen(frame) && (isLead || mySeat !== null),
  };
}

/**
 * The shown vendor's items: each evaluator's score, the spread, flags and the agreed score — of
 * every written criterion, or of one section's (`criterionIds`: only their scores are read).
 */
async function vendorItems(
  frame: EvaluationFrame,
  vendor: VendorProgress & { name: string },
  items: ConsensusItemsView,
  criterionIds: readonly string[] | null,
) {
  const only = criterionIds ? new Set(criterionIds) : null;
  const criteria = only ? frame.criteria.filter((criterion) => only.has(criterion.id)) : frame.criteria;
  const scores = await loadVendorScores(frame, vendor.vendorId, prisma, criterionIds ?? undefined);
  const { matrix } = matrixOf(frame, scores, [vendor.vendorId], criterionIds ?? undefined);
  const statistics = statisticsOf(matrix)[0] ?? [];
  const nameOf = (memberId: string) => frame.evaluators.find((seat) => seat.memberId === memberId)?.name ?? "?";
  const rows = criteria.map((criterion, c) => {
    const item = statistics[c];
    const consensus =
      frame.consensus.find((row) => row.invitationId === vendor.vendorId && row.criterionId === criterion.id) ?? null;
    return {
      criterionId: criterion.id,
      criterion: {
        id: criterion.id,
        name: criterion.name,
        outline: criterion.outline,
        weight: criterion.weight,
        scaleMin: criterion.scaleMin,
        scaleMax: criterion.scaleMax,
      },
      scores: matrix?.scores[0]?.[c] ?? [],
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
  });
  return {
    id: vendor.vendorId,
    name: vendor.name,
    flagged: vendor.flagged,
    agreed: vendor.agreed,
    remaining: vendor.remaining,
    criteria: frame.criteria.length,
    // Flagged items first, in outline order, then the rest (unless only the flagged are asked for).
    items: [
      ...rows.filter((row) => row.flags.length > 0),
      ...(items === "all" ? rows.filter((row) => row.flags.length === 0) : []),
    ],
  };
}

function minorityOpen(evaluation: Pick<EvaluationFrame, "rfp">) {
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
    const evaluation = await loadEvaluationFrame(rfpId, tx);
    if (!evaluation.rfp.consensusOpenedAt) throw new FieldError("form", "Consensus is not open yet.");
    if (evaluation.rfp.stage !== "EVALUATION") {
      throw new FieldError("form", "Consensus scores are fixed once the RFP has left the evaluation stage.");
    }
    const vendor = evaluation.vendors.find((candidate) => candidate.id === input.invitationId);
    const c = evaluation.criteria.findIndex((criterion) => criterion.id === input.criterionId);
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
    // The audit keeps the individual scores the agreed one replaces: only this vendor's are read.
    const { matrix } = matrixOf(evaluation, await loadVendorScores(evaluation, vendor.id, tx), [vendor.id]);
    const item = statisticsOf(matrix)[0]?.[c];
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
        individualScores: matrix?.scores[0]?.[c] ?? [],
        mean: item?.mean ?? null,
      },
    });
    return { vendorId: vendor.id, vendor: vendor.name, criterion: criterion.name };
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
    const evaluation = await loadEvaluationFrame(rfpId, tx);
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
    return { member: seat.name, vendorId: consensus.invitationId };
  });
}
