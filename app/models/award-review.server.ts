import { prisma, type TransactionClient } from "~/db.server";
import { type ExecutiveReview, executiveReview, type OverrideRecord, type ReviewFacts } from "~/domain/award-review";
import type { Tiers } from "~/domain/ranking";
import { type ReviewBasis, readReviewSnapshot, showsSnapshot, snapshotBasis } from "~/domain/review-snapshot";
import { Prisma, type RecommendationStatus } from "~/generated/prisma/client";
import { notFound } from "~/utils/http.server";
import { LruCache } from "~/utils/lru-cache";
import { singleton } from "~/utils/singleton.server";
import { scoredCriterionSelect } from "./criterion-fields.server";

/**
 * The executive review, computed from what the evaluation and interviews stored: scores and
 * consensus, debriefs' oral scores, price schedules, panel rankings, compliance, conflicts and the
 * lead's recorded overrides. Read-only; the same computation backs the memo draft and the award.
 *
 * Computing it reads every submitted score of the ranked vendors (7,680 at benchmark scale) and
 * runs the stability simulation, so it is computed once per state of the evaluation: the
 * evaluation's fingerprint (one small query, below) keys an in-process cache. The key comes from
 * the database, so several app instances each cache correctly. Once the recommendation is
 * submitted, the review is frozen on it (domain/review-snapshot) and read from there.
 */

/**
 * The vendors of the final ranking: those taken to interview (shortlisted), whatever they became
 * since (awarded, reserve, eliminated after the interviews). The one definition, in SQL: the
 * fingerprint and the score query select them with it, the facts query by the ids it returns.
 */
function rankedInvitations(rfpId: string) {
  return Prisma.sql`
    SELECT i."id" FROM "Invitation" i LEFT JOIN "ShortlistDecision" sd ON sd."invitationId" = i."id"
    WHERE i."rfpId" = ${rfpId}
      AND (i."status" IN ('SHORTLISTED', 'AWARDED', 'RESERVE') OR (i."status" = 'ELIMINATED' AND sd."outcome" = 'SHORTLISTED'))`;
}

export type EvaluationState = { fingerprint: string; rankedIds: string[] };

/**
 * A hash of everything the review is computed from, in one query over small rows: the RFP's
 * weights, price settings, budget and criteria; the ranked vendors (names, shortlist overrides,
 * proposals by version, screening, conflicts); score sheets and debriefs by version; consensus
 * scores and minority opinions; panel rankings; the team's names. Scores themselves are not read
 * (38,400 rows): a score only changes through its sheet, whose version goes up with every save
 * (models/scoring.server), and the same holds for oral scores and debriefs, price lines and
 * proposals. Invitation statuses and the RFP's stage are left out on purpose: the award changes
 * them, not the evaluation, so an approved review does not read as changed by its own award.
 */
