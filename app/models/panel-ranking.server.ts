import { prisma, type TransactionClient } from "~/db.server";
import { distancesFromConsensus, groupDisagreement, kendallsW } from "~/domain/agreement";
import {
  describePlacesError,
  type PlaceEntry,
  type RankingStatus,
  rankingsRevealed,
  rankingWindow,
  readTiers,
  tiersFromPlaces,
} from "~/domain/panel-rankings";
import type { RfpAction } from "~/domain/policy";
import { aggregateRankings, describeRankingError } from "~/domain/ranking";
import { FieldError } from "~/utils/errors.server";
import { forbidden, notFound } from "~/utils/http.server";
import { recordAudit, type UserActor } from "./audit.server";

/**
 * Panel rankings after the last interview. Each panel member ranks every interviewed vendor
 * (ties allowed). Rankings are sealed like debriefs: until every panel member has submitted, no
 * loader returns anyone's ranking to anyone but its author — not to the lead, not to observers —
 * and nothing is aggregated; everyone sees only who has submitted.
 */
type Db = TransactionClient | typeof prisma;

/** Vendors still in the running after the shortlist, or told their outcome after the interviews. */
export const INTERVIEWED_STATUSES = ["SHORTLISTED", "RESERVE", "ELIMINATED", "AWARDED"] as const;

/** The vendors to rank, in interview order (vendors without an interview last). */
export async function rankingCandidates(rfpId: string, db: Db = prisma) {
  const invitations = await db.invitation.findMany({
    where: { rfpId, status: { in: [...INTERVIEWED_STATUSES] } },
    select: {
      id: true,
      status: true,
      vendor: { select: { name: true } },
      interview: { select: { id: true, startsAt: true, endsAt: true } },
    },
  });
  return invitations
    .map((invitation) => ({
      id: invitation.id,
      name: invitation.vendor.name,
      status: invitation.status,
      interview: invitation.interview,
    }))
    .sort(
      (a, b) =>
        (a.interview?.startsAt.getTime() ?? Number.POSITIVE_INFINITY) -
          (b.interview?.startsAt.getTime() ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name),
    );
}

/** Panel members who rank: every PANEL member of the RFP except those recused from the panel. */
export async function rankers(rfpId: string, db: Db = prisma) {
  const members = await db.rfpMember.findMany({
    where: { rfpId, role: "PANEL", conflicts: { none: { decision: "RECUSED_PANEL" } } },
    orderBy: { user: { name: "asc" } },
    select: { id: true, userId: true, functionalGroup: true, user: { select: { name: true } } },
  });
  return members.map((member) => ({
    memberId: member.id,
    userId: member.userId,
    name: member.user.name,
    group: member.functionalGroup?.trim() || null,
  }));
}

async function rankingRows(rfpId: string, memberIds: string[], db: Db = prisma) {
  return db.panelRanking.findMany({
    where: { rfpId, memberId: { in: memberIds } },
    select: { memberId: true, tiers: true, submittedAt: true, updatedAt: true },
  });
}

function statusOf(row: { submittedAt: Date | null } | undefined): RankingStatus {
  if (!row) return "NOT_STARTED";
  return row.submittedAt ? "SUBMITTED" : "DRAFT";
}

/**
 * The rankings page as `viewer` may see it: statuses for everyone, the viewer's own ranking, and
 * — only once every ranker has submitted — every ranking and their aggregation.
 */
export async function getRankingsPage(
  rfpId: string,
  viewer: { userId: string; permissions: readonly RfpAction[] },
  now = new Date(),
) {
  const [candidates, panel] = await Promise.all([rankingCandidates(rfpId), rankers(rfpId)]);
  const rows = await rankingRows(
    rfpId,
    panel.map((member) => member.memberId),
  );
  const rowOf = new Map(rows.map((row) => [row.memberId, row]));
  const statuses = panel.map((member) => {
    const row = rowOf.get(member.memberId);
    return {
      memberId: member.memberId,
      name: member.name,
      status: statusOf(row),
      submittedAt: row?.submittedAt ?? null,
    };
  });
  const revealed = rankingsRevealed(statuses.map((entry) => entry.status));
  const window = rankingWindow(
    candidates.map((candidate) => ({ id: candidate.id, interviewEndsAt: candidate.interview?.endsAt ?? null })),
    now,
  );
  const me = viewer.permissions.includes("rfp.rank_vendors")
    ? panel.find((member) => member.userId === viewer.userId)
    : undefined;
  const ownRow = me ? rowOf.get(me.memberId) : undefined;
  const own = me
    ? { memberId: me.memberId, tiers: ownRow ? readTiers(ownRow.tiers) : null, status: statusOf(ownRow) }
    : null;
  return {
    candidates: candidates.map((candidate) => ({
      id: candidate.id,
      name: candidate.name,
      status: candidate.status,
      interviewId: candidate.interview?.id ?? null,
    })),
    window,
    statuses,
    revealed,
    isRanker: Boolean(me),
    own,
    results: revealed ? aggregate(candidates, panel, rows) : null,
  };
}

export type RankingsPage = Awaited<ReturnType<typeof getRankingsPage>>;

