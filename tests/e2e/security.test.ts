import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createTestUser, sessionCookie, TEST_PASSWORD } from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();
let lead: Awaited<ReturnType<typeof createTestUser>>;
let cookie: string;

beforeAll(async () => {
  lead = await createTestUser({ role: "LEAD", name: "Sam Secure" });
  cookie = await sessionCookie(lead);
});

/** "    at fn (file.js:1:2)", file positions, dependency paths, serialized stacks. */
const STACK_TRACE = /\bat \S+ \(|\.(js|ts|tsx):\d+:\d+|node_modules|\\?"stack\\?"/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function get(path: string, options: { signedIn?: boolean } = {}) {
  return fetch(new URL(path, e2e.baseUrl()), {
    redirect: "manual",
    headers: options.signedIn ? { Cookie: cookie } : {},
  });
}

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(new URL(path, e2e.baseUrl()), {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, ...headers },
    body: new URLSearchParams(form),
  });
}

function nonceOf(csp: string | null) {
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1];
  if (!nonce) throw new Error(`no script nonce in CSP: ${csp}`);
  return nonce;
}

/** The nonce attribute of every <script> tag in the HTML as sent (null where there is none). */
function scriptNonces(html: string) {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((match) => /\snonce="([^"]*)"/.exec(match[0])?.[1] ?? null);
}

const NEW_RFP = {
  title: "Forged procurement",
  summary: "Should never exist.",
  category: "Other",
  currency: "EUR",
  timeZone: "UTC",
};

