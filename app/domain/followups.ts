import {
  buildScoreMatrix,
  type ConsensusEntry,
  type DisagreementFlag,
  itemStatistics,
  type ScoreEntry,
  shareOfScale,
} from "./scoring";

/**
 * Suggested follow-up questions for one vendor's oral interview: the criteria where its written
 * scores were weakest (lowest share of the scale) or most disputed (the panel's scores flagged
 * for disagreement). Interviews are expensive; they should be spent on what the written round
 * left open, not on what every evaluator already agreed was strong.
 *
 * The reasons quote scores and are for the lead only. The question text goes to the vendor and
 * therefore never mentions a score, a rank or an evaluator.
 */
export type FollowUpCriterion = {
  id: string;
  name: string;
  scaleMin: number;
  scaleMax: number;
};

export type FollowUpInput = {
  vendorId: string;
  /** The WRITTEN leaf criteria, in display order. */
  criteria: readonly FollowUpCriterion[];
  /** Panel members whose sheets for this vendor are submitted. */
  evaluatorIds: readonly string[];
  /** Scores from submitted sheets only; drafts are sealed and do not count. */
  scores: readonly ScoreEntry[];
  consensus?: readonly ConsensusEntry[];
};

export type FollowUpReason =
  | { kind: "WEAK"; value: number; share: number; fromConsensus: boolean; count: number }
  | { kind: "DISPUTED"; min: number; max: number; outlier: boolean };

export type FollowUpSuggestion = {
  criterionId: string;
  criterionName: string;
  scale: { scaleMin: number; scaleMax: number };
  reasons: FollowUpReason[];
  /** Lead-facing: why this criterion is suggested, e.g. "scored 1.7/5 on average". */
  why: string[];
  /** Vendor-facing wording the lead can edit before adding it. */
  question: string;
};

export const FOLLOW_UP_RULES = {
  /** Below this share of the scale a criterion counts as weak: under 3 on a 0–5 scale ("meets the need"). */
  weakShare: 0.6,
  maxWeak: 3,
  maxDisputed: 3,
} as const;

type Candidate = FollowUpSuggestion & { share: number | null; spread: number };

export function suggestFollowUps(input: FollowUpInput, rules = FOLLOW_UP_RULES): FollowUpSuggestion[] {
  const criteria = input.criteria.map((criterion) => ({
    id: criterion.id,
    weight: 1,
    scaleMin: criterion.scaleMin,
    scaleMax: criterion.scaleMax,
    topLevelId: criterion.id,
  }));
  const built = buildScoreMatrix({
    vendorIds: [input.vendorId],
    criteria,
    evaluatorIds: input.evaluatorIds,
    scores: input.scores.filter((score) => score.vendorId === input.vendorId),
    consensus: (input.consensus ?? []).filter((entry) => entry.vendorId === input.vendorId),
  });
  // Scores that do not fit the tree (a criterion since removed) cannot be explained: suggest nothing.
  if (!built.ok) return [];
  const row = itemStatistics(built.matrix)[0] ?? [];
  const candidates: Candidate[] = [];
  row.forEach((item, index) => {
    const criterion = input.criteria[index];
    if (!criterion || item.value === null) return;
    const share = shareOfScale(item.value, criterion);
    const span = criterion.scaleMax - criterion.scaleMin;
    const reasons: FollowUpReason[] = [];
    if (share < rules.weakShare) {
      reasons.push({
        kind: "WEAK",
        value: item.value,
        share,
        fromConsensus: item.consensus !== null,
        count: item.count,
      });
    }
    if (item.flags.length > 0 && item.min !== null && item.max !== null) {
      reasons.push({ kind: "DISPUTED", min: item.min, max: item.max, outlier: hasOutlier(item.flags) });
    }
    if (reasons.length === 0) return;
    candidates.push({
      criterionId: criterion.id,
      criterionName: criterion.name,
      scale: { scaleMin: criterion.scaleMin, scaleMax: criterion.scaleMax },
      reasons,
      why: reasons.map((reason) => describeReason(reason, criterion)),
      question: followUpQuestion(criterion.name, reasons),
      share: reasons.some((reason) => reason.kind === "WEAK") ? share : null,
      spread: item.range !== null && span > 0 ? item.range / span : 0,
    });
  });
  const weakest = candidates
    .filter((candidate) => candidate.share !== null)
    .sort((a, b) => (a.share ?? 0) - (b.share ?? 0) || b.spread - a.spread)
    .slice(0, rules.maxWeak);
  const chosen = new Set(weakest.map((candidate) => candidate.criterionId));
  const disputed = candidates
    .filter((candidate) => !chosen.has(candidate.criterionId) && candidate.reasons.some(isDisputed))
    .sort((a, b) => b.spread - a.spread)
    .slice(0, rules.maxDisputed);
  return [...weakest, ...disputed].map(({ share: _share, spread: _spread, ...suggestion }) => suggestion);
}

function hasOutlier(flags: readonly DisagreementFlag[]) {
  return flags.some((flag) => flag.kind === "OUTLIER");
}

function isDisputed(reason: FollowUpReason) {
  return reason.kind === "DISPUTED";
}

/** "scored 1.7/5 on average", "consensus score 2/5", "evaluators ranged 1–5". */
export function describeReason(reason: FollowUpReason, scale: { scaleMin: number; scaleMax: number }): string {
  const outOf = (value: number) => `${formatScore(value)}/${scale.scaleMax}`;
  if (reason.kind === "WEAK") {
    if (reason.fromConsensus) return `consensus score ${outOf(reason.value)}`;
    return reason.count === 1
      ? `scored ${outOf(reason.value)} by its only evaluator`
      : `scored ${outOf(reason.value)} on average`;
  }
  const range = `evaluators ranged ${formatScore(reason.min)}–${formatScore(reason.max)}`;
  return reason.outlier ? `${range}; one score stood apart from the rest` : range;
}

/** One decimal, dropped when whole: 1.7, 2. */
export function formatScore(value: number) {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** What the vendor reads: an invitation to show evidence, never a score. */
export function followUpQuestion(criterionName: string, reasons: readonly FollowUpReason[]): string {
  if (reasons.some((reason) => reason.kind === "WEAK")) {
    return `Your written proposal left us with open questions on ${criterionName}. How exactly would you deliver this for us, and what evidence (references, figures, a demonstration) can you show?`;
  }
  return `Our panel read your proposal on ${criterionName} in different ways. Please walk us through your approach and the evidence behind it.`;
}

/** Category under which follow-ups are listed for the vendor. */
export const FOLLOW_UP_CATEGORY = "Follow-up on your proposal";
