/**
 * npm run bench — measure Shortlist (never part of npm test). Builds for production, then for the
 * embedded database and for PostgreSQL (a throwaway local cluster, or BENCH_POSTGRES_URL):
 * seeds the benchmark RFP, starts the production server, and measures every key page next to
 * the trivial health route and the sign-in page (the cheapest document) of the same server in the
 * same run, queries per page view, and the JavaScript/CSS each page sends. Prints one report, ending
 * with issue 7's goals judged against what was measured (goals.ts, docs/decisions/020).
 * BENCH_SECONDS (default 15) sets the duration of each load run; BENCH_PIN=0 turns CPU pinning off.
 * Fifteen, not five: at ~90 req/s a 5 s run has ~450 samples, and one stall of the server (event-
 * loop delays of 100–650 ms seen with a monitor, mostly in a page's first seconds; the later ones
 * not pinned down) holds its ~10 requests in flight — over 2% of the run, so p99 said whether a
 * single such event happened rather than what the tail of the run was.
 * The seeded database is vacuumed and analyzed, and each page gets one second of unmeasured load
 * first (a warmed server with settled statistics, as in production).
 * BENCH_ONLY=autosave measures only the score saves (scripts/bench/autosave.ts): it still builds,
 * seeds and serves each database, but skips the domain timings, the pages and the bundle sizes.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import pg from "pg";
import { startThrowawayPostgres } from "../lib/pg-cluster";
import { measureAutosave } from "./autosave";
import { bundleSizes } from "./bundles";
import { domainTimings } from "./domain";
import { type BenchFigures, judgeGoals } from "./goals";
import { PAGES, type SeedIds } from "./pages";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = 1;
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== "autosave") throw new Error(`BENCH_ONLY can only be "autosave", not "${ONLY}"`);

/**
 * The load generator must not take the server's CPU, or every ratio measures the generator too.
 * With taskset and 2+ cores (and BENCH_PIN not "0"), the server runs alone on CPU 0 while this
 * process — autocannon, the seeding, and the PostgreSQL cluster it starts — runs on the others.
 */
function cpuPinning() {
  const cores = os.cpus().length;
  if (process.env.BENCH_PIN === "0" || cores < 2) return null;
  try {
    execFileSync("taskset", ["-a", "-p", "-c", `1-${cores - 1}`, String(process.pid)], { stdio: "ignore" });
  } catch {
    return null;
  }
  return { server: "0", others: cores === 2 ? "1" : `1-${cores - 1}` };
}
const PINNING = cpuPinning();
const CONNECTIONS = [10, 50];

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function waitForServer(base: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error("server did not start");
}

async function signIn(base: string, ids: SeedIds) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: ids.leadEmail, password: ids.password }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login failed (${response.status})`);
  return cookie;
}

async function load(url: string, cookie: string, connections: number) {
  const result = await autocannon({ url, connections, duration: SECONDS, headers: { cookie } });
  await drain(url, cookie);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/**
 * Wait until the server has worked off the requests still queued when the load generator stopped
 * (a heavy page at 50 connections leaves seconds of work behind): the next measurement must not
 * start behind them, nor the sign-ins of the autosave run time out waiting for a connection.
 */
async function drain(url: string, cookie: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await fetch(url, { headers: { cookie } })).ok) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the server did not recover after the load on ${url}`);
}

