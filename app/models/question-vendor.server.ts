import { prisma } from "~/db.server";
import { isOpen } from "~/domain/portal";
import { formatDateTime } from "~/utils/dates";
import { FieldError } from "~/utils/errors.server";
import { questionReceivedMessage } from "~/utils/messages";
import { recordAudit } from "./audit.server";
import { latestDocumentVersion } from "./document.server";
import { queueMessage } from "./outbox.server";
import { type PortalVendor, vendorActor } from "./portal-session.server";

/**
 * Clarification questions from the vendor's side. A vendor sees its own questions and every
 * published answer — as published by the lead (the asking vendor's identity removed): the
 * published rows are selected without any reference to who asked.
 */
export async function getVendorQuestions(vendor: PortalVendor) {
  const [own, published, version] = await Promise.all([
    prisma.clarificationQuestion.findMany({
      where: { invitationId: vendor.id },
      orderBy: { askedAt: "desc" },
      select: { id: true, question: true, sectionId: true, askedAt: true, status: true, number: true },
    }),
    prisma.clarificationQuestion.findMany({
      where: { rfpId: vendor.rfpId, status: "PUBLISHED" },
      orderBy: [{ number: "asc" }, { publishedAt: "asc" }],
      select: { number: true, sectionId: true, publishedQuestion: true, answer: true, publishedAt: true },
    }),
    latestDocumentVersion(vendor.rfpId),
  ]);
  const sections = (version?.snapshot.sections ?? []).map((section) => ({ id: section.id, title: section.title }));
  return { own, published, sections };
}

/**
 * Ask a question (optionally about one section of the frozen document) until the questions
 * deadline; the RFP's leads are emailed. Refused after the deadline, checked at this moment.
 */
export async function askQuestion(
  vendor: PortalVendor,
  input: { question: string; sectionId?: string | undefined },
  options: { origin: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: vendor.rfpId },
      select: {
        reference: true,
        title: true,
        stage: true,
        timeZone: true,
        questionsDeadline: true,
        members: {
          where: { role: "LEAD", user: { disabledAt: null } },
          select: { user: { select: { name: true, email: true } } },
        },
      },
    });
    if (!isOpen({ stage: rfp.stage, deadline: rfp.questionsDeadline, now })) {
      throw new FieldError(
        "question",
        rfp.questionsDeadline && rfp.stage === "PUBLISHED"
          ? `Clarification questions closed on ${formatDateTime(rfp.questionsDeadline, { timeZone: rfp.timeZone })}. Your question was not sent.`
          : "This RFP is not taking clarification questions. Your question was not sent.",
      );
    }
    let sectionTitle: string | null = null;
    if (input.sectionId) {
      const version = await latestDocumentVersion(vendor.rfpId, tx);
      const section = version?.snapshot.sections.find((candidate) => candidate.id === input.sectionId);
      if (!section) throw new FieldError("sectionId", "Choose a section of this RFP, or none.");
      sectionTitle = section.title;
    }
    const question = await tx.clarificationQuestion.create({
      data: {
        rfpId: vendor.rfpId,
        invitationId: vendor.id,
        sectionId: input.sectionId ?? null,
        question: input.question.trim(),
        askedAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: "question.asked",
      entityType: "ClarificationQuestion",
      entityId: question.id,
      rfpId: vendor.rfpId,
      after: { section: sectionTitle ?? undefined, length: input.question.trim().length },
    });
    for (const { user } of rfp.members) {
      await queueMessage(tx, {
        rfpId: vendor.rfpId,
        kind: "question_received",
        toEmail: user.email,
        toName: user.name,
        ...questionReceivedMessage({
          rfp,
          leadName: user.name,
          vendorName: vendor.vendor.name,
          sectionTitle,
          question: input.question.trim(),
          link: `${options.origin}/rfps/${vendor.rfpId}`,
        }),
      });
    }
    return question;
  });
}
