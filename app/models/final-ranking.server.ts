import { prisma, type TransactionClient } from "~/db.server";
import { debriefsRevealed } from "~/domain/debrief";
import {
  describeFinalRankingError,
  finalRanking,
  mayChangeFinalWeights,
  type StageWeights,
} from "~/domain/final-ranking";
import { defaultFinalWeights, outcomePlan, readFinalWeights, stageResults } from "~/domain/final-results";
import type { RfpAction } from "~/domain/policy";
import { evaluatePrices, priceScore, readPriceSettings } from "~/domain/price-envelope";
import type { RfpStage } from "~/domain/workflow";
import { FieldError } from "~/utils/errors.server";
import { notFound } from "~/utils/http.server";
import { eliminatedAfterInterviewsMessage, reserveAfterInterviewsMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { BUYER_NAME } from "./invitation-link.server";
import { queueMessage } from "./outbox.server";
import { rankingCandidates, revealedSchulzeRanking } from "./panel-ranking.server";

/**
 * The final ranking: written, oral and price results combined by weights the lead fixes before
 * the interviews (locked from the first debrief on, domain/final-ranking), the recommended vendor
 * and runner-up, and the evidence behind each number. Oral results count only from interviews
 * whose debriefs are revealed, so no sealed view leaks through a mean.
 */
type Db = TransactionClient | typeof prisma;

async function loadWeights(rfpId: string, db: Db) {
  const rfp = await db.rfp.findUnique({
    where: { id: rfpId },
    select: {
      stage: true,
      currency: true,
      finalWeights: true,
      finalWeightsSetAt: true,
      priceFormula: true,
      interviews: { select: { _count: { select: { debriefs: true } } } },
      criteria: {
        select: scoredCriterionSelect,
      },
    },
  });
  if (!rfp) throw notFound("We could not find that RFP.");
  const criteria = rfp.criteria.map((criterion) => ({ ...criterion, weight: Number(criterion.weight) }));
  const stored = readFinalWeights(rfp.finalWeights);
  const debriefsRecorded = rfp.interviews.reduce((sum, interview) => sum + interview._count.debriefs, 0);
  return {
    rfp,
    criteria,
    weights: stored ?? defaultFinalWeights(criteria),
    weightsSource: stored ? ("SET" as const) : ("CRITERIA" as const),
    lock: mayChangeFinalWeights({ stage: rfp.stage as RfpStage, debriefsRecorded }),
    debriefsRecorded,
  };
}

/** Every number the final ranking is built from, with what it rests on (the evidence). */
async function computeFinalRanking(rfpId: string, db: Db, known?: Awaited<ReturnType<typeof rankingCandidates>>) {
  const [base, candidates] = await Promise.all([loadWeights(rfpId, db), known ?? rankingCandidates(rfpId, db)]);
  const vendorIds = candidates.map((candidate) => candidate.id);
  // One query (relation joins) for every vendor's evidence: sheets, agreed scores, interview, proposal.
  const stored = await db.invitation.findMany({
    where: { rfpId, id: { in: vendorIds } },
    select: {
      id: true,
      scoreSheets: {
        where: { status: "SUBMITTED" },
        select: {
          memberId: true,
          invitationId: true,
          scores: { where: { value: { not: null } }, select: { criterionId: true, value: true } },
        },
      },
      consensusScores: { select: { invitationId: true, criterionId: true, value: true } },
      interview: {
        select: {
          id: true,
          invitationId: true,
          attendees: { where: { member: { role: "PANEL" } }, select: { memberId: true } },
          debriefs: {
            select: {
              memberId: true,
              status: true,
              oralScores: { where: { value: { not: null } }, select: { criterionId: true, value: true } },
            },
          },
        },
      },
      proposal: {
        select: {
          id: true,
          invitationId: true,
          status: true,
          currency: true,
          priceLines: { select: { kind: true, quantity: true, unitPrice: true } },
        },
      },
    },
  });
  const sheets = stored.flatMap((invitation) => invitation.scoreSheets);
  const consensus = stored.flatMap((invitation) => invitation.consensusScores);
  const interviews = stored.flatMap((invitation) => (invitation.interview ? [invitation.interview] : []));
  const proposals = stored.flatMap((invitation) =>
    invitation.proposal && invitation.proposal.status === "SUBMITTED" ? [invitation.proposal] : [],
  );
  const revealedInterviews = interviews.filter((interview) => {
    const statuses = interview.attendees.map(
      (attendee) =>
        interview.debriefs.find((debrief) => debrief.memberId === attendee.memberId)?.status ?? "NOT_STARTED",
    );
    return debriefsRevealed(statuses);
  });
  const oralViews = revealedInterviews.flatMap((interview) =>
    interview.debriefs
      .filter((debrief) => debrief.status === "SUBMITTED")
      .map((debrief) => ({ ...debrief, invitationId: interview.invitationId })),
  );
  const settings = readPriceSettings(base.rfp.priceFormula);
  const prices = settings
    ? evaluatePrices(
        proposals.map((proposal) => ({
          vendorId: proposal.invitationId,
          currency: proposal.currency,
          lines: proposal.priceLines.map((line) => ({
            kind: line.kind,
            quantity: Number(line.quantity),
            unitPrice: Number(line.unitPrice),
          })),
        })),
        settings,
        base.rfp.currency,
      ).map((row) => ({ vendorId: row.vendorId, totalCost: row.total, score: priceScore(row, settings.formula) }))
    : [];
  const results = stageResults({
    criteria: base.criteria,
    vendorIds,
    written: {
      evaluatorIds: sheets.map((sheet) => sheet.memberId),
      scores: sheets.flatMap((sheet) =>
        sheet.scores.map((score) => ({
          vendorId: sheet.invitationId,
          criterionId: score.criterionId,
          evaluatorId: sheet.memberId,
          score: score.value ?? 0,
        })),
      ),
      consensus: consensus.map((entry) => ({
        vendorId: entry.invitationId,
        criterionId: entry.criterionId,
        score: entry.value,
      })),
    },
    oral: {
      evaluatorIds: oralViews.map((view) => view.memberId),
      scores: oralViews.flatMap((view) =>
        view.oralScores.map((score) => ({
          vendorId: view.invitationId,
          criterionId: score.criterionId,
          evaluatorId: view.memberId,
          score: score.value ?? 0,
        })),
      ),
    },
    price: settings ? new Map(prices.map((price) => [price.vendorId, price.score])) : null,
  });
  const ranking = base.weights
    ? finalRanking(
        results.map((result) => ({
          vendorId: result.vendorId,
          scores: { WRITTEN: result.WRITTEN.score, ORAL: result.ORAL.score, PRICE: result.PRICE.score },
        })),
        base.weights,
      )
    : null;
  const nameOf = (id: string) => candidates.find((candidate) => candidate.id === id)?.name ?? id;
  const evidence = candidates.map((candidate) => {
    const result = results.find((entry) => entry.vendorId === candidate.id);
    const interview = interviews.find((entry) => entry.invitationId === candidate.id);
    return {
      vendorId: candidate.id,
      name: candidate.name,
      status: candidate.status,
      written: {
        ...(result?.WRITTEN ?? { score: null, coverage: 0 }),
        sheets: sheets.filter((sheet) => sheet.invitationId === candidate.id).length,
        consensusItems: consensus.filter((entry) => entry.invitationId === candidate.id).length,
      },
      oral: {
        ...(result?.ORAL ?? { score: null, coverage: 0 }),
        views: oralViews.filter((view) => view.invitationId === candidate.id).length,
        revealed: revealedInterviews.some((entry) => entry.invitationId === candidate.id),
        interviewId: interview?.id ?? null,
      },
      price: {
        ...(result?.PRICE ?? { score: null, coverage: 0 }),
        totalCost: prices.find((price) => price.vendorId === candidate.id)?.totalCost ?? null,
        proposalId: proposals.find((proposal) => proposal.invitationId === candidate.id)?.id ?? null,
      },
    };
  });
  return {
    ...base,
    candidates,
    priceSettings: settings,
    evidence,
    ranking: ranking?.ok ? ranking.result : null,
    problems: !ranking
      ? ["Set the weights of the written, oral and price results: the criteria carry no weight to start from."]
      : ranking.ok
        ? []
        : ranking.errors.map((error) => describeFinalRankingError(error, nameOf)),
  };
}

/**
 * The page as `viewer` may see it. Panel members see the results only once every panel ranking is
 * in, so the combined numbers cannot anchor the ranking they give; the lead and observers (who
 * read the evaluation results anyway) see them as they form.
 */
export async function getFinalRankingPage(rfpId: string, viewer: { permissions: readonly RfpAction[] }) {
  const candidates = await rankingCandidates(rfpId, prisma);
  const panelRanking = await revealedSchulzeRanking(rfpId, prisma, candidates);
  const sealed = viewer.permissions.includes("rfp.rank_vendors") && panelRanking === null;
  const computed = await computeFinalRanking(rfpId, prisma, candidates);
  const notified = computed.candidates.some(
    (candidate) => candidate.status === "RESERVE" || candidate.status === "ELIMINATED",
  );
  return {
    weights: computed.weights,
    weightsSource: computed.weightsSource,
    weightsSetAt: computed.rfp.finalWeightsSetAt,
    lock: computed.lock,
    currency: computed.rfp.currency,
    priceSettings: computed.priceSettings,
    sealed,
    evidence: sealed ? null : computed.evidence,
    ranking: sealed ? null : computed.ranking,
    problems: sealed ? [] : computed.problems,
    panelRanking,
    notified,
    vendorCount: computed.candidates.length,
  };
}

export type FinalRankingPage = Awaited<ReturnType<typeof getFinalRankingPage>>;

async function lockRfp(tx: TransactionClient, rfpId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
  if (!rows[0]) throw notFound("We could not find that RFP.");
}

/**
 * Set the weights of the written, oral and price results. Allowed until the first debrief is
 * recorded (domain/final-ranking.mayChangeFinalWeights); audited with the old and new weights.
 */
export async function setFinalWeights(actor: UserActor, rfpId: string, weights: StageWeights, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    await lockRfp(tx, rfpId);
    const current = await loadWeights(rfpId, tx);
    if (!current.lock.allowed) throw new FieldError("form", current.lock.reason);
    await tx.rfp.update({ where: { id: rfpId }, data: { finalWeights: weights, finalWeightsSetAt: now } });
    await recordAudit(tx, {
      actor,
      action: "rfp.final_weights_set",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      before: { weights: current.weights, source: current.weightsSource },
      after: { weights },
    });
  });
}