export async function readEvaluationState(db: TransactionClient, rfpId: string): Promise<EvaluationState | null> {
  const rows = await db.$queryRaw<{ fingerprint: string; rankedIds: string[] | null }[]>`
    WITH ranked AS (${rankedInvitations(rfpId)})
    SELECT
      (SELECT array_agg(x."id" ORDER BY x."id") FROM ranked x) AS "rankedIds",
      md5(concat_ws('|', r."currency", r."budgetAmount", r."finalWeights"::text, r."priceFormula"::text,
        (SELECT string_agg(concat_ws(':', c."id", c."parentId", c."name", c."weight", c."stage", c."position", c."scaleMin", c."scaleMax"), ',' ORDER BY c."id")
           FROM "Criterion" c WHERE c."rfpId" = r."id"),
        (SELECT string_agg(concat_ws(':', i."id", v."name", sd."broughtInAnyway", md5(concat_ws(':', sd."justification", sd."requestedBy"))), ',' ORDER BY i."id")
           FROM ranked x JOIN "Invitation" i ON i."id" = x."id" JOIN "Vendor" v ON v."id" = i."vendorId"
           LEFT JOIN "ShortlistDecision" sd ON sd."invitationId" = i."id"),
        (SELECT string_agg(concat_ws(':', p."id", p."status", p."version"), ',' ORDER BY p."id")
           FROM "Proposal" p JOIN ranked x ON x."id" = p."invitationId"),
        (SELECT string_agg(concat_ws(':', k."id", k."decision", md5(k."note")), ',' ORDER BY k."id")
           FROM "ComplianceCheck" k JOIN "Proposal" p ON p."id" = k."proposalId" JOIN ranked x ON x."id" = p."invitationId"),
        (SELECT string_agg(concat_ws(':', d."id", d."hasConflict", d."decision", md5(d."decisionNote")), ',' ORDER BY d."id")
           FROM "ConflictDeclaration" d JOIN ranked x ON x."id" = d."invitationId"),
        (SELECT string_agg(concat_ws(':', s."id", s."status", s."version"), ',' ORDER BY s."id")
           FROM "ScoreSheet" s JOIN ranked x ON x."id" = s."invitationId"),
        (SELECT string_agg(concat_ws(':', cs."id", cs."value"), ',' ORDER BY cs."id")
           FROM "ConsensusScore" cs JOIN ranked x ON x."id" = cs."invitationId"),
        (SELECT string_agg(concat_ws(':', m."id", md5(m."opinion")), ',' ORDER BY m."id")
           FROM "MinorityOpinion" m JOIN "ConsensusScore" cs ON cs."id" = m."consensusId" JOIN ranked x ON x."id" = cs."invitationId"),
        (SELECT string_agg(concat_ws(':', d."id", d."status", d."version"), ',' ORDER BY d."id")
           FROM "Debrief" d JOIN "Interview" iv ON iv."id" = d."interviewId" JOIN ranked x ON x."id" = iv."invitationId"),
        (SELECT string_agg(concat_ws(':', pr."id", pr."submittedAt" IS NOT NULL, md5(pr."tiers"::text)), ',' ORDER BY pr."id")
           FROM "PanelRanking" pr WHERE pr."rfpId" = r."id"),
        (SELECT string_agg(concat_ws(':', rm."id", u."name"), ',' ORDER BY rm."id")
           FROM "RfpMember" rm JOIN "User" u ON u."id" = rm."userId" WHERE rm."rfpId" = r."id")
      )) AS fingerprint
    FROM "Rfp" r WHERE r."id" = ${rfpId}`;
  const row = rows[0];
  return row ? { fingerprint: row.fingerprint, rankedIds: row.rankedIds ?? [] } : null;
}

/**
 * Submitted written scores and oral scores of the ranked vendors, one row per sheet or debrief
 * with its scores as one JSON object: read through Prisma, each of the 7,680 scores was an object
 * with a nested sheet (about a third of the page's time at benchmark scale).
 */
async function loadScores(db: TransactionClient, rfpId: string) {
  const rows = await db.$queryRaw<
    { kind: "WRITTEN" | "ORAL"; invitationId: string; memberId: string; scores: string }[]
  >`
    WITH ranked AS (${rankedInvitations(rfpId)})
    SELECT 'WRITTEN' AS kind, sh."invitationId", sh."memberId", json_object_agg(s."criterionId", s."value")::text AS scores
      FROM "ScoreSheet" sh JOIN ranked x ON x."id" = sh."invitationId" JOIN "Score" s ON s."sheetId" = sh."id"
      WHERE sh."rfpId" = ${rfpId} AND sh."status" = 'SUBMITTED' AND s."value" IS NOT NULL
      GROUP BY sh."id"
    UNION ALL
    SELECT 'ORAL' AS kind, iv."invitationId", d."memberId", json_object_agg(o."criterionId", o."value")::text AS scores
      FROM "Debrief" d JOIN "Interview" iv ON iv."id" = d."interviewId" JOIN ranked x ON x."id" = iv."invitationId"
      JOIN "OralScore" o ON o."debriefId" = d."id"
      WHERE iv."rfpId" = ${rfpId} AND d."status" = 'SUBMITTED' AND o."value" IS NOT NULL
      GROUP BY d."id", iv."invitationId"`;
  const written: ReviewFacts["writtenScores"][number][] = [];
  const oral: ReviewFacts["oralScores"][number][] = [];
  for (const row of rows) {
    const into = row.kind === "WRITTEN" ? written : oral;
    for (const [criterionId, score] of Object.entries(JSON.parse(row.scores) as Record<string, number>)) {
      into.push({ vendorId: row.invitationId, criterionId, evaluatorId: row.memberId, score });
    }
  }
  return { written, oral };
}

