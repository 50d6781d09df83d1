import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { FOLLOW_UP_CATEGORY } from "~/domain/followups";
import * as questionsRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.questions";
import { sessionCookie } from "../fixtures/factories";
import { createInterviewRfp, scheduleTestInterview, submitWrittenSheet } from "../fixtures/interviews-debrief";
import { callAction, callLoader } from "../fixtures/routes";

async function setup() {
  const tender = await createInterviewRfp({ panel: ["Ann Panel", "Ben Panel", "Cleo Panel", "Dev Panel"] });
  const [contoso] = tender.vendors;
  if (!contoso) throw new Error("no vendor");
  const interview = await scheduleTestInterview(tender.rfp.id, contoso.invitationId, {
    attendees: tender.panel.map((member) => member.memberId),
  });
  return {
    ...tender,
    contoso,
    interview,
    leadCookie: await sessionCookie(tender.lead),
    panelCookie: await sessionCookie(tender.panel[0]?.user ?? tender.lead),
    observerCookie: await sessionCookie(tender.observer),
  };
}

const path = (rfpId: string, interviewId: string) => `/rfps/${rfpId}/interviews/${interviewId}/questions`;
const load = (rfpId: string, interviewId: string, cookie: string) =>
  callLoader(questionsRoute, path(rfpId, interviewId), { cookie, params: { rfpId, interviewId } });
const post = (rfpId: string, interviewId: string, cookie: string, form: Record<string, string>) =>
  callAction(questionsRoute, path(rfpId, interviewId), { cookie, params: { rfpId, interviewId }, form });

type Loaded = {
  picks: { id: string; category: string; text: string; source: string }[];
  suggestions: { criterionId: string; criterionName: string; why: string[]; question: string; added: boolean }[];
  bank: { category: string; questions: { id: string | null; text: string; added: boolean }[] }[];
  editable: boolean;
  canManage: boolean;
  publication: { kind: string };
};

/** Ann 1/1, Ben 2/5, Cleo 2/5: Service desk is weak (1.7/5), Security is disputed (1–5). */
async function scoreContoso(tender: Awaited<ReturnType<typeof setup>>) {
  const { serviceDesk, security } = tender.criteria;
  const values: [number, number][] = [
    [1, 1],
    [2, 5],
    [2, 5],
  ];
  for (const [index, member] of tender.panel.slice(0, 3).entries()) {
    const [desk, sec] = values[index] ?? [0, 0];
    await submitWrittenSheet(tender.rfp.id, member.memberId, tender.contoso.invitationId, {
      [serviceDesk.id]: desk,
      [security.id]: sec,
    });
  }
}

async function snapshot(interviewId: string) {
  const [questions, events] = await Promise.all([
    prisma.interviewSlotQuestion.findMany({ where: { interviewId }, orderBy: { position: "asc" } }),
    prisma.auditEvent.count(),
  ]);
  return { questions, events };
}

