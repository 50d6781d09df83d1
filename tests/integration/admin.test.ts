import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as auditRoute from "~/routes/admin.audit";
import * as usersRoute from "~/routes/admin.users._index";
import * as newUserRoute from "~/routes/admin.users.new";
import * as dashboardRoute from "~/routes/dashboard";
import * as activityRoute from "~/routes/rfps.$rfpId.activity";
import * as teamRoute from "~/routes/rfps.$rfpId.team";
import * as setupRoute from "~/routes/setup";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

describe("user administration", () => {
  it("creates an account with a temporary password the user must change; duplicates and weak passwords are refused", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const cookie = await sessionCookie(admin);
    const form = {
      name: "Nina Evaluator",
      email: "Nina.Evaluator@Test.example",
      role: "EVALUATOR",
      password: "marble-sunrise-quota-33",
    };
    const created = await callAction(newUserRoute, "/admin/users/new", { cookie, form });
    expect(created.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "nina.evaluator@test.example" } });
    expect(user).toMatchObject({ role: "EVALUATOR", passwordChangeRequired: true });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.created", entityId: user.id } });
    expect(event.after).toEqual({ email: "nina.evaluator@test.example", name: "Nina Evaluator", role: "EVALUATOR" });
    expect(JSON.stringify({ before: event.before, after: event.after })).not.toContain("marble-sunrise");

    const duplicate = await callAction(newUserRoute, "/admin/users/new", { cookie, form });
    expect(duplicate.status).toBe(422);
    expect(duplicate.data).toMatchObject({ fieldErrors: { email: "An account with this email already exists." } });

    const weak = await callAction(newUserRoute, "/admin/users/new", {
      cookie,
      form: { ...form, email: "other@test.example", password: "qwertyuiop123" },
    });
    expect(weak.status).toBe(422);
    expect((weak.data as { values: Record<string, string> }).values).not.toHaveProperty("password");
    expect(await prisma.user.count({ where: { email: "other@test.example" } })).toBe(0);
  });

  it("disabling a user ends all their sessions at once; enabling lets them sign in again", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const victim = await createTestUser({ role: "EVALUATOR" });
    const adminCookie = await sessionCookie(admin);
    const victimCookies = [await sessionCookie(victim), await sessionCookie(victim)];
    const result = await callAction(usersRoute, "/admin/users", {
      cookie: adminCookie,
      form: { intent: "disable", userId: victim.id },
    });
    expect(result.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: victim.id } })).toBe(0);
    for (const cookie of victimCookies)
      expect((await callLoader(dashboardRoute, "/dashboard", { cookie })).status).toBe(302);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.disabled", entityId: victim.id } });
    expect(event.after).toEqual({ disabled: true, sessionsEnded: 2 });

    await callAction(usersRoute, "/admin/users", {
      cookie: adminCookie,
      form: { intent: "enable", userId: victim.id },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).disabledAt).toBeNull();
  });

  it("never leaves the system without an active administrator", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "LEAD" } });
    const admin = await createTestUser({ role: "ADMIN" });
    const cookie = await sessionCookie(admin);
    const self = await callAction(usersRoute, "/admin/users", {
      cookie,
      form: { intent: "disable", userId: admin.id },
    });
    expect(self.status).toBe(422);
    const demote = await callAction(usersRoute, "/admin/users", {
      cookie,
      form: { intent: "role", userId: admin.id, role: "LEAD" },
    });
    expect(demote.status).toBe(422);
    expect(demote.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/last active administrator/) } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("rejects unknown intents and malformed ids with 400", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const cookie = await sessionCookie(admin);
    expect(
      (await callAction(usersRoute, "/admin/users", { cookie, form: { intent: "delete", userId: "x" } })).status,
    ).toBe(400);
    expect(
      (await callAction(usersRoute, "/admin/users", { cookie, form: { intent: "role", userId: "x", role: "KING" } }))
        .status,
    ).toBe(400);
    const missing = await callAction(usersRoute, "/admin/users", {
      cookie,
      form: { intent: "disable", userId: "no-such-user" },
    });
    expect(missing.status).toBe(422);
  });

  it("the set-up page refuses once any account exists", async () => {
    await createTestUser();
    const result = await callAction(setupRoute, "/setup", {
      form: {
        name: "Mallory",
        email: "mallory@test.example",
        password: "violet-canyon-ledger-58",
        confirmPassword: "violet-canyon-ledger-58",
      },
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/login");
    expect(await prisma.user.count({ where: { email: "mallory@test.example" } })).toBe(0);
  });
});

