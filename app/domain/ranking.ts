/**
 * Panel rankings of the interviewed vendors and their aggregation.
 *
 * After the last interview every panel member ranks all interviewed vendors, best first. A
 * ranking is a list of tiers; a tier holds the vendors that member could not separate (a tie).
 * Two aggregations are shown side by side because they answer different questions:
 * - Borda count: "who sits highest on average?" (a positional method, sensitive to how far apart
 *   members place vendors);
 * - Schulze: "who wins the head-to-head comparisons?" (a Condorcet method: it always elects the
 *   Condorcet winner when there is one, and resolves cycles by the strongest paths).
 */
export type CandidateId = string;

/** Best first; each tier is a set of candidates ranked equal. */
export type Tiers = readonly (readonly CandidateId[])[];

export type PanelRanking = { panelMemberId: string; tiers: Tiers };

export type RankingError =
  | { kind: "NO_CANDIDATES" }
  | { kind: "DUPLICATE_CANDIDATE_ID"; candidateId: CandidateId }
  | { kind: "NO_RANKINGS" }
  | { kind: "DUPLICATE_PANEL_MEMBER"; panelMemberId: string }
  | { kind: "EMPTY_TIER"; panelMemberId: string; tierIndex: number }
  | { kind: "UNKNOWN_CANDIDATE"; panelMemberId: string; candidateId: CandidateId }
  | { kind: "REPEATED_CANDIDATE"; panelMemberId: string; candidateId: CandidateId }
  | { kind: "MISSING_CANDIDATE"; panelMemberId: string; candidateId: CandidateId };

/**
 * Validated rankings in index form: `candidates[c]` is candidate c, `panelMemberIds[r]` ranked
 * `tierOf[r][c]` (0 = top tier) and gave it the average position `midranks[r][c]` (1 = best; a
 * tie of two for second place gives both 2.5).
 */
export type RankingProfile = {
  candidates: readonly CandidateId[];
  panelMemberIds: readonly string[];
  tierOf: readonly (readonly number[])[];
  midranks: readonly (readonly number[])[];
  /** Sizes of the tiers of each ranking, in order (used by the tie correction of Kendall's W). */
  tierSizes: readonly (readonly number[])[];
};

export type ProfileResult = { ok: true; profile: RankingProfile } | { ok: false; errors: RankingError[] };

/** What is wrong with one panel member's ranking; an empty list means it is complete. */
export function rankingErrors(candidates: readonly CandidateId[], ranking: PanelRanking): RankingError[] {
  const errors: RankingError[] = [];
  const known = new Set(candidates);
  const seen = new Set<CandidateId>();
  const { panelMemberId } = ranking;
  ranking.tiers.forEach((tier, tierIndex) => {
    if (tier.length === 0) errors.push({ kind: "EMPTY_TIER", panelMemberId, tierIndex });
    for (const candidateId of tier) {
      if (!known.has(candidateId)) errors.push({ kind: "UNKNOWN_CANDIDATE", panelMemberId, candidateId });
      else if (seen.has(candidateId)) errors.push({ kind: "REPEATED_CANDIDATE", panelMemberId, candidateId });
      seen.add(candidateId);
    }
  });
  for (const candidateId of candidates) {
    if (!seen.has(candidateId)) errors.push({ kind: "MISSING_CANDIDATE", panelMemberId, candidateId });
  }
  return errors;
}

/** Checks every ranking (each must hold every candidate exactly once) and indexes them. */
export function buildProfile(candidates: readonly CandidateId[], rankings: readonly PanelRanking[]): ProfileResult {
  const errors: RankingError[] = [];
  if (candidates.length === 0) errors.push({ kind: "NO_CANDIDATES" });
  const indexOf = new Map<CandidateId, number>();
  candidates.forEach((candidateId, index) => {
    if (indexOf.has(candidateId)) errors.push({ kind: "DUPLICATE_CANDIDATE_ID", candidateId });
    else indexOf.set(candidateId, index);
  });
  if (rankings.length === 0) errors.push({ kind: "NO_RANKINGS" });
  const members = new Set<string>();
  for (const ranking of rankings) {
    if (members.has(ranking.panelMemberId)) {
      errors.push({ kind: "DUPLICATE_PANEL_MEMBER", panelMemberId: ranking.panelMemberId });
    }
    members.add(ranking.panelMemberId);
    errors.push(...rankingErrors(candidates, ranking));
  }
  if (errors.length > 0) return { ok: false, errors };

  const n = candidates.length;
  const tierOf: number[][] = [];
  const midranks: number[][] = [];
  const tierSizes: number[][] = [];
  for (const ranking of rankings) {
    const tiers = new Array<number>(n).fill(0);
    const positions = new Array<number>(n).fill(0);
    let ahead = 0;
    ranking.tiers.forEach((tier, tierIndex) => {
      const midrank = ahead + (tier.length + 1) / 2;
      for (const candidateId of tier) {
        const index = indexOf.get(candidateId) ?? -1;
        tiers[index] = tierIndex;
        positions[index] = midrank;
      }
      ahead += tier.length;
    });
    tierOf.push(tiers);
    midranks.push(positions);
    tierSizes.push(ranking.tiers.map((tier) => tier.length));
  }
  return {
    ok: true,
    profile: {
      candidates: [...candidates],
      panelMemberIds: rankings.map((ranking) => ranking.panelMemberId),
      tierOf,
      midranks,
      tierSizes,
    },
  };
}

