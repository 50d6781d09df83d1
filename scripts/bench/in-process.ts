/**
 * npm run bench:cpu — CPU per page view, in process (never part of npm test). Seeds the benchmark
 * RFP (scripts/bench/seed.ts) into DATABASE_URL — a fresh database, as for bench:seed; a throwaway
 * PGlite directory when unset, whose database work then counts in the process's CPU — then
 * imports the production build (`npm run build` first) and calls its request handler in a loop,
 * with process.cpuUsage() around BENCH_VIEWS (default 150) views of each page. No network and no
 * load generator: steadier than the load runs of `npm run bench` on a shared machine (about ±5%
 * against ±25%), so this is the figure to compare two builds by (docs/performance.md). Pages: the
 * names after the command (`health sign-in consensus …`, matched against the start of each bench
 * page's name), or all of them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { PAGES, type SeedIds } from "./pages";

const VIEWS = Number(process.env.BENCH_VIEWS ?? 150);
const WARM_UP = 40;
const ORIGIN = "http://127.0.0.1:3000";

const scratch = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), "shortlist-bench-cpu-pglite-"));
const databaseUrl = process.env.DATABASE_URL ?? `pglite:${scratch}`;
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV = "production";
process.env.LOG_LEVEL ??= "warn";

process.stderr.write(`seeding the benchmark RFP into ${databaseUrl}…\n`);
const seedOutput = execFileSync("npx", ["tsx", "scripts/bench/seed.ts"], { encoding: "utf8", env: process.env });
const ids = JSON.parse(seedOutput.trim().split("\n").at(-1) ?? "{}") as SeedIds;

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const handler = createRequestHandler(build, "production");
// Loaders memoize per request through the request context the Express server opens (see
// scripts/server/app.ts); open the same one around each call. The build shares this singleton.
const { runWithRequestContext } = await import(pathToFileURL(path.resolve("app/utils/request-context.server.ts")).href);

function call(pathname: string, init: RequestInit = {}) {
  return runWithRequestContext({ requestId: "bench", ip: "127.0.0.1" }, () =>
    handler(new Request(`${ORIGIN}${pathname}`, init)),
  ) as Promise<Response>;
}

async function signIn(email: string) {
  const response = await call("/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, host: "127.0.0.1:3000" },
    body: new URLSearchParams({ email, password: ids.password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed (${response.status})`);
  return cookie;
}

const cookies = { lead: await signIn(ids.leadEmail), evaluator: await signIn(ids.evaluatorEmail), anonymous: "" };
const asked = process.argv.slice(2).map((name) => name.toLowerCase());
const pages = asked.length === 0 ? PAGES : PAGES.filter((page) => asked.some((name) => page.name.startsWith(name)));
if (pages.length === 0) throw new Error(`no bench page starts with ${asked.join(", ")}`);

const rows: string[][] = [];
for (const page of pages) {
  const cookie = cookies[page.as ?? "lead"];
  const view = async () => {
    const response = await call(page.path(ids), { headers: { cookie } });
    const body = await response.text();
    if (!response.ok) throw new Error(`${page.name}: ${response.status}`);
    return body.length;
  };
  for (let index = 0; index < WARM_UP; index++) await view();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  for (let index = 0; index < VIEWS; index++) bytes = await view();
  const used = process.cpuUsage(cpu);
  rows.push([
    page.name,
    ((used.user + used.system) / 1000 / VIEWS).toFixed(2),
    ((performance.now() - started) / VIEWS).toFixed(2),
    (bytes / 1024).toFixed(0),
  ]);
}

const headers = ["page", "CPU ms/view", "wall ms/view", "HTML KB"];
const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
const report = [
  `CPU per page view in process, ${VIEWS} views each (Node ${process.version}, ${os.cpus().length} cores)`,
  line(headers),
  `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
  ...rows.map(line),
];
process.stdout.write(`${report.join("\n")}\n`);
if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
process.exit(0);
