import { prisma, type TransactionClient } from "~/db.server";
import { moveInOrder } from "~/domain/authoring";
import { scorableCriteria } from "~/domain/criteria";
import { FOLLOW_UP_CATEGORY, type FollowUpSuggestion, suggestFollowUps } from "~/domain/followups";
import { questionsEditable } from "~/domain/interview-publish";
import { missingStandardQuestions } from "~/domain/templates";
import type { AdvanceQuestionAction } from "~/schemas/interview-questions";
import { FieldError } from "~/utils/errors.server";
import { notFound } from "~/utils/http.server";
import { recordAudit, type UserActor } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { listInterviewQuestions } from "./question-bank.server";

/**
 * The advance questions of one interview: picked from the RFP's question bank, written for this
 * vendor, or follow-ups the tool suggests from the vendor's written scores. Vendors receive them
 * when the interview is published; until then the lead may change them.
 */
export const MAX_ADVANCE_QUESTIONS = 40;

const interviewSelect = {
  id: true,
  invitationId: true,
  startsAt: true,
  endsAt: true,
  mode: true,
  location: true,
  meetingLink: true,
  publishDaysBefore: true,
  publishedAt: true,
  vendorConfirmedAt: true,
  vendorPresenters: true,
  invitation: { select: { status: true, vendor: { select: { name: true } }, contact: { select: { email: true } } } },
  questions: {
    orderBy: { position: "asc" },
    select: { id: true, category: true, text: true, questionId: true, criterionId: true },
  },
} as const;

/** Everything the questions page shows; suggestions (which quote scores) only when asked for. */
export async function getAdvanceQuestions(rfpId: string, interviewId: string, options: { suggestions: boolean }) {
  const interview = await prisma.interview.findFirst({ where: { id: interviewId, rfpId }, select: interviewSelect });
  if (!interview) throw notFound("We could not find that interview.");
  const bank = await listInterviewQuestions(rfpId);
  const suggestions = options.suggestions ? await followUpSuggestions(rfpId, interview.invitationId) : [];
  return {
    interview,
    bank,
    /** Standard questions the bank lacks (a blank RFP): offered too, so every interview can cover them. */
    standardNotInBank: missingStandardQuestions(bank),
    suggestions,
  };
}

/** Suggested follow-ups from the vendor's submitted written scores and any consensus scores. */
export async function followUpSuggestions(rfpId: string, invitationId: string): Promise<FollowUpSuggestion[]> {
  const [nodes, sheets, consensus] = await Promise.all([
    prisma.criterion.findMany({
      where: { rfpId },
      select: scoredCriterionSelect,
    }),
    prisma.scoreSheet.findMany({
      where: { rfpId, invitationId, status: "SUBMITTED" },
      select: {
        memberId: true,
        scores: { where: { value: { not: null } }, select: { criterionId: true, value: true } },
      },
    }),
    prisma.consensusScore.findMany({ where: { rfpId, invitationId }, select: { criterionId: true, value: true } }),
  ]);
  const criteria = scorableCriteria(
    nodes.map((node) => ({ ...node, weight: Number(node.weight) })),
    "WRITTEN",
  );
  const written = new Set(criteria.map((criterion) => criterion.id));
  return suggestFollowUps({
    vendorId: invitationId,
    criteria,
    evaluatorIds: sheets.map((sheet) => sheet.memberId),
    scores: sheets.flatMap((sheet) =>
      sheet.scores.flatMap((score) =>
        score.value === null || !written.has(score.criterionId)
          ? []
          : [
              {
                vendorId: invitationId,
                criterionId: score.criterionId,
                evaluatorId: sheet.memberId,
                score: score.value,
              },
            ],
      ),
    ),
    consensus: consensus
      .filter((entry) => written.has(entry.criterionId))
      .map((entry) => ({ vendorId: invitationId, criterionId: entry.criterionId, score: entry.value })),
  });
}

type LockedInterview = {
  id: string;
  stage: string;
  startsAt: Date;
  publishedAt: Date | null;
  publishDaysBefore: number;
};

/** Lock the interview (one change at a time) and check its questions may still change. */
async function lockEditable(tx: TransactionClient, rfpId: string, interviewId: string, now: Date) {
  const rows = await tx.$queryRaw<LockedInterview[]>`
    SELECT i."id", r."stage"::text AS stage, i."startsAt", i."publishedAt", i."publishDaysBefore"
    FROM "Interview" i JOIN "Rfp" r ON r."id" = i."rfpId"
    WHERE i."id" = ${interviewId} AND i."rfpId" = ${rfpId}
    FOR UPDATE OF i`;
  const interview = rows[0];
  if (!interview) throw new FieldError("form", "This interview no longer exists.");
  if (interview.stage !== "INTERVIEWS") {
    throw new FieldError("form", "Advance questions can only change while the RFP is in its interview stage.");
  }
  if (!questionsEditable(interview, now)) {
    throw new FieldError(
      "form",
      interview.publishedAt
        ? "The questions are published to the vendor and can no longer change."
        : "The interview has started; its questions can no longer change.",
    );
  }
  return interview;
}