describe("static files", () => {
  it("serves public/'s files and the client build, and leaves every other path to the app", async () => {
    const favicon = await get("/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("content-type")).toContain("image/svg+xml");
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    const missingAsset = await get("/build/no-such-file.js");
    expect(missingAsset.status).toBe(404);
    // Not a file in public/: answered by the app (its 404 page), not by the static middleware.
    const notAFile = await get("/robots-missing.txt");
    expect(notAFile.status).toBe(404);
    expect(notAFile.headers.get("content-type")).toContain("text/html");
    expect(await notAFile.text()).toContain("</html>");
  });
});

describe("security headers", () => {
  it.each([
    { path: "/login", signedIn: false, status: 200 },
    { path: "/dashboard", signedIn: true, status: 200 },
    { path: "/rfps/new", signedIn: true, status: 200 },
    { path: "/no/such/page", signedIn: false, status: 404 },
  ])("$path ($status) has a CSP with a fresh nonce on every script, and the hardening headers", async (page) => {
    const [first, second] = await Promise.all([get(page.path, page), get(page.path, page)]);
    for (const response of [first, second]) {
      expect(response.status).toBe(page.status);
      expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("X-Frame-Options")).toBe("DENY");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
      expect(response.headers.get("X-Request-Id")).toMatch(UUID);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await response.text();
      const nonces = scriptNonces(html);
      expect(nonces.length).toBeGreaterThan(0);
      expect(new Set(nonces)).toEqual(new Set([nonceOf(csp)]));
      expect(html).toContain(`<meta name="request-id" content="${response.headers.get("X-Request-Id")}"/>`);
    }
    expect(nonceOf(first.headers.get("Content-Security-Policy"))).not.toBe(
      nonceOf(second.headers.get("Content-Security-Policy")),
    );
    expect(first.headers.get("X-Request-Id")).not.toBe(second.headers.get("X-Request-Id"));
  });

  it("the browser runs only the scripts carrying the page's nonce, and reports no CSP violation on the dashboard", async () => {
    const page = await e2e.pageAs(lead);
    await page.addInitScript(() => {
      const violations: string[] = [];
      Object.assign(window, { __cspViolations: violations });
      document.addEventListener("securitypolicyviolation", (event) => {
        violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

    const response = await page.goto("/dashboard");
    expect(response?.status()).toBe(200);
    await waitForHydration(page);
    const nonce = nonceOf((await response?.headerValue("Content-Security-Policy")) ?? null);
    const domNonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
    expect(new Set(domNonces)).toEqual(new Set([nonce]));

    // Client-side navigation loads route modules and data under the same policy.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "RFPs" }).click();
    await page.getByRole("heading", { name: "No RFPs yet" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("heading", { name: "Good to see you, Sam" }).waitFor();

    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The listener works: an injected inline script without the nonce is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true;";
      document.body.append(script);
    });
    await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length > 0);
    expect(await violations()).toEqual(["script-src-elem inline"]);
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    expect(consoleErrors.some((text) => text.includes("Content Security Policy"))).toBe(true);
  });

  it("the session cookie is HttpOnly and SameSite=Lax, and page scripts cannot read it", async () => {
    const login = await post(
      "/login",
      { email: lead.email, password: TEST_PASSWORD },
      { Cookie: "", "Content-Type": "application/x-www-form-urlencoded" },
    );
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/dashboard");
    const session = login.headers.getSetCookie().find((header) => header.startsWith("sl_session="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);

    // The same, as the browser stores it after signing in through the form.
    const page = await e2e.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(lead.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/dashboard");
    const stored = (await page.context().cookies()).find((entry) => entry.name === "sl_session");
    expect(stored).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // Scripts on the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("sl_session");
  });
});

describe("cross-site requests", () => {
  it("refuses a POST from another site with 403 and changes nothing; the same POST from the app's own origin works", async () => {
    const before = await prisma.rfp.count();
    const forged = await post("/rfps/new", NEW_RFP, { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toBe("Forbidden: this request did not come from a Shortlist page.");
    const crossSite = await post("/rfps/new", NEW_RFP, { "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const nullOrigin = await post("/rfps/new", NEW_RFP, { Origin: "null" });
    expect(nullOrigin.status).toBe(403);
    expect(await prisma.rfp.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: "rfp.created" } })).toBe(0);

    // A forged sign-out does not end the session either.
    const logout = await post("/logout", {}, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(logout.status).toBe(403);
    expect((await get("/dashboard", { signedIn: true })).status).toBe(200);

    // Control: the very same request from the app's own origin is accepted.
    const genuine = await post("/rfps/new", NEW_RFP, { Origin: e2e.baseUrl(), "Sec-Fetch-Site": "same-origin" });
    expect(genuine.status).toBe(302);
    expect(genuine.headers.get("Location")).toMatch(/^\/rfps\/[a-z0-9]+$/);
    expect(await prisma.rfp.count()).toBe(before + 1);
  });
});

describe("error pages", () => {
  it("an unknown URL shows the friendly 404 page with the request id and no stack trace", async () => {
    const page = await e2e.newPage();
    const response = await page.goto("/rfps-archive/2019/everything.php");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    await page.getByText("The page or record does not exist, or it was removed.").waitFor();
    const requestId = await response?.headerValue("X-Request-Id");
    expect(requestId).toMatch(UUID);
    expect(await page.getByRole("alert").getByRole("code").textContent()).toBe(requestId);
    await page.getByRole("link", { name: "Back to your dashboard" }).waitFor();
    expect(await page.getByRole("main").textContent()).not.toMatch(STACK_TRACE);
    // Nor hidden in the page source (the router's error data is sanitized in production).
    expect(await response?.text()).not.toMatch(STACK_TRACE);
  });

  it("a missing RFP is a 404 inside the app, with the id of the request that failed", async () => {
    const page = await e2e.pageAs(lead);
    const response = await page.goto("/rfps/does-not-exist");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    expect(await page.getByRole("alert").getByRole("code").textContent()).toBe(
      await response?.headerValue("X-Request-Id"),
    );
    expect(await page.getByRole("main").textContent()).not.toMatch(STACK_TRACE);
    expect(await response?.text()).not.toMatch(STACK_TRACE);
  });
});
