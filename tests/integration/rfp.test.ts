import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as overviewRoute from "~/routes/rfps.$rfpId._index";
import * as editRoute from "~/routes/rfps.$rfpId.edit";
import * as newRoute from "~/routes/rfps.new";
import { utcToZonedLocal } from "~/utils/dates";
import { createTestRfp, createTestUser, EMPTY_TIMELINE, futureTimeline, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

const validForm = {
  title: "Contact centre 2028",
  summary: "Inbound customer service in three languages, 24/7.",
  category: "Contact centre",
  budgetAmount: "2 400 000",
  currency: "EUR",
  timeZone: "Europe/Paris",
  issueDate: "2027-03-01T09:00",
  questionsDeadline: "2027-03-15T17:00",
  proposalDeadline: "2027-04-01T12:00",
  interviewStart: "2027-04-20T09:00",
  interviewEnd: "2027-04-22T17:00",
  decisionTarget: "2027-05-10T10:00",
};

async function countChanges() {
  const [rfps, events] = await Promise.all([prisma.rfp.count(), prisma.auditEvent.count()]);
  return { rfps, events };
}

describe("create RFP", () => {
  it("creates a draft with the creator as lead, deadlines converted from the RFP's time zone, audited", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const cookie = await sessionCookie(lead);
    const result = await callAction(newRoute, "/rfps/new", { cookie, form: validForm });
    expect(result.status).toBe(302);
    const rfp = await prisma.rfp.findFirstOrThrow({
      where: { title: "Contact centre 2028" },
      include: { members: true },
    });
    expect(result.headers.get("Location")).toBe(`/rfps/${rfp.id}`);
    expect(rfp.stage).toBe("DRAFT");
    expect(rfp.reference).toMatch(/^RFP-\d{4}-\d{3}$/);
    expect(rfp.budgetAmount?.toString()).toBe("2400000");
    // 12:00 in Paris on 1 April 2027 (summer time, UTC+2) is 10:00 UTC.
    expect(rfp.proposalDeadline?.toISOString()).toBe("2027-04-01T10:00:00.000Z");
    expect(rfp.members).toEqual([expect.objectContaining({ userId: lead.id, role: "LEAD" })]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "rfp.created", rfpId: rfp.id } });
    expect(event.actorId).toBe(lead.id);
    expect(event.after).toMatchObject({ title: "Contact centre 2028", reference: rfp.reference });
  });

  it("refuses a timeline out of order with the error on the offending field, and writes nothing", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const cookie = await sessionCookie(lead);
    const before = await countChanges();
    const result = await callAction(newRoute, "/rfps/new", {
      cookie,
      form: { ...validForm, proposalDeadline: "2027-03-10T12:00" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { proposalDeadline: "Proposal deadline must be after clarification questions close." },
      values: { title: "Contact centre 2028" },
    });
    expect(await countChanges()).toEqual(before);
  });

  it("reports every invalid field at once", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const result = await callAction(newRoute, "/rfps/new", {
      cookie: await sessionCookie(lead),
      form: {
        title: "",
        summary: "x",
        category: "Space travel",
        currency: "XXX",
        timeZone: "Mars/Olympus",
        budgetAmount: "lots",
        issueDate: "tomorrow",
      },
    });
    expect(result.status).toBe(400);
    const { fieldErrors } = result.data as { fieldErrors: Record<string, string> };
    expect(Object.keys(fieldErrors).sort()).toEqual([
      "budgetAmount",
      "category",
      "currency",
      "issueDate",
      "timeZone",
      "title",
    ]);
  });

  it("is for procurement leads only", async () => {
    for (const role of ["EVALUATOR", "EXECUTIVE", "ADMIN"] as const) {
      const user = await createTestUser({ role });
      const cookie = await sessionCookie(user);
      expect((await callLoader(newRoute, "/rfps/new", { cookie })).status).toBe(403);
      expect((await callAction(newRoute, "/rfps/new", { cookie, form: validForm })).status).toBe(403);
    }
    expect(await prisma.rfp.count({ where: { title: validForm.title, createdBy: { role: { not: "LEAD" } } } })).toBe(0);
  });
});

