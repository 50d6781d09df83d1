import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as scheduleRoute from "~/routes/rfps.$rfpId.interviews._index";
import * as interviewRoute from "~/routes/rfps.$rfpId.interviews.$interviewId";
import * as calendarRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.calendar[.ics]";
import * as printRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.print";
import * as vendorCalendarRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.vendor[.ics]";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { createInterviewRfp, slotForm } from "../fixtures/interviews";
import { callAction, callLoader } from "../fixtures/routes";

/** An RFP in Interviews with Contoso scheduled Monday 10:00–12:00: lead and Dana whole, Sam (System integration) as expert. */
async function setup() {
  const fixture = await createInterviewRfp({
    people: [
      { name: "Dana Panel" },
      { name: "Sam Expert", expertise: ["System integration"] },
      { name: "Olga Observer", role: "OBSERVER" },
    ],
    vendors: ["Contoso Services Ltd", "Fabrikam Inc"],
  });
  const dana = fixture.people["Dana Panel"];
  const sam = fixture.people["Sam Expert"];
  const olga = fixture.people["Olga Observer"];
  if (!dana || !sam || !olga) throw new Error("people missing");
  const cookies = {
    lead: await sessionCookie(fixture.lead),
    dana: await sessionCookie(dana.user),
    sam: await sessionCookie(sam.user),
    olga: await sessionCookie(olga.user),
  };
  const attendance = {
    [`attendance.${fixture.leadMemberId}`]: "WHOLE",
    [`attendance.${dana.memberId}`]: "WHOLE",
    [`attendance.${sam.memberId}`]: "EXPERT",
  };
  const scheduled = await callAction(scheduleRoute, `/rfps/${fixture.rfp.id}/interviews`, {
    cookie: cookies.lead,
    params: { rfpId: fixture.rfp.id },
    form: slotForm(fixture.week, {
      invitationId: fixture.invitations["Contoso Services Ltd"],
      start: "10:00",
      ...attendance,
    }),
  });
  if (scheduled.status !== 302) throw new Error(`not scheduled: ${JSON.stringify(scheduled.data)}`);
  const interview = await prisma.interview.findFirstOrThrow({
    where: { rfpId: fixture.rfp.id },
    include: { agenda: { orderBy: { position: "asc" } } },
  });
  const params = { rfpId: fixture.rfp.id, interviewId: interview.id };
  const path = `/rfps/${fixture.rfp.id}/interviews/${interview.id}`;
  const post = (cookie: string, form: Record<string, string>) =>
    callAction(interviewRoute, path, { cookie, params, form });
  const load = (cookie: string) => callLoader(interviewRoute, path, { cookie, params });
  return { ...fixture, dana, sam, olga, cookies, attendance, interview, params, path, post, load };
}

type Setup = Awaited<ReturnType<typeof setup>>;
type Page = Awaited<ReturnType<typeof interviewRoute.loader>>;

/** The agenda form as the builder posts it. */
function agendaForm(
  version: number,
  items: { id?: string; title: string; minutes: number; ownerMemberId?: string; requiredExpertise?: string }[],
  intent = "save-agenda",
) {
  const form: Record<string, string> = { intent, version: String(version) };
  items.forEach((item, index) => {
    form[`items.${index}.id`] = item.id ?? "";
    form[`items.${index}.title`] = item.title;
    form[`items.${index}.minutes`] = String(item.minutes);
    form[`items.${index}.ownerMemberId`] = item.ownerMemberId ?? "";
    form[`items.${index}.requiredExpertise`] = item.requiredExpertise ?? "";
  });
  return form;
}

async function snapshot(s: Setup) {
  const interview = await prisma.interview.findUniqueOrThrow({
    where: { id: s.interview.id },
    include: { agenda: { orderBy: { position: "asc" } }, attendees: { include: { items: true } } },
  });
  const events = await prisma.auditEvent.count({ where: { rfpId: s.rfp.id } });
  return { interview, events };
}

