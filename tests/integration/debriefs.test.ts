import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as debriefRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.debrief";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import {
  completeDebriefForm,
  createInterviewRfp,
  endInterview,
  scheduleTestInterview,
} from "../fixtures/interviews-debrief";
import { callAction, callLoader } from "../fixtures/routes";

const HOUR = 3_600_000;

/** Ann and Ben attend Contoso's interview; Cleo (panel) does not. Fabrikam was interviewed the day before. */
async function setup(options: { ended?: boolean } = {}) {
  const tender = await createInterviewRfp();
  const [ann, ben, cleo] = tender.panel;
  const [contoso, fabrikam] = tender.vendors;
  if (!ann || !ben || !cleo || !contoso || !fabrikam) throw new Error("fixture incomplete");
  const earlier = await scheduleTestInterview(tender.rfp.id, fabrikam.invitationId, {
    startsAt: new Date(Date.now() - 26 * HOUR),
    attendees: [ann.memberId, ben.memberId],
  });
  const interview = await scheduleTestInterview(tender.rfp.id, contoso.invitationId, {
    startsAt: new Date(Date.now() + 2 * HOUR),
    attendees: [ann.memberId, ben.memberId],
  });
  if (options.ended ?? true) await endInterview(interview.id);
  const cookies = {
    lead: await sessionCookie(tender.lead),
    ann: await sessionCookie(ann.user),
    ben: await sessionCookie(ben.user),
    cleo: await sessionCookie(cleo.user),
    observer: await sessionCookie(tender.observer),
  };
  return { ...tender, ann, ben, cleo, contoso, interview, earlier, cookies };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const path = (rfpId: string, interviewId: string) => `/rfps/${rfpId}/interviews/${interviewId}/debrief`;
function load(t: Setup, cookie: string, interviewId = t.interview.id) {
  return callLoader(debriefRoute, path(t.rfp.id, interviewId), { cookie, params: { rfpId: t.rfp.id, interviewId } });
}
function post(t: Setup, cookie: string, form: Record<string, string>, interviewId = t.interview.id) {
  return callAction(debriefRoute, path(t.rfp.id, interviewId), {
    cookie,
    params: { rfpId: t.rfp.id, interviewId },
    form,
  });
}

type Page = {
  phase: string;
  revealed: boolean;
  placeBound: number;
  statuses: { name: string; status: string }[];
  own: { status: string; version: number; strengths: string } | null;
  views: { memberName: string; strengths: string }[] | null;
  ownerNotes: string | null;
  attendee: { memberId: string } | null;
  criteria: { id: string; name: string; descriptors: string[] }[];
};

async function debriefRows(interviewId: string) {
  return prisma.debrief.findMany({
    where: { interviewId },
    orderBy: { memberId: "asc" },
    include: { oralScores: { orderBy: { criterionId: "asc" } } },
  });
}

describe("debrief timing and who takes part", () => {
  it("before the end the page says when it opens, and every member action is refused", async () => {
    const t = await setup({ ended: false });
    const page = (await load(t, t.cookies.ann)).data as Page;
    expect(page.phase).toBe("BEFORE_START");
    const refused = await post(t, t.cookies.ann, completeDebriefForm(t.criteria, { intent: "save" }));
    expect(refused.status).toBe(422);
    expect((refused.data as { fieldErrors: { form: string } }).fieldErrors.form).toMatch(
      /^The debrief opens when the interview ends at \d\d:\d\d (CET|CEST) \(\d{1,2} \w{3} \d{4}\)\.$/,
    );
    // Started but not ended: still refused (the owner's notes may be taken, see below).
    await prisma.interview.update({ where: { id: t.interview.id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    expect(((await load(t, t.cookies.ann)).data as Page).phase).toBe("IN_PROGRESS");
    expect((await post(t, t.cookies.ann, completeDebriefForm(t.criteria))).status).toBe(422);
    expect(await debriefRows(t.interview.id)).toEqual([]);
  });

  it("only attending panel members give a view; the lead and observers cannot, non-attendees get 403", async () => {
    const t = await setup();
    const form = completeDebriefForm(t.criteria, { intent: "save" });
    expect((await post(t, t.cookies.cleo, form)).status).toBe(403);
    expect((await post(t, t.cookies.lead, form)).status).toBe(403);
    expect((await post(t, t.cookies.observer, form)).status).toBe(403);
    const outsider = await sessionCookie(await createTestUser({ role: "EVALUATOR" }));
    expect((await post(t, outsider, form)).status).toBe(403);
    expect((await load(t, outsider)).status).toBe(403);
    expect(await debriefRows(t.interview.id)).toEqual([]);
    // Cleo may read the page (statuses) but has no form.
    const cleoPage = (await load(t, t.cookies.cleo)).data as Page;
    expect(cleoPage.attendee).toBeNull();
    expect(cleoPage.statuses.map((entry) => entry.name)).toEqual(["Ann Panel", "Ben Panel"]);
    // An interview of another RFP is not found.
    const other = await setup();
    expect((await load(t, t.cookies.ann, other.interview.id)).status).toBe(404);
    expect((await post(t, t.cookies.ann, form, other.interview.id)).status).toBe(404);
  });

  it("bounds the place by the vendors interviewed so far and checks scores against the oral criteria", async () => {
    const t = await setup();
    const page = (await load(t, t.cookies.ann)).data as Page;
    expect(page.placeBound).toBe(2);
    expect(page.criteria.map((criterion) => criterion.name)).toEqual(["Team", "Demonstration"]);
    expect(page.criteria[0]?.descriptors).toHaveLength(6);
    const cases: [Record<string, string>, number, string][] = [
      [{ ...completeDebriefForm(t.criteria, { intent: "save" }), placeSoFar: "3" }, 422, "placeSoFar"],
      [{ ...completeDebriefForm(t.criteria, { intent: "save" }), confidence: "9" }, 400, "confidence"],
      [
        { ...completeDebriefForm(t.criteria, { intent: "save" }), "oralScores.0.value": "6" },
        422,
        "oralScores.0.value",
      ],
      [
        { ...completeDebriefForm(t.criteria, { intent: "save" }), "oralScores.0.value": "x" },
        400,
        "oralScores.0.value",
      ],
      [
        {
          ...completeDebriefForm(t.criteria, { intent: "save" }),
          "oralScores.0.criterionId": t.criteria.serviceDesk.id,
        },
        422,
        "form",
      ],
      [{ ...completeDebriefForm(t.criteria, { intent: "save" }), version: "banana" }, 400, "version"],
      [{ ...completeDebriefForm(t.criteria), intent: "delete" }, 400, "intent"],
      [{}, 400, "intent"],
    ];
    for (const [form, status, field] of cases) {
      const result = await post(t, t.cookies.ann, form);
      expect([field, result.status]).toEqual([field, status]);
      expect(Object.keys((result.data as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    expect(await debriefRows(t.interview.id)).toEqual([]);
  });
});

describe("drafts and submission", () => {
  it("autosaves with versions, refuses a stale save (409) without overwriting, and saves without JavaScript", async () => {
    const t = await setup();
    const first = await post(t, t.cookies.ann, completeDebriefForm(t.criteria, { intent: "autosave", version: 0 }));
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ saved: true, version: 1 });
    const second = await post(
      t,
      t.cookies.ann,
      completeDebriefForm(t.criteria, { intent: "autosave", version: 1, strengths: "Second thoughts." }),
    );
    expect(second.data).toMatchObject({ saved: true, version: 2 });
    const stale = await post(
      t,
      t.cookies.ann,
      completeDebriefForm(t.criteria, { intent: "autosave", version: 1, strengths: "From an old tab." }),
    );
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ conflict: { version: 2 } });
    const [row] = await debriefRows(t.interview.id);
    expect(row).toMatchObject({
      status: "DRAFT",
      version: 2,
      strengths: "Second thoughts.",
      confidence: 4,
      placeSoFar: 1,
    });
    expect(row?.oralScores.map((score) => score.value).sort()).toEqual([3, 4]);

    const saved = await post(t, t.cookies.ann, completeDebriefForm(t.criteria, { intent: "save", version: 2 }));
    expect(saved.status).toBe(302);
    expect(((await load(t, t.cookies.ann)).data as Page).own).toMatchObject({ status: "DRAFT", version: 3 });
    // Autosaves are audited sparingly (one in ten minutes), explicit saves always; never the contents.
    const events = await prisma.auditEvent.findMany({
      where: { rfpId: t.rfp.id, action: { startsWith: "debrief." } },
      select: { action: true, after: true },
    });
    expect(events.map((event) => event.action)).toEqual(["debrief.draft_saved", "debrief.draft_saved"]);
    expect(JSON.stringify(events)).not.toContain("thoughts");
  });

  it("an incomplete submission is saved as a draft and lists what is missing; a complete one seals", async () => {
    const t = await setup();
    const incomplete = await post(t, t.cookies.ann, {
      ...completeDebriefForm(t.criteria, { intent: "submit", team: 5 }),
      confidence: "",
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.data).toMatchObject({
      fieldErrors: {
        confidence: "Say how confident you are in your view.",
        "oralScores.0.comment": "A score of 5 on Team needs a comment saying why.",
      },
      values: { version: "1" },
    });
    expect(await debriefRows(t.interview.id)).toMatchObject([{ status: "DRAFT", version: 1, confidence: null }]);

    const form = completeDebriefForm(t.criteria, { intent: "submit", version: 1, team: 5 });
    form["oralScores.0.comment"] = "Named the account team and brought them.";
    const submitted = await post(t, t.cookies.ann, form);
    expect(submitted.status).toBe(302);
    const [row] = await debriefRows(t.interview.id);
    expect(row).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(row?.submittedAt).not.toBeNull();
    // Sealed: no change after submission.
    const after = await post(t, t.cookies.ann, completeDebriefForm(t.criteria, { intent: "save", version: 2 }));
    expect(after.status).toBe(422);
    expect((await debriefRows(t.interview.id))[0]?.version).toBe(2);
  });
});

describe("sealed debriefs", () => {
  it("nobody reads a member's view until every attending member has submitted; then everyone with access does", async () => {
    const t = await setup();
    const SECRET = "Ann's sealed strengths";
    const annForm = completeDebriefForm(t.criteria, { strengths: SECRET, team: 2, demo: 2, place: 2 });
    expect((await post(t, t.cookies.ann, annForm)).status).toBe(302);
    await post(t, t.cookies.ben, completeDebriefForm(t.criteria, { intent: "save", strengths: "Ben's own draft" }));
    await post(t, t.cookies.lead, {
      intent: "owner-notes",
      ownerNotes: "LEAD NOTES: press Ben on pricing.",
      version: "1",
    });

    for (const [who, cookie] of Object.entries({
      ben: t.cookies.ben,
      lead: t.cookies.lead,
      observer: t.cookies.observer,
      cleo: t.cookies.cleo,
    })) {
      const result = await load(t, cookie);
      expect([who, result.status]).toEqual([who, 200]);
      const page = result.data as Page;
      const json = JSON.stringify(result.data);
      expect([who, json.includes(SECRET)]).toEqual([who, false]);
      expect([who, page.revealed, page.views]).toEqual([who, false, null]);
      // Statuses are visible to all: they reveal who is done, not what anyone thinks.
      expect(page.statuses.map((entry) => [entry.name, entry.status])).toEqual([
        ["Ann Panel", "SUBMITTED"],
        ["Ben Panel", "DRAFT"],
      ]);
      // The owner's notes are the lead's until the reveal.
      expect([who, json.includes("LEAD NOTES")]).toEqual([who, who === "lead"]);
    }
    // Ann reads her own view, not Ben's draft.
    const annPage = JSON.stringify((await load(t, t.cookies.ann)).data);
    expect(annPage).toContain(SECRET);
    expect(annPage).not.toContain("Ben's own draft");

    expect(
      (await post(t, t.cookies.ben, completeDebriefForm(t.criteria, { version: 1, team: 4, demo: 4, place: 1 })))
        .status,
    ).toBe(302);
    for (const cookie of [t.cookies.ann, t.cookies.ben, t.cookies.lead, t.cookies.observer, t.cookies.cleo]) {
      const page = (await load(t, cookie)).data as Page & {
        summary: { oral: { mean: number | null }[]; places: { mean: number } };
      };
      expect(page.revealed).toBe(true);
      expect(page.views?.map((view) => [view.memberName, view.strengths])).toEqual([
        ["Ann Panel", SECRET],
        ["Ben Panel", "A transition lead who has done this three times."],
      ]);
      expect(page.summary.oral.map((entry) => entry.mean)).toEqual([3, 3]);
      expect(page.summary.places.mean).toBe(1.5);
      expect(page.ownerNotes).toBe("LEAD NOTES: press Ben on pricing.");
    }
    expect(
      await prisma.auditEvent.count({ where: { action: "interview.debriefs_revealed", entityId: t.interview.id } }),
    ).toBe(1);
  });

  it("a subject-matter expert who attended part of the interview may leave unseen criteria unscored", async () => {
    const tender = await createInterviewRfp();
    const [ann, ben] = tender.panel;
    const [contoso] = tender.vendors;
    if (!ann || !ben || !contoso) throw new Error("fixture incomplete");
    const interview = await scheduleTestInterview(tender.rfp.id, contoso.invitationId, {
      startsAt: new Date(Date.now() - 3 * HOUR),
      attendees: [ann.memberId],
      partial: [ben.memberId],
    });
    const t = { rfp: tender.rfp } as Setup;
    const form = completeDebriefForm(tender.criteria);
    form["oralScores.1.value"] = "";
    expect((await post(t, await sessionCookie(ben.user), form, interview.id)).status).toBe(302);
    expect((await post(t, await sessionCookie(ann.user), form, interview.id)).status).toBe(422);
  });
});

describe("the lead: owner's notes and reminders", () => {
  it("takes notes from the start of the interview, with a version check", async () => {
    const t = await setup({ ended: false });
    const notes = (version: string, text = "Strong on transition.") => ({
      intent: "owner-notes",
      ownerNotes: text,
      version,
    });
    expect((await post(t, t.cookies.lead, notes("1"))).status).toBe(422);
    await prisma.interview.update({ where: { id: t.interview.id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    expect((await post(t, t.cookies.lead, notes("1"))).status).toBe(302);
    const stale = await post(t, t.cookies.lead, notes("1", "Overwrite?"));
    expect(stale.status).toBe(409);
    expect(await prisma.interview.findUniqueOrThrow({ where: { id: t.interview.id } })).toMatchObject({
      ownerNotes: "Strong on transition.",
      version: 2,
    });
    expect((await post(t, t.cookies.ann, notes("2", "Panel edits the notes?"))).status).toBe(403);
    expect(
      (await post(t, t.cookies.lead, { intent: "owner-notes", ownerNotes: "x".repeat(20_001), version: "2" })).status,
    ).toBe(400);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "interview.owner_notes_saved" } });
    expect(JSON.stringify(event.after)).not.toContain("transition");
  });

  it("reminds those who have not submitted by email (outbox), one or all; never those who have", async () => {
    const t = await setup();
    await post(t, t.cookies.ann, completeDebriefForm(t.criteria));
    const remindAll = await post(t, t.cookies.lead, { intent: "remind" });
    expect(remindAll.status).toBe(302);
    const messages = await prisma.outboxMessage.findMany({ where: { rfpId: t.rfp.id, kind: "debrief_reminder" } });
    expect(messages.map((message) => message.toEmail)).toEqual([t.ben.user.email]);
    expect(messages[0]?.bodyText).toContain(`/rfps/${t.rfp.id}/interviews/${t.interview.id}/debrief`);
    expect(messages[0]?.subject).toContain("Contoso Services");

    expect((await post(t, t.cookies.lead, { intent: "remind", memberId: t.ben.memberId })).status).toBe(302);
    expect((await post(t, t.cookies.lead, { intent: "remind", memberId: t.ann.memberId })).status).toBe(422);
    expect((await post(t, t.cookies.lead, { intent: "remind", memberId: t.cleo.memberId })).status).toBe(422);
    expect((await post(t, t.cookies.ann, { intent: "remind" })).status).toBe(403);
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id, kind: "debrief_reminder" } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { rfpId: t.rfp.id, action: "debrief.reminded" } })).toBe(2);

    const early = await setup({ ended: false });
    expect((await post(early, early.cookies.lead, { intent: "remind" })).status).toBe(422);
  });
});