export function describeRankingError(error: RankingError, nameOf: (id: string) => string = (id) => id): string {
  switch (error.kind) {
    case "NO_CANDIDATES":
      return "There are no vendors to rank.";
    case "DUPLICATE_CANDIDATE_ID":
      return `${nameOf(error.candidateId)} is listed twice among the vendors to rank.`;
    case "NO_RANKINGS":
      return "No panel member has submitted a ranking yet.";
    case "DUPLICATE_PANEL_MEMBER":
      return `${nameOf(error.panelMemberId)} has submitted more than one ranking.`;
    case "EMPTY_TIER":
      return `${nameOf(error.panelMemberId)}'s ranking has an empty place ${error.tierIndex + 1}.`;
    case "UNKNOWN_CANDIDATE":
      return `${nameOf(error.panelMemberId)} ranked ${nameOf(error.candidateId)}, which was not interviewed.`;
    case "REPEATED_CANDIDATE":
      return `${nameOf(error.panelMemberId)} ranked ${nameOf(error.candidateId)} more than once.`;
    case "MISSING_CANDIDATE":
      return `${nameOf(error.panelMemberId)} has not ranked ${nameOf(error.candidateId)}.`;
  }
}

/** A candidate's place in a tiered result: 1 + the number of candidates strictly ahead ("=2"). */
export type Standing = { candidateId: CandidateId; place: number; tied: boolean };

export function standingsOf(ranking: Tiers): Standing[] {
  const standings: Standing[] = [];
  let ahead = 0;
  for (const tier of ranking) {
    for (const candidateId of tier) standings.push({ candidateId, place: ahead + 1, tied: tier.length > 1 });
    ahead += tier.length;
  }
  return standings;
}

/**
 * Groups candidates into tiers by a score, higher first; equal scores share a tier. Candidates
 * with equal scores keep the order of `candidates`.
 */
export function tiersByScore(candidates: readonly CandidateId[], scores: readonly number[]): CandidateId[][] {
  const order = candidates.map((_, index) => index).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const tiers: CandidateId[][] = [];
  let previous: number | undefined;
  for (const index of order) {
    const score = scores[index] ?? 0;
    const candidateId = candidates[index] ?? "";
    const current = tiers.at(-1);
    if (current && score === previous) current.push(candidateId);
    else tiers.push([candidateId]);
    previous = score;
  }
  return tiers;
}

export type BordaResult = {
  /** Points per candidate, aligned with `profile.candidates`. */
  points: number[];
  standings: (Standing & { points: number })[];
  ranking: CandidateId[][];
};

/**
 * Borda count. With n candidates a ranking gives a candidate one point for every candidate it
 * places strictly below it, and half a point for every other candidate tied with it. This is the
 * averaged-positions convention: a tie shares out the points of the positions it occupies
 * (n−1, n−2, …, 0), so every ranking hands out the same n(n−1)/2 points whether or not it has
 * ties, and a candidate's points are exactly n − its midrank. All points are multiples of ½, so
 * totals compare exactly.
 */
export function bordaCount(profile: RankingProfile): BordaResult {
  const n = profile.candidates.length;
  const points = new Array<number>(n).fill(0);
  for (const midranks of profile.midranks) {
    for (let c = 0; c < n; c++) points[c] = (points[c] ?? 0) + n - (midranks[c] ?? 0);
  }
  const ranking = tiersByScore(profile.candidates, points);
  const pointsOf = new Map(profile.candidates.map((candidateId, index) => [candidateId, points[index] ?? 0]));
  const standings = standingsOf(ranking).map((standing) => ({
    ...standing,
    points: pointsOf.get(standing.candidateId) ?? 0,
  }));
  return { points, standings, ranking };
}

/** d[a][b]: how many rankings put candidate a strictly above candidate b (ties count for neither). */
export function pairwisePreferences(profile: RankingProfile): number[][] {
  const n = profile.candidates.length;
  return toMatrix(preferenceCounts(profile), n);
}

/** d as one flat row-major array: typed and closure-free, because this is the hot loop. */
function preferenceCounts(profile: RankingProfile): Float64Array {
  const n = profile.candidates.length;
  const d = new Float64Array(n * n);
  for (const tiers of profile.tierOf) {
    for (let a = 0; a < n; a++) {
      const tierA = tiers[a] ?? 0;
      const row = a * n;
      for (let b = 0; b < n; b++) if (tierA < (tiers[b] ?? 0)) d[row + b] = (d[row + b] ?? 0) + 1;
    }
  }
  return d;
}

function toMatrix(flat: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, row) => Array.from(flat.subarray(row * n, row * n + n)));
}

/**
 * The candidate preferred to every other candidate by more rankings than the other way round,
 * or null when there is none (a cycle, or a pairwise tie at the top).
 */