/**
 * Tell the vendors where they stand after the interviews: the runner-up is held in reserve, the
 * others are eliminated, each by a courteous email; statuses change in the same transaction.
 * Only once the final ranking is complete, names one recommended vendor, and every panel member's
 * ranking is in; only once per RFP.
 */
export async function notifyInterviewOutcomes(actor: UserActor, rfpId: string) {
  return prisma.$transaction(async (tx) => {
    await lockRfp(tx, rfpId);
    const computed = await computeFinalRanking(rfpId, tx);
    if (computed.rfp.stage !== "INTERVIEWS") {
      throw new FieldError("form", "Vendors are told the outcome of the interviews during the interview stage.");
    }
    if (computed.candidates.some((candidate) => candidate.status !== "SHORTLISTED")) {
      throw new FieldError("form", "The vendors have already been told the outcome of the interviews.");
    }
    if (!(await revealedSchulzeRanking(rfpId, tx))) {
      throw new FieldError("form", "Wait until every panel member has submitted a ranking.");
    }
    if (!computed.ranking) {
      throw new FieldError("form", computed.problems[0] ?? "The final ranking is not complete yet.");
    }
    const plan = outcomePlan(
      computed.ranking.recommendation,
      computed.candidates.map((candidate) => candidate.id),
    );
    if (!plan.ok) throw new FieldError("form", plan.reason);
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { reference: true, title: true, timeZone: true },
    });
    const invitations = await tx.invitation.findMany({
      where: { id: { in: [...plan.reserve, ...plan.eliminated] } },
      select: { id: true, vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
    });
    const recommendedName = computed.candidates.find((candidate) => candidate.id === plan.recommended)?.name;
    for (const invitation of invitations) {
      const reserve = plan.reserve.includes(invitation.id);
      await tx.invitation.update({
        where: { id: invitation.id },
        data: { status: reserve ? "RESERVE" : "ELIMINATED" },
      });
      if (!invitation.contact) continue;
      const greeting = {
        buyer: BUYER_NAME,
        vendorName: invitation.vendor.name,
        contactName: invitation.contact.name,
        rfp,
      };
      await queueMessage(tx, {
        rfpId,
        invitationId: invitation.id,
        kind: reserve ? "interview_reserve" : "interview_eliminated",
        toEmail: invitation.contact.email,
        toName: invitation.contact.name,
        ...(reserve ? reserveAfterInterviewsMessage(greeting) : eliminatedAfterInterviewsMessage(greeting)),
      });
    }
    const nameOf = (id: string) => computed.candidates.find((candidate) => candidate.id === id)?.name ?? id;
    await recordAudit(tx, {
      actor,
      action: "rfp.interview_outcomes_notified",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        weights: computed.weights,
        recommended: recommendedName,
        reserve: plan.reserve.map(nameOf),
        eliminated: plan.eliminated.map(nameOf),
        totals: computed.ranking.rows.map((row) => ({ vendor: nameOf(row.vendorId), total: row.total })),
      },
    });
    return {
      reserve: plan.reserve.length,
      eliminated: plan.eliminated.length,
      emailed: invitations.filter((i) => i.contact).length,
    };
  });
}
