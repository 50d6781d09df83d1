import { summarize } from "./scoring";

/**
 * The debrief right after an interview: the panel discusses immediately, the owner takes notes
 * and presses each participant for their view and a ranking against the vendors seen so far.
 * Each attending panel member's view is sealed — nobody else on the panel, the lead included,
 * reads it — until every attending member has submitted, so that the first or loudest opinion
 * does not shape the others (the same rule as written scoring).
 */

/** When the debrief can be written: members' views only once the slot has ended. */
export type DebriefPhase = "BEFORE_START" | "IN_PROGRESS" | "OPEN";

export function debriefPhase(interview: { startsAt: Date; endsAt: Date }, now: Date): DebriefPhase {
  if (now.getTime() < interview.startsAt.getTime()) return "BEFORE_START";
  if (now.getTime() < interview.endsAt.getTime()) return "IN_PROGRESS";
  return "OPEN";
}

/** The owner takes notes during the interview and right after it. */
export function ownerNotesOpen(phase: DebriefPhase) {
  return phase !== "BEFORE_START";
}

export const CONFIDENCE_LEVELS = [
  { value: 1, label: "Unsure" },
  { value: 2, label: "Somewhat unsure" },
  { value: 3, label: "Fairly confident" },
  { value: 4, label: "Confident" },
  { value: 5, label: "Very confident" },
] as const;

/**
 * A score at either end of the scale needs a comment: "exceeds the need" and "not addressed"
 * are the marks a consensus discussion and a debriefing letter must be able to justify.
 */
export function commentRequired(value: number | null, scale: { scaleMin: number; scaleMax: number }) {
  return value !== null && (value === scale.scaleMin || value === scale.scaleMax);
}

/**
 * The vendors "already interviewed" when this one was: this interview and every one of the RFP
 * that started before it. A member debriefing late still ranks against the same field, so the
 * bound does not move with the day the debrief is written.
 */
export function interviewedSoFar(startsOfAllInterviews: readonly Date[], thisStart: Date) {
  return Math.max(1, startsOfAllInterviews.filter((start) => start.getTime() <= thisStart.getTime()).length);
}

export type OralCriterion = { id: string; name: string; scaleMin: number; scaleMax: number };

export type DebriefDraft = {
  strengths: string;
  concerns: string;
  confidence: number | null;
  placeSoFar: number | null;
  oralScores: { criterionId: string; value: number | null; comment: string }[];
};

export type DebriefIssue = { path: string; message: string };

/**
 * What stops a debrief from being submitted. Drafts may be incomplete; a submitted view is
 * complete: strengths or concerns written, confidence, a place among the vendors so far, and a
 * score (with a comment at the extremes) on every oral criterion. A subject-matter expert who
 * attended only some agenda items may leave criteria they did not see unscored.
 */
export function debriefIssues(
  draft: DebriefDraft,
  context: { criteria: readonly OralCriterion[]; placeBound: number; partial: boolean },
): DebriefIssue[] {
  const issues: DebriefIssue[] = [];
  if (!draft.strengths.trim() && !draft.concerns.trim()) {
    issues.push({ path: "strengths", message: "Write the vendor's strengths or your concerns (or both)." });
  }
  if (draft.confidence === null)
    issues.push({ path: "confidence", message: "Say how confident you are in your view." });
  if (draft.placeSoFar === null) {
    issues.push({ path: "placeSoFar", message: "Place this vendor among the vendors interviewed so far." });
  } else if (!placeIsValid(draft.placeSoFar, context.placeBound)) {
    issues.push({ path: "placeSoFar", message: placeMessage(context.placeBound) });
  }
  context.criteria.forEach((criterion, index) => {
    const score = draft.oralScores.find((entry) => entry.criterionId === criterion.id);
    const value = score?.value ?? null;
    if (value === null) {
      if (!context.partial) {
        issues.push({ path: `oralScores.${index}.value`, message: `Score ${criterion.name}.` });
      }
      return;
    }
    if (!(Number.isInteger(value) && value >= criterion.scaleMin && value <= criterion.scaleMax)) {
      issues.push({
        path: `oralScores.${index}.value`,
        message: `Score ${criterion.name} from ${criterion.scaleMin} to ${criterion.scaleMax}.`,
      });
    } else if (commentRequired(value, criterion) && !score?.comment.trim()) {
      issues.push({
        path: `oralScores.${index}.comment`,
        message: `A score of ${value} on ${criterion.name} needs a comment saying why.`,
      });
    }
  });
  return issues;
}

export function placeIsValid(place: number, bound: number) {
  return Number.isInteger(place) && place >= 1 && place <= bound;
}

export function placeMessage(bound: number) {
  return bound === 1
    ? "This is the first vendor interviewed: its place so far is 1."
    : `Choose a place from 1 (best) to ${bound}: ${bound} vendors have been interviewed so far.`;
}

// ── Sealing ──────────────────────────────────────────────────────────────────────────────────

export type DebriefStatus = "NOT_STARTED" | "DRAFT" | "SUBMITTED";

/** Revealed once every attending panel member has submitted (and there is at least one). */
export function debriefsRevealed(statuses: readonly DebriefStatus[]) {
  return statuses.length > 0 && statuses.every((status) => status === "SUBMITTED");
}

export const DEBRIEF_STATUS_INFO: Record<DebriefStatus, { label: string; tone: string }> = {
  NOT_STARTED: { label: "Not started", tone: "draft" },
  DRAFT: { label: "Writing", tone: "warning" },
  SUBMITTED: { label: "Submitted", tone: "success" },
};

// ── The revealed debrief ─────────────────────────────────────────────────────────────────────

export type SubmittedView = {
  memberId: string;
  confidence: number | null;
  placeSoFar: number | null;
  oralScores: { criterionId: string; value: number | null }[];
};

/** Per oral criterion: the members' scores summarised (mean, lowest, highest, how many). */
export function oralScoreSummary(criteria: readonly OralCriterion[], views: readonly SubmittedView[]) {
  return criteria.map((criterion) => {
    const values = views.flatMap((view) => {
      const value = view.oralScores.find((score) => score.criterionId === criterion.id)?.value ?? null;
      return value === null ? [] : [value];
    });
    return { criterionId: criterion.id, ...summarize(values) };
  });
}

/** The places members gave this vendor, and their mean (lower is better). */
export function placeSummary(views: readonly SubmittedView[]) {
  const places = views.flatMap((view) => (view.placeSoFar === null ? [] : [view.placeSoFar]));
  return summarize(places);
}
