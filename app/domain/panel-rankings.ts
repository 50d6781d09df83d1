import type { CandidateId, Tiers } from "./ranking";

/**
 * The panel-rankings round after the last interview: when it opens, how a member's ranking is
 * entered (a place number per vendor; equal numbers are a tie) and when the sealed rankings are
 * revealed. The aggregation itself (Borda, Schulze, Kendall's W) is in ranking.ts and agreement.ts.
 */

export type RankingCandidate = { id: CandidateId; interviewEndsAt: Date | null };

export type RankingWindow =
  | { open: true }
  | { open: false; reason: "NO_INTERVIEWS" | "NOT_SCHEDULED" | "NOT_ENDED"; waitingFor: CandidateId[] };

/**
 * Rankings open once every shortlisted vendor has been interviewed: each needs an interview, and
 * the last one must have ended. Ranking earlier would compare a vendor the panel has met with one
 * it has not.
 */
export function rankingWindow(candidates: readonly RankingCandidate[], now: Date): RankingWindow {
  if (candidates.length === 0) return { open: false, reason: "NO_INTERVIEWS", waitingFor: [] };
  const unscheduled = candidates.filter((candidate) => candidate.interviewEndsAt === null);
  if (unscheduled.length > 0) {
    return { open: false, reason: "NOT_SCHEDULED", waitingFor: unscheduled.map((candidate) => candidate.id) };
  }
  const running = candidates.filter((candidate) => (candidate.interviewEndsAt?.getTime() ?? 0) > now.getTime());
  if (running.length > 0) return { open: false, reason: "NOT_ENDED", waitingFor: running.map((c) => c.id) };
  return { open: true };
}

export type PlaceEntry = { candidateId: CandidateId; place: number };

export type PlacesError =
  | { kind: "UNKNOWN_CANDIDATE"; candidateId: CandidateId }
  | { kind: "REPEATED_CANDIDATE"; candidateId: CandidateId }
  | { kind: "MISSING_CANDIDATE"; candidateId: CandidateId }
  | { kind: "PLACE_OUT_OF_RANGE"; candidateId: CandidateId; place: number };

/**
 * A place number per vendor → tiers, best first. Equal numbers are a tie; gaps do not matter
 * ("1, 2, 2, 4" and "1, 2, 2, 3" say the same), so a member typing numbers without JavaScript
 * cannot get the convention wrong. Places run from 1 to the number of vendors.
 */
export function tiersFromPlaces(
  candidates: readonly CandidateId[],
  entries: readonly PlaceEntry[],
): { ok: true; tiers: CandidateId[][] } | { ok: false; errors: PlacesError[] } {
  const errors: PlacesError[] = [];
  const known = new Set(candidates);
  const seen = new Set<CandidateId>();
  for (const { candidateId, place } of entries) {
    if (!known.has(candidateId)) errors.push({ kind: "UNKNOWN_CANDIDATE", candidateId });
    else if (seen.has(candidateId)) errors.push({ kind: "REPEATED_CANDIDATE", candidateId });
    else if (!(Number.isInteger(place) && place >= 1 && place <= candidates.length)) {
      errors.push({ kind: "PLACE_OUT_OF_RANGE", candidateId, place });
    }
    seen.add(candidateId);
  }
  for (const candidateId of candidates) {
    if (!seen.has(candidateId)) errors.push({ kind: "MISSING_CANDIDATE", candidateId });
  }
  if (errors.length > 0) return { ok: false, errors };
  const order = candidates.map((candidateId) => candidateId);
  const placeOf = new Map(entries.map((entry) => [entry.candidateId, entry.place]));
  const places = [...new Set(entries.map((entry) => entry.place))].sort((a, b) => a - b);
  const tiers = places.map((place) => order.filter((candidateId) => placeOf.get(candidateId) === place));
  return { ok: true, tiers };
}

/** Tiers → competition places ("1, 2, 2, 4"), the numbers the no-JavaScript form shows. */
export function placesFromTiers(tiers: Tiers): Map<CandidateId, number> {
  const places = new Map<CandidateId, number>();
  let ahead = 0;
  for (const tier of tiers) {
    for (const candidateId of tier) places.set(candidateId, ahead + 1);
    ahead += tier.length;
  }
  return places;
}

/**
 * Reads stored tiers (JSON) defensively: a list of lists of strings, or null when the shape is
 * anything else. Whether it names the right vendors is checked by ranking.buildProfile.
 */
export function readTiers(value: unknown): CandidateId[][] | null {
  if (!Array.isArray(value)) return null;
  const tiers: CandidateId[][] = [];
  for (const tier of value) {
    if (!Array.isArray(tier) || !tier.every((id) => typeof id === "string")) return null;
    tiers.push(tier.map(String));
  }
  return tiers;
}

/**
 * A member's order as the sortable list holds it (best first) plus, per position after the first,
 * whether it is tied with the one above → tiers.
 */
export function tiersFromOrder(
  order: readonly CandidateId[],
  tiedWithAbove: ReadonlySet<CandidateId>,
): CandidateId[][] {
  const tiers: CandidateId[][] = [];
  order.forEach((candidateId, index) => {
    const current = tiers.at(-1);
    if (index > 0 && current && tiedWithAbove.has(candidateId)) current.push(candidateId);
    else tiers.push([candidateId]);
  });
  return tiers;
}

export type RankingStatus = "NOT_STARTED" | "DRAFT" | "SUBMITTED";

export const RANKING_STATUS_INFO: Record<RankingStatus, { label: string; tone: string }> = {
  NOT_STARTED: { label: "Not started", tone: "draft" },
  DRAFT: { label: "Saved, not submitted", tone: "warning" },
  SUBMITTED: { label: "Submitted", tone: "success" },
};

/** Sealed until every panel member who ranks has submitted; never revealed for an empty panel. */
export function rankingsRevealed(statuses: readonly RankingStatus[]) {
  return statuses.length > 0 && statuses.every((status) => status === "SUBMITTED");
}

export function describePlacesError(error: PlacesError, nameOf: (id: string) => string, count: number): string {
  switch (error.kind) {
    case "UNKNOWN_CANDIDATE":
      return "The form names a vendor that was not interviewed. Reload the page.";
    case "REPEATED_CANDIDATE":
      return `${nameOf(error.candidateId)} appears twice. Reload the page.`;
    case "MISSING_CANDIDATE":
      return `Give ${nameOf(error.candidateId)} a place.`;
    case "PLACE_OUT_OF_RANGE":
      return `Give ${nameOf(error.candidateId)} a place from 1 to ${count}.`;
  }
}

/** "2", or "=2" when the place is shared. */
export function standingLabel(place: number, tied: boolean) {
  return tied ? `=${place}` : String(place);
}
