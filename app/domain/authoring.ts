import { type CriterionNode, type CriterionStage, withEffectiveWeights } from "./criteria";

/**
 * Rules for writing an RFP: when the document and the interview question bank may change, how
 * ordered lists move, and which criteria a scored requirement may point at.
 */
type Stage =
  | "DRAFT"
  | "PUBLISHED"
  | "EVALUATION"
  | "SHORTLIST"
  | "INTERVIEWS"
  | "DECISION"
  | "NEGOTIATION"
  | "AWARDED"
  | "CANCELLED";

/**
 * The working copy (sections, requirements, criteria) changes while vendors can still be told
 * about it: in the draft, and after publishing through addenda. Once proposals are opened the
 * panel scores against it, so it is frozen.
 */
export function isDocumentEditable(stage: Stage) {
  return stage === "DRAFT" || stage === "PUBLISHED";
}

/** Why the document cannot change in this stage (null when it can). */
export function documentLockReason(stage: Stage): string | null {
  if (isDocumentEditable(stage)) return null;
  if (stage === "CANCELLED") return "This RFP was cancelled; its document is kept as it was.";
  return "Proposals are being evaluated against this document, so it can no longer change.";
}

/** Interview questions go to the shortlisted vendors in advance: fixed once interviews begin. */
export function isQuestionBankEditable(stage: Stage) {
  return stage === "DRAFT" || stage === "PUBLISHED" || stage === "EVALUATION" || stage === "SHORTLIST";
}

export type Direction = "up" | "down";

/** The order after moving `id` one place; null when it cannot move that way (or is unknown). */
export function moveInOrder(ids: readonly string[], id: string, direction: Direction): string[] | null {
  const index = ids.indexOf(id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  next[index] = ids[target] as string;
  next[target] = id;
  return next;
}

/** A submitted order is acceptable only if it names exactly the current items, each once. */
export function isReorderOf(current: readonly string[], proposed: readonly string[]) {
  if (current.length !== proposed.length || new Set(proposed).size !== proposed.length) return false;
  const known = new Set(current);
  return proposed.every((id) => known.has(id));
}

/** Stages a scored requirement may be scored in: price is scored from the price schedule only. */
export const LINKABLE_STAGES: readonly CriterionStage[] = ["WRITTEN", "ORAL"];

/** The criteria a scored requirement may link to: leaves scored from proposals or interviews. */
export function linkableCriteria<T extends CriterionNode>(nodes: T[]) {
  return withEffectiveWeights(nodes).filter((node) => node.isLeaf && LINKABLE_STAGES.includes(node.stage));
}

export const MAX_CRITERIA_DEPTH = 3;
export const SCALE_MIN_CHOICES = [0, 1] as const;
export const SCALE_MAX_LIMIT = 10;

/** A scoring scale evaluators can use consistently: starts at 0 or 1, at least three points, at most 0–10. */
export function scaleIssue(scaleMin: number, scaleMax: number): string | null {
  if (!SCALE_MIN_CHOICES.includes(scaleMin as 0 | 1)) return "The scale starts at 0 or 1.";
  if (!Number.isInteger(scaleMax) || scaleMax > SCALE_MAX_LIMIT) return `The scale ends at ${SCALE_MAX_LIMIT} at most.`;
  if (scaleMax - scaleMin < 2) return "The scale needs at least three points.";
  return null;
}

/** A criterion as it exists now, with the codes of the requirements scored under it. */
export type ExistingCriterion = { id: string; name: string; linkedRequirementCodes: string[] };
/** A criterion as submitted: `id` is null for a new one. */
export type SubmittedCriterion = { id: string | null; name: string; stage: CriterionStage; isLeaf: boolean };

/**
 * Why a new criteria tree cannot replace the current one. Requirements link to criteria by id,
 * so a linked criterion may not disappear, gain sub-criteria or move to the price stage.
 */
export function criteriaReplacementIssues(existing: ExistingCriterion[], submitted: SubmittedCriterion[]): string[] {
  const issues: string[] = [];
  const byId = new Map(existing.map((criterion) => [criterion.id, criterion]));
  const submittedIds = new Set<string>();
  for (const criterion of submitted) {
    if (criterion.id === null) continue;
    if (!byId.has(criterion.id) || submittedIds.has(criterion.id)) {
      issues.push(`“${criterion.name}” refers to a criterion that is not part of this RFP; reload the page.`);
      continue;
    }
    submittedIds.add(criterion.id);
    const codes = byId.get(criterion.id)?.linkedRequirementCodes ?? [];
    if (codes.length === 0) continue;
    if (!criterion.isLeaf) {
      issues.push(
        `“${criterion.name}” scores ${listCodes(codes)}, so it cannot have sub-criteria. Link those requirements to another criterion first.`,
      );
    } else if (!LINKABLE_STAGES.includes(criterion.stage)) {
      issues.push(
        `“${criterion.name}” scores ${listCodes(codes)}, so it must stay a written or oral criterion (price is scored from the price schedule).`,
      );
    }
  }
  for (const criterion of existing) {
    if (submittedIds.has(criterion.id) || criterion.linkedRequirementCodes.length === 0) continue;
    issues.push(
      `“${criterion.name}” cannot be deleted: ${listCodes(criterion.linkedRequirementCodes)} ${
        criterion.linkedRequirementCodes.length === 1 ? "is" : "are"
      } scored under it. Link ${criterion.linkedRequirementCodes.length === 1 ? "it" : "them"} to another criterion or delete ${
        criterion.linkedRequirementCodes.length === 1 ? "it" : "them"
      } first.`,
    );
  }
  return issues;
}

function listCodes(codes: string[]) {
  const sorted = [...codes].sort();
  return sorted.length === 1 ? `requirement ${sorted[0]}` : `requirements ${sorted.join(", ")}`;
}
