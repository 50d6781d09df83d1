import { describe, expect, it } from "vitest";
import { executiveReview, type ReviewFacts } from "./award-review";
import { readReviewSnapshot, showsSnapshot, snapshotBasis, takeReviewSnapshot } from "./review-snapshot";

/** Two vendors on one written criterion (0–5) and price over 12 months. */
const facts: ReviewFacts = {
  criteria: [
    { id: "w", parentId: null, name: "Quality", weight: 70, stage: "WRITTEN", position: 0, scaleMin: 0, scaleMax: 5 },
    { id: "p", parentId: null, name: "Price", weight: 30, stage: "PRICE", position: 1, scaleMin: 0, scaleMax: 5 },
  ],
  vendors: [
    { id: "a", name: "Contoso" },
    { id: "b", name: "Fabrikam" },
  ],
  writtenScores: [
    { vendorId: "a", criterionId: "w", evaluatorId: "m1", score: 5 },
    { vendorId: "b", criterionId: "w", evaluatorId: "m1", score: 3 },
  ],
  consensus: [],
  oralScores: [],
  prices: ["a", "b"].map((vendorId, index) => ({
    vendorId,
    currency: "EUR",
    termMonths: 12,
    lines: [{ kind: "RECURRING" as const, quantity: 1, unitPrice: 1000 + 100 * index }],
  })),
  priceSettings: { formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 12 },
  finalWeights: { WRITTEN: 70, ORAL: 0, PRICE: 30 },
  panelRankings: [],
  budget: null,
  currency: "EUR",
  compliance: [],
  limitations: [],
  conflicts: [],
  overrides: [],
};

const submittedAt = new Date("2027-03-04T09:30:00Z");

describe("review snapshot", () => {
  it("stores the review as JSON and reads back exactly what was stored", () => {
    const review = executiveReview(facts);
    const snapshot = takeReviewSnapshot(review, { round: 2, submittedAt, fingerprint: "f1" });
    expect(snapshot).toMatchObject({
      version: 1,
      round: 2,
      submittedAt: "2027-03-04T09:30:00.000Z",
      fingerprint: "f1",
    });
    expect(snapshot.review).toEqual(review);
    const stored: unknown = JSON.parse(JSON.stringify(snapshot));
    expect(readReviewSnapshot(stored)).toEqual(snapshot);
  });

  it("does not take a non-finite number for a value: JSON holds null, and so does the snapshot", () => {
    const review = { ...executiveReview(facts), margin: Number.NaN };
    expect(takeReviewSnapshot(review, { round: 1, submittedAt, fingerprint: "f" }).review.margin).toBeNull();
  });

  it("reads nothing that is not a snapshot of this version", () => {
    const snapshot = takeReviewSnapshot(executiveReview(facts), { round: 1, submittedAt, fingerprint: "f" });
    for (const value of [
      null,
      "review",
      [],
      { ...snapshot, version: 2 },
      { ...snapshot, round: "1" },
      { ...snapshot, submittedAt: "yesterday" },
      { ...snapshot, fingerprint: undefined },
      { ...snapshot, review: null },
      { ...snapshot, review: { ...snapshot.review, risks: "none" } },
      { ...snapshot, review: { ...snapshot.review, ranking: undefined } },
    ]) {
      expect(readReviewSnapshot(value), JSON.stringify(value)?.slice(0, 60)).toBeNull();
    }
  });

  it("approvers always read the frozen review; the lead while it is with them or approved", () => {
    const snapshot = takeReviewSnapshot(executiveReview(facts), { round: 1, submittedAt, fingerprint: "f" });
    expect(showsSnapshot("SUBMITTED", snapshot, "TEAM")).toBe(true);
    expect(showsSnapshot("APPROVED", snapshot, "TEAM")).toBe(true);
    // Returned: the lead revises from the live review; the approvers still see what they returned.
    expect(showsSnapshot("RETURNED", snapshot, "TEAM")).toBe(false);
    expect(showsSnapshot("RETURNED", snapshot, "APPROVER")).toBe(true);
    // Submitted before reviews were frozen: nothing to show but the live review.
    expect(showsSnapshot("SUBMITTED", null, "APPROVER")).toBe(false);
  });

  it("says whether the evaluation changed since submission by comparing fingerprints", () => {
    const snapshot = takeReviewSnapshot(executiveReview(facts), { round: 3, submittedAt, fingerprint: "before" });
    expect(snapshotBasis(snapshot, "before")).toEqual({
      kind: "SUBMITTED",
      round: 3,
      submittedAt: "2027-03-04T09:30:00.000Z",
      changedSince: false,
    });
    expect(snapshotBasis(snapshot, "after")).toMatchObject({ kind: "SUBMITTED", changedSince: true });
  });
});
