import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { LOGIN_THROTTLE } from "~/domain/login-throttle";
import { hashToken, SESSION_LIMITS } from "~/models/session.server";
import * as passwordRoute from "~/routes/account.password";
import * as dashboardRoute from "~/routes/dashboard";
import * as healthRoute from "~/routes/healthz";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import { createTestUser, sessionCookie, TEST_PASSWORD } from "../fixtures/factories";
import { callAction, callLoader, cookieFrom } from "../fixtures/routes";

async function login(email: string, password: string, options: { ip?: string; cookie?: string } = {}) {
  return callAction(loginRoute, "/login", { form: { email, password }, ...options });
}

describe("login", () => {
  it("signs in with the right password: new session row, HttpOnly SameSite=Lax cookie, audit event", async () => {
    const user = await createTestUser();
    const result = await login(user.email.toUpperCase(), TEST_PASSWORD);
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/dashboard");
    const setCookie = result.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^sl_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "auth.login", actorId: user.id } })).toBe(1);

    const cookie = cookieFrom(result);
    expect(cookie).not.toBeNull();
    const dashboard = await callLoader(dashboardRoute, "/dashboard", { cookie: cookie ?? "" });
    expect(dashboard.status).toBe(200);
  });

  it("stores only a hash of the session token", async () => {
    const user = await createTestUser();
    const cookie = cookieFrom(await login(user.email, TEST_PASSWORD)) ?? "";
    const token = JSON.parse(
      Buffer.from(decodeURIComponent(cookie.split("=")[1] ?? ""), "base64").toString("utf8"),
    ) as string;
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.tokenHash).toBe(hashToken(token));
    expect(session.tokenHash).not.toContain(token);
  });

  it("answers a wrong password, an unknown email and a disabled account identically", async () => {
    const user = await createTestUser();
    const disabled = await createTestUser({ disabled: true });
    const answers = await Promise.all([
      login(user.email, "not-the-password-at-all"),
      login("nobody.here@test.example", TEST_PASSWORD),
      login(disabled.email, TEST_PASSWORD),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.data).toMatchObject({ fieldErrors: { form: "The email or password is not correct." } });
      expect(answer.headers.get("Set-Cookie")).toBeNull();
    }
    const failures = await prisma.auditEvent.findMany({
      where: { action: "auth.login_failed" },
      select: { actorId: true, after: true },
    });
    expect(failures).toHaveLength(3);
    // The log records the attempt without saying whether the account exists.
    for (const failure of failures) {
      expect(failure.actorId).toBeNull();
      expect(failure.after).toMatchObject({ outcome: "invalid credentials" });
    }
  });

  it("rejects malformed input with field errors and writes nothing", async () => {
    const before = await prisma.loginAttempt.count();
    const result = await callAction(loginRoute, "/login", { form: { email: "not an email", password: "" } });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { email: "Enter a valid email address.", password: "Enter your password." },
    });
    expect(await prisma.loginAttempt.count()).toBe(before);
  });

  it("throttles an account after repeated failures, even with the right password, whatever the address", async () => {
    const user = await createTestUser();
    for (let attempt = 0; attempt < LOGIN_THROTTLE.maxFailuresPerAccount; attempt++) {
      expect((await login(user.email, "wrong-password-guess", { ip: `192.0.2.${attempt + 1}` })).status).toBe(400);
    }
    const blocked = await login(user.email, TEST_PASSWORD, { ip: "198.51.100.7" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("throttles an address that tries many accounts", async () => {
    const ip = "203.0.113.99";
    for (let attempt = 0; attempt < LOGIN_THROTTLE.maxFailuresPerIp; attempt++) {
      await login(`guess${attempt}@test.example`, "wrong-password-guess", { ip });
    }
    const user = await createTestUser();
    expect((await login(user.email, TEST_PASSWORD, { ip })).status).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, { ip: "203.0.113.100" })).status).toBe(302);
  });

  it("rotates the session at login: a session id the browser had before is ended", async () => {
    const user = await createTestUser();
    const planted = await sessionCookie(user);
    const result = await login(user.email, TEST_PASSWORD, { cookie: planted });
    expect(result.status).toBe(302);
    const fresh = cookieFrom(result);
    expect(fresh).not.toBe(planted);
    const withOld = await callLoader(dashboardRoute, "/dashboard", { cookie: planted });
    expect(withOld.status).toBe(302);
    expect(withOld.headers.get("Location")).toMatch(/^\/login/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("only follows same-site redirect targets after login", async () => {
    const user = await createTestUser();
    const inside = await callAction(loginRoute, "/login", {
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/rfps" },
    });
    expect(inside.headers.get("Location")).toBe("/rfps");
    const outside = await callAction(loginRoute, "/login", {
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" },
    });
    expect(outside.headers.get("Location")).toBe("/dashboard");
  });
});

describe("sessions", () => {
  it("logout deletes the session, so the old cookie no longer works", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user);
    const result = await callAction(logoutRoute, "/logout", { cookie });
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/sl_session=;.*Max-Age=0/i);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "auth.logout", actorId: user.id } })).toBe(1);
    const after = await callLoader(dashboardRoute, "/dashboard", { cookie });
    expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("a GET to /logout changes nothing", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user);
    const result = await callLoader(logoutRoute, "/logout", { cookie });
    expect(result.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("ends sessions idle for longer than the idle timeout", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user);
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - (SESSION_LIMITS.idleMinutes + 1) * 60_000) },
    });
    expect((await callLoader(dashboardRoute, "/dashboard", { cookie })).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("ends sessions past their absolute lifetime even when active", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callLoader(dashboardRoute, "/dashboard", { cookie })).status).toBe(302);
  });

  it("sends users with a temporary password to change it first, then lets them in", async () => {
    const user = await createTestUser({ passwordChangeRequired: true });
    const cookie = await sessionCookie(user);
    const blocked = await callLoader(dashboardRoute, "/dashboard", { cookie });
    expect(blocked.headers.get("Location")).toBe("/account/password?required=1");

    const weak = await callAction(passwordRoute, "/account/password", {
      cookie,
      form: { currentPassword: TEST_PASSWORD, newPassword: "password1234", confirmPassword: "password1234" },
    });
    expect(weak.status).toBe(422);
    expect(weak.data).toMatchObject({ fieldErrors: { newPassword: expect.stringMatching(/common/) } });

    const other = await sessionCookie(user);
    const changed = await callAction(passwordRoute, "/account/password", {
      cookie,
      form: {
        currentPassword: TEST_PASSWORD,
        newPassword: "amber-kettle-orbit-1987",
        confirmPassword: "amber-kettle-orbit-1987",
      },
    });
    expect(changed.status).toBe(302);
    expect((await callLoader(dashboardRoute, "/dashboard", { cookie })).status).toBe(200);
    // Other sessions die with the old password.
    expect((await callLoader(dashboardRoute, "/dashboard", { cookie: other })).status).toBe(302);
  });

  it("health check needs no session and touches no data", async () => {
    const result = await callLoader(healthRoute, "/healthz");
    expect(result).toMatchObject({ status: 200, data: "ok" });
  });
});
