import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { publishDueInterviews } from "~/models/interview-publish.server";
import * as portalLayout from "~/routes/portal";
import * as portalInterviewRoute from "~/routes/portal.interview";
import * as portalIcsRoute from "~/routes/portal.interview[.]ics";
import * as questionsRoute from "~/routes/rfps.$rfpId.interviews.$interviewId_.questions";
import { sessionCookie } from "../fixtures/factories";
import { createInterviewRfp, scheduleTestInterview } from "../fixtures/interviews-debrief";
import { portalCookie } from "../fixtures/portal";
import { callAction, callLoader } from "../fixtures/routes";

const DAY = 86_400_000;

async function setup(options: { startsInDays?: number; publishDaysBefore?: number } = {}) {
  const tender = await createInterviewRfp();
  const [contoso, fabrikam] = tender.vendors;
  if (!contoso || !fabrikam) throw new Error("vendors missing");
  const startsAt = new Date(Date.now() + (options.startsInDays ?? 10) * DAY);
  const interview = await scheduleTestInterview(tender.rfp.id, contoso.invitationId, {
    startsAt,
    mode: "VIRTUAL",
    publishDaysBefore: options.publishDaysBefore,
    attendees: tender.panel.map((member) => member.memberId),
  });
  const other = await scheduleTestInterview(tender.rfp.id, fabrikam.invitationId, {
    startsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
  });
  await prisma.interviewSlotQuestion.createMany({
    data: [
      { interviewId: interview.id, position: 0, category: "Branding", text: "How do your agents greet callers?" },
      {
        interviewId: interview.id,
        position: 1,
        category: "Follow-up on your proposal",
        text: "Walk us through your service desk staffing.",
        criterionId: tender.criteria.serviceDesk.id,
      },
      { interviewId: other.id, position: 0, category: "Branding", text: "FABRIKAM-ONLY QUESTION" },
    ],
  });
  return {
    ...tender,
    contoso,
    fabrikam,
    interview,
    other,
    leadCookie: await sessionCookie(tender.lead),
  };
}

const questionsPath = (rfpId: string, interviewId: string) => `/rfps/${rfpId}/interviews/${interviewId}/questions`;
const leadPost = (rfpId: string, interviewId: string, cookie: string, form: Record<string, string>) =>
  callAction(questionsRoute, questionsPath(rfpId, interviewId), { cookie, params: { rfpId, interviewId }, form });
const portalLoad = (cookie: string) => callLoader(portalInterviewRoute, "/portal/interview", { cookie });