export function condorcetWinner(candidates: readonly CandidateId[], preferences: readonly (readonly number[])[]) {
  for (let a = 0; a < candidates.length; a++) {
    let beatsAll = true;
    for (let b = 0; b < candidates.length && beatsAll; b++) {
      if (a !== b && !(at(preferences, a, b) > at(preferences, b, a))) beatsAll = false;
    }
    if (beatsAll) return candidates[a] ?? null;
  }
  return null;
}

export type SchulzeResult = {
  candidates: CandidateId[];
  /** d[a][b], indexed like `candidates`. */
  preferences: number[][];
  /** p[a][b]: strength of the strongest path from a to b; 0 when there is none, and on the diagonal. */
  strongestPaths: number[][];
  ranking: CandidateId[][];
  /** The first tier: a single candidate unless the strongest paths tie at the top. */
  winners: CandidateId[];
};

/**
 * The Schulze method (Schulze 2011, "A new monotonic, clone-independent, reversal symmetric, and
 * Condorcet-consistent single-winner election method"), with link strengths measured by winning
 * votes: the link a→b has strength d[a][b] when d[a][b] > d[b][a] and does not exist otherwise.
 * p is the widest-path closure of the links (Floyd–Warshall), and a ranks above b when
 * p[a][b] > p[b][a]. That relation is transitive, so the ranking is built by repeatedly taking
 * every remaining candidate that no remaining candidate ranks above. Candidates in one tier have
 * p[a][b] = p[b][a]. (Schulze's relation is a partial order: in rare profiles two candidates in
 * different tiers also have equal path strengths, and are placed apart only because a third
 * candidate separates them.)
 */
export function schulze(profile: RankingProfile): SchulzeResult {
  const n = profile.candidates.length;
  const d = preferenceCounts(profile);
  const p = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const forward = d[a * n + b] ?? 0;
      if (a !== b && forward > (d[b * n + a] ?? 0)) p[a * n + b] = forward;
    }
  }
  for (let k = 0; k < n; k++) {
    for (let a = 0; a < n; a++) {
      const viaK = a === k ? 0 : (p[a * n + k] ?? 0);
      if (viaK === 0) continue;
      for (let b = 0; b < n; b++) {
        if (b === a || b === k) continue;
        const width = Math.min(viaK, p[k * n + b] ?? 0);
        if (width > (p[a * n + b] ?? 0)) p[a * n + b] = width;
      }
    }
  }
  const ranking = layersOf(profile.candidates, (a, b) => (p[a * n + b] ?? 0) > (p[b * n + a] ?? 0));
  return {
    candidates: [...profile.candidates],
    preferences: toMatrix(d, n),
    strongestPaths: toMatrix(p, n),
    ranking,
    winners: ranking[0] ?? [],
  };
}

/**
 * Tiers of a strict partial order: tier 0 holds the candidates nobody beats, and each other
 * candidate sits one tier below the lowest candidate that beats it — the same tiers as taking
 * the unbeaten candidates again and again, in O(n²). Because the order is transitive, whoever
 * beats a candidate is beaten by fewer candidates, so visiting by that count is a valid order.
 */
function layersOf(candidates: readonly CandidateId[], beats: (a: number, b: number) => boolean): CandidateId[][] {
  const n = candidates.length;
  const beatenBy = new Array<number>(n).fill(0);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (beats(b, a)) beatenBy[a] = (beatenBy[a] ?? 0) + 1;
  const visitOrder = candidates
    .map((_, index) => index)
    .sort((a, b) => (beatenBy[a] ?? 0) - (beatenBy[b] ?? 0) || a - b);
  const layer = new Array<number>(n).fill(0);
  for (const a of visitOrder) {
    for (let b = 0; b < n; b++)
      if (beats(b, a) && (layer[b] ?? 0) + 1 > (layer[a] ?? 0)) layer[a] = (layer[b] ?? 0) + 1;
  }
  const tiers: CandidateId[][] = [];
  candidates.forEach((candidateId, index) => {
    const tier = layer[index] ?? 0;
    while (tiers.length <= tier) tiers.push([]);
    tiers[tier]?.push(candidateId);
  });
  return tiers;
}

export type PanelAggregation = {
  profile: RankingProfile;
  borda: BordaResult;
  schulze: SchulzeResult;
  condorcetWinner: CandidateId | null;
};

/** Everything the panel-rankings screen shows, from the raw rankings. */
export function aggregateRankings(
  candidates: readonly CandidateId[],
  rankings: readonly PanelRanking[],
): { ok: true; aggregation: PanelAggregation } | { ok: false; errors: RankingError[] } {
  const built = buildProfile(candidates, rankings);
  if (!built.ok) return built;
  const { profile } = built;
  const schulzeResult = schulze(profile);
  return {
    ok: true,
    aggregation: {
      profile,
      borda: bordaCount(profile),
      schulze: schulzeResult,
      condorcetWinner: condorcetWinner(profile.candidates, schulzeResult.preferences),
    },
  };
}

function at(matrix: readonly (readonly number[])[], row: number, column: number) {
  return matrix[row]?.[column] ?? 0;
}