describe("advance questions: suggestions", () => {
  it("suggests follow-ups on the vendor's weakest and most disputed written criteria, with reasons, to the lead only", async () => {
    const tender = await setup();
    await scoreContoso(tender);
    // Dev's sheet is a draft: sealed, it does not count (its 0 would change the average).
    await prisma.scoreSheet.create({
      data: {
        rfpId: tender.rfp.id,
        memberId: tender.panel[3]?.memberId ?? "",
        invitationId: tender.contoso.invitationId,
        status: "DRAFT",
        scores: { create: [{ criterionId: tender.criteria.serviceDesk.id, value: 0 }] },
      },
    });

    const asLead = await load(tender.rfp.id, tender.interview.id, tender.leadCookie);
    expect(asLead.status).toBe(200);
    const loaded = asLead.data as Loaded;
    expect(loaded.canManage).toBe(true);
    expect(loaded.editable).toBe(true);
    expect(loaded.suggestions.map((suggestion) => [suggestion.criterionName, suggestion.why])).toEqual([
      ["Service desk", ["scored 1.7/5 on average"]],
      ["Security", ["evaluators ranged 1–5; one score stood apart from the rest"]],
    ]);
    // The bank is offered with the standard questions it lacks.
    expect(loaded.bank.map((group) => group.category)).toContain("Transition");
    expect(loaded.bank.flatMap((group) => group.questions).some((question) => question.id === null)).toBe(true);

    // Panel members and observers read the list, but never the suggestions (they quote scores).
    for (const cookie of [tender.panelCookie, tender.observerCookie]) {
      const result = await load(tender.rfp.id, tender.interview.id, cookie);
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({ suggestions: [], canManage: false, editable: false });
      expect(JSON.stringify(result.data)).not.toContain("1.7/5");
    }
  });

  it("adds a suggested follow-up, a bank question and a custom one; reorders and removes; audits each", async () => {
    const tender = await setup();
    await scoreContoso(tender);
    const { rfp, interview, leadCookie, criteria } = tender;
    const bankQuestion = await prisma.interviewQuestion.findFirstOrThrow({
      where: { rfpId: rfp.id, category: "Transition" },
    });

    const followUp = await post(rfp.id, interview.id, leadCookie, {
      intent: "add-follow-up",
      criterionId: criteria.serviceDesk.id,
      text: "How exactly would you staff our service desk in the first 90 days?",
    });
    expect(followUp.status).toBe(302);
    expect(
      (await post(rfp.id, interview.id, leadCookie, { intent: "add-bank", questionId: bankQuestion.id })).status,
    ).toBe(302);
    expect(
      (
        await post(rfp.id, interview.id, leadCookie, {
          intent: "add-custom",
          category: "Branding",
          text: "How would your agents introduce themselves on the phone?",
        })
      ).status,
    ).toBe(302);

    let loaded = (await load(rfp.id, interview.id, leadCookie)).data as Loaded;
    expect(loaded.picks.map((pick) => [pick.source, pick.category])).toEqual([
      ["follow-up", FOLLOW_UP_CATEGORY],
      ["bank", "Transition"],
      ["custom", "Branding"],
    ]);
    expect(loaded.suggestions.find((s) => s.criterionId === criteria.serviceDesk.id)?.added).toBe(true);
    const stored = await prisma.interviewSlotQuestion.findMany({ where: { interviewId: interview.id } });
    expect(stored.find((question) => question.criterionId)?.criterionId).toBe(criteria.serviceDesk.id);
    expect(stored.find((question) => question.questionId)?.questionId).toBe(bankQuestion.id);

    const [first, second, third] = loaded.picks;
    if (!first || !second || !third) throw new Error("picks missing");
    expect(
      (
        await post(rfp.id, interview.id, leadCookie, {
          intent: "move-question",
          slotQuestionId: third.id,
          direction: "up",
        })
      ).status,
    ).toBe(302);
    expect(
      (await post(rfp.id, interview.id, leadCookie, { intent: "remove-question", slotQuestionId: first.id })).status,
    ).toBe(302);
    loaded = (await load(rfp.id, interview.id, leadCookie)).data as Loaded;
    expect(loaded.picks.map((pick) => pick.id)).toEqual([third.id, second.id]);
    expect(
      (
        await prisma.interviewSlotQuestion.findMany({
          where: { interviewId: interview.id },
          orderBy: { position: "asc" },
        })
      ).map((question) => question.position),
    ).toEqual([0, 1]);
    const actions = await prisma.auditEvent.findMany({
      where: { rfpId: rfp.id, entityId: interview.id },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "interview.question_added",
      "interview.question_added",
      "interview.question_added",
      "interview.questions_reordered",
      "interview.question_removed",
    ]);
    expect(actions.every((event) => event.actorLabel === tender.lead.email)).toBe(true);
  });
});

