import { criteriaSections, type SectionedCriterion, sectionPaging } from "./sections";
import type { RfpStage } from "./workflow";

/**
 * An evaluator's score sheet for one vendor: a score on each assigned criterion's own scale and a
 * comment. The rules here are shared by the browser (react-hook-form), the server (zod) and the
 * screens that say what is left to do.
 */
export type Scale = { scaleMin: number; scaleMax: number };
export type SheetCriterion = Scale & { id: string; name: string };
export type SheetEntry = { criterionId: string; value: number | null; comment: string };

export const COMMENT_MAX = 4000;

/**
 * Extreme scores need a reason in words: the lowest and highest points are the ones consensus
 * discussions and vendor debriefs come back to, and they are the easiest to give carelessly.
 */
export function commentRequired(value: number | null, scale: Scale) {
  return value !== null && (value === scale.scaleMin || value === scale.scaleMax);
}

export function commentRequirement(scale: Scale) {
  return `A comment is required for a score of ${scale.scaleMin} or ${scale.scaleMax}.`;
}

/** A value the scale does not have is never stored (whatever the sheet's state). */
export function scoreValueProblem(value: number | null, scale: Scale): string | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < scale.scaleMin || value > scale.scaleMax) {
    return `Choose a score from ${scale.scaleMin} to ${scale.scaleMax}.`;
  }
  return null;
}

export function commentProblem(value: number | null, comment: string, scale: Scale): string | null {
  if (comment.length > COMMENT_MAX) return `Keep the comment under ${COMMENT_MAX} characters.`;
  if (commentRequired(value, scale) && comment.trim() === "") {
    return `Explain your score of ${value} in a comment: the lowest (${scale.scaleMin}) and highest (${scale.scaleMax}) points need one.`;
  }
  return null;
}

export type SheetIssue = { criterionId: string; field: "score" | "comment"; message: string };

/**
 * What stops a sheet from being submitted: every assigned criterion scored, comments where the
 * rule asks for them. An empty list means complete.
 */
export function sheetIssues(criteria: readonly SheetCriterion[], entries: readonly SheetEntry[]): SheetIssue[] {
  const byCriterion = new Map(entries.map((entry) => [entry.criterionId, entry]));
  const issues: SheetIssue[] = [];
  for (const criterion of criteria) {
    const entry = byCriterion.get(criterion.id);
    const value = entry?.value ?? null;
    const valueProblem = scoreValueProblem(value, criterion);
    if (value === null) issues.push({ criterionId: criterion.id, field: "score", message: "Score this criterion." });
    else if (valueProblem) issues.push({ criterionId: criterion.id, field: "score", message: valueProblem });
    const comment = commentProblem(value, entry?.comment ?? "", criterion);
    if (comment) issues.push({ criterionId: criterion.id, field: "comment", message: comment });
  }
  return issues;
}

/**
 * What one save changes. A save posts entries for some of the sheet's criteria (an autosave: the
 * ones edited since the last save; Save draft and Submit: all of them); the rest keep their stored
 * values. Returns the sheet as it is after the save, the score rows to write (new or changed) and
 * the stored rows to delete (emptied, or for a criterion no longer on the sheet). A criterion with
 * neither score nor comment has no row; comments are stored trimmed. Unchanged rows are left alone.
 */
export function sheetChanges(
  criteria: readonly { id: string }[],
  stored: readonly SheetEntry[],
  posted: readonly SheetEntry[],
) {
  const storedBy = new Map(stored.map((entry) => [entry.criterionId, entry]));
  const postedBy = new Map(posted.map((entry) => [entry.criterionId, entry]));
  const entries: SheetEntry[] = criteria.map((criterion) => {
    const entry = postedBy.get(criterion.id) ?? storedBy.get(criterion.id);
    return { criterionId: criterion.id, value: entry?.value ?? null, comment: entry?.comment.trim() ?? "" };
  });
  const isEmpty = (entry: SheetEntry) => entry.value === null && entry.comment === "";
  const write = entries.filter((entry) => {
    const before = storedBy.get(entry.criterionId);
    return !isEmpty(entry) && (before?.value !== entry.value || before?.comment !== entry.comment);
  });
  const kept = new Set(entries.filter((entry) => !isEmpty(entry)).map((entry) => entry.criterionId));
  const remove = stored.filter((entry) => !kept.has(entry.criterionId)).map((entry) => entry.criterionId);
  return { entries, write, remove };
}

export type SheetProgress = { total: number; scored: number; commentsMissing: number; complete: boolean };

