import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as dashboardRoute from "~/routes/dashboard";
import * as scheduleRoute from "~/routes/rfps.$rfpId.interviews._index";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { createInterviewRfp, slotForm } from "../fixtures/interviews";
import { callAction, callLoader, cookieFrom } from "../fixtures/routes";

async function setup() {
  const fixture = await createInterviewRfp({
    people: [
      { name: "Dana Panel" },
      { name: "Sam Expert", expertise: ["System integration"] },
      { name: "Olga Observer", role: "OBSERVER" },
    ],
    vendors: ["Contoso Services Ltd", "Fabrikam Inc", "Northwind Traders"],
  });
  const dana = fixture.people["Dana Panel"];
  const sam = fixture.people["Sam Expert"];
  const olga = fixture.people["Olga Observer"];
  if (!dana || !sam || !olga) throw new Error("people missing");
  const path = `/rfps/${fixture.rfp.id}/interviews`;
  const params = { rfpId: fixture.rfp.id };
  const attendance = {
    [`attendance.${fixture.leadMemberId}`]: "WHOLE",
    [`attendance.${dana.memberId}`]: "WHOLE",
    [`attendance.${sam.memberId}`]: "EXPERT",
  };
  const cookies = {
    lead: await sessionCookie(fixture.lead),
    dana: await sessionCookie(dana.user),
    sam: await sessionCookie(sam.user),
    olga: await sessionCookie(olga.user),
  };
  const post = (cookie: string, form: Record<string, string>) =>
    callAction(scheduleRoute, path, { cookie, params, form });
  const schedule = (vendor: string, fields: Record<string, string | number> = {}) =>
    post(cookies.lead, slotForm(fixture.week, { invitationId: fixture.invitations[vendor], ...attendance, ...fields }));
  return { ...fixture, dana, sam, olga, path, params, attendance, cookies, post, schedule };
}

async function counts(rfpId: string) {
  const [interviews, items, attendees, events] = await Promise.all([
    prisma.interview.count({ where: { rfpId } }),
    prisma.agendaItem.count({ where: { interview: { rfpId } } }),
    prisma.interviewAttendee.count({ where: { interview: { rfpId } } }),
    prisma.auditEvent.count({ where: { rfpId } }),
  ]);
  return { interviews, items, attendees, events };
}

/** The one-shot message a redirect carries (the sl_flash cookie: base64 of its JSON). */
function flashOf(result: { headers: Headers }) {
  const value = cookieFrom({ status: 302, headers: result.headers, data: null }, "sl_flash")?.split("=")[1] ?? "";
  return JSON.parse(Buffer.from(decodeURIComponent(value), "base64").toString("utf8")) as {
    kind: string;
    message: string;
  };
}

const fieldErrors = (data: unknown) => (data as { fieldErrors: Record<string, string> }).fieldErrors;