describe("advance questions: bad input and rules", () => {
  it("refuses bad forms with 400/422 and writes nothing", async () => {
    const tender = await setup();
    const { rfp, interview, leadCookie, criteria } = tender;
    await post(rfp.id, interview.id, leadCookie, { intent: "add-custom", category: "Branding", text: "Your logo?" });
    const otherRfp = await createInterviewRfp();
    const foreignQuestion = await prisma.interviewQuestion.findFirstOrThrow({ where: { rfpId: otherRfp.rfp.id } });
    const before = await snapshot(interview.id);
    const cases: [Record<string, string>, number, string][] = [
      [{}, 400, "intent"],
      [{ intent: "drop-table" }, 400, "intent"],
      [{ intent: "add-custom", category: "", text: "" }, 400, "category"],
      [{ intent: "add-custom", category: "Branding", text: "x".repeat(1001) }, 400, "text"],
      [{ intent: "add-custom", category: "Branding", text: "Your logo?" }, 422, "text"],
      [{ intent: "add-bank", questionId: foreignQuestion.id }, 422, "form"],
      [{ intent: "add-follow-up", criterionId: criteria.team.id, text: "Oral, not written." }, 422, "form"],
      [{ intent: "add-follow-up", criterionId: otherRfp.criteria.serviceDesk.id, text: "Not ours." }, 422, "form"],
      [{ intent: "remove-question", slotQuestionId: "nope" }, 422, "form"],
      [{ intent: "move-question", slotQuestionId: before.questions[0]?.id ?? "", direction: "up" }, 422, "form"],
      [{ intent: "move-question", slotQuestionId: "x", direction: "sideways" }, 400, "direction"],
      [{ intent: "publish-days", publishDaysBefore: "0" }, 400, "publishDaysBefore"],
      [{ intent: "publish-days", publishDaysBefore: "31" }, 400, "publishDaysBefore"],
      [{ intent: "publish-days", publishDaysBefore: "two" }, 400, "publishDaysBefore"],
    ];
    for (const [form, status, field] of cases) {
      const result = await post(rfp.id, interview.id, leadCookie, form);
      expect([JSON.stringify(form), result.status]).toEqual([JSON.stringify(form), status]);
      expect(Object.keys((result.data as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    expect(await snapshot(interview.id)).toEqual(before);
  });

  it("answers 404 for an interview of another RFP, and only the lead may change anything", async () => {
    const tender = await setup();
    const other = await setup();
    expect((await load(tender.rfp.id, other.interview.id, tender.leadCookie)).status).toBe(404);
    const form = { intent: "add-custom", category: "Branding", text: "Smuggled?" };
    expect((await post(tender.rfp.id, other.interview.id, tender.leadCookie, form)).status).toBe(422);
    expect((await post(tender.rfp.id, tender.interview.id, tender.panelCookie, form)).status).toBe(403);
    expect((await post(tender.rfp.id, tender.interview.id, tender.observerCookie, form)).status).toBe(403);
    expect(
      await prisma.interviewSlotQuestion.count({
        where: { interviewId: { in: [tender.interview.id, other.interview.id] } },
      }),
    ).toBe(0);
  });

  it("locks the questions once published, once started, and outside the interview stage", async () => {
    const tender = await setup();
    const { rfp, interview, leadCookie } = tender;
    const form = { intent: "add-custom", category: "Branding", text: "Your logo?" };
    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "SHORTLIST" } });
    expect((await post(rfp.id, interview.id, leadCookie, form)).status).toBe(422);
    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "INTERVIEWS" } });

    expect((await post(rfp.id, interview.id, leadCookie, form)).status).toBe(302);
    expect((await post(rfp.id, interview.id, leadCookie, { intent: "publish-now" })).status).toBe(302);
    const refused = await post(rfp.id, interview.id, leadCookie, { ...form, text: "Another?" });
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({
      fieldErrors: { form: "The questions are published to the vendor and can no longer change." },
    });
    expect((await load(rfp.id, interview.id, leadCookie)).data).toMatchObject({ editable: false });

    const started = await scheduleTestInterview(rfp.id, tender.vendors[1]?.invitationId ?? "", {
      startsAt: new Date(Date.now() - 60_000),
    });
    expect((await post(rfp.id, started.id, leadCookie, form)).status).toBe(422);
    expect(await prisma.interviewSlotQuestion.count({ where: { interviewId: started.id } })).toBe(0);
  });
});