function aggregate(
  candidates: { id: string; name: string }[],
  panel: { memberId: string; name: string; group: string | null }[],
  rows: { memberId: string; tiers: unknown }[],
) {
  const nameOf = new Map([
    ...candidates.map((candidate) => [candidate.id, candidate.name] as const),
    ...panel.map((member) => [member.memberId, member.name] as const),
  ]);
  const rankings = rows.map((row) => ({ panelMemberId: row.memberId, tiers: readTiers(row.tiers) ?? [] }));
  const outcome = aggregateRankings(
    candidates.map((candidate) => candidate.id),
    rankings,
  );
  if (!outcome.ok) {
    return {
      ok: false as const,
      problems: outcome.errors.map((error) => describeRankingError(error, (id) => nameOf.get(id) ?? id)),
    };
  }
  const { profile, borda, schulze, condorcetWinner } = outcome.aggregation;
  const groupOf = panel.flatMap((member) =>
    member.group ? [{ panelMemberId: member.memberId, group: member.group }] : [],
  );
  return {
    ok: true as const,
    members: panel.map((member) => ({ memberId: member.memberId, name: member.name, group: member.group })),
    rankings: rankings.map((ranking) => ({ memberId: ranking.panelMemberId, tiers: ranking.tiers })),
    borda: borda.standings,
    schulze: {
      candidates: schulze.candidates,
      preferences: schulze.preferences,
      strongestPaths: schulze.strongestPaths,
      ranking: schulze.ranking,
    },
    condorcetWinner,
    concordance: kendallsW(profile),
    distances: distancesFromConsensus(profile),
    groups: groupDisagreement(profile, groupOf),
  };
}

/** The Schulze ranking once revealed (for the final-ranking page), else null. */
export async function revealedSchulzeRanking(
  rfpId: string,
  db: Db = prisma,
  known?: Awaited<ReturnType<typeof rankingCandidates>>,
) {
  const [candidates, panel] = await Promise.all([known ?? rankingCandidates(rfpId, db), rankers(rfpId, db)]);
  const rows = await rankingRows(
    rfpId,
    panel.map((member) => member.memberId),
    db,
  );
  const statuses = panel.map((member) => statusOf(rows.find((row) => row.memberId === member.memberId)));
  if (!rankingsRevealed(statuses)) return null;
  const result = aggregate(candidates, panel, rows);
  return result.ok ? { ranking: result.schulze.ranking, condorcetWinner: result.condorcetWinner } : null;
}

export type SaveRankingResult = { submitted: boolean; revealed: boolean };

/**
 * Save (a draft) or submit the member's ranking. Submitting seals it: it can no longer change.
 * The RFP row is locked so that two last submissions cannot both miss the moment of reveal.
 */
export async function saveRanking(
  actor: UserActor,
  rfpId: string,
  input: { places: PlaceEntry[]; intent: "save" | "submit" },
  now = new Date(),
): Promise<SaveRankingResult> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ stage: string }[]>`
      SELECT "stage"::text AS stage FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
    if (!locked[0]) throw notFound("We could not find that RFP.");
    const panel = await rankers(rfpId, tx);
    const me = panel.find((member) => member.userId === actor.id);
    if (!me) throw forbidden("Only the panel members of this RFP rank the interviewed vendors.");
    if (locked[0].stage !== "INTERVIEWS") {
      throw new FieldError("form", "Rankings can only be given while the RFP is in its interview stage.");
    }
    const candidates = await rankingCandidates(rfpId, tx);
    const window = rankingWindow(
      candidates.map((candidate) => ({ id: candidate.id, interviewEndsAt: candidate.interview?.endsAt ?? null })),
      now,
    );
    if (!window.open) throw new FieldError("form", "Rankings open when the last interview has ended.");
    const existing = await tx.panelRanking.findUnique({
      where: { memberId: me.memberId },
      select: { id: true, submittedAt: true },
    });
    if (existing?.submittedAt) {
      throw new FieldError("form", "You have submitted your ranking; it is sealed and can no longer change.");
    }
    const tiers = tiersFromPlaces(
      candidates.map((candidate) => candidate.id),
      input.places,
    );
    if (!tiers.ok) {
      const nameOf = (id: string) => candidates.find((candidate) => candidate.id === id)?.name ?? id;
      const [first] = tiers.errors;
      const index =
        first && "candidateId" in first ? input.places.findIndex((p) => p.candidateId === first.candidateId) : -1;
      const message = first ? describePlacesError(first, nameOf, candidates.length) : "Check the places.";
      throw new FieldError(
        index >= 0 && first?.kind === "PLACE_OUT_OF_RANGE" ? `places.${index}.place` : "form",
        message,
      );
    }
    const submittedAt = input.intent === "submit" ? now : null;
    const saved = await tx.panelRanking.upsert({
      where: { memberId: me.memberId },
      create: { rfpId, memberId: me.memberId, tiers: tiers.tiers, submittedAt },
      update: { tiers: tiers.tiers, submittedAt },
      select: { id: true },
    });
    // The order itself stays out of the audit log: observers read it while rankings are sealed.
    await recordAudit(tx, {
      actor,
      action: input.intent === "submit" ? "panel_ranking.submitted" : "panel_ranking.saved",
      entityType: "PanelRanking",
      entityId: saved.id,
      rfpId,
      after: { vendors: candidates.length, tiers: tiers.tiers.length },
    });
    if (input.intent !== "submit") return { submitted: false, revealed: false };
    const rows = await rankingRows(
      rfpId,
      panel.map((member) => member.memberId),
      tx,
    );
    const revealed = rankingsRevealed(
      panel.map((member) => statusOf(rows.find((row) => row.memberId === member.memberId))),
    );
    if (revealed) {
      await recordAudit(tx, {
        actor,
        action: "rfp.panel_rankings_revealed",
        entityType: "Rfp",
        entityId: rfpId,
        rfpId,
        after: { members: panel.length, vendors: candidates.length },
      });
    }
    return { submitted: true, revealed };
  });
}
