import { prisma, type TransactionClient } from "~/db.server";
import { type ExecutiveReview, executiveReview, type OverrideRecord, type ReviewFacts } from "~/domain/award-review";
import type { Tiers } from "~/domain/ranking";
import type { InvitationStatus, Prisma } from "~/generated/prisma/client";

/**
 * The executive review, computed from what the evaluation and interviews stored: scores and
 * consensus, debriefs' oral scores, price schedules, panel rankings, compliance, conflicts and the
 * lead's recorded overrides. Read-only; the same computation backs the memo draft and the award.
 */

/** Vendors in the final ranking: those taken to interview (shortlisted), whatever they became since. */
export const RANKED_STATUSES: InvitationStatus[] = ["SHORTLISTED", "AWARDED", "RESERVE", "ELIMINATED"];

/** The vendors of the final ranking: taken to interview, whatever they became since. */
const RANKED = {
  OR: [
    { status: { in: ["SHORTLISTED", "AWARDED", "RESERVE"] } },
    { status: "ELIMINATED", shortlistDecision: { outcome: "SHORTLISTED" } },
  ],
} satisfies Prisma.InvitationWhereInput;

export async function loadReviewFacts(db: TransactionClient, rfpId: string) {
  const rfp = await db.rfp.findUniqueOrThrow({
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
        select: {
          id: true,
          parentId: true,
          name: true,
          weight: true,
          stage: true,
          position: true,
          scaleMin: true,
          scaleMax: true,
        },
      },
      // One query with the rfp (relation joins): the ranked vendors, their consensus scores and the
      // panel's rankings. Scores and oral scores follow in two more: the executive review stays
      // within the page budget (tests/integration/query-budget.test.ts).
      invitations: {
        where: RANKED,
        orderBy: { invitedAt: "asc" },
        select: {
          id: true,
          status: true,
          vendor: { select: { name: true } },
          contact: { select: { name: true, email: true } },
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
        where: { invitation: RANKED },
        select: {
          invitationId: true,
          criterionId: true,
          value: true,
          criterion: { select: { name: true } },
          minorityOpinions: { select: { opinion: true, member: { select: { user: { select: { name: true } } } } } },
        },
      },
      panelRankings: { where: { submittedAt: { not: null } }, select: { memberId: true, tiers: true } },
    },
  });
  const { invitations, consensusScores: consensus, panelRankings: rankings } = rfp;
  const invitationIds = invitations.map((invitation) => invitation.id);
  const [scores, oralScores] = await Promise.all([
    db.score.findMany({
      where: { value: { not: null }, sheet: { rfpId, status: "SUBMITTED", invitationId: { in: invitationIds } } },
      select: { criterionId: true, value: true, sheet: { select: { invitationId: true, memberId: true } } },
    }),
    db.oralScore.findMany({
      where: { value: { not: null }, debrief: { status: "SUBMITTED", interview: { rfpId } } },
      select: {
        criterionId: true,
        value: true,
        debrief: { select: { memberId: true, interview: { select: { invitationId: true } } } },
      },
    }),
  ]);
  const ranked = new Set(invitationIds);
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
    writtenScores: scores.map((score) => ({
      vendorId: score.sheet.invitationId,
      criterionId: score.criterionId,
      evaluatorId: score.sheet.memberId,
      score: score.value ?? 0,
    })),
    consensus: consensus.map((entry) => ({
      vendorId: entry.invitationId,
      criterionId: entry.criterionId,
      score: entry.value,
    })),
    oralScores: oralScores
      .filter((score) => ranked.has(score.debrief.interview.invitationId))
      .map((score) => ({
        vendorId: score.debrief.interview.invitationId,
        criterionId: score.criterionId,
        evaluatorId: score.debrief.memberId,
        score: score.value ?? 0,
      })),
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

export async function computeReview(
  db: TransactionClient,
  rfpId: string,
): Promise<{
  rfp: ReviewRfp;
  review: ExecutiveReview;
  vendors: Awaited<ReturnType<typeof loadReviewFacts>>["invitations"];
}> {
  const { rfp, invitations, facts } = await loadReviewFacts(db, rfpId);
  return { rfp, review: executiveReview(facts), vendors: invitations };
}

export function getReview(rfpId: string) {
  return computeReview(prisma, rfpId);
}
