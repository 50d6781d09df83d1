import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as questionsRoute from "~/routes/rfps.$rfpId.questions";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";
import { askQuestion, createPublishedRfp } from "../fixtures/tender";

async function setup() {
  const lead = await createTestUser({ role: "LEAD" });
  const panel = await createTestUser({ role: "EVALUATOR" });
  const observer = await createTestUser({ role: "EXECUTIVE" });
  const { rfp, invitations } = await createPublishedRfp(lead, {
    vendors: ["Contoso Services Ltd", "Fabrikam Inc"],
    members: [
      { user: panel, role: "PANEL" },
      { user: observer, role: "OBSERVER" },
    ],
  });
  const [contoso, fabrikam] = invitations;
  if (!contoso || !fabrikam) throw new Error("setup");
  const question = await askQuestion(
    rfp.id,
    contoso.id,
    "Contoso Services already runs the Leeds desk: may we keep our ticketing tool?",
  );
  return {
    lead,
    panel,
    observer,
    rfp,
    contoso,
    fabrikam,
    question,
    path: `/rfps/${rfp.id}/questions`,
    params: { rfpId: rfp.id },
    cookie: await sessionCookie(lead),
  };
}

type Inbox = Awaited<ReturnType<typeof questionsRoute.loader>>;
const ANONYMOUS = "A bidder already runs a site desk: may it keep its own ticketing tool?";
const ANSWER = "Yes, if it integrates with our ServiceNow instance (see section 4).";

async function changes(rfpId: string) {
  const [published, messages, events] = await Promise.all([
    prisma.clarificationQuestion.count({ where: { rfpId, status: "PUBLISHED" } }),
    prisma.outboxMessage.count({ where: { rfpId, kind: "clarification" } }),
    prisma.auditEvent.count({ where: { rfpId } }),
  ]);
  return { published, messages, events };
}

describe("the clarification inbox", () => {
  it("shows the lead who asked, with the questions deadline and counts", async () => {
    const { rfp, question, path, params, cookie, fabrikam } = await setup();
    await askQuestion(rfp.id, fabrikam.id, "Is weekend cover in scope?");
    const result = await callLoader(questionsRoute, `${path}?q=${question.id}`, { cookie, params });
    expect(result.status).toBe(200);
    const inbox = result.data as Inbox;
    expect(inbox.rfp.questionsDeadline).toEqual(rfp.questionsDeadline);
    expect(inbox.counts).toEqual({ OPEN: 2, ANSWERED: 0, PUBLISHED: 0, WITHDRAWN: 0 });
    expect(inbox.selectedId).toBe(question.id);
    expect(inbox.questions.map((entry) => entry.askedBy).sort()).toEqual(["Contoso Services Ltd", "Fabrikam Inc"]);
  });

  it("hides who asked from observers and is closed to panel members and other leads", async () => {
    const { observer, panel, path, params } = await setup();
    const seen = await callLoader(questionsRoute, path, { cookie: await sessionCookie(observer), params });
    expect(seen.status).toBe(200);
    const inbox = seen.data as Inbox;
    expect(inbox.canAnswer).toBe(false);
    expect(inbox.questions.every((entry) => entry.askedBy === null)).toBe(true);
    expect(JSON.stringify(seen.data)).not.toContain("Fabrikam");
    const otherLead = await createTestUser({ role: "LEAD" });
    for (const user of [panel, otherLead]) {
      expect((await callLoader(questionsRoute, path, { cookie: await sessionCookie(user), params })).status).toBe(403);
    }
  });
});

