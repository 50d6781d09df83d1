/**
 * The real production server as an operator runs it (`node build/server.js` on an embedded
 * database folder): it must stop cleanly on SIGTERM, reopen its data afterwards, and refuse to
 * share that folder with a second process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";

const PRIYA = "priya.shah@northwind.example";
const ALEX = "alex.morgan@northwind.example";
const SERVER_TIMEOUT = 120_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null };
type RunningServer = {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  exited: Promise<Exit>;
  output: () => string;
};

const started: RunningServer[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  // A failed assertion must not leave a server holding a port or a data folder.
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
  }
});
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDataDir() {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shortlist-shutdown-"));
  tempDirs.push(parent);
  return path.join(parent, "pglite");
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `pglite:${dataDir}`,
      DEMO_DATA: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  if (!child.pid) throw new Error("the server process did not start");
  const server = { child, pid: child.pid, baseUrl: `http://127.0.0.1:${port}`, exited, output: () => output };
  started.push(server);
  return server;
}

/** Polls /healthz until it answers (the server listens only after migrating and seeding). */
async function waitUntilHealthy(server: RunningServer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | null = null;
  void server.exited.then((result) => {
    exit = result;
  });
  while (Date.now() < deadline) {
    if (exit) throw new Error(`server exited (${JSON.stringify(exit)}) before answering:\n${server.output()}`);
    const answer = await fetch(`${server.baseUrl}/healthz`).catch(() => null);
    if (answer?.ok && (await answer.text()) === "ok") return;
    await delay(100);
  }
  throw new Error(`no answer from /healthz within ${timeoutMs} ms:\n${server.output()}`);
}

/** Resolves with how the process ended, or rejects if it is still running after `ms`. */
async function exitWithin(server: RunningServer, ms: number): Promise<Exit & { ms: number }> {
  const startedAt = Date.now();
  const timer = new AbortController();
  const timeout = delay(ms, "timeout" as const, { signal: timer.signal }).catch(() => "cancelled" as const);
  const result = await Promise.race([server.exited, timeout]);
  timer.abort();
  if (result === "timeout" || result === "cancelled")
    throw new Error(`still running after ${ms} ms:\n${server.output()}`);
  return { ...result, ms: Date.now() - startedAt };
}

async function signIn(server: RunningServer, email: string) {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/dashboard");
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith("sl_session="))
    ?.split(";")[0];
  if (!cookie) throw new Error("no session cookie after signing in");
  return cookie;
}

async function page(server: RunningServer, pathname: string, cookie: string) {
  const response = await fetch(`${server.baseUrl}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(response.status).toBe(200);
  // React separates adjacent text with <!-- -->; drop it so the text reads as on screen.
  return (await response.text()).replaceAll("<!-- -->", "");
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("the production server process", () => {
  it(
    "stops cleanly on SIGTERM, releases its data folder and reopens it without seeding the demo again",
    async () => {
      const dataDir = freshDataDir();
      const lockPath = `${dataDir}.lock`;
      const first = await startServer(dataDir);
      await waitUntilHealthy(first);
      expect(fs.readFileSync(lockPath, "utf8")).toBe(String(first.pid));

      const priya = await signIn(first, PRIYA);
      const created = await fetch(`${first.baseUrl}/rfps/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: priya },
        body: new URLSearchParams({
          title: "Depot security 2028",
          summary: "Guarding and alarm response for fourteen depots.",
          category: "Facilities management",
          budgetAmount: "650000",
          currency: "EUR",
          timeZone: "Europe/Amsterdam",
        }),
      });
      expect(created.status).toBe(302);
      expect(created.headers.get("Location")).toMatch(/^\/rfps\/[a-z0-9]+$/);
      expect(count(await page(first, "/rfps", priya), ">Depot security 2028</a>")).toBe(1);

      first.child.kill("SIGTERM");
      const stopped = await exitWithin(first, 15_000);
      expect(stopped).toMatchObject({ code: 0, signal: null });
      expect(fs.existsSync(lockPath)).toBe(false);
      expect(first.output()).not.toMatch(/"level":(50|60)/);

      const second = await startServer(dataDir);
      await waitUntilHealthy(second);
      expect(fs.readFileSync(lockPath, "utf8")).toBe(String(second.pid));
      // The demo password still works (accounts were not recreated) and the new RFP survived.
      const priyaAgain = await signIn(second, PRIYA);
      const rfps = await page(second, "/rfps", priyaAgain);
      // Counted in the rendered table (the page also carries its loader data as JSON).
      expect(count(rfps, ">Depot security 2028</a>")).toBe(1);
      expect(count(rfps, ">Managed IT Services 2027</a>")).toBe(1);
      expect(count(rfps, ">Contact Centre Services 2027</a>")).toBe(1);
      // The three demo tenders and the new one: the demo was not seeded a second time.
      expect(rfps.match(/<td class="mono">RFP-\d{4}-\d{3}<\/td>/g)).toHaveLength(4);
      // Still the ten demo accounts, not twenty.
      const alex = await signIn(second, ALEX);
      expect(await page(second, "/dashboard", alex)).toContain("<dt>Accounts</dt><dd>10 (0 disabled)</dd>");

      second.child.kill("SIGTERM");
      expect(await exitWithin(second, 15_000)).toMatchObject({ code: 0, signal: null });
      expect(fs.existsSync(lockPath)).toBe(false);
      expect(second.output()).not.toMatch(/"level":(50|60)/);
    },
    SERVER_TIMEOUT,
  );

  it(
    "refuses to start a second server on a data folder that is in use, and leaves the first one running",
    async () => {
      const dataDir = freshDataDir();
      const lockPath = `${dataDir}.lock`;
      const first = await startServer(dataDir);
      await waitUntilHealthy(first);

      const intruder = await startServer(dataDir);
      const refused = await exitWithin(intruder, 10_000);
      expect(refused.code).toBe(1);
      expect(intruder.output()).toContain(`The embedded database at ${dataDir} is in use by process ${first.pid}.`);

      // The first server still owns its data and answers.
      expect(fs.readFileSync(lockPath, "utf8")).toBe(String(first.pid));
      await waitUntilHealthy(first, 5_000);
      await signIn(first, PRIYA);

      first.child.kill("SIGTERM");
      expect(await exitWithin(first, 15_000)).toMatchObject({ code: 0, signal: null });
      expect(fs.existsSync(lockPath)).toBe(false);
    },
    SERVER_TIMEOUT,
  );
});