/** Calendar lines are folded at 75 octets (CRLF + a space or tab); reading them unfolds. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

const fieldErrors = (data: unknown) => (data as { fieldErrors: Record<string, string> }).fieldErrors;

describe("the interview page", () => {
  it("gives the lead the agenda to edit, with times in the RFP's time zone and the standard agenda to start from", async () => {
    const s = await setup();
    const result = await s.load(s.cookies.lead);
    expect(result.status).toBe(200);
    const page = result.data as Page;
    expect(page.agenda.editable).toBe(true);
    expect(page.slot.editable).toBe(true);
    expect(page.agenda.items[0]).toMatchObject({
      title: "Introductions",
      from: "10:00",
      to: "10:10",
      ownerName: "Lena Lead",
    });
    expect(page.agenda.items[3]).toMatchObject({ title: "Q&A: System integration", experts: ["Sam Expert"] });
    expect(page.agenda.values.items).toHaveLength(9);
    expect(page.agenda.standard).toHaveLength(9);
    expect(page.slot.links.members).toHaveLength(3);
    expect(page.slot.summary.when).toMatch(/10:00–12:00/);
  });

  it("shows panel members and observers the agenda read-only; other RFPs get 403; a missing interview 404", async () => {
    const s = await setup();
    for (const cookie of [s.cookies.dana, s.cookies.olga]) {
      const result = await s.load(cookie);
      expect(result.status).toBe(200);
      const page = result.data as Page;
      expect(page.agenda.editable).toBe(false);
      expect(page.slot.editable).toBe(false);
      expect(page.slot.links.members).toEqual([]);
    }
    expect(((await s.load(s.cookies.dana)).data as Page).slot.links.mine).toMatch(/calendar\.ics$/);
    expect(((await s.load(s.cookies.olga)).data as Page).slot.links).toMatchObject({ mine: null, vendor: null });
    const stranger = await createTestUser({ role: "LEAD" });
    await createTestRfp(stranger);
    expect((await s.load(await sessionCookie(stranger))).status).toBe(403);
    const missing = await callLoader(interviewRoute, `/rfps/${s.rfp.id}/interviews/nope`, {
      cookie: s.cookies.lead,
      params: { rfpId: s.rfp.id, interviewId: "nope" },
    });
    expect(missing.status).toBe(404);
  });

  it("lets only the lead change it (403 for panel and observer, nothing written)", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const items = before.interview.agenda.map((item) => ({ ...item, ownerMemberId: item.ownerMemberId ?? "" }));
    for (const cookie of [s.cookies.dana, s.cookies.olga]) {
      expect((await s.post(cookie, agendaForm(before.interview.version, items))).status).toBe(403);
      expect(
        (await s.post(cookie, { intent: "delete-interview", version: String(before.interview.version) })).status,
      ).toBe(403);
    }
    expect((await s.post(s.cookies.dana, { intent: "nonsense" })).status).toBe(400);
    expect(await snapshot(s)).toEqual(before);
  });
});

describe("the agenda builder", () => {
  it("saves an agenda that fits, keeps item ids, and re-invites experts to items needing their expertise", async () => {
    const s = await setup();
    const [intro, presentation, , integration] = s.interview.agenda;
    if (!intro || !presentation || !integration) throw new Error("agenda missing");
    const result = await s.post(
      s.cookies.lead,
      agendaForm(s.interview.version, [
        { id: intro.id, title: "Welcome", minutes: 10, ownerMemberId: s.leadMemberId },
        { id: presentation.id, title: "Vendor presentation", minutes: 40 },
        {
          id: integration.id,
          title: "Integration deep dive",
          minutes: 30,
          ownerMemberId: s.dana.memberId,
          requiredExpertise: "System integration",
        },
        { title: "Pricing questions", minutes: 20, ownerMemberId: s.leadMemberId },
        { title: "Wrap-up", minutes: 10, ownerMemberId: s.leadMemberId },
      ]),
    );
    expect(result.status).toBe(302);
    const after = await snapshot(s);
    expect(after.interview.version).toBe(s.interview.version + 1);
    expect(after.interview.agenda.map((item) => [item.title, item.minutes, item.position])).toEqual([
      ["Welcome", 10, 0],
      ["Vendor presentation", 40, 1],
      ["Integration deep dive", 30, 2],
      ["Pricing questions", 20, 3],
      ["Wrap-up", 10, 4],
    ]);
    expect(after.interview.agenda[0]?.id).toBe(intro.id);
    expect(after.interview.agenda[2]?.id).toBe(integration.id);
    const sam = after.interview.attendees.find((attendee) => attendee.memberId === s.sam.memberId);
    expect(sam?.items.map((row) => row.itemId)).toEqual([integration.id]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: s.rfp.id, action: "interview.agenda_saved" },
    });
    expect(event.after).toMatchObject({ items: expect.arrayContaining(["Pricing questions (20 min)"]) });
  });

  it("refuses an agenda that does not fit the slot, saying by how much, and writes nothing", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const result = await s.post(
      s.cookies.lead,
      agendaForm(s.interview.version, [
        { title: "Introductions", minutes: 15 },
        { title: "Vendor presentation", minutes: 60 },
        { title: "Demonstration", minutes: 60 },
      ]),
    );
    expect(result.status).toBe(400);
    expect(fieldErrors(result.data).items).toBe("The agenda takes 135 minutes but the slot is 120; cut 15 minutes.");
    // What was typed comes back, so nothing is lost.
    expect((result.data as { agendaValues: { items: unknown[] } }).agendaValues.items).toHaveLength(3);
    expect(await snapshot(s)).toEqual(before);
  });

  it("refuses an empty agenda, missing titles and owners who are not invited", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const empty = await s.post(s.cookies.lead, agendaForm(s.interview.version, []));
    expect(empty.status).toBe(400);
    expect(fieldErrors(empty.data).items).toBe("Add at least one agenda item.");
    const untitled = await s.post(s.cookies.lead, agendaForm(s.interview.version, [{ title: " ", minutes: 0 }]));
    expect(untitled.status).toBe(400);
    expect(fieldErrors(untitled.data)).toMatchObject({
      "items.0.title": "Title is required.",
      "items.0.minutes": expect.any(String),
    });
    const outsider = await s.post(
      s.cookies.lead,
      agendaForm(s.interview.version, [{ title: "Intro", minutes: 10, ownerMemberId: s.olga.memberId }]),
    );
    expect(outsider.status).toBe(422);
    expect(fieldErrors(outsider.data)["items.0.ownerMemberId"]).toBe("Choose someone invited to this interview.");
    expect(await snapshot(s)).toEqual(before);
  });

  it("answers a stale version with 409, keeps what was typed and overwrites nothing", async () => {
    const s = await setup();
    const first = await s.post(
      s.cookies.lead,
      agendaForm(s.interview.version, [{ title: "Everything", minutes: 120 }]),
    );
    expect(first.status).toBe(302);
    const before = await snapshot(s);
    const stale = await s.post(s.cookies.lead, agendaForm(s.interview.version, [{ title: "Mine", minutes: 60 }]));
    expect(stale.status).toBe(409);
    const answer = stale.data as { conflict: boolean; agendaValues: { version: string; items: { title: string }[] } };
    expect(answer.conflict).toBe(true);
    expect(answer.agendaValues.items[0]?.title).toBe("Mine");
    expect(answer.agendaValues.version).toBe(String(before.interview.version));
    expect(await snapshot(s)).toEqual(before);
  });

  it("applies add, move, remove and the standard agenda without JavaScript, saving nothing", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const items = [
      { title: "A", minutes: 10 },
      { title: "B", minutes: 20 },
      { title: "C", minutes: 30 },
    ];
    const titles = async (intent: string) => {
      const result = await s.post(s.cookies.lead, agendaForm(s.interview.version, items, intent));
      expect(result.status).toBe(200);
      return (result.data as { agendaValues: { items: { title: string }[] } }).agendaValues.items.map(
        (item) => item.title,
      );
    };
    expect(await titles("agenda-up:2")).toEqual(["A", "C", "B"]);
    expect(await titles("agenda-down:0")).toEqual(["B", "A", "C"]);
    expect(await titles("agenda-remove:1")).toEqual(["A", "C"]);
    expect(await titles("agenda-add")).toEqual(["A", "B", "C", ""]);
    expect((await titles("agenda-standard"))[0]).toBe("Introductions");
    expect(await snapshot(s)).toEqual(before);
  });

  it("lets the lead adjust which items an expert attends; the owner of an item always attends it", async () => {
    const s = await setup();
    const samAttendee = await prisma.interviewAttendee.findFirstOrThrow({
      where: { interviewId: s.interview.id, memberId: s.sam.memberId },
    });
    const demo = s.interview.agenda[7];
    const branding = s.interview.agenda[6];
    if (!demo || !branding) throw new Error("agenda missing");
    const result = await s.post(s.cookies.lead, {
      intent: "save-experts",
      version: String(s.interview.version),
      [`experts.${samAttendee.id}.${demo.id}`]: "on",
    });
    expect(result.status).toBe(302);
    const rows = await prisma.agendaItemAttendee.findMany({ where: { attendeeId: samAttendee.id } });
    expect(rows.map((row) => row.itemId)).toEqual([demo.id]);
    const stale = await s.post(s.cookies.lead, {
      intent: "save-experts",
      version: String(s.interview.version),
      [`experts.${samAttendee.id}.${branding.id}`]: "on",
    });
    expect(stale.status).toBe(409);
    expect(await prisma.agendaItemAttendee.count({ where: { attendeeId: samAttendee.id } })).toBe(1);
  });
});

describe("moving an interview", () => {
  const moveForm = (s: Setup, fields: Record<string, string>) => ({
    ...slotForm(s.week, { start: "10:00", ...s.attendance }),
    intent: "update-interview",
    version: String(s.interview.version),
    ...fields,
  });

  it("moves it (agenda and experts follow), audited, with the version bumped", async () => {
    const s = await setup();
    const result = await s.post(
      s.cookies.lead,
      moveForm(s, { date: s.week.date(1), start: "14:00", mode: "VIRTUAL", meetingLink: "https://meet.example/c" }),
    );
    expect(result.status).toBe(302);
    const after = await snapshot(s);
    expect(after.interview.startsAt).toEqual(s.week.at(1, "14:00"));
    expect(after.interview).toMatchObject({
      mode: "VIRTUAL",
      meetingLink: "https://meet.example/c",
      version: s.interview.version + 1,
    });
    expect(after.interview.agenda).toHaveLength(9);
    expect(await prisma.auditEvent.count({ where: { rfpId: s.rfp.id, action: "interview.updated" } })).toBe(1);
  });

  it("refuses a move onto a panel member's other interview, naming each of them, and writes nothing", async () => {
    const s = await setup();
    await callAction(scheduleRoute, `/rfps/${s.rfp.id}/interviews`, {
      cookie: s.cookies.lead,
      params: { rfpId: s.rfp.id },
      form: slotForm(s.week, { invitationId: s.invitations["Fabrikam Inc"], day: 1, start: "09:00", ...s.attendance }),
    });
    const before = await snapshot(s);
    const clash = await s.post(s.cookies.lead, moveForm(s, { date: s.week.date(1), start: "10:00" }));
    expect(clash.status).toBe(422);
    expect(fieldErrors(clash.data).form).toContain("Lena Lead is already in the interview with Fabrikam Inc");
    expect(fieldErrors(clash.data).form).toContain("Dana Panel is already in the interview with Fabrikam Inc");
    expect(await snapshot(s)).toEqual(before);
  });

  it("refuses a slot shorter than the agenda", async () => {
    const s = await setup();
    const result = await s.post(s.cookies.lead, moveForm(s, { minutes: "90" }));
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).minutes).toBe(
      "The agenda takes 120 minutes; shorten it before making the interview 90 minutes long.",
    );
  });

  it("refuses to uninvite the owner of an agenda item", async () => {
    const s = await setup();
    const result = await s.post(s.cookies.lead, moveForm(s, { [`attendance.${s.leadMemberId}`]: "NONE" }));
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).attendance).toBe(
      "Lena Lead runs “Introductions”; give that item another owner before uninviting them.",
    );
  });

  it("answers a stale version with 409 and changes nothing", async () => {
    const s = await setup();
    expect((await s.post(s.cookies.lead, moveForm(s, { start: "11:00", minutes: "120" }))).status).toBe(302);
    const before = await snapshot(s);
    const stale = await s.post(s.cookies.lead, moveForm(s, { start: "13:00" }));
    expect(stale.status).toBe(409);
    expect((stale.data as { values: { version: string } }).values.version).toBe(String(before.interview.version));
    expect(await snapshot(s)).toEqual(before);
  });

  it("cancels it after confirmation, and the vendor can be scheduled again", async () => {
    const s = await setup();
    const stale = await s.post(s.cookies.lead, { intent: "delete-interview", version: "99" });
    expect(stale.status).toBe(409);
    const result = await s.post(s.cookies.lead, { intent: "delete-interview", version: String(s.interview.version) });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/rfps/${s.rfp.id}/interviews`);
    expect(await prisma.interview.count({ where: { id: s.interview.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { rfpId: s.rfp.id, action: "interview.cancelled" } })).toBe(1);
  });
});

describe("calendar files", () => {
  const ics = (s: Setup, cookie: string, query = "") =>
    callLoader(calendarRoute, `${s.path}/calendar.ics${query}`, { cookie, params: s.params });

  it("gives a panel member the whole interview", async () => {
    const s = await setup();
    const result = await ics(s, s.cookies.dana);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = String(result.data);
    expect(text).toContain("SUMMARY:Interview: Contoso Services Ltd");
    const start = s.week
      .at(0, "10:00")
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    expect(text).toContain(`DTSTART:${start}`);
    expect(text).toContain("Panel member: the whole interview.");
  });

  it("gives an expert only their items, saying which", async () => {
    const s = await setup();
    const text = String((await ics(s, s.cookies.sam)).data);
    const start = s.week
      .at(0, "10:45")
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    expect(text).toContain(`DTSTART:${start}`);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(unfold(text)).toContain("Subject-matter expert: invited only for Q&A: System integration.");
  });

  it("lets the lead download any attendee's entry, but a member only their own", async () => {
    const s = await setup();
    expect((await ics(s, s.cookies.lead, `?member=${s.sam.memberId}`)).status).toBe(200);
    expect((await ics(s, s.cookies.dana, `?member=${s.sam.memberId}`)).status).toBe(403);
    expect((await ics(s, s.cookies.olga)).status).toBe(404);
    const stranger = await createTestUser({ role: "EVALUATOR" });
    expect((await ics(s, await sessionCookie(stranger))).status).toBe(403);
    expect((await callLoader(calendarRoute, `${s.path}/calendar.ics`, { params: s.params })).status).toBe(401);
  });

  it("gives the vendor contact's entry to the lead and attendees", async () => {
    const s = await setup();
    const vendorIcs = (cookie: string) =>
      callLoader(vendorCalendarRoute, `${s.path}/vendor.ics`, { cookie, params: s.params });
    const result = await vendorIcs(s.cookies.lead);
    expect(result.status).toBe(200);
    const text = unfold(String(result.data));
    expect(text).toContain("SUMMARY:Oral interview:");
    expect(text).toMatch(/ATTENDEE;[^\r\n]*CN="Pat Bidder":mailto:bids@/);
    expect((await vendorIcs(s.cookies.dana)).status).toBe(200);
    expect((await vendorIcs(s.cookies.olga)).status).toBe(403);
  });
});

describe("the printable agenda", () => {
  it("has times per item, owners, attendees and the questions for the room", async () => {
    const s = await setup();
    await prisma.interviewSlotQuestion.createMany({
      data: [
        {
          interviewId: s.interview.id,
          position: 0,
          category: "System integration",
          text: "How do you connect to our CRM?",
        },
        {
          interviewId: s.interview.id,
          position: 1,
          category: "Branding",
          text: "How do your agents represent our brand?",
        },
      ],
    });
    for (const cookie of [s.cookies.lead, s.cookies.dana, s.cookies.olga]) {
      const result = await callLoader(printRoute, `${s.path}/print`, { cookie, params: s.params });
      expect(result.status).toBe(200);
    }
    const result = await callLoader(printRoute, `${s.path}/print`, { cookie: s.cookies.olga, params: s.params });
    const { agenda } = result.data as Awaited<ReturnType<typeof printRoute.loader>>;
    expect(agenda.items[3]).toMatchObject({
      from: "10:45",
      to: "10:55",
      title: "Q&A: System integration",
      owner: "Lena Lead",
      attendees: expect.arrayContaining(["Dana Panel", "Sam Expert"]),
    });
    expect(agenda.items[1]?.owner).toBe("Contoso Services Ltd (vendor)");
    expect(agenda.questions.map((question) => question.text)).toEqual([
      "How do you connect to our CRM?",
      "How do your agents represent our brand?",
    ]);
    expect(agenda.experts).toEqual([{ name: "Sam Expert", items: ["Q&A: System integration"] }]);
  });
});