describe("answering and publishing", () => {
  it("saves an answer privately first: nobody is told", async () => {
    const { rfp, question, path, params, cookie, lead } = await setup();
    const before = await changes(rfp.id);
    const result = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: { intent: "answer", questionId: question.id, publishedQuestion: ANONYMOUS, answer: ANSWER },
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`${path}?q=${question.id}`);
    expect(await prisma.clarificationQuestion.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({
      status: "ANSWERED",
      number: null,
      answer: ANSWER,
      publishedQuestion: ANONYMOUS,
      answeredById: lead.id,
    });
    expect(await changes(rfp.id)).toEqual({ ...before, events: before.events + 1 });
  });

  it("publishes anonymized and numbered Q-01, Q-02 to every vendor", async () => {
    const { rfp, question, path, params, cookie, fabrikam } = await setup();
    const second = await askQuestion(rfp.id, fabrikam.id, "Is weekend cover in scope?");
    for (const [id, text] of [
      [question.id, ANONYMOUS],
      [second.id, "Is weekend cover in scope?"],
    ] as const) {
      const result = await callAction(questionsRoute, path, {
        cookie,
        params,
        form: { intent: "publish", questionId: id, publishedQuestion: text, answer: ANSWER },
      });
      expect(result.status).toBe(302);
    }
    const published = await prisma.clarificationQuestion.findMany({
      where: { rfpId: rfp.id },
      orderBy: { number: "asc" },
    });
    expect(published.map((entry) => [entry.number, entry.status, entry.publishedQuestion])).toEqual([
      [1, "PUBLISHED", ANONYMOUS],
      [2, "PUBLISHED", "Is weekend cover in scope?"],
    ]);
    // The vendor's own words stay on record; only the anonymized text goes out.
    expect(published[0]?.question).toContain("Contoso");

    const emails = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "clarification" } });
    expect(emails).toHaveLength(4);
    const first = emails.filter((email) => email.subject.startsWith("Clarification Q-01"));
    expect(first).toHaveLength(2);
    for (const email of first) {
      expect(email.bodyText).toContain(`Q-01: ${ANONYMOUS}`);
      expect(email.bodyText).toContain(`Answer: ${ANSWER}`);
      expect(email.bodyText).not.toContain("Contoso");
    }
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { rfpId: rfp.id, action: "question.published" } });
    expect(event.after).toEqual({ number: "Q-01", publishedQuestion: ANONYMOUS, answer: ANSWER });

    const inbox = (await callLoader(questionsRoute, path, { cookie, params })).data as Inbox;
    expect(inbox.counts).toMatchObject({ OPEN: 0, PUBLISHED: 2 });
    expect(inbox.questions.map((entry) => entry.label)).toEqual(["Q-01", "Q-02"]);
  });

  it("refuses to publish text that still names the asker, unless the lead confirms the mention is about something else", async () => {
    const { rfp, question, path, params, cookie } = await setup();
    const before = await changes(rfp.id);
    const named = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: {
        intent: "publish",
        questionId: question.id,
        publishedQuestion: "Contoso Services already runs the Leeds desk: may we keep our tool?",
        answer: ANSWER,
      },
    });
    expect(named.status).toBe(422);
    expect(named.data).toMatchObject({
      fieldErrors: {
        publishedQuestion: expect.stringContaining("still identifies the vendor who asked (Contoso Services Ltd)"),
      },
    });
    const inAnswer = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: {
        intent: "publish",
        questionId: question.id,
        publishedQuestion: ANONYMOUS,
        answer: "Yes; write to bids@contososervicesltd.example for details.",
      },
    });
    expect(inAnswer.status).toBe(422);
    expect(inAnswer.data).toMatchObject({ fieldErrors: { answer: expect.stringContaining("identifies the vendor") } });
    expect(await changes(rfp.id)).toEqual(before);
    expect((await prisma.clarificationQuestion.findUniqueOrThrow({ where: { id: question.id } })).status).toBe("OPEN");

    const confirmed = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: {
        intent: "publish",
        questionId: question.id,
        publishedQuestion: "Is the Contoso Services ticketing product acceptable?",
        answer: ANSWER,
        allowMention: "on",
      },
    });
    expect(confirmed.status).toBe(302);
  });

  it("cannot change a published answer, and answers nothing before publishing or after the opening", async () => {
    const { rfp, question, path, params, cookie, lead } = await setup();
    const form = { intent: "publish", questionId: question.id, publishedQuestion: ANONYMOUS, answer: ANSWER };
    expect((await callAction(questionsRoute, path, { cookie, params, form })).status).toBe(302);
    const again = await callAction(questionsRoute, path, { cookie, params, form: { ...form, answer: "Changed." } });
    expect(again.status).toBe(422);
    expect(again.data).toMatchObject({ fieldErrors: { form: expect.stringContaining("Q-01 is already published") } });

    const draft = await createTestRfp(lead);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { rfpId: draft.id } });
    const early = await askQuestion(draft.id, invitation.id, "Can we ask already?");
    const refused = await callAction(questionsRoute, `/rfps/${draft.id}/questions`, {
      cookie,
      params: { rfpId: draft.id },
      form: { ...form, questionId: early.id },
    });
    expect(refused.status).toBe(422);

    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "EVALUATION" } });
    const late = await askQuestion(
      rfp.id,
      (await prisma.invitation.findFirstOrThrow({ where: { rfpId: rfp.id } })).id,
      "Late?",
    );
    const afterOpening = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: { ...form, questionId: late.id },
    });
    expect(afterOpening.status).toBe(422);
    expect(
      await prisma.clarificationQuestion.count({ where: { status: "PUBLISHED", rfpId: { in: [rfp.id, draft.id] } } }),
    ).toBe(1);
  });

  it("answers bad input with field errors and changes nothing", async () => {
    const { rfp, question, path, params, cookie, observer } = await setup();
    const before = await changes(rfp.id);
    const empty = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: { intent: "publish", questionId: question.id, publishedQuestion: " ", answer: "" },
    });
    expect(empty.status).toBe(400);
    expect(Object.keys((empty.data as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "answer",
      "publishedQuestion",
    ]);
    const unknownIntent = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: { intent: "delete", questionId: question.id },
    });
    expect(unknownIntent.status).toBe(400);
    const foreign = await setup();
    const otherRfpQuestion = await callAction(questionsRoute, path, {
      cookie,
      params,
      form: { intent: "answer", questionId: foreign.question.id, publishedQuestion: ANONYMOUS, answer: ANSWER },
    });
    expect(otherRfpQuestion.status).toBe(422);
    const asObserver = await callAction(questionsRoute, path, {
      cookie: await sessionCookie(observer),
      params,
      form: { intent: "answer", questionId: question.id, publishedQuestion: ANONYMOUS, answer: ANSWER },
    });
    expect(asObserver.status).toBe(403);
    expect(await changes(rfp.id)).toEqual(before);
    expect(
      (await prisma.clarificationQuestion.findUniqueOrThrow({ where: { id: foreign.question.id } })).answer,
    ).toBeNull();
  });
});
