/**
 * Faults, with real processes and a real PostgreSQL cluster (started here; needs the PostgreSQL
 * server binaries, which .ci/run installs — this suite runs in CI after the PostgreSQL
 * integration run, not in `npm test`):
 * - SIGKILL in the middle of a write load: every acknowledged write survives and the database
 *   opens cleanly, on PGlite and on PostgreSQL;
 * - PostgreSQL restarts while the app runs: requests in flight fail, then the app recovers
 *   without a restart;
 * - three app instances started at once on one empty database migrate exactly once and all serve.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { startThrowawayPostgres } from "../../scripts/lib/pg-cluster";
import {
  createRfpOverHttp,
  killAll,
  type ServerProcess,
  signIn,
  startServer,
  waitUntilHealthy,
} from "../fixtures/processes";

const PRIYA = "priya.shah@northwind.example";
let cluster: NonNullable<Awaited<ReturnType<typeof startThrowawayPostgres>>>;
const dirs: string[] = [];

beforeAll(async () => {
  const started = await startThrowawayPostgres();
  if (!started)
    throw new Error("The fault suite needs the PostgreSQL server binaries (Debian: apt-get install postgresql).");
  cluster = started;
});

afterAll(async () => {
  await killAll();
  cluster?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function createDatabase(name: string) {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

/** Writes from four concurrent workers until told to stop; returns the ids the server acknowledged. */
function writeLoad(server: ServerProcess, cookie: string) {
  const acknowledged: string[] = [];
  let running = true;
  let attempts = 0;
  const workers = Array.from({ length: 4 }, async (_, worker) => {
    while (running) {
      attempts++;
      try {
        const id = await createRfpOverHttp(server, cookie, `Load ${worker}-${attempts}`);
        if (id) acknowledged.push(id);
      } catch {
        // The connection died with the server: this write was never acknowledged.
      }
    }
  });
  return {
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

async function rfpLoads(server: ServerProcess, cookie: string, id: string) {
  const response = await fetch(`${server.baseUrl}/rfps/${id}`, { headers: { cookie } });
  return response.status;
}

async function killMidLoadAndRestart(env: Record<string, string>) {
  const first = await startServer({ ...env, DEMO_DATA: "1" });
  const cookie = await signIn(first, PRIYA, DEMO_PASSWORD);
  const load = writeLoad(first, cookie);
  while (load.acknowledged.length < 20) await delay(50);
  first.child.kill("SIGKILL");
  await first.exited;
  await load.stop();
  const acknowledged = [...load.acknowledged];
  expect(acknowledged.length).toBeGreaterThanOrEqual(20);

  const second = await startServer(env);
  const again = await signIn(second, PRIYA, DEMO_PASSWORD);
  const statuses = await Promise.all(acknowledged.map((id) => rfpLoads(second, again, id)));
  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  // The restarted server works normally: it takes new writes.
  expect(await createRfpOverHttp(second, again, "After the crash")).not.toBeNull();
  second.child.kill("SIGTERM");
  expect((await second.exited).code).toBe(0);
}

describe("a crash in the middle of a write load", () => {
  it("loses no acknowledged write on the embedded database, which reopens cleanly", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shortlist-faults-"));
    dirs.push(parent);
    await killMidLoadAndRestart({ DATABASE_URL: `pglite:${path.join(parent, "pglite")}` });
  });

  it("loses no acknowledged write on PostgreSQL", async () => {
    await killMidLoadAndRestart({ DATABASE_URL: await createDatabase("faults_kill") });
  });
});

describe("PostgreSQL restarting under a running app", () => {
  it("fails the requests in flight, then recovers without restarting the app", async () => {
    const server = await startServer({
      DATABASE_URL: await createDatabase("faults_restart"),
      DEMO_DATA: "1",
      DATABASE_ACQUIRE_TIMEOUT_MS: "2000",
    });
    const cookie = await signIn(server, PRIYA, DEMO_PASSWORD);
    expect(await createRfpOverHttp(server, cookie, "Before the restart")).not.toBeNull();

    // Stop PostgreSQL: the app answers with errors (not hangs), and stays up.
    cluster.pause();
    const during = await fetch(`${server.baseUrl}/readyz`).then((response) => response.status);
    expect(during).toBe(503);
    const write = await fetch(`${server.baseUrl}/rfps/new`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({
        title: "During the outage",
        summary: "x",
        category: "Logistics",
        currency: "EUR",
        timeZone: "UTC",
      }),
      redirect: "manual",
    });
    expect(write.status).toBeGreaterThanOrEqual(500);
    expect(server.child.exitCode).toBeNull();

    cluster.resume();
    await waitUntilHealthy(server, 30_000);
    expect(await createRfpOverHttp(server, cookie, "After the restart")).not.toBeNull();
  });
});

describe("several instances starting at once", () => {
  it("migrate an empty PostgreSQL database exactly once, then all serve", async () => {
    const url = await createDatabase("faults_three");
    const servers = await Promise.all([1, 2, 3].map(() => startServer({ DATABASE_URL: url, DEMO_DATA: "0" })));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query<{ migration_name: string; count: number }>(
      `SELECT migration_name, count(*)::int AS count FROM "_prisma_migrations" GROUP BY migration_name`,
    );
    await client.end();
    const expected = fs.readdirSync("prisma/migrations").filter((name) => /^\d+_/.test(name));
    expect(rows.rows.map((row) => row.migration_name).sort()).toEqual(expected.sort());
    expect(rows.rows.every((row) => row.count === 1)).toBe(true);
    for (const server of servers) {
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
      // A fresh installation without demo data asks for the first administrator.
      const home = await fetch(`${server.baseUrl}/`, { redirect: "manual" });
      expect(home.headers.get("location")).toBe("/setup");
    }
  });
});