describe("RFP team", () => {
  it("adds panel members and observers by email, respecting what each account may be", async () => {
    const lead = await createTestUser();
    const evaluator = await createTestUser({ role: "EVALUATOR" });
    const admin = await createTestUser({ role: "ADMIN" });
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const path = `/rfps/${rfp.id}/team`;
    const added = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "add", email: evaluator.email, role: "PANEL", functionalGroup: "Finance" },
    });
    expect(added.status).toBe(302);
    expect(await prisma.rfpMember.findFirst({ where: { rfpId: rfp.id, userId: evaluator.id } })).toMatchObject({
      role: "PANEL",
      functionalGroup: "Finance",
    });

    const again = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "add", email: evaluator.email, role: "OBSERVER" },
    });
    expect(again.status).toBe(422);
    const asLead = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "add", email: (await createTestUser({ role: "EVALUATOR" })).email, role: "LEAD" },
    });
    expect(asLead.data).toMatchObject({ fieldErrors: { role: expect.stringMatching(/cannot be lead/) } });
    const adminMember = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "add", email: admin.email, role: "OBSERVER" },
    });
    expect(adminMember.status).toBe(422);
    const unknown = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "add", email: "ghost@test.example", role: "PANEL" },
    });
    expect(unknown.data).toMatchObject({ fieldErrors: { email: expect.stringMatching(/No active account/) } });
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id, action: "rfp.member_added" } })).toBe(1);
  });

  it("always keeps a lead, and only removes members of this RFP", async () => {
    const lead = await createTestUser();
    const otherLead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const otherRfp = await createTestRfp(otherLead);
    const cookie = await sessionCookie(lead);
    const params = { rfpId: rfp.id };
    const path = `/rfps/${rfp.id}/team`;
    const leadMember = await prisma.rfpMember.findFirstOrThrow({ where: { rfpId: rfp.id, userId: lead.id } });
    const removeSelf = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "remove", memberId: leadMember.id },
    });
    expect(removeSelf.status).toBe(422);
    const foreign = await prisma.rfpMember.findFirstOrThrow({ where: { rfpId: otherRfp.id } });
    const removeForeign = await callAction(teamRoute, path, {
      cookie,
      params,
      form: { intent: "remove", memberId: foreign.id },
    });
    expect(removeForeign.status).toBe(422);
    expect(await prisma.rfpMember.count({ where: { id: { in: [leadMember.id, foreign.id] } } })).toBe(2);
  });
});

describe("audit views", () => {
  it("RFP activity lists that RFP's events only, newest first, for lead and observer", async () => {
    const lead = await createTestUser();
    const observer = await createTestUser({ role: "EXECUTIVE" });
    const rfp = await createTestRfp(lead, { members: [{ user: observer, role: "OBSERVER" }] });
    await createTestRfp(lead, { title: "Another RFP" });
    const result = await callLoader(activityRoute, `/rfps/${rfp.id}/activity`, {
      cookie: await sessionCookie(observer),
      params: { rfpId: rfp.id },
    });
    const { events } = result.data as { events: { action: string; rfp: { id: string } | null }[] };
    expect(events.map((event) => event.action)).toEqual(["rfp.created"]);
    expect(events.every((event) => event.rfp?.id === rfp.id)).toBe(true);
  });

  it("admin log filters by actor, action and day, and pages with a keyset", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const lead = await createTestUser();
    for (let index = 0; index < 3; index++) await createTestRfp(lead, { title: `Filter me ${index}` });
    const cookie = await sessionCookie(admin);
    const today = new Date().toISOString().slice(0, 10);
    const filtered = await callLoader(
      auditRoute,
      `/admin/audit?actor=${encodeURIComponent(lead.email)}&action=rfp.created&from=${today}&to=${today}`,
      { cookie },
    );
    const { events } = filtered.data as { events: { action: string; actorLabel: string }[] };
    expect(events).toHaveLength(3);
    expect(events.every((event) => event.action === "rfp.created" && event.actorLabel === lead.email)).toBe(true);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const none = await callLoader(auditRoute, `/admin/audit?actor=${encodeURIComponent(lead.email)}&to=${yesterday}`, {
      cookie,
    });
    expect((none.data as { events: unknown[] }).events).toHaveLength(0);

    const bad = await callLoader(auditRoute, "/admin/audit?from=yesterday", { cookie });
    expect(bad.status).toBe(200);
    expect((bad.data as { errors: Record<string, string> }).errors).toHaveProperty("from");
  });
});
