import type { ExecutiveReview } from "./award-review";

/**
 * What the executives approve is frozen. When the lead submits a recommendation, the executive
 * review it rests on is stored with it (Recommendation.submittedReview), together with the
 * fingerprint of the evaluation it was computed from: every later view (the approvers', the
 * lead's while it is with them, the decision memo) reads that review rather than recomputing it,
 * and compares fingerprints to say whether the evaluation has changed since.
 */
export type ReviewSnapshot = {
  version: 1;
  round: number;
  /** ISO 8601. */
  submittedAt: string;
  /** The evaluation's fingerprint when the review was computed (models/award-review.server). */
  fingerprint: string;
  review: ExecutiveReview;
};

export type RecommendationStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

/** Which review a page shows, and what the reader is told about it. */
export type ReviewBasis =
  /** Computed from the evaluation as it stands. */
  { kind: "LIVE" } | { kind: "SUBMITTED"; round: number; submittedAt: string; changedSince: boolean };

export function takeReviewSnapshot(
  review: ExecutiveReview,
  at: { round: number; submittedAt: Date; fingerprint: string },
): ReviewSnapshot {
  const snapshot: ReviewSnapshot = {
    version: 1,
    round: at.round,
    submittedAt: at.submittedAt.toISOString(),
    fingerprint: at.fingerprint,
    review,
  };
  // Stored as JSON: keep exactly what a read gives back (no undefined, no non-finite numbers).
  return JSON.parse(JSON.stringify(snapshot)) as ReviewSnapshot;
}

/** The stored snapshot, or null when there is none or it is not one this version wrote. */
export function readReviewSnapshot(value: unknown): ReviewSnapshot | null {
  if (!isRecord(value) || value.version !== 1) return null;
  const { round, submittedAt, fingerprint, review } = value;
  if (typeof round !== "number" || typeof submittedAt !== "string" || typeof fingerprint !== "string") return null;
  if (Number.isNaN(Date.parse(submittedAt)) || !isRecord(review)) return null;
  const records = [review.names, review.weights, review.ranking, review.agreement, review.stability, review.price];
  const lists = [review.notes, review.risks, review.compliance, review.conflicts, review.overrides, review.limitations];
  if (!records.every(isRecord) || !lists.every(Array.isArray)) return null;
  return value as ReviewSnapshot;
}

/**
 * The frozen review is what the approvers read, whatever happened since. The lead reads it while
 * the recommendation is with the executives or approved; while drafting or revising a returned
 * one, the lead works from the live review (and resubmitting freezes it again).
 */
export function showsSnapshot(
  status: RecommendationStatus,
  snapshot: ReviewSnapshot | null,
  reader: "TEAM" | "APPROVER",
): snapshot is ReviewSnapshot {
  if (!snapshot) return false;
  return reader === "APPROVER" || status === "SUBMITTED" || status === "APPROVED";
}

export function snapshotBasis(snapshot: ReviewSnapshot, currentFingerprint: string): ReviewBasis {
  return {
    kind: "SUBMITTED",
    round: snapshot.round,
    submittedAt: snapshot.submittedAt,
    changedSince: snapshot.fingerprint !== currentFingerprint,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