async function measureDatabase(label: string, databaseUrl: string) {
  log(`\n[${label}] seeding the benchmark RFP…`);
  const seedOutput = execFileSync("npx", ["tsx", "scripts/bench/seed.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  const ids = JSON.parse(seedOutput.trim().split("\n").at(-1) ?? "{}") as SeedIds;
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const command = PINNING ? ["taskset", "-c", PINNING.server, "node", "build/server.js"] : ["node", "build/server.js"];
  const server = spawn(command[0] ?? "node", command.slice(1), {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "0",
      LOG_LEVEL: "warn",
      QUERY_COUNTING: "1",
      // The bench measures capacity: page loads queue instead of being shed with a 503 (admission
      // control, scripts/server/app.ts), so every request of a run is a served page.
      MAX_QUEUE_WAIT_MS: "600000",
      MAX_QUEUED_REQUESTS: "100000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(base);
    const leadCookie = await signIn(base, ids);
    const evaluatorCookie = await signIn(base, { ...ids, leadEmail: ids.evaluatorEmail });
    const rows = [];
    for (const page of ONLY === "autosave" ? [] : PAGES) {
      const url = `${base}${page.path(ids)}`;
      const cookie = page.as === "evaluator" ? evaluatorCookie : page.as === "anonymous" ? "" : leadCookie;
      const probe = await fetch(url, { headers: { cookie } });
      if (!probe.ok) throw new Error(`${page.name}: ${probe.status}`);
      const firstViewQueries = Number(probe.headers.get("x-query-count") ?? 0);
      // Warm-up, not measured: the page's code optimized by V8 and its caches filled, as on a
      // server that has been up for more than a second.
      await autocannon({ url, connections: CONNECTIONS[0], duration: WARMUP_SECONDS, headers: { cookie } });
      await drain(url, cookie);
      const warmed = await fetch(url, { headers: { cookie } });
      await warmed.arrayBuffer();
      // Queries of a view once the page's caches hold the current state (the first view's, when more).
      const warmQueries = Number(warmed.headers.get("x-query-count") ?? 0);
      const runs = [];
      for (const connections of CONNECTIONS) {
        log(`[${label}] ${page.name}, ${connections} connections…`);
        runs.push({ connections, ...(await load(url, cookie, connections)) });
      }
      rows.push({
        page: page.name,
        named: page.named === true,
        queries: { warm: warmQueries, first: firstViewQueries },
        runs,
      });
    }
    log(`[${label}] score autosave, ${ids.autosave.emails.length} evaluators…`);
    const autosave = await measureAutosave(base, ids.autosave, (email) => signIn(base, { ...ids, leadEmail: email }), {
      seconds: SECONDS,
      log,
    });
    return { rows, autosave, evaluators: ids.autosave.emails.length };
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

function table(headers: string[], rows: (string | number)[][]) {
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => String(row[index]).length)),
  );
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((cell, index) => String(cell).padEnd(widths[index] ?? 0)).join(" | ")} |`;
  return [line(headers), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main() {
  log("building for production…");
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  const report: string[] = [];
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  report.push(`# Shortlist benchmark — ${new Date().toISOString()}`);
  report.push(
    `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load runs of ${SECONDS} s.`,
  );
  report.push(
    PINNING
      ? `CPU pinning: the server on CPU ${PINNING.server}; the load generator, seeding and PostgreSQL on CPU ${PINNING.others}.`
      : "CPU pinning: off (BENCH_PIN=0, one core, or no taskset): the load generator shares the server's CPUs.",
  );

  const figures: BenchFigures = { domain: [], databases: [], sheetJsKb: null };
  if (ONLY !== "autosave") {
    report.push("\n## Domain (median / p95 of repeated runs)");
    const domain = await domainTimings();
    figures.domain = domain;
    report.push(
      table(
        ["computation", "median ms", "p95 ms", "goal ms"],
        domain.map((row) => [row.name, row.median.toFixed(2), row.p95.toFixed(2), row.goal ?? "—"]),
      ),
    );
  }

  const databases: { label: string; url: string; cleanup?: () => void }[] = [];
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "shortlist-bench-pglite-"));
  databases.push({
    label: "PGlite",
    url: `pglite:${pgliteDir}`,
    cleanup: () => fs.rmSync(pgliteDir, { recursive: true, force: true }),
  });
  let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>> = null;
  if (process.env.BENCH_POSTGRES_URL) {
    databases.push({ label: "PostgreSQL", url: process.env.BENCH_POSTGRES_URL });
  } else {
    cluster = await startThrowawayPostgres();
    if (cluster) {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query("CREATE DATABASE shortlist_bench");
      await admin.end();
      databases.push({
        label: `PostgreSQL (${cluster.version})`,
        url: cluster.url.replace(/\/postgres$/, "/shortlist_bench"),
      });
    } else {
      report.push(
        "\n(No PostgreSQL server binaries found: install `postgresql` or set BENCH_POSTGRES_URL to measure it.)",
      );
    }
  }
  try {
    for (const database of databases) {
      const { rows, autosave, evaluators } = await measureDatabase(database.label, database.url);
      const postgres = database.label.startsWith("PostgreSQL");
      figures.databases.push({
        // The server's version is in the section heading above; the goals name the database only.
        label: postgres ? "PostgreSQL" : database.label,
        postgres,
        pages: rows,
        autosave,
      });
      const health = rows[0];
      const floor = rows[1];
      report.push(`\n## Server on ${database.label}`);
      if (rows.length > 0) {
        report.push(
          table(
            [
              "page",
              "queries/view",
              ...CONNECTIONS.flatMap((c) => [`req/s @${c}`, `vs health @${c}`, `p50 ms @${c}`, `p99 ms @${c}`]),
              `vs sign-in @${CONNECTIONS[0]}`,
              "errors",
            ],
            rows.map((row) => [
              row.page,
              row.queries.warm === row.queries.first
                ? row.queries.warm
                : `${row.queries.warm} (first ${row.queries.first})`,
              ...row.runs.flatMap((run, index) => {
                const baseline = health?.runs[index]?.rps ?? 0;
                return [run.rps, baseline ? `${Math.round((run.rps / baseline) * 100)}%` : "—", run.p50, run.p99];
              }),
              floor?.runs[0]?.rps ? `${Math.round(((row.runs[0]?.rps ?? 0) / floor.runs[0].rps) * 100)}%` : "—",
              row.runs.reduce((sum, run) => sum + run.errors, 0),
            ]),
          ),
        );
      }
      report.push(
        `\nScore saves, ${evaluators} evaluators each on their own draft sheet (goal: autosave p99 ≤ 50 ms with 20 evaluators saving at once):\n`,
      );
      report.push(
        table(
          ["save", "saves", "saves/s", "p50 ms", "p99 ms", "max ms", "non-2xx", "409 conflicts"],
          autosave.map((row) => [row.mode, row.saves, row.rps, row.p50, row.p99, row.max, row.errors, row.conflicts]),
        ),
      );
      database.cleanup?.();
    }
  } finally {
    cluster?.stop();
  }

  if (ONLY !== "autosave") {
    report.push("\n## JavaScript and CSS per page (gzip)");
    const bundles = bundleSizes();
    const sheet = bundles.find((row) => row.route === "rfps.$rfpId.scoring.$invitationId");
    figures.sheetJsKb = sheet ? sheet.js / 1024 : null;
    report.push(
      table(
        ["route", "JS KB", "CSS KB"],
        bundles.map((row) => [row.route, (row.js / 1024).toFixed(1), (row.css / 1024).toFixed(1)]),
      ),
    );
  }
  report.push("\n## Goals (issue 7, point 2; docs/decisions/020-benchmark-goals.md)");
  report.push(
    table(
      ["goal", "measured", "verdict"],
      judgeGoals(figures).map((row) => [row.goal, row.measured, row.verdict]),
    ),
  );
  process.stdout.write(`${report.join("\n")}\n`);
}

await main();