describe("scheduling an interview", () => {
  it("creates the slot with the standard agenda, the panel and the expert on their items only, audited", async () => {
    const s = await setup();
    const result = await s.schedule("Contoso Services Ltd", {
      start: "10:00",
      minutes: 120,
      travelNote: "Flying in from Dublin",
    });
    expect(result.status).toBe(302);
    const interview = await prisma.interview.findFirstOrThrow({
      where: { rfpId: s.rfp.id },
      include: {
        agenda: { orderBy: { position: "asc" }, include: { attendees: true } },
        attendees: { include: { items: true } },
      },
    });
    expect(interview.startsAt).toEqual(s.week.at(0, "10:00"));
    expect(interview.endsAt).toEqual(s.week.at(0, "12:00"));
    expect(interview.travelNote).toBe("Flying in from Dublin");
    expect(interview.agenda.map((item) => item.title)).toEqual([
      "Introductions",
      "Vendor presentation",
      "Q&A: Similar industry engagements",
      "Q&A: System integration",
      "Q&A: Communication channels",
      "Q&A: Quality control",
      "Q&A: Branding",
      "Demonstration",
      "Wrap-up and next steps",
    ]);
    expect(interview.agenda.reduce((sum, item) => sum + item.minutes, 0)).toBe(120);
    // The lead runs the lead's items; the vendor presents.
    expect(interview.agenda[0]?.ownerMemberId).toBe(s.leadMemberId);
    expect(interview.agenda[1]?.ownerMemberId).toBeNull();
    const expert = interview.attendees.find((attendee) => attendee.memberId === s.sam.memberId);
    expect(expert?.partial).toBe(true);
    expect(expert?.items.map((row) => row.itemId)).toEqual([interview.agenda[3]?.id]);
    expect(
      interview.attendees
        .filter((attendee) => !attendee.partial)
        .map((attendee) => attendee.memberId)
        .sort(),
    ).toEqual([s.leadMemberId, s.dana.memberId].sort());
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: s.rfp.id, action: "interview.scheduled" },
    });
    expect(event.after).toMatchObject({ vendor: "Contoso Services Ltd", mode: "IN_PERSON", source: "manual" });
  });

  it("refuses an overlap for a panel member, naming who and when, and writes nothing", async () => {
    const s = await setup();
    expect((await s.schedule("Contoso Services Ltd", { start: "10:00" })).status).toBe(302);
    const before = await counts(s.rfp.id);
    // Only Dana is on both: the lead stays out of the second one.
    const result = await s.schedule("Fabrikam Inc", {
      start: "11:00",
      [`attendance.${s.leadMemberId}`]: "NONE",
      [`attendance.${s.sam.memberId}`]: "NONE",
    });
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).form).toMatch(
      /^Not scheduled: Dana Panel is already in the interview with Contoso Services Ltd then \(\w{3}, \d{1,2} \w{3} \d{4}, 11:00–12:00 CES?T\)\.$/,
    );
    expect(await counts(s.rfp.id)).toEqual(before);
  });

  it("holds an expert only to their own items: another interview during the rest of the slot is fine", async () => {
    const s = await setup();
    expect((await s.schedule("Contoso Services Ltd", { start: "10:00" })).status).toBe(302);
    // Sam's item in the first interview is 10:45–10:55; a second interview with Sam from 11:00 does not clash.
    const second = await s.schedule("Fabrikam Inc", {
      start: "11:00",
      [`attendance.${s.leadMemberId}`]: "NONE",
      [`attendance.${s.dana.memberId}`]: "NONE",
      [`attendance.${s.sam.memberId}`]: "WHOLE",
    });
    expect(second.status).toBe(302);
    const third = await s.schedule("Northwind Traders", {
      day: 1,
      start: "09:00",
      [`attendance.${s.leadMemberId}`]: "NONE",
      [`attendance.${s.dana.memberId}`]: "NONE",
      [`attendance.${s.sam.memberId}`]: "WHOLE",
    });
    expect(third.status).toBe(302);
  });

  it("respects a member's unavailable time, with their note", async () => {
    const s = await setup();
    const marked = await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T13:00`,
      until: `${s.week.date(0)}T15:00`,
      note: "Board meeting",
    });
    expect(marked.status).toBe(302);
    const before = await counts(s.rfp.id);
    const result = await s.schedule("Contoso Services Ltd", { start: "14:00", minutes: 90 });
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).form).toContain("Dana Panel is unavailable");
    expect(fieldErrors(result.data).form).toContain("13:00–15:00");
    expect(fieldErrors(result.data).form).toContain("(Board meeting)");
    expect(await counts(s.rfp.id)).toEqual(before);
  });

  it("sees a panel member's interview on another RFP, without naming that RFP's vendor", async () => {
    const s = await setup();
    const other = await createInterviewRfp({ lead: s.lead, vendors: ["Secret Vendor plc"] });
    const otherInvitation = other.invitations["Secret Vendor plc"] ?? "";
    const danaOnOther = await prisma.rfpMember.create({
      data: { rfpId: other.rfp.id, userId: s.dana.user.id, role: "PANEL" },
      select: { id: true },
    });
    await prisma.interview.create({
      data: {
        rfpId: other.rfp.id,
        invitationId: otherInvitation,
        startsAt: s.week.at(1, "10:00"),
        endsAt: s.week.at(1, "11:00"),
        mode: "VIRTUAL",
        meetingLink: "https://meet.example/x",
        attendees: { create: [{ memberId: danaOnOther.id }] },
      },
    });
    const result = await s.schedule("Contoso Services Ltd", { day: 1, start: "09:30" });
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).form).toContain("Dana Panel is already in an interview for another RFP");
    expect(fieldErrors(result.data).form).not.toContain("Secret Vendor");
  });

  it("keeps interviews inside the window and business hours, and in the future", async () => {
    const s = await setup();
    const evening = await s.schedule("Contoso Services Ltd", { start: "16:30", minutes: 60 });
    expect(evening.status).toBe(422);
    expect(fieldErrors(evening.data).form).toContain("business hours: 09:00–17:00");
    const afterWindow = await s.schedule("Contoso Services Ltd", { day: 3, start: "10:00" });
    expect(afterWindow.status).toBe(422);
    expect(fieldErrors(afterWindow.data).form).toContain("within the interview window");
    expect(await prisma.interview.count({ where: { rfpId: s.rfp.id } })).toBe(0);
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const s = await setup();
    const before = await counts(s.rfp.id);
    const result = await s.post(s.cookies.lead, {
      intent: "create-interview",
      invitationId: "",
      date: "someday",
      start: "25:00",
      minutes: "20",
      mode: "VIRTUAL",
      meetingLink: "not a link",
    });
    expect(result.status).toBe(400);
    expect(Object.keys(fieldErrors(result.data)).sort()).toEqual(
      ["attendance", "date", "invitationId", "meetingLink", "minutes", "start"].sort(),
    );
    const impossible = await s.schedule("Contoso Services Ltd", { date: "2027-02-31" });
    expect(impossible.status).toBe(400);
    expect(fieldErrors(impossible.data).date).toBe("That date does not exist.");
    const notShortlisted = await s.schedule("Contoso Services Ltd", { invitationId: "nope" });
    expect(notShortlisted.status).toBe(422);
    const unknown = await s.post(s.cookies.lead, { intent: "hack" });
    expect(unknown.status).toBe(400);
    expect(await counts(s.rfp.id)).toEqual(before);
  });

  it("refuses a second interview for the same vendor", async () => {
    const s = await setup();
    expect((await s.schedule("Contoso Services Ltd", { start: "09:00" })).status).toBe(302);
    const again = await s.schedule("Contoso Services Ltd", { day: 1, start: "09:00" });
    expect(again.status).toBe(422);
    expect(fieldErrors(again.data).invitationId).toContain("already has an interview");
  });

  it("is refused outside the Interviews stage", async () => {
    const s = await setup();
    await prisma.rfp.update({ where: { id: s.rfp.id }, data: { stage: "SHORTLIST" } });
    const result = await s.schedule("Contoso Services Ltd");
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data).form).toContain("Interviews stage");
  });

  it("lets only the lead schedule: panel members and observers get 403, other RFPs' people too", async () => {
    const s = await setup();
    const form = slotForm(s.week, { invitationId: s.invitations["Contoso Services Ltd"], ...s.attendance });
    for (const cookie of [s.cookies.dana, s.cookies.olga]) {
      expect((await s.post(cookie, form)).status).toBe(403);
      expect(
        (
          await s.post(cookie, {
            intent: "propose-schedule",
            minutes: "120",
            bufferMinutes: "30",
            mode: "VIRTUAL",
            meetingLink: "https://x.example",
          })
        ).status,
      ).toBe(403);
      expect(
        (await s.post(cookie, { intent: "set-expertise", memberId: s.dana.memberId, expertise: "Branding" })).status,
      ).toBe(403);
    }
    const stranger = await createTestUser({ role: "LEAD" });
    await createTestRfp(stranger);
    const strangerCookie = await sessionCookie(stranger);
    expect((await s.post(strangerCookie, form)).status).toBe(403);
    expect((await callLoader(scheduleRoute, s.path, { cookie: strangerCookie, params: s.params })).status).toBe(403);
    expect(await prisma.interview.count({ where: { rfpId: s.rfp.id } })).toBe(0);
  });
});

describe("the schedule page", () => {
  it("shows the lead the schedule, what is left to schedule, each member's load and any clash", async () => {
    const s = await setup();
    await s.schedule("Contoso Services Ltd", { start: "09:00" });
    await s.schedule("Fabrikam Inc", { start: "13:00", minutes: 90 });
    // Marked after the fact: the page shows the clash for the lead to resolve.
    await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T14:00`,
      until: `${s.week.date(0)}T16:00`,
    });
    const result = await callLoader(scheduleRoute, s.path, { cookie: s.cookies.lead, params: s.params });
    expect(result.status).toBe(200);
    const page = result.data as Awaited<ReturnType<typeof scheduleRoute.loader>>;
    expect(page.canManage).toBe(true);
    expect(page.interviews.map((row) => row.vendorName)).toEqual(["Contoso Services Ltd", "Fabrikam Inc"]);
    expect(page.unscheduled.map((row) => row.vendorName)).toEqual(["Northwind Traders"]);
    expect(page.clashes).toEqual([expect.stringContaining("Dana Panel is booked for Fabrikam Inc but unavailable")]);
    const dana = page.panel.find((member) => member.name === "Dana Panel");
    expect(dana).toMatchObject({ interviews: 2, time: "3 h 30 min" });
    const sam = page.panel.find((member) => member.name === "Sam Expert");
    expect(sam).toMatchObject({ interviews: 2, defaultAttendance: "EXPERT" });
    expect(page.panel.map((member) => member.name)).not.toContain("Olga Observer");
    expect(page.unavailability).toHaveLength(1);
    expect(page.unavailability[0]).toMatchObject({ name: "Dana Panel", mine: false });
    // A member sees only their own clashes: someone else's unavailability is theirs to share.
    const clashesFor = async (cookie: string) =>
      ((await callLoader(scheduleRoute, s.path, { cookie, params: s.params })).data as typeof page).clashes;
    expect(await clashesFor(s.cookies.dana)).toHaveLength(1);
    expect(await clashesFor(s.cookies.sam)).toEqual([]);
    expect(await clashesFor(s.cookies.olga)).toEqual([]);
  });

  it("shows panel members and observers the schedule read-only, with only their own unavailable times", async () => {
    const s = await setup();
    await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T09:00`,
      until: `${s.week.date(0)}T10:00`,
    });
    await s.post(s.cookies.sam, {
      intent: "add-unavailability",
      from: `${s.week.date(1)}T09:00`,
      until: `${s.week.date(1)}T10:00`,
      note: "Dentist",
    });
    for (const [cookie, own] of [
      [s.cookies.dana, 1],
      [s.cookies.olga, 0],
    ] as const) {
      const result = await callLoader(scheduleRoute, s.path, { cookie, params: s.params });
      expect(result.status).toBe(200);
      const page = result.data as Awaited<ReturnType<typeof scheduleRoute.loader>>;
      expect(page.canManage).toBe(false);
      expect(page.unavailability).toHaveLength(own);
      expect(JSON.stringify(page)).not.toContain("Dentist");
    }
  });

  it("reads without writing", async () => {
    const s = await setup();
    const before = await counts(s.rfp.id);
    await callLoader(scheduleRoute, s.path, { cookie: s.cookies.lead, params: s.params });
    expect(await counts(s.rfp.id)).toEqual(before);
  });
});

describe("the automatic schedule", () => {
  const params = {
    minutes: "120",
    bufferMinutes: "30",
    mode: "VIRTUAL",
    meetingLink: "https://meet.example/panel",
    location: "",
  };

  it("proposes without saving, then applies the whole proposal in one go", async () => {
    const s = await setup();
    const before = await counts(s.rfp.id);
    const proposed = await s.post(s.cookies.lead, { intent: "propose-schedule", ...params });
    expect(proposed.status).toBe(200);
    const { proposal } = proposed.data as {
      proposal: { slots: { vendorName: string; when: string }[]; fingerprint: string };
    };
    expect(proposal.slots.map((slot) => slot.vendorName)).toEqual([
      "Contoso Services Ltd",
      "Fabrikam Inc",
      "Northwind Traders",
    ]);
    // 09:00–11:00, a 30-minute break, 11:30–13:30, then 14:00–16:00.
    expect(proposal.slots.map((slot) => slot.when.match(/\d\d:\d\d–\d\d:\d\d/)?.[0])).toEqual([
      "09:00–11:00",
      "11:30–13:30",
      "14:00–16:00",
    ]);
    expect(await counts(s.rfp.id)).toEqual(before);

    const applied = await s.post(s.cookies.lead, {
      intent: "apply-schedule",
      ...params,
      fingerprint: proposal.fingerprint,
    });
    expect(applied.status).toBe(302);
    const interviews = await prisma.interview.findMany({ where: { rfpId: s.rfp.id }, orderBy: { startsAt: "asc" } });
    expect(interviews.map((row) => row.startsAt)).toEqual([
      s.week.at(0, "09:00"),
      s.week.at(0, "11:30"),
      s.week.at(0, "14:00"),
    ]);
    expect(interviews.every((row) => row.mode === "VIRTUAL" && row.meetingLink === params.meetingLink)).toBe(true);
    const actions = await prisma.auditEvent.findMany({ where: { rfpId: s.rfp.id }, select: { action: true } });
    expect(actions.filter((event) => event.action === "interview.scheduled")).toHaveLength(3);
    expect(actions.filter((event) => event.action === "interview.schedule_applied")).toHaveLength(1);
  });

  it("works around members' unavailable times", async () => {
    const s = await setup();
    await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T08:00`,
      until: `${s.week.date(0)}T12:00`,
    });
    const proposed = await s.post(s.cookies.lead, { intent: "propose-schedule", ...params });
    const { proposal } = proposed.data as { proposal: { slots: { when: string }[] } };
    expect(proposal.slots[0]?.when).toContain("12:00–14:00");
  });

  it("applies nothing when the schedule changed since the proposal (409)", async () => {
    const s = await setup();
    const proposed = await s.post(s.cookies.lead, { intent: "propose-schedule", ...params });
    const { proposal } = proposed.data as { proposal: { fingerprint: string } };
    await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T10:00`,
      until: `${s.week.date(0)}T11:00`,
    });
    const before = await counts(s.rfp.id);
    const applied = await s.post(s.cookies.lead, {
      intent: "apply-schedule",
      ...params,
      fingerprint: proposal.fingerprint,
    });
    expect(applied.status).toBe(409);
    const answer = applied.data as { fieldErrors: Record<string, string>; proposal: { fingerprint: string } };
    expect(answer.fieldErrors.form).toContain("Nothing was applied");
    expect(answer.proposal.fingerprint).not.toBe(proposal.fingerprint);
    expect(await counts(s.rfp.id)).toEqual(before);
  });

  it("is atomic: when one interview would clash (an expert booked elsewhere), none is created", async () => {
    const s = await setup();
    // Sam's System integration item in the second proposed interview is 12:15–12:25 on Monday.
    const other = await createInterviewRfp({ lead: s.lead, vendors: ["Elsewhere Ltd"] });
    const samOnOther = await prisma.rfpMember.create({
      data: { rfpId: other.rfp.id, userId: s.sam.user.id, role: "PANEL" },
      select: { id: true },
    });
    await prisma.interview.create({
      data: {
        rfpId: other.rfp.id,
        invitationId: other.invitations["Elsewhere Ltd"] ?? "",
        startsAt: s.week.at(0, "12:00"),
        endsAt: s.week.at(0, "13:00"),
        mode: "VIRTUAL",
        attendees: { create: [{ memberId: samOnOther.id }] },
      },
    });
    const proposed = await s.post(s.cookies.lead, { intent: "propose-schedule", ...params });
    const { proposal } = proposed.data as { proposal: { fingerprint: string; slots: unknown[] } };
    expect(proposal.slots).toHaveLength(3);
    const before = await counts(s.rfp.id);
    const applied = await s.post(s.cookies.lead, {
      intent: "apply-schedule",
      ...params,
      fingerprint: proposal.fingerprint,
    });
    expect(applied.status).toBe(422);
    expect(fieldErrors(applied.data).form).toContain("Sam Expert is already in an interview for another RFP");
    expect(await counts(s.rfp.id)).toEqual(before);
  });

  it("explains vendors it cannot place, naming whose unavailable time blocks them", async () => {
    const s = await setup();
    await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T08:00`,
      until: `${s.week.date(2)}T18:00`,
      note: "Conference",
    });
    const proposed = await s.post(s.cookies.lead, { intent: "propose-schedule", ...params });
    const { proposal } = proposed.data as { proposal: { slots: unknown[]; unplaced: { reason: string }[] } };
    expect(proposal.slots).toHaveLength(0);
    expect(proposal.unplaced).toHaveLength(3);
    expect(proposal.unplaced[0]?.reason).toContain(
      "times that Dana Panel marked unavailable block otherwise free slots",
    );
  });
});

