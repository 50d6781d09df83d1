import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as questionsRoute from "~/routes/portal.questions";
import { createTestUser } from "../fixtures/factories";
import { createPublishedRfp, portalCookie } from "../fixtures/portal";
import { callAction, callLoader } from "../fixtures/routes";

describe("clarification questions from the portal", () => {
  it("sends a question about a section, audits it and emails the RFP's leads (not other members)", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Lena Lead" });
    const { rfp, vendors, requirements } = await createPublishedRfp({ lead, vendors: ["Contoso Services"] });
    const panel = await createTestUser({ role: "EVALUATOR" });
    await prisma.rfpMember.create({ data: { rfpId: rfp.id, userId: panel.id, role: "PANEL" } });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const cookie = await portalCookie(token);
    const sectionId = requirements[0]?.sectionId ?? "";
    const result = await callAction(questionsRoute, "/portal/questions", {
      cookie,
      form: { intent: "ask", sectionId, question: "Does the service desk cover the Leipzig site?" },
    });
    expect(result.status).toBe(302);
    const question = await prisma.clarificationQuestion.findFirstOrThrow({ where: { invitationId: invitation.id } });
    expect(question).toMatchObject({ rfpId: rfp.id, sectionId, status: "OPEN", number: null });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "question.asked", entityId: question.id },
    });
    expect(event.actorLabel).toBe("vendor:Contoso Services");
    const emails = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "question_received" } });
    expect(emails.map((email) => email.toEmail)).toEqual([lead.email]);
    expect(emails[0]?.bodyText).toContain("Does the service desk cover the Leipzig site?");
    expect(emails[0]?.bodyText).toContain(`/rfps/${rfp.id}`);

    const page = await callLoader(questionsRoute, "/portal/questions", { cookie });
    expect(page.data).toMatchObject({ open: true, own: [{ id: question.id, status: "OPEN" }], published: [] });
  });

  it("refuses questions after the questions deadline, too short, or about a section of another RFP; nothing is written", async () => {
    const { rfp, vendors } = await createPublishedRfp();
    const other = await createPublishedRfp();
    const cookie = await portalCookie(vendors[0]?.token ?? "");
    const before = await Promise.all([
      prisma.clarificationQuestion.count(),
      prisma.auditEvent.count(),
      prisma.outboxMessage.count(),
    ]);
    const short = await callAction(questionsRoute, "/portal/questions", {
      cookie,
      form: { intent: "ask", question: "Why?" },
    });
    expect(short.status).toBe(400);
    const foreign = await callAction(questionsRoute, "/portal/questions", {
      cookie,
      form: {
        intent: "ask",
        sectionId: other.requirements[0]?.sectionId ?? "",
        question: "A question long enough to ask.",
      },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.data).toMatchObject({ fieldErrors: { sectionId: expect.any(String) } });

    await prisma.rfp.update({ where: { id: rfp.id }, data: { questionsDeadline: new Date(Date.now() - 60_000) } });
    const late = await callAction(questionsRoute, "/portal/questions", {
      cookie,
      form: { intent: "ask", question: "Is the deadline strict?" },
    });
    expect(late.status).toBe(422);
    expect(late.data).toMatchObject({
      fieldErrors: { question: expect.stringMatching(/^Clarification questions closed on .+ was not sent\.$/) },
    });
    expect(
      await Promise.all([
        prisma.clarificationQuestion.count(),
        prisma.auditEvent.count(),
        prisma.outboxMessage.count(),
      ]),
    ).toEqual(before);
    expect((await callLoader(questionsRoute, "/portal/questions", { cookie })).data).toMatchObject({ open: false });
  });

  it("shows every published answer as published, without who asked, and only the vendor's own unpublished questions", async () => {
    const { rfp, lead, vendors } = await createPublishedRfp({ vendors: ["Asker Ltd", "Reader Ltd"] });
    const [asker, reader] = vendors as [(typeof vendors)[number], (typeof vendors)[number]];
    await prisma.clarificationQuestion.create({
      data: {
        rfpId: rfp.id,
        invitationId: asker.invitation.id,
        question: "Asker Ltd would like to know about TUPE transfers for our 40 staff.",
        publishedQuestion: "Does TUPE apply to transferring staff?",
        answer: "Yes; see section 4.",
        answeredById: lead.id,
        answeredAt: new Date(),
        publishedAt: new Date(),
        number: 1,
        status: "PUBLISHED",
      },
    });
    await prisma.clarificationQuestion.create({
      data: {
        rfpId: rfp.id,
        invitationId: asker.invitation.id,
        question: "Asker's unpublished question",
        status: "ANSWERED",
        answer: "Draft answer",
      },
    });
    const page = await callLoader(questionsRoute, "/portal/questions", { cookie: await portalCookie(reader.token) });
    expect(page.data).toMatchObject({
      own: [],
      published: [
        { number: 1, publishedQuestion: "Does TUPE apply to transferring staff?", answer: "Yes; see section 4." },
      ],
    });
    const text = JSON.stringify(page.data);
    for (const secret of ["Asker", asker.invitation.id, "TUPE transfers for our 40", "Draft answer"]) {
      expect(text).not.toContain(secret);
    }
  });
});
