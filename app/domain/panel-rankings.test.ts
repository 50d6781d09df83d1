import { describe, expect, it } from "vitest";
import {
  placesFromTiers,
  rankingsRevealed,
  rankingWindow,
  readTiers,
  tiersFromOrder,
  tiersFromPlaces,
} from "./panel-rankings";

const at = (iso: string) => new Date(iso);

describe("rankingWindow", () => {
  const now = at("2027-03-10T12:00:00Z");
  it("opens once every shortlisted vendor's interview has ended", () => {
    expect(
      rankingWindow(
        [
          { id: "a", interviewEndsAt: at("2027-03-09T12:00:00Z") },
          { id: "b", interviewEndsAt: at("2027-03-10T12:00:00Z") },
        ],
        now,
      ),
    ).toEqual({ open: true });
  });
  it("waits for interviews still to come, and for vendors without one", () => {
    expect(
      rankingWindow(
        [
          { id: "a", interviewEndsAt: at("2027-03-09T12:00:00Z") },
          { id: "b", interviewEndsAt: at("2027-03-10T12:00:01Z") },
        ],
        now,
      ),
    ).toEqual({ open: false, reason: "NOT_ENDED", waitingFor: ["b"] });
    expect(rankingWindow([{ id: "a", interviewEndsAt: null }], now)).toEqual({
      open: false,
      reason: "NOT_SCHEDULED",
      waitingFor: ["a"],
    });
    expect(rankingWindow([], now)).toEqual({ open: false, reason: "NO_INTERVIEWS", waitingFor: [] });
  });
});

describe("tiersFromPlaces", () => {
  const candidates = ["a", "b", "c", "d"];
  it("equal numbers tie, and gaps do not matter", () => {
    const tiers = tiersFromPlaces(candidates, [
      { candidateId: "c", place: 1 },
      { candidateId: "a", place: 2 },
      { candidateId: "b", place: 2 },
      { candidateId: "d", place: 4 },
    ]);
    expect(tiers).toEqual({ ok: true, tiers: [["c"], ["a", "b"], ["d"]] });
    const compact = tiersFromPlaces(candidates, [
      { candidateId: "c", place: 1 },
      { candidateId: "a", place: 2 },
      { candidateId: "b", place: 2 },
      { candidateId: "d", place: 3 },
    ]);
    expect(compact).toEqual(tiers);
  });
  it("names every problem: unknown, repeated, missing, out of range", () => {
    const result = tiersFromPlaces(candidates, [
      { candidateId: "x", place: 1 },
      { candidateId: "a", place: 1 },
      { candidateId: "a", place: 2 },
      { candidateId: "b", place: 5 },
      { candidateId: "c", place: 0 },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.kind)).toEqual([
      "UNKNOWN_CANDIDATE",
      "REPEATED_CANDIDATE",
      "PLACE_OUT_OF_RANGE",
      "PLACE_OUT_OF_RANGE",
      "MISSING_CANDIDATE",
    ]);
  });
});

describe("places, order and stored tiers", () => {
  it("placesFromTiers gives competition places", () => {
    expect(Object.fromEntries(placesFromTiers([["c"], ["a", "b"], ["d"]]))).toEqual({ c: 1, a: 2, b: 2, d: 4 });
  });
  it("round-trips through places", () => {
    const tiers = [["b"], ["a", "d"], ["c"]];
    const places = [...placesFromTiers(tiers)].map(([candidateId, place]) => ({ candidateId, place }));
    expect(tiersFromPlaces(["a", "b", "c", "d"], places)).toEqual({ ok: true, tiers: [["b"], ["a", "d"], ["c"]] });
  });
  it("tiersFromOrder joins a vendor to the tier above when tied; the first can never be", () => {
    expect(tiersFromOrder(["a", "b", "c", "d"], new Set(["a", "c", "d"]))).toEqual([["a"], ["b", "c", "d"]]);
  });
  it("readTiers accepts only lists of lists of ids", () => {
    expect(readTiers([["a"], ["b", "c"]])).toEqual([["a"], ["b", "c"]]);
    expect(readTiers([["a"], "b"])).toBeNull();
    expect(readTiers({ a: 1 })).toBeNull();
    expect(readTiers([[1]])).toBeNull();
  });
  it("rankings are revealed only when everyone has submitted", () => {
    expect(rankingsRevealed(["SUBMITTED", "SUBMITTED"])).toBe(true);
    expect(rankingsRevealed(["SUBMITTED", "DRAFT"])).toBe(false);
    expect(rankingsRevealed(["SUBMITTED", "NOT_STARTED"])).toBe(false);
    expect(rankingsRevealed([])).toBe(false);
  });
});