export async function loadReviewFacts(db: TransactionClient, rfpId: string, rankedIds: readonly string[]) {
  const ranked = { id: { in: [...rankedIds] } } satisfies Prisma.InvitationWhereInput;
  const [rfp, scores] = await Promise.all([
    db.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: {
        id: true,
        reference: true,
        title: true,
        currency: true,
        budgetAmount: true,
        timeZone: true,
        stage: true,
        version: true,
        finalWeights: true,
        priceFormula: true,
        criteria: {
          orderBy: [{ parentId: "asc" }, { position: "asc" }],
          select: scoredCriterionSelect,
        },
        // One query with the rfp (relation joins): the ranked vendors, their consensus scores and
        // the panel's rankings; the scores follow in one more (loadScores), side by side.
        invitations: {
          where: ranked,
          orderBy: { invitedAt: "asc" },
          select: {
            id: true,
            status: true,
            vendor: { select: { name: true } },
            shortlistDecision: { select: { broughtInAnyway: true, justification: true, requestedBy: true } },
            conflicts: {
              where: { hasConflict: true },
              select: { decision: true, decisionNote: true, member: { select: { user: { select: { name: true } } } } },
            },
            scoreSheets: {
              where: { reopenReason: { not: null } },
              select: { reopenReason: true, member: { select: { user: { select: { name: true } } } } },
            },
            proposal: {
              select: {
                status: true,
                currency: true,
                termMonths: true,
                priceLines: { select: { kind: true, quantity: true, unitPrice: true } },
                commitments: { where: { kind: "LIMITATION" }, orderBy: { position: "asc" }, select: { text: true } },
                responses: {
                  where: { requirement: { kind: "MANDATORY" }, compliance: { in: ["PARTIAL", "DOES_NOT_COMPLY"] } },
                  select: { compliance: true, requirement: { select: { code: true, text: true } } },
                },
                checks: {
                  where: { decision: "FAIL" },
                  select: { note: true, requirement: { select: { code: true, text: true } } },
                },
              },
            },
          },
        },
        consensusScores: {
          where: { invitation: ranked },
          select: {
            invitationId: true,
            criterionId: true,
            value: true,
            criterion: { select: { name: true } },
            minorityOpinions: {
              select: { opinion: true, member: { select: { user: { select: { name: true } } } } },
            },
          },
        },
        panelRankings: { where: { submittedAt: { not: null } }, select: { memberId: true, tiers: true } },
      },
    }),
    loadScores(db, rfpId),
  ]);
  const { invitations, consensusScores: consensus, panelRankings: rankings } = rfp;
  const overrides: OverrideRecord[] = [];
  for (const invitation of invitations) {
    const decision = invitation.shortlistDecision;
    if (decision?.broughtInAnyway) {
      overrides.push({
        vendorId: invitation.id,
        kind: "BROUGHT_IN",
        text: `${invitation.vendor.name} was shortlisted below the line${decision.requestedBy ? ` at ${decision.requestedBy}'s request` : ""}: ${decision.justification ?? "no justification recorded"}`,
      });
    }
    for (const sheet of invitation.scoreSheets) {
      overrides.push({
        vendorId: invitation.id,
        kind: "SHEET_REOPENED",
        text: `${sheet.member.user.name}'s score sheet for ${invitation.vendor.name} was reopened: ${sheet.reopenReason}`,
      });
    }
  }
  for (const entry of consensus) {
    for (const minority of entry.minorityOpinions) {
      const vendor = invitations.find((invitation) => invitation.id === entry.invitationId)?.vendor.name ?? "";
      overrides.push({
        vendorId: entry.invitationId,
        kind: "MINORITY_OPINION",
        text: `${minority.member.user.name} recorded a minority opinion on ${entry.criterion.name} for ${vendor}: ${minority.opinion}`,
      });
    }
  }
  const facts: ReviewFacts = {
    criteria: rfp.criteria.map((criterion) => ({ ...criterion, weight: Number(criterion.weight) })),
    vendors: invitations.map((invitation) => ({ id: invitation.id, name: invitation.vendor.name })),
    writtenScores: scores.written,
    consensus: consensus.map((entry) => ({
      vendorId: entry.invitationId,
      criterionId: entry.criterionId,
      score: entry.value,
    })),
    oralScores: scores.oral,
    prices: invitations.flatMap((invitation) =>
      invitation.proposal?.status === "SUBMITTED"
        ? [
            {
              vendorId: invitation.id,
              currency: invitation.proposal.currency,
              termMonths: invitation.proposal.termMonths,
              lines: invitation.proposal.priceLines.map((line) => ({
                kind: line.kind,
                quantity: Number(line.quantity),
                unitPrice: Number(line.unitPrice),
              })),
            },
          ]
        : [],
    ),
    priceSettings: rfp.priceFormula,
    finalWeights: rfp.finalWeights,
    panelRankings: rankings.map((ranking) => ({ panelMemberId: ranking.memberId, tiers: parseTiers(ranking.tiers) })),
    budget: rfp.budgetAmount === null ? null : Number(rfp.budgetAmount),
    currency: rfp.currency,
    compliance: invitations.flatMap((invitation) => [
      ...(invitation.proposal?.checks ?? []).map((check) => ({
        vendorId: invitation.id,
        code: check.requirement.code,
        text: check.note ? `${check.requirement.text} — ${check.note}` : check.requirement.text,
        kind: "FAILED" as const,
      })),
      ...(invitation.proposal?.responses ?? [])
        .filter(
          (response) =>
            !(invitation.proposal?.checks ?? []).some((check) => check.requirement.code === response.requirement.code),
        )
        .map((response) => ({
          vendorId: invitation.id,
          code: response.requirement.code,
          text: response.requirement.text,
          kind: response.compliance === "PARTIAL" ? ("PARTIAL" as const) : ("DOES_NOT_COMPLY" as const),
        })),
    ]),
    limitations: invitations.flatMap((invitation) =>
      (invitation.proposal?.commitments ?? []).map((commitment) => ({
        vendorId: invitation.id,
        text: commitment.text,
      })),
    ),
    conflicts: invitations.flatMap((invitation) =>
      invitation.conflicts.map((conflict) => ({
        vendorId: invitation.id,
        memberName: conflict.member.user.name,
        decision: conflict.decision,
        note: conflict.decisionNote,
      })),
    ),
    overrides,
  };
  return { rfp, invitations, facts };
}

