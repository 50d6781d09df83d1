/**
 * Admission control over real HTTP on the production build: with one request allowed in flight
 * and the embedded database held (PGlite runs one query at a time), page loads are turned away
 * with a 503 the browser retries, while liveness still answers and a queued save and a queued
 * data request of an open page wait their turn and succeed.
 */
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db.server";
import { createTestUser, sessionCookie, TEST_PASSWORD } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../fixtures/server";

const MAX_QUEUE_WAIT_MS = 300;

let server: TestServer;
let lead: Awaited<ReturnType<typeof createTestUser>>;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ admission: { maxInFlight: 1, maxQueueWaitMs: MAX_QUEUE_WAIT_MS, maxQueued: 10 } });
  lead = await createTestUser({ role: "LEAD", name: "Olive Overload" });
  cookie = await sessionCookie(lead);
});
afterAll(async () => {
  await server?.close();
});

function send(path: string, init: RequestInit = {}) {
  return fetch(new URL(path, server.baseUrl), { redirect: "manual", ...init });
}

/** A request whose outcome can be checked for "still waiting" before it is awaited. */
function pending(path: string, init: RequestInit = {}) {
  const state: { response: Response | null } = { response: null };
  const response = send(path, init).then((settled) => {
    state.response = settled;
    return settled;
  });
  return { response, settled: () => state.response !== null };
}

/** Holds the embedded database in an open transaction until the returned function is called. */
async function holdDatabase() {
  const { pglite } = getDatabase();
  if (!pglite) throw new Error("this test needs the embedded database");
  let letGo = () => {};
  const released = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  let started = () => {};
  const holding = new Promise<void>((resolve) => {
    started = resolve;
  });
  const transaction = pglite.transaction(async () => {
    started();
    await released;
  });
  await holding;
  return async () => {
    letGo();
    await transaction;
  };
}

/**
 * A page that needs no database query (the 404 page, signed out) finishes at once while a slot is
 * free; its first 503 proves the one slot is taken by the request we sent before it.
 */
async function firstShedProbe() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const probe = await send("/no/such/page");
    if (probe.status === 503) return probe;
    expect(probe.status).toBe(404);
  }
  throw new Error("the gate never filled up: the held request was not admitted");
}

describe("under overload", () => {
  it("turns page loads away with 503 + Retry-After, keeps the probes up, and lets queued saves and data requests finish", async () => {
    // Before: the sign-in page loads normally through the gate.
    expect((await send("/login")).status).toBe(200);

    const releaseDatabase = await holdDatabase();
    let heldPage: ReturnType<typeof pending> | null = null;
    try {
      heldPage = pending("/dashboard", { headers: { Cookie: cookie } });
      const shed = await firstShedProbe();
      expect(shed.headers.get("Retry-After")).toBe("2");
      expect(shed.headers.get("Cache-Control")).toBe("no-store");
      expect(shed.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(shed.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
      const busy = await shed.text();
      expect(busy).toContain("<h1>Shortlist is busy</h1>");
      expect(busy).toContain("This page will try again in a few seconds.");
      expect(busy).toContain('<meta http-equiv="refresh" content="2">');
      expect(busy).toContain('<a href="/no/such/page">Try again now</a>');
      expect(busy).not.toContain("<script");

      // An open page's data request and a save queue behind the held page; neither is shed.
      const order: string[] = [];
      const revalidation = pending("/dashboard.data", { headers: { Cookie: cookie } });
      void revalidation.response.then(() => order.push("revalidation"));
      await delay(50);
      const signIn = pending("/login", {
        method: "POST",
        body: new URLSearchParams({ email: lead.email, password: TEST_PASSWORD }),
      });
      void signIn.response.then(() => order.push("sign-in"));

      // A real page load meanwhile waits MAX_QUEUE_WAIT_MS and is shed too, after which the
      // data request and the save are still waiting, not shed.
      const started = Date.now();
      const pageLoad = await send("/login");
      expect(pageLoad.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_QUEUE_WAIT_MS - 20);
      expect(await pageLoad.text()).toContain("Shortlist is busy");
      expect(heldPage.settled()).toBe(false);
      expect(revalidation.settled()).toBe(false);
      expect(signIn.settled()).toBe(false);

      // Liveness answers while the gate is full; readiness is not shed either (it waits for the
      // database, which is held, and answers once it is free).
      const health = await send("/healthz");
      expect(health.status).toBe(200);
      expect(await health.text()).toBe("ok");
      const readiness = pending("/readyz");

      await delay(MAX_QUEUE_WAIT_MS + 100);
      expect(readiness.settled()).toBe(false);
      await releaseDatabase();
      expect((await heldPage.response).status).toBe(200);
      const ready = await readiness.response;
      expect(ready.status).toBe(200);
      expect(await ready.text()).toBe("ready");
      const signedIn = await signIn.response;
      expect(signedIn.status).toBe(302);
      expect(signedIn.headers.get("Location")).toBe("/dashboard");
      const data = await revalidation.response;
      expect(data.status).toBe(200);
      expect(data.headers.get("Content-Type")).not.toContain("text/html");
      // The save went first although the data request was queued before it.
      expect(order).toEqual(["sign-in", "revalidation"]);
    } finally {
      await releaseDatabase();
      await heldPage?.response.catch(() => {});
    }

    // After: every slot was given back, so page loads are admitted again.
    expect((await send("/login")).status).toBe(200);
    expect((await send("/dashboard", { headers: { Cookie: cookie } })).status).toBe(200);
  });
});