export function sheetProgress(criteria: readonly SheetCriterion[], entries: readonly SheetEntry[]): SheetProgress {
  const issues = sheetIssues(criteria, entries);
  const unscored = issues.filter((issue) => issue.field === "score").length;
  return {
    total: criteria.length,
    scored: criteria.length - unscored,
    commentsMissing: issues.filter((issue) => issue.field === "comment").length,
    complete: issues.length === 0,
  };
}

/** "2 criteria to score and 1 comment to write", or null when nothing is left. */
export function whatIsLeft(progress: SheetProgress): string | null {
  const parts: string[] = [];
  const unscored = progress.total - progress.scored;
  if (unscored > 0) parts.push(`${unscored} ${unscored === 1 ? "criterion" : "criteria"} to score`);
  if (progress.commentsMissing > 0) {
    parts.push(
      `${progress.commentsMissing} required ${progress.commentsMissing === 1 ? "comment" : "comments"} to write`,
    );
  }
  return parts.length > 0 ? parts.join(" and ") : null;
}

/**
 * The criteria a member scores: the leaves of the WRITTEN stage, or only those assigned to them.
 * No assignment rows means every written leaf (the default). Assignments to criteria that are no
 * longer written leaves are ignored.
 */
export function assignedCriteria<T extends { id: string }>(
  writtenLeaves: readonly T[],
  assignedIds: readonly string[],
) {
  if (assignedIds.length === 0) return [...writtenLeaves];
  const assigned = new Set(assignedIds);
  return writtenLeaves.filter((leaf) => assigned.has(leaf.id));
}

export type SheetStatus = "DRAFT" | "SUBMITTED";

export type EvaluationState = {
  stage: RfpStage;
  proposalsOpened: boolean;
  consensusOpened: boolean;
};

/** Why nobody can score on this RFP right now, or null while scoring is open. */
export function scoringClosedReason(state: EvaluationState): string | null {
  if (!state.proposalsOpened) return "Scoring starts once the lead has opened the proposals.";
  if (state.consensusOpened) return "Consensus is open: the score sheets are final.";
  if (state.stage !== "EVALUATION") return "This RFP is no longer in evaluation: the score sheets are final.";
  return null;
}

/** Why this sheet cannot be changed by its evaluator, or null when it can. */
export function sheetLockReason(state: EvaluationState, status: SheetStatus | null): string | null {
  const closed = scoringClosedReason(state);
  if (closed) return closed;
  return status === "SUBMITTED"
    ? "You submitted this sheet; it is sealed. Only the lead can reopen it, with a reason."
    : null;
}

export const REOPEN_REASON_MIN = 10;

export function reopenProblem(state: EvaluationState, status: SheetStatus): string | null {
  const closed = scoringClosedReason(state);
  if (closed) return closed;
  return status === "SUBMITTED" ? null : "This sheet is not submitted; there is nothing to reopen.";
}

/**
 * Before consensus opens, an evaluator learns only how far the panel is as a whole, never who
 * has submitted which sheet: "3 of 12 sheets submitted".
 */
export function panelProgressSentence(submitted: number, expected: number) {
  return `${submitted} of ${expected} ${expected === 1 ? "sheet" : "sheets"} submitted`;
}

/** Reminders go at most once a day to the same person. */
export const REMINDER_INTERVAL_HOURS = 24;

export function mayRemindAgain(lastRemindedAt: Date | null, now: Date) {
  return !lastRemindedAt || now.getTime() - lastRemindedAt.getTime() >= REMINDER_INTERVAL_HOURS * 3_600_000;
}

/**
 * Why a submission is refused, for the form's message. A sheet shown one section at a time
 * (domain/sections) can only mark the criteria on screen, so the message says what is left and in
 * which sections; on a one-page sheet the marked criteria say it.
 */
export function incompleteSheetMessage(
  criteria: readonly (SheetCriterion & SectionedCriterion)[],
  issues: readonly SheetIssue[],
): string {
  if (sectionPaging(criteria, null).current === null) return "The sheet is not complete: see the marked criteria.";
  const withIssues = new Set(issues.map((issue) => issue.criterionId));
  const sections = criteriaSections(criteria)
    .filter((section) => section.criterionIds.some((id) => withIssues.has(id)))
    .map((section) => `${section.number}. ${section.name}`);
  const unscored = new Set(issues.filter((issue) => issue.field === "score").map((issue) => issue.criterionId)).size;
  const left = whatIsLeft({
    total: criteria.length,
    scored: criteria.length - unscored,
    commentsMissing: issues.filter((issue) => issue.field === "comment").length,
    complete: false,
  });
  return `The sheet is not complete: ${left ?? "see the marked criteria"}, in ${listSentence(sections)}.`;
}

function listSentence(items: readonly string[]) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