/** Stored tiers are JSON: anything that is not an array of arrays of ids is read as no ranking. */
function parseTiers(value: unknown): Tiers {
  if (!Array.isArray(value)) return [];
  return value.map((tier) => (Array.isArray(tier) ? tier.filter((id): id is string => typeof id === "string") : []));
}

export type ReviewRfp = Awaited<ReturnType<typeof loadReviewFacts>>["rfp"];

/**
 * The review computed afresh inside a transaction (drafting the memo, submitting): what is
 * drafted or frozen rests on what the transaction reads. Never from or into the cache: the
 * transaction's own writes could still be rolled back. The fingerprint is read before the facts,
 * so the review is never older than its fingerprint: a change committed in between can only make
 * a snapshot read as changed, never hide a change.
 */
export async function computeReviewInTx(tx: TransactionClient, rfpId: string) {
  const state = await readEvaluationState(tx, rfpId);
  if (!state) throw notFound("We could not find that RFP.");
  const { rfp, facts } = await loadReviewFacts(tx, rfpId, state.rankedIds);
  return { rfp, review: executiveReview(facts), fingerprint: state.fingerprint };
}

/** Reviews by RFP and fingerprint; each is a few tens of kilobytes. */
const reviewCache = singleton("executive-review-cache", () => new LruCache<Promise<ExecutiveReview>>(32));

/**
 * The review of the evaluation as it stands: computed on the first view after a change, then
 * served from the cache while the fingerprint stays the same. Concurrent views share one
 * computation.
 */
export async function liveReview(rfpId: string, known?: EvaluationState): Promise<ExecutiveReview> {
  const state = known ?? (await readEvaluationState(prisma, rfpId));
  if (!state) throw notFound("We could not find that RFP.");
  return reviewCache.getOrLoad(`${rfpId}:${state.fingerprint}`, async () => {
    const { facts } = await loadReviewFacts(prisma, rfpId, state.rankedIds);
    return executiveReview(facts);
  });
}

type ShownRecommendation = { status: RecommendationStatus; submittedReview: unknown };

/**
 * The review a page shows: the one frozen at submission (domain/review-snapshot.showsSnapshot),
 * with whether the evaluation changed since, or else the live one. A recommendation submitted
 * before reviews were frozen has no snapshot and shows the live review.
 */
export async function reviewToShow(
  rfpId: string,
  recommendation: ShownRecommendation | null,
  reader: "TEAM" | "APPROVER",
  known?: EvaluationState | null,
): Promise<{ review: ExecutiveReview; basis: ReviewBasis }> {
  const state = known ?? (await readEvaluationState(prisma, rfpId));
  if (!state) throw notFound("We could not find that RFP.");
  const snapshot = recommendation ? readReviewSnapshot(recommendation.submittedReview) : null;
  if (recommendation && showsSnapshot(recommendation.status, snapshot, reader)) {
    return { review: snapshot.review, basis: snapshotBasis(snapshot, state.fingerprint) };
  }
  return { review: await liveReview(rfpId, state), basis: { kind: "LIVE" } };
}

/** The ranked vendors with their contacts, in invitation order (award notices). */
export async function rankedVendors(db: TransactionClient, rfpId: string) {
  const ids = await db.$queryRaw<{ id: string }[]>`${rankedInvitations(rfpId)}`;
  return db.invitation.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    orderBy: { invitedAt: "asc" },
    select: { id: true, vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
  });
}