describe("panel expertise", () => {
  it("lets the lead record expertise, audited; experts are then invited to matching items", async () => {
    const s = await setup();
    const saved = await s.post(s.cookies.lead, {
      intent: "set-expertise",
      memberId: s.dana.memberId,
      expertise: "Branding, quality control; branding",
    });
    expect(saved.status).toBe(302);
    const dana = await prisma.rfpMember.findUniqueOrThrow({ where: { id: s.dana.memberId } });
    expect(dana.expertise).toEqual(["Branding", "quality control"]);
    expect(await prisma.auditEvent.count({ where: { rfpId: s.rfp.id, action: "rfp.member_expertise_set" } })).toBe(1);
    const missing = await s.post(s.cookies.lead, { intent: "set-expertise", memberId: "nobody", expertise: "x" });
    expect(missing.status).toBe(422);
  });
});

describe("unavailable times", () => {
  it("are each member's own: marked, listed, removed; someone else's cannot be removed", async () => {
    const s = await setup();
    const marked = await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T09:00`,
      until: `${s.week.date(0)}T12:00`,
      note: "Training",
    });
    expect(marked.status).toBe(302);
    const period = await prisma.memberUnavailability.findFirstOrThrow({ where: { memberId: s.dana.memberId } });
    expect(period.startsAt).toEqual(s.week.at(0, "09:00"));
    const bySam = await s.post(s.cookies.sam, { intent: "remove-unavailability", unavailabilityId: period.id });
    expect(bySam.status).toBe(422);
    const byLead = await s.post(s.cookies.lead, { intent: "remove-unavailability", unavailabilityId: period.id });
    expect(byLead.status).toBe(422);
    expect(await prisma.memberUnavailability.count({ where: { id: period.id } })).toBe(1);
    const byDana = await s.post(s.cookies.dana, { intent: "remove-unavailability", unavailabilityId: period.id });
    expect(byDana.status).toBe(302);
    expect(await prisma.memberUnavailability.count({ where: { id: period.id } })).toBe(0);
    const actions = await prisma.auditEvent.findMany({ where: { rfpId: s.rfp.id }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(
      expect.arrayContaining(["interview.unavailability_added", "interview.unavailability_removed"]),
    );
  });

  it("refuses periods that end before they start, and warns when already booked", async () => {
    const s = await setup();
    const backwards = await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T12:00`,
      until: `${s.week.date(0)}T09:00`,
    });
    expect(backwards.status).toBe(400);
    expect(fieldErrors(backwards.data).until).toBe("Until must be after from.");
    expect(await prisma.memberUnavailability.count({ where: { memberId: s.dana.memberId } })).toBe(0);
    await s.schedule("Contoso Services Ltd", { start: "09:00" });
    const booked = await s.post(s.cookies.dana, {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T10:00`,
      until: `${s.week.date(0)}T11:00`,
    });
    expect(booked.status).toBe(302);
    expect(flashOf(booked)).toMatchObject({
      kind: "info",
      message: expect.stringContaining("you are already booked then: Contoso Services Ltd"),
    });
  });

  it("are for members of this RFP only", async () => {
    const s = await setup();
    const stranger = await createTestUser({ role: "EVALUATOR" });
    const result = await s.post(await sessionCookie(stranger), {
      intent: "add-unavailability",
      from: `${s.week.date(0)}T09:00`,
      until: `${s.week.date(0)}T10:00`,
    });
    expect(result.status).toBe(403);
  });
});

describe("the dashboard", () => {
  it("lists the user's upcoming interviews, as attendee, expert (their items) or lead, in the RFP's time zone", async () => {
    const s = await setup();
    await s.schedule("Contoso Services Ltd", { start: "10:00" });
    const upcoming = async (cookie: string) => {
      const result = await callLoader(dashboardRoute, "/dashboard", { cookie });
      return (result.data as Awaited<ReturnType<typeof dashboardRoute.loader>>).interviews;
    };
    const forDana = await upcoming(s.cookies.dana);
    expect(forDana).toHaveLength(1);
    expect(forDana[0]).toMatchObject({ vendorName: "Contoso Services Ltd", role: "panel" });
    expect(forDana[0]?.when).toMatch(/10:00–12:00 CES?T$/);
    const forSam = await upcoming(s.cookies.sam);
    expect(forSam[0]).toMatchObject({ role: "expert", expertItems: ["Q&A: System integration"] });
    expect(forSam[0]?.expertWindows[0]).toMatch(/10:45–10:55/);
    expect((await upcoming(s.cookies.lead))[0]).toMatchObject({ role: "panel" });
    expect(await upcoming(s.cookies.olga)).toEqual([]);
  });
});
