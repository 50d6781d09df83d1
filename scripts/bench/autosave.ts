/**
 * The score-autosave part of the benchmark: 20 evaluators, each on their own draft sheet of the
 * small autosave RFP (scripts/bench/seed.ts), saving through the same endpoints the page uses.
 *
 * Each evaluator is one loop that sends its next save when its previous one has been answered, so
 * its sheet's version is known exactly: it is read from the page's loader data at the start and
 * from each answer afterwards, decoded with turbo-stream (the single-fetch wire format Remix uses;
 * values are deduplicated and referenced by index, so no regular expression can read it). A 409
 * is then a real conflict, and there should be none.
 *
 * Each save changes one criterion's score and comment, as a typing evaluator does. Measured, each
 * for BENCH_SECONDS:
 * - autosave posting the changed criterion only (what the page sends), back to back: capacity;
 * - the same, all 20 evaluators at the same moment every 1.5 s (the page's autosave delay): the
 *   worst case of 20 evaluators autosaving at once;
 * - the same, each evaluator at its own moment (spread over the 1.5 s): 20 evaluators typing;
 * - autosave posting the whole form (what the page sent before, and a tab opened before an upgrade);
 * - Save draft without JavaScript: the whole form as a document request, back to back.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { decode } from "turbo-stream";

export type AutosaveIds = { rfpId: string; invitationId: string; criterionIds: string[]; emails: string[] };

const ROUTE_ID = "routes/rfps.$rfpId.scoring.$invitationId";
/** The page's autosave delay (components/portal/use-autosave.ts). */
const BURST_INTERVAL_MS = 1_500;

type Entry = { value: string; comment: string };
/** One evaluator's session, their sheet's version and what their form holds. */
type Evaluator = { cookie: string; version: number; entries: Map<string, Entry> };
type Mode = {
  name: string;
  /** What is posted: the changed criterion only, or the whole form (autosave or Save draft). */
  body: "changed" | "whole";
  intent: "autosave" | "save";
  pacing: "back-to-back" | "at-once" | "staggered";
  /** The mode the goal (p99 ≤ 50 ms with 20 evaluators autosaving) is judged by. */
  judged?: true;
};

export const AUTOSAVE_MODES: Mode[] = [
  {
    name: "autosave (changed criterion only), back to back",
    body: "changed",
    intent: "autosave",
    pacing: "back-to-back",
  },
  {
    name: "autosave (changed criterion only), 20 at once every 1.5 s",
    body: "changed",
    intent: "autosave",
    pacing: "at-once",
  },
  {
    name: "autosave (changed criterion only), each every 1.5 s at its own moment",
    body: "changed",
    intent: "autosave",
    pacing: "staggered",
    judged: true,
  },
  { name: "autosave of the whole form, back to back", body: "whole", intent: "autosave", pacing: "back-to-back" },
  {
    name: "Save draft without JavaScript (whole form), back to back",
    body: "whole",
    intent: "save",
    pacing: "back-to-back",
  },
];

export type AutosaveResult = {
  mode: string;
  judged: boolean;
  saves: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  conflicts: number;
};

/**
 * Remix's single-fetch body decoded as the browser does (turbo-stream 2, the version Remix 2.17
 * pins; it is installed with @remix-run/react). Remix's own plugins turn errors and redirects into
 * class instances; here any plugin value is kept as a plain `{ type: args }` object.
 */
export async function decodeSingleFetch(response: Response): Promise<unknown> {
  if (!response.body) return undefined;
  const decoded = await decode(response.body, {
    plugins: [(type: string, ...args: unknown[]) => ({ value: { [type]: args } })],
  });
  await decoded.done;
  return decoded.value;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** The sheet as the page loads it: its version (0 before its first save) and its entries. */
async function openSheet(base: string, ids: AutosaveIds, cookie: string): Promise<Evaluator> {
  const url = `${base}/rfps/${ids.rfpId}/scoring/${ids.invitationId}.data?_routes=${encodeURIComponent(ROUTE_ID)}`;
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`autosave sheet: ${response.status}`);
  const sheet = field(field(field(await decodeSingleFetch(response), ROUTE_ID), "data"), "sheet");
  const version = field(field(sheet, "sheet"), "version");
  const entries = new Map<string, Entry>();
  for (const entry of (field(sheet, "entries") as unknown[] | undefined) ?? []) {
    const value = field(entry, "value");
    const comment = field(entry, "comment");
    entries.set(String(field(entry, "criterionId")), {
      value: typeof value === "number" ? String(value) : "",
      comment: typeof comment === "string" ? comment : "",
    });
  }
  return { cookie, version: typeof version === "number" ? version : 0, entries };
}