describe("publishing an interview to the vendor", () => {
  it("publish now: sets publishedAt, audits, emails the vendor's contact; the vendor's portal shows it", async () => {
    const { rfp, interview, contoso, leadCookie } = await setup();
    const vendorCookie = await portalCookie(contoso.token);
    // Before publishing: no tab, no page, no calendar file.
    expect((await callLoader(portalLayout, "/portal", { cookie: vendorCookie })).data).toMatchObject({
      hasInterview: false,
    });
    expect((await portalLoad(vendorCookie)).status).toBe(404);
    expect((await callLoader(portalIcsRoute, "/portal/interview.ics", { cookie: vendorCookie })).status).toBe(404);

    const published = await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-now" });
    expect(published.status).toBe(302);
    const stored = await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(stored.publishedAt).not.toBeNull();
    const email = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: rfp.id, kind: "interview_published" },
    });
    expect(email).toMatchObject({ toEmail: contoso.contactEmail, invitationId: contoso.invitationId });
    expect(email.subject).toContain("agenda and questions");
    expect(email.bodyText).toContain("the 2 questions");
    expect(
      await prisma.auditEvent.findFirstOrThrow({ where: { action: "interview.published", entityId: interview.id } }),
    ).toMatchObject({ actorLabel: expect.stringContaining("@"), after: expect.objectContaining({ trigger: "lead" }) });

    expect((await callLoader(portalLayout, "/portal", { cookie: vendorCookie })).data).toMatchObject({
      hasInterview: true,
    });
    const page = await portalLoad(vendorCookie);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      questionCount: 2,
      mayConfirm: true,
      interview: { mode: "VIRTUAL", meetingLink: "https://meet.example/northwind-interview", meetingLinkIsWeb: true },
    });
    const agenda = (page.data as { interview: { agenda: { title: string; startsAt: Date; endsAt: Date }[] } }).interview
      .agenda;
    expect(agenda.map((item) => item.title)).toEqual([
      "Introductions",
      "Vendor presentation",
      "Questions and answers",
      "Wrap-up",
    ]);
    expect(agenda[1]?.startsAt.getTime()).toBe(interview.startsAt.getTime() + 10 * 60_000);
    // The vendor never learns why a question was asked: no criterion, no bank id, no score.
    const json = JSON.stringify(page.data);
    expect(json).not.toContain("criterionId");
    expect(json).not.toContain("Service desk");

    const ics = await callLoader(portalIcsRoute, "/portal/interview.ics", { cookie: vendorCookie });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Type")).toContain("text/calendar");
    expect(String(ics.data)).toContain("BEGIN:VEVENT");
    expect(String(ics.data)).toContain(`UID:interview-${interview.id}@localhost`);
  });

  it("isolation: a vendor sees only its own interview, never another vendor's", async () => {
    const { rfp, interview, other, contoso, fabrikam, leadCookie } = await setup();
    await leadPost(rfp.id, other.id, leadCookie, { intent: "publish-now" });
    const contosoCookie = await portalCookie(contoso.token);
    const fabrikamCookie = await portalCookie(fabrikam.token);
    // Only Fabrikam's is published: Contoso gets nothing, and certainly not Fabrikam's.
    expect((await portalLoad(contosoCookie)).status).toBe(404);
    const fabrikamPage = await portalLoad(fabrikamCookie);
    expect(JSON.stringify(fabrikamPage.data)).toContain("FABRIKAM-ONLY QUESTION");

    await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-now" });
    const contosoPage = JSON.stringify((await portalLoad(contosoCookie)).data);
    expect(contosoPage).not.toContain("FABRIKAM-ONLY QUESTION");
    expect(contosoPage).toContain("How do your agents greet callers?");
    const contosoIcs = String(
      (await callLoader(portalIcsRoute, "/portal/interview.ics", { cookie: contosoCookie })).data,
    );
    expect(contosoIcs).toContain(interview.id);
    expect(contosoIcs).not.toContain(other.id);
    // Confirming acts on the session's own interview only.
    await callAction(portalInterviewRoute, "/portal/interview", {
      cookie: contosoCookie,
      form: { intent: "confirm", presenters: "Ana Ruiz, Head of Transition" },
    });
    const [mine, theirs] = await Promise.all([
      prisma.interview.findUniqueOrThrow({ where: { id: interview.id } }),
      prisma.interview.findUniqueOrThrow({ where: { id: other.id } }),
    ]);
    expect(mine.vendorPresenters).toBe("Ana Ruiz, Head of Transition");
    expect(theirs.vendorConfirmedAt).toBeNull();
  });

  it("the vendor confirms attendance and names presenters (audited; the lead sees it); refused after the start", async () => {
    const { rfp, interview, contoso, leadCookie } = await setup();
    await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-now" });
    const cookie = await portalCookie(contoso.token);
    const post = (form: Record<string, string>) =>
      callAction(portalInterviewRoute, "/portal/interview", { cookie, form });

    const badForms: Record<string, string>[] = [
      {},
      { intent: "confirm", presenters: "  " },
      { intent: "confirm", presenters: "x".repeat(2001) },
    ];
    for (const form of badForms) {
      expect((await post(form)).status).toBe(400);
    }
    expect((await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).vendorConfirmedAt).toBeNull();

    expect((await post({ intent: "confirm", presenters: "Ana Ruiz, Head of Transition\nTom Berg, CTO" })).status).toBe(
      302,
    );
    expect((await post({ intent: "confirm", presenters: "Ana Ruiz, Head of Transition" })).status).toBe(302);
    const actions = await prisma.auditEvent.findMany({
      where: { entityId: interview.id, action: { startsWith: "interview.vendor" } },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions).toEqual([
      { action: "interview.vendor_confirmed", actorLabel: "vendor:Contoso Services" },
      { action: "interview.vendor_presenters_changed", actorLabel: "vendor:Contoso Services" },
    ]);
    const lead = await callLoader(questionsRoute, questionsPath(rfp.id, interview.id), {
      cookie: leadCookie,
      params: { rfpId: rfp.id, interviewId: interview.id },
    });
    expect(lead.data).toMatchObject({
      publication: { kind: "PUBLISHED" },
      interview: { confirmation: { presenters: "Ana Ruiz, Head of Transition" } },
    });

    await prisma.interview.update({ where: { id: interview.id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    const late = await post({ intent: "confirm", presenters: "Someone else" });
    expect(late.status).toBe(422);
    expect((await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).vendorPresenters).toBe(
      "Ana Ruiz, Head of Transition",
    );
  });

  it("refuses to publish twice, after the start, or for a vendor no longer shortlisted", async () => {
    const { rfp, interview, other, fabrikam, leadCookie, panel } = await setup();
    const panelCookie = await sessionCookie(panel[0]?.user ?? { id: "", email: "" });
    expect((await leadPost(rfp.id, interview.id, panelCookie, { intent: "publish-now" })).status).toBe(403);
    expect((await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-now" })).status).toBe(302);
    expect((await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-now" })).status).toBe(422);
    await prisma.invitation.update({ where: { id: fabrikam.invitationId }, data: { status: "ELIMINATED" } });
    expect((await leadPost(rfp.id, other.id, leadCookie, { intent: "publish-now" })).status).toBe(422);
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "interview_published" } })).toBe(1);
  });
});

describe("publish timing", () => {
  it("publishes automatically once the configured number of days before the start is reached, exactly once", async () => {
    const { rfp, interview, other, fabrikam } = await setup({ startsInDays: 10, publishDaysBefore: 5 });
    await prisma.interview.update({ where: { id: other.id }, data: { publishDaysBefore: 2 } });
    const startsAt = interview.startsAt.getTime();

    // The publisher runs over the whole database; other tests' interviews may be published by it too.
    const publishedAt = async (id: string) =>
      (await prisma.interview.findUniqueOrThrow({ where: { id }, select: { publishedAt: true } })).publishedAt;

    // Six days before: nothing is due.
    await publishDueInterviews(new Date(startsAt - 6 * DAY));
    expect(await publishedAt(interview.id)).toBeNull();
    // Five days before: Contoso's is due (Fabrikam's, at two days, is not). Two runs at once
    // (two app instances) publish it once.
    await Promise.all([
      publishDueInterviews(new Date(startsAt - 5 * DAY)),
      publishDueInterviews(new Date(startsAt - 5 * DAY)),
    ]);
    expect((await publishedAt(interview.id))?.getTime()).toBe(startsAt - 5 * DAY);
    expect(await publishedAt(other.id)).toBeNull();
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "interview_published" } })).toBe(1);
    const events = await prisma.auditEvent.findMany({
      where: { action: "interview.published", entityId: interview.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: "system", after: expect.objectContaining({ trigger: "schedule" }) });

    // A vendor no longer shortlisted, or an interview already started, is never published.
    await prisma.invitation.update({ where: { id: fabrikam.invitationId }, data: { status: "ELIMINATED" } });
    await publishDueInterviews(new Date(other.startsAt.getTime() - DAY));
    expect(await publishedAt(other.id)).toBeNull();
    await prisma.invitation.update({ where: { id: fabrikam.invitationId }, data: { status: "SHORTLISTED" } });
    await publishDueInterviews(new Date(other.startsAt.getTime() + 60_000));
    expect(await publishedAt(other.id)).toBeNull();
    // Once its moment comes while it is shortlisted and ahead, it is published.
    await publishDueInterviews(new Date(other.startsAt.getTime() - DAY));
    expect(await publishedAt(other.id)).not.toBeNull();
  });

  it("changing the lead time is audited; a moment already past publishes at once", async () => {
    const { rfp, interview, leadCookie } = await setup({ startsInDays: 3, publishDaysBefore: 2 });
    const changed = await leadPost(rfp.id, interview.id, leadCookie, {
      intent: "publish-days",
      publishDaysBefore: "1",
    });
    expect(changed.status).toBe(302);
    let stored = await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(stored).toMatchObject({ publishDaysBefore: 1, publishedAt: null });
    expect(
      await prisma.auditEvent.findFirstOrThrow({
        where: { action: "interview.publish_days_changed", entityId: interview.id },
      }),
    ).toMatchObject({ before: { publishDaysBefore: 2 }, after: { publishDaysBefore: 1 } });

    const now = await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-days", publishDaysBefore: "7" });
    expect(now.status).toBe(302);
    stored = await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(stored.publishedAt).not.toBeNull();
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "interview_published" } })).toBe(1);
    // Published: the timing can no longer change.
    const late = await leadPost(rfp.id, interview.id, leadCookie, { intent: "publish-days", publishDaysBefore: "3" });
    expect(late.status).toBe(422);
    expect((await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).publishDaysBefore).toBe(7);
  });
});