describe("edit details", () => {
  it("saves with the version it was loaded at and records only what changed", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const loaded = await callLoader(editRoute, `/rfps/${rfp.id}/edit`, { cookie, params: { rfpId: rfp.id } });
    const { version, values } = loaded.data as { version: number; values: Record<string, string> };
    const result = await callAction(editRoute, `/rfps/${rfp.id}/edit`, {
      cookie,
      params: { rfpId: rfp.id },
      form: { ...values, title: "Facilities management 2028 (three sites)", version: String(version) },
    });
    expect(result.status).toBe(302);
    const saved = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } });
    expect(saved.title).toBe("Facilities management 2028 (three sites)");
    expect(saved.version).toBe(version + 1);
    // Round trip through the form leaves the timeline untouched.
    expect(saved.proposalDeadline?.toISOString()).toBe(rfp.proposalDeadline?.toISOString());
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "rfp.updated", rfpId: rfp.id } });
    expect(event.before).toEqual({ title: "Facilities management 2028" });
    expect(event.after).toEqual({ title: "Facilities management 2028 (three sites)" });
  });

  it("two leads editing at once: the second save is refused with both versions shown, nothing overwritten", async () => {
    const lead = await createTestUser();
    const colead = await createTestUser();
    const rfp = await createTestRfp(lead, { members: [{ user: colead, role: "LEAD" }] });
    const [leadCookie, coleadCookie] = await Promise.all([sessionCookie(lead), sessionCookie(colead)]);
    const params = { rfpId: rfp.id };
    const path = `/rfps/${rfp.id}/edit`;
    const forLead = (await callLoader(editRoute, path, { cookie: leadCookie, params })).data as {
      version: number;
      values: Record<string, string>;
    };
    const forColead = (await callLoader(editRoute, path, { cookie: coleadCookie, params })).data as typeof forLead;

    const first = await callAction(editRoute, path, {
      cookie: leadCookie,
      params,
      form: { ...forLead.values, summary: "Lead's summary", version: String(forLead.version) },
    });
    expect(first.status).toBe(302);
    const second = await callAction(editRoute, path, {
      cookie: coleadCookie,
      params,
      form: { ...forColead.values, summary: "Co-lead's summary", version: String(forColead.version) },
    });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      values: { summary: "Co-lead's summary" },
      conflict: {
        version: forLead.version + 1,
        changes: [{ field: "summary", label: "Summary", theirs: "Lead's summary", yours: "Co-lead's summary" }],
      },
    });
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).summary).toBe("Lead's summary");

    // Having seen theirs, the co-lead can deliberately save on the newer version.
    const third = await callAction(editRoute, path, {
      cookie: coleadCookie,
      params,
      form: { ...forColead.values, summary: "Co-lead's summary", version: String(forLead.version + 1) },
    });
    expect(third.status).toBe(302);
  });

  it("is refused to panel members and observers", async () => {
    const lead = await createTestUser();
    const panel = await createTestUser({ role: "EVALUATOR" });
    const observer = await createTestUser({ role: "EXECUTIVE" });
    const rfp = await createTestRfp(lead, {
      members: [
        { user: panel, role: "PANEL" },
        { user: observer, role: "OBSERVER" },
      ],
    });
    for (const user of [panel, observer]) {
      const cookie = await sessionCookie(user);
      const result = await callAction(editRoute, `/rfps/${rfp.id}/edit`, {
        cookie,
        params: { rfpId: rfp.id },
        form: { ...validForm, version: "1" },
      });
      expect(result.status).toBe(403);
    }
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).version).toBe(1);
  });

  it("shows wall-clock values in the RFP's time zone", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const loaded = await callLoader(editRoute, `/rfps/${rfp.id}/edit`, {
      cookie: await sessionCookie(lead),
      params: { rfpId: rfp.id },
    });
    const { values } = loaded.data as { values: Record<string, string> };
    expect(values.proposalDeadline).toBe(utcToZonedLocal(rfp.proposalDeadline, "Europe/Berlin"));
  });
});