function percentile(sorted: number[], fraction: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/**
 * The evaluator changes one criterion (round-robin; scores 1–4 of the 0–5 scale need no comment)
 * and the form posts that criterion, or the whole sheet as the form now holds it.
 */
function saveBody(ids: AutosaveIds, mode: Mode, evaluator: Evaluator, round: number) {
  const changed = ids.criterionIds[round % ids.criterionIds.length] ?? "";
  evaluator.entries.set(changed, { value: String(1 + (round % 4)), comment: `Draft note ${round}` });
  const form = new URLSearchParams({ intent: mode.intent, version: String(evaluator.version) });
  for (const criterionId of mode.body === "whole" ? ids.criterionIds : [changed]) {
    const entry = evaluator.entries.get(criterionId) ?? { value: "", comment: "" };
    // An unanswered radio group is not posted at all.
    if (entry.value !== "") form.set(`score:${criterionId}`, entry.value);
    form.set(`comment:${criterionId}`, entry.comment);
  }
  return form.toString();
}

async function measureMode(base: string, ids: AutosaveIds, evaluators: Evaluator[], mode: Mode, seconds: number) {
  const sheetPath = `/rfps/${ids.rfpId}/scoring/${ids.invitationId}`;
  const latencies: number[] = [];
  let errors = 0;
  let conflicts = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function save(evaluator: Evaluator, round: number) {
    const t0 = performance.now();
    // The page's fetcher posts to the single-fetch endpoint; a form without JavaScript to the page.
    const response = await fetch(`${base}${sheetPath}${mode.intent === "autosave" ? ".data" : ""}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: evaluator.cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: base,
      },
      body: saveBody(ids, mode, evaluator, round),
    });
    if (mode.intent === "save") {
      // A saved draft redirects back to the sheet; the version went up by one.
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status === 302) evaluator.version++;
      else errors++;
      if (response.status === 409) conflicts++;
      return;
    }
    const answer = field(await decodeSingleFetch(response), "data");
    latencies.push(performance.now() - t0);
    const version = field(answer, "version");
    if (response.status === 200 && field(answer, "saved") === true && typeof version === "number") {
      evaluator.version = version;
      return;
    }
    errors++;
    if (response.status === 409) {
      conflicts++;
      const current = field(field(answer, "conflict"), "version");
      if (typeof current === "number") evaluator.version = current;
    }
  }

  let round = 0;
  if (mode.pacing === "back-to-back") {
    await Promise.all(
      evaluators.map(async (evaluator) => {
        while (performance.now() < deadline) await save(evaluator, round++);
      }),
    );
  } else if (mode.pacing === "at-once") {
    while (performance.now() < deadline) {
      const tick = performance.now();
      await Promise.all(evaluators.map((evaluator) => save(evaluator, round++)));
      await sleep(Math.max(0, BURST_INTERVAL_MS - (performance.now() - tick)));
    }
  } else {
    // Evenly spread start moments (deterministic), then every 1.5 s after the previous answer.
    await Promise.all(
      evaluators.map(async (evaluator, index) => {
        await sleep((BURST_INTERVAL_MS * index) / evaluators.length);
        while (performance.now() < deadline) {
          await save(evaluator, round++);
          await sleep(BURST_INTERVAL_MS);
        }
      }),
    );
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    mode: mode.name,
    judged: mode.judged === true,
    saves: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    max: Math.round(latencies.at(-1) ?? 0),
    errors,
    conflicts,
  } satisfies AutosaveResult;
}

export async function measureAutosave(
  base: string,
  ids: AutosaveIds,
  signIn: (email: string) => Promise<string>,
  options: { seconds: number; log: (message: string) => void },
) {
  const evaluators: Evaluator[] = [];
  for (const email of ids.emails) evaluators.push(await openSheet(base, ids, await signIn(email)));
  // A cold server (JIT, connection pool, query plans) is not what an evaluator meets: warm it up.
  const [typing] = AUTOSAVE_MODES;
  if (typing) await measureMode(base, ids, evaluators, typing, Math.min(2, options.seconds));
  const results: AutosaveResult[] = [];
  for (const mode of AUTOSAVE_MODES) {
    options.log(`  ${mode.name}…`);
    results.push(await measureMode(base, ids, evaluators, mode, options.seconds));
  }
  return results;
}
