import { prisma, type TransactionClient } from "~/db.server";
import { isQuestionBankEditable } from "~/domain/authoring";
import { missingStandardQuestions } from "~/domain/templates";
import type { QuestionInput } from "~/schemas/document-questions";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";

/**
 * The RFP's interview question bank: the standard questions every interview covers (from the
 * templates) and the lead's own. Shortlisted vendors receive them in advance, so the bank is
 * fixed once interviews begin.
 */
export async function listInterviewQuestions(rfpId: string) {
  return prisma.interviewQuestion.findMany({
    where: { rfpId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, category: true, text: true, standard: true },
  });
}

async function lockEditableBank(tx: TransactionClient, rfpId: string) {
  const rows = await tx.$queryRaw<{ stage: string }[]>`
    SELECT "stage"::text AS stage FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
  const stage = rows[0]?.stage;
  if (!stage) throw new FieldError("form", "This RFP no longer exists.");
  if (!isQuestionBankEditable(stage as Parameters<typeof isQuestionBankEditable>[0])) {
    throw new FieldError("form", "The interviews have begun: the question bank can no longer change.");
  }
}

async function nextPosition(tx: TransactionClient, rfpId: string) {
  const last = await tx.interviewQuestion.findFirst({
    where: { rfpId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return (last?.position ?? -1) + 1;
}

export async function addInterviewQuestion(actor: Actor, rfpId: string, input: Omit<QuestionInput, "intent">) {
  return prisma.$transaction(async (tx) => {
    await lockEditableBank(tx, rfpId);
    const question = await tx.interviewQuestion.create({
      data: { rfpId, category: input.category, text: input.text, position: await nextPosition(tx, rfpId) },
      select: { id: true, category: true, text: true },
    });
    await recordAudit(tx, {
      actor,
      action: "interview_question.added",
      entityType: "InterviewQuestion",
      entityId: question.id,
      rfpId,
      after: { category: question.category, text: question.text },
    });
    return question;
  });
}

export async function updateInterviewQuestion(
  actor: Actor,
  rfpId: string,
  questionId: string,
  input: Omit<QuestionInput, "intent">,
) {
  return prisma.$transaction(async (tx) => {
    await lockEditableBank(tx, rfpId);
    const before = await tx.interviewQuestion.findFirst({
      where: { id: questionId, rfpId },
      select: { category: true, text: true, standard: true },
    });
    if (!before) throw new FieldError("form", "This question was deleted by someone else.");
    if (before.standard) {
      throw new FieldError("form", "Standard questions keep their wording. Add your own question instead.");
    }
    await tx.interviewQuestion.update({
      where: { id: questionId },
      data: { category: input.category, text: input.text },
    });
    await recordAudit(tx, {
      actor,
      action: "interview_question.updated",
      entityType: "InterviewQuestion",
      entityId: questionId,
      rfpId,
      before: { category: before.category, text: before.text },
      after: { category: input.category, text: input.text },
    });
  });
}

export async function deleteInterviewQuestion(actor: Actor, rfpId: string, questionId: string) {
  return prisma.$transaction(async (tx) => {
    await lockEditableBank(tx, rfpId);
    const question = await tx.interviewQuestion.findFirst({
      where: { id: questionId, rfpId },
      select: { category: true, text: true, standard: true },
    });
    if (!question) throw new FieldError("form", "This question was already removed.");
    await tx.interviewQuestion.delete({ where: { id: questionId } });
    await recordAudit(tx, {
      actor,
      action: "interview_question.deleted",
      entityType: "InterviewQuestion",
      entityId: questionId,
      rfpId,
      before: question,
    });
    return question;
  });
}

/** Put back the standard questions the bank lacks (all of them for a blank RFP). */
export async function addStandardQuestions(actor: Actor, rfpId: string) {
  return prisma.$transaction(async (tx) => {
    await lockEditableBank(tx, rfpId);
    const bank = await tx.interviewQuestion.findMany({ where: { rfpId }, select: { text: true } });
    const missing = missingStandardQuestions(bank);
    let position = await nextPosition(tx, rfpId);
    for (const question of missing) {
      await tx.interviewQuestion.create({
        data: { rfpId, category: question.category, text: question.text, standard: true, position: position++ },
      });
    }
    if (missing.length > 0) {
      await recordAudit(tx, {
        actor,
        action: "interview_question.standard_added",
        entityType: "Rfp",
        entityId: rfpId,
        rfpId,
        after: { questions: missing.length },
      });
    }
    return missing.length;
  });
}