describe("stage transitions", () => {
  it("publishes a draft whose timeline is complete; the move is audited and bumps the version", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const overview = await callLoader(overviewRoute, `/rfps/${rfp.id}`, { cookie, params });
    expect((overview.data as { transitions: unknown }).transitions).toEqual([
      { to: "PUBLISHED", allowed: true, blockers: [] },
      { to: "CANCELLED", allowed: true, blockers: [] },
    ]);
    const result = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PUBLISHED", version: "1" },
    });
    expect(result.status).toBe(302);
    const saved = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } });
    expect(saved).toMatchObject({ stage: "PUBLISHED", version: 2 });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "rfp.stage_changed", rfpId: rfp.id } });
    expect(event).toMatchObject({ actorId: lead.id, before: { stage: "DRAFT" }, after: { stage: "PUBLISHED" } });
  });

  it("explains why a draft cannot be published yet, and refuses the move", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead, {
      timeline: { ...EMPTY_TIMELINE, issueDate: new Date(Date.now() + 86_400_000) },
    });
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const overview = await callLoader(overviewRoute, `/rfps/${rfp.id}`, { cookie, params });
    const [publish] = (overview.data as { transitions: { allowed: boolean; blockers: string[] }[] }).transitions;
    expect(publish?.allowed).toBe(false);
    expect(publish?.blockers).toEqual([
      "Complete the timeline: clarification questions close, proposal deadline, interviews from, interviews until, decision target.",
    ]);
    const events = await prisma.auditEvent.count();
    const result = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PUBLISHED", version: "1" },
    });
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ fieldErrors: { to: expect.stringContaining("Complete the timeline") } });
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).stage).toBe("DRAFT");
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  it("keeps proposals sealed: no evaluation before the proposal deadline", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PUBLISHED", version: "1" },
    });
    const result = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "EVALUATION", version: "2" },
    });
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      fieldErrors: { to: "Proposals stay sealed until the proposal deadline has passed." },
    });
  });

  it("refuses skipping stages, stale versions and unknown stages", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const skip = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "AWARDED", version: "1" },
    });
    expect(skip.status).toBe(422);
    const stale = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PUBLISHED", version: "7" },
    });
    expect(stale.status).toBe(409);
    const unknown = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PARTY", version: "1" },
    });
    expect(unknown.status).toBe(400);
    const noIntent = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { to: "PUBLISHED", version: "1" },
    });
    expect(noIntent.status).toBe(400);
    expect(
      await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id }, select: { stage: true, version: true } }),
    ).toEqual({ stage: "DRAFT", version: 1 });
  });

  it("cancels only with a reason, and a cancelled RFP cannot move again", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const noReason = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "CANCELLED", version: "1", reason: "no" },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.data).toMatchObject({ fieldErrors: { reason: expect.stringMatching(/at least 10 characters/) } });
    const cancelled = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "CANCELLED", version: "1", reason: "Budget withdrawn by the board." },
    });
    expect(cancelled.status).toBe(302);
    expect(await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).toMatchObject({
      stage: "CANCELLED",
      cancelledReason: "Budget withdrawn by the board.",
    });
    const again = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
      cookie,
      params,
      form: { intent: "transition", to: "PUBLISHED", version: "2" },
    });
    expect(again.status).toBe(422);
  });

  it("is for the RFP's leads only", async () => {
    const lead = await createTestUser();
    const panel = await createTestUser({ role: "EVALUATOR" });
    const otherLead = await createTestUser();
    const rfp = await createTestRfp(lead, { timeline: futureTimeline(), members: [{ user: panel, role: "PANEL" }] });
    for (const user of [panel, otherLead]) {
      const result = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
        cookie: await sessionCookie(user),
        params: { rfpId: rfp.id },
        form: { intent: "transition", to: "PUBLISHED", version: "1" },
      });
      expect(result.status).toBe(403);
    }
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).stage).toBe("DRAFT");
  });
});
