import { prisma } from "~/db.server";
import { identifyingMentions, questionLabel } from "~/domain/clarification";
import { FieldError } from "~/utils/errors.server";
import { questionPublishedMessage } from "~/utils/messages";
import { notifyInvitedVendors } from "./addendum.server";
import { recordAudit, type UserActor } from "./audit.server";
import { BUYER_NAME } from "./invitation-link.server";

/**
 * Clarifications done fairly: vendors ask privately (portal), the lead answers, and the answer is
 * published to every invited vendor with the asker's identity removed. Only the lead sees who
 * asked; observers read the same inbox without names.
 */

const STATUS_ORDER = { OPEN: 0, ANSWERED: 1, PUBLISHED: 2, WITHDRAWN: 3 } as const;

export async function listQuestions(rfpId: string, options: { showAsker: boolean }) {
  const [rfp, questions, sections] = await Promise.all([
    prisma.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { stage: true, timeZone: true, questionsDeadline: true },
    }),
    prisma.clarificationQuestion.findMany({
      where: { rfpId },
      orderBy: { askedAt: "asc" },
      select: {
        id: true,
        number: true,
        sectionId: true,
        question: true,
        publishedQuestion: true,
        answer: true,
        status: true,
        askedAt: true,
        answeredAt: true,
        publishedAt: true,
        answeredBy: { select: { name: true } },
        invitation: { select: { vendor: { select: { name: true } } } },
      },
    }),
    prisma.rfpSection.findMany({ where: { rfpId }, select: { id: true, title: true } }),
  ]);
  const sectionTitle = new Map(sections.map((section) => [section.id, section.title]));
  const counts = { OPEN: 0, ANSWERED: 0, PUBLISHED: 0, WITHDRAWN: 0 };
  for (const question of questions) counts[question.status]++;
  const sorted = [...questions].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.number ?? 0) - (b.number ?? 0),
  );
  return {
    rfp,
    counts,
    questions: sorted.map(({ invitation, sectionId, ...question }) => ({
      ...question,
      label: question.number ? questionLabel(question.number) : null,
      section: sectionId ? (sectionTitle.get(sectionId) ?? null) : null,
      // The asker's identity leaves the server only for the lead.
      askedBy: options.showAsker ? invitation.vendor.name : null,
    })),
  };
}

export type AnswerInput = {
  publishedQuestion: string;
  answer: string;
  publish: boolean;
  /** The lead confirmed that a flagged name is not about the asker (e.g. a product of that name). */
  allowMention: boolean;
};

/**
 * Save the lead's answer and the question as it will be published; with `publish`, give it the
 * next Q-number and send it to every invited vendor. Publishing refuses text that still names the
 * asking vendor, unless the lead confirms the mention is about something else.
 */
export async function answerQuestion(actor: UserActor, rfpId: string, questionId: string, input: AnswerInput) {
  return prisma.$transaction(async (tx) => {
    const question = await tx.clarificationQuestion.findFirst({
      where: { id: questionId, rfpId },
      select: {
        id: true,
        number: true,
        status: true,
        answer: true,
        rfp: {
          select: {
            stage: true,
            reference: true,
            title: true,
            timeZone: true,
            proposalDeadline: true,
            questionsDeadline: true,
          },
        },
        invitation: {
          select: {
            vendor: { select: { name: true, domain: true, contacts: { select: { name: true, email: true } } } },
          },
        },
      },
    });
    if (!question) throw new FieldError("form", "That question does not exist.");
    if (question.status === "PUBLISHED" && question.number) {
      throw new FieldError(
        "form",
        `${questionLabel(question.number)} is already published to every vendor; correct it with an addendum.`,
      );
    }
    if (question.status === "WITHDRAWN") throw new FieldError("form", "The vendor withdrew this question.");
    if (question.rfp.stage !== "PUBLISHED") {
      throw new FieldError(
        "form",
        "Questions are answered while the RFP is published, before the proposals are opened.",
      );
    }
    if (input.publish && !input.allowMention) {
      const { vendor } = question.invitation;
      const asker = {
        vendorName: vendor.name,
        domain: vendor.domain,
        contactNames: vendor.contacts.map((contact) => contact.name),
        contactEmails: vendor.contacts.map((contact) => contact.email),
      };
      for (const field of ["publishedQuestion", "answer"] as const) {
        const mentions = identifyingMentions(input[field], asker);
        if (mentions.length > 0) {
          throw new FieldError(
            field,
            `This still identifies the vendor who asked (${mentions.join(", ")}). Remove it, or confirm that the mention is about something else.`,
          );
        }
      }
    }
    const now = new Date();
    const number = input.publish
      ? ((await tx.clarificationQuestion.aggregate({ where: { rfpId }, _max: { number: true } }))._max.number ?? 0) + 1
      : null;
    await tx.clarificationQuestion.update({
      where: { id: question.id },
      data: {
        publishedQuestion: input.publishedQuestion,
        answer: input.answer,
        answeredAt: question.answer === input.answer ? undefined : now,
        answeredById: actor.id,
        status: input.publish ? "PUBLISHED" : "ANSWERED",
        number: number ?? undefined,
        publishedAt: input.publish ? now : undefined,
      },
    });
    const label = number ? questionLabel(number) : null;
    await recordAudit(tx, {
      actor,
      action: input.publish ? "question.published" : "question.answered",
      entityType: "ClarificationQuestion",
      entityId: question.id,
      rfpId,
      // The asker is deliberately not recorded here: observers read the activity log.
      after: { number: label, publishedQuestion: input.publishedQuestion, answer: input.answer },
    });
    if (input.publish && label) {
      await notifyInvitedVendors(tx, rfpId, "clarification", (recipient) =>
        questionPublishedMessage({
          rfp: question.rfp,
          buyer: BUYER_NAME,
          vendorName: recipient.vendorName,
          contactName: recipient.contactName,
          label,
          question: input.publishedQuestion,
          answer: input.answer,
        }),
      );
    }
    return { label };
  });
}