async function currentQuestions(tx: TransactionClient, interviewId: string) {
  return tx.interviewSlotQuestion.findMany({
    where: { interviewId },
    orderBy: { position: "asc" },
    select: { id: true, text: true, questionId: true, criterionId: true },
  });
}

type NewQuestion = { category: string; text: string; questionId?: string | null; criterionId?: string | null };

async function addQuestion(tx: TransactionClient, interviewId: string, question: NewQuestion) {
  const existing = await currentQuestions(tx, interviewId);
  if (existing.length >= MAX_ADVANCE_QUESTIONS) {
    throw new FieldError("form", `An interview can have at most ${MAX_ADVANCE_QUESTIONS} advance questions.`);
  }
  if (question.questionId && existing.some((item) => item.questionId === question.questionId)) {
    throw new FieldError("form", "This question from the bank is already on the list.");
  }
  if (question.criterionId && existing.some((item) => item.criterionId === question.criterionId)) {
    throw new FieldError("form", "There is already a follow-up on this criterion.");
  }
  if (existing.some((item) => item.text.trim() === question.text.trim())) {
    throw new FieldError("text", "This question is already on the list.");
  }
  return tx.interviewSlotQuestion.create({
    data: {
      interviewId,
      position: existing.length,
      category: question.category,
      text: question.text,
      questionId: question.questionId ?? null,
      criterionId: question.criterionId ?? null,
    },
    select: { id: true, category: true, text: true, questionId: true, criterionId: true },
  });
}

/** The written leaf criterion a follow-up is about, checked to belong to this RFP. */
async function writtenCriterion(tx: TransactionClient, rfpId: string, criterionId: string) {
  const criterion = await tx.criterion.findFirst({
    where: { id: criterionId, rfpId, stage: "WRITTEN", children: { none: {} } },
    select: { id: true, name: true },
  });
  if (!criterion) throw new FieldError("form", "That criterion is not one of this RFP's written criteria.");
  return criterion;
}

export type ChangeResult = { message: string };

/** Add, remove or move one advance question; one transaction and one audit event each. */
export async function changeAdvanceQuestions(
  actor: UserActor,
  rfpId: string,
  interviewId: string,
  change: Exclude<AdvanceQuestionAction, { intent: "publish-now" | "publish-days" }>,
  now = new Date(),
): Promise<ChangeResult> {
  return prisma.$transaction(async (tx) => {
    await lockEditable(tx, rfpId, interviewId, now);
    const audit = (action: string, after: unknown, before?: unknown) =>
      recordAudit(tx, { actor, action, entityType: "Interview", entityId: interviewId, rfpId, before, after });
    switch (change.intent) {
      case "add-bank": {
        const source = await tx.interviewQuestion.findFirst({
          where: { id: change.questionId, rfpId },
          select: { id: true, category: true, text: true },
        });
        if (!source) throw new FieldError("form", "That question is no longer in the bank.");
        const added = await addQuestion(tx, interviewId, { ...source, questionId: source.id });
        await audit("interview.question_added", { source: "bank", category: added.category, text: added.text });
        return { message: "Question added." };
      }
      case "add-custom": {
        const added = await addQuestion(tx, interviewId, { category: change.category, text: change.text });
        await audit("interview.question_added", { source: "custom", category: added.category, text: added.text });
        return { message: "Question added." };
      }
      case "add-follow-up": {
        const criterion = await writtenCriterion(tx, rfpId, change.criterionId);
        const added = await addQuestion(tx, interviewId, {
          category: FOLLOW_UP_CATEGORY,
          text: change.text,
          criterionId: criterion.id,
        });
        await audit("interview.question_added", {
          source: "follow-up",
          criterion: criterion.name,
          category: added.category,
          text: added.text,
        });
        return { message: `Follow-up on ${criterion.name} added.` };
      }
      case "remove-question": {
        const removed = await tx.interviewSlotQuestion.findFirst({
          where: { id: change.slotQuestionId, interviewId },
          select: { id: true, category: true, text: true },
        });
        if (!removed) throw new FieldError("form", "That question was already removed.");
        await tx.interviewSlotQuestion.delete({ where: { id: removed.id } });
        await renumber(tx, interviewId);
        await audit("interview.question_removed", undefined, { category: removed.category, text: removed.text });
        return { message: "Question removed." };
      }
      case "move-question": {
        const ids = (await currentQuestions(tx, interviewId)).map((question) => question.id);
        const order = moveInOrder(ids, change.slotQuestionId, change.direction);
        if (!order) throw new FieldError("form", "That question cannot move further.");
        await renumber(tx, interviewId, order);
        await audit("interview.questions_reordered", { order: order.map((id) => ids.indexOf(id) + 1) });
        return { message: "Order saved." };
      }
    }
  });
}

async function renumber(tx: TransactionClient, interviewId: string, order?: string[]) {
  const ids = order ?? (await currentQuestions(tx, interviewId)).map((question) => question.id);
  for (const [position, id] of ids.entries()) {
    await tx.interviewSlotQuestion.update({ where: { id }, data: { position } });
  }
}
