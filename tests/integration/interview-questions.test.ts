import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { STANDARD_INTERVIEW_QUESTIONS } from "~/domain/templates";
import * as questionsRoute from "~/routes/rfps.$rfpId.interview-questions";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

async function setup() {
  const lead = await createTestUser();
  const panel = await createTestUser({ role: "EVALUATOR" });
  const rfp = await createTestRfp(lead, { members: [{ user: panel, role: "PANEL" }] });
  return { lead, panel, rfp, cookie: await sessionCookie(lead), panelCookie: await sessionCookie(panel) };
}

const path = (rfpId: string) => `/rfps/${rfpId}/interview-questions`;
const post = (rfpId: string, cookie: string, form: Record<string, string>) =>
  callAction(questionsRoute, path(rfpId), { cookie, params: { rfpId }, form });
const load = (rfpId: string, cookie: string, query = "") =>
  callLoader(questionsRoute, `${path(rfpId)}${query}`, { cookie, params: { rfpId } });

async function bank(rfpId: string) {
  const [questions, events] = await Promise.all([
    prisma.interviewQuestion.findMany({ where: { rfpId }, orderBy: { position: "asc" } }),
    prisma.auditEvent.count({ where: { rfpId } }),
  ]);
  return { questions, events };
}

describe("interview question bank", () => {
  it("adds the standard questions once, then custom ones; shows them grouped by category", async () => {
    const { rfp, cookie, panelCookie } = await setup();
    const empty = await load(rfp.id, cookie);
    expect(empty.data).toMatchObject({ total: 0, missingStandard: STANDARD_INTERVIEW_QUESTIONS.length, canEdit: true });

    expect((await post(rfp.id, cookie, { intent: "add-standard" })).status).toBe(302);
    expect((await post(rfp.id, cookie, { intent: "add-standard" })).status).toBe(302);
    expect(await prisma.interviewQuestion.count({ where: { rfpId: rfp.id, standard: true } })).toBe(
      STANDARD_INTERVIEW_QUESTIONS.length,
    );
    const added = await post(rfp.id, cookie, {
      intent: "add-question",
      category: "Transition",
      text: "Who leads the transition, and are they staying after go-live?",
    });
    expect(added.status).toBe(302);
    const asPanel = await load(rfp.id, panelCookie);
    const loaded = asPanel.data as {
      groups: { category: string; questions: { standard: boolean }[] }[];
      canEdit: boolean;
    };
    expect(loaded.canEdit).toBe(false);
    expect(loaded.groups.map((group) => group.category)).toEqual([
      "Similar industry engagements",
      "System integration",
      "Communication channels",
      "Quality control",
      "Branding",
      "Transition",
    ]);
    expect(
      await prisma.auditEvent.findMany({
        where: { rfpId: rfp.id, action: { startsWith: "interview_question" } },
        select: { action: true },
      }),
    ).toEqual([{ action: "interview_question.standard_added" }, { action: "interview_question.added" }]);
  });

  it("edits and removes custom questions; standard ones keep their wording", async () => {
    const { rfp, cookie } = await setup();
    await post(rfp.id, cookie, { intent: "add-standard" });
    await post(rfp.id, cookie, { intent: "add-question", category: "Price", text: "How do prices change in year 3?" });
    const custom = await prisma.interviewQuestion.findFirstOrThrow({ where: { rfpId: rfp.id, standard: false } });
    const standard = await prisma.interviewQuestion.findFirstOrThrow({ where: { rfpId: rfp.id, standard: true } });
    const editing = await load(rfp.id, cookie, `?edit=${custom.id}`);
    expect(editing.data).toMatchObject({ editing: { id: custom.id } });
    // Standard questions cannot be opened for editing.
    expect((await load(rfp.id, cookie, `?edit=${standard.id}`)).data).toMatchObject({ editing: null });

    const saved = await post(rfp.id, cookie, {
      intent: "update-question",
      questionId: custom.id,
      category: "Commercial",
      text: "How do prices change after year 2?",
    });
    expect(saved.status).toBe(302);
    expect(await prisma.interviewQuestion.findUniqueOrThrow({ where: { id: custom.id } })).toMatchObject({
      category: "Commercial",
      text: "How do prices change after year 2?",
    });
    const before = await bank(rfp.id);
    const refused = await post(rfp.id, cookie, {
      intent: "update-question",
      questionId: standard.id,
      category: "Branding",
      text: "Something else",
    });
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: expect.stringContaining("Standard questions keep") } });
    expect(await bank(rfp.id)).toEqual(before);

    expect((await post(rfp.id, cookie, { intent: "delete-question", questionId: standard.id })).status).toBe(302);
    expect((await post(rfp.id, cookie, { intent: "delete-question", questionId: custom.id })).status).toBe(302);
    expect(await prisma.interviewQuestion.count({ where: { id: { in: [custom.id, standard.id] } } })).toBe(0);
    expect((await load(rfp.id, cookie)).data).toMatchObject({ missingStandard: 1 });
  });

  it("refuses empty questions, questions of another RFP, and changes once interviews begin; nothing written", async () => {
    const { lead, rfp, cookie } = await setup();
    const other = await createTestRfp(lead);
    const foreign = await prisma.interviewQuestion.create({
      data: { rfpId: other.id, position: 0, category: "Other", text: "Not yours" },
    });
    const before = await bank(rfp.id);
    const empty = await post(rfp.id, cookie, { intent: "add-question", category: "", text: " " });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({
      fieldErrors: { category: "Category is required.", text: "Question is required." },
    });
    const stolen = await post(rfp.id, cookie, { intent: "delete-question", questionId: foreign.id });
    expect(stolen.status).toBe(422);
    expect(await prisma.interviewQuestion.count({ where: { id: foreign.id } })).toBe(1);
    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "INTERVIEWS" } });
    const late = await post(rfp.id, cookie, { intent: "add-question", category: "Late", text: "Too late?" });
    expect(late.status).toBe(422);
    expect((await load(rfp.id, cookie)).data).toMatchObject({ canEdit: false, locked: true });
    expect(await bank(rfp.id)).toEqual(before);
  });

  it("is changed by the RFP's leads only", async () => {
    const { rfp, panelCookie } = await setup();
    const otherLead = await sessionCookie(await createTestUser());
    const before = await bank(rfp.id);
    for (const cookie of [panelCookie, otherLead]) {
      expect((await post(rfp.id, cookie, { intent: "add-standard" })).status).toBe(403);
    }
    expect((await load(rfp.id, otherLead)).status).toBe(403);
    expect(await bank(rfp.id)).toEqual(before);
  });
});
