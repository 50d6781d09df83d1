/// <reference types="vite/client" />
/**
 * Property-based bad input for every action of every route module (found from the file system,
 * so new routes are covered without editing this file): random and malformed form data,
 * oversized fields, wrong types, unknown intents and ids of another RFP. The answer is never a
 * 5xx, and when it is a 4xx the database is exactly as it was.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "~/db/backup.server";
import { getDatabase } from "~/db.server";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, type RouteResult } from "../fixtures/routes";

const routeModules = import.meta.glob([
  "../../app/routes/*.ts",
  "../../app/routes/*.tsx",
  "!../../app/routes/*.test.*",
]);
type RouteModule = Parameters<typeof callAction>[0];

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

/** Tables whose rows a rejected request may legitimately touch: session bookkeeping, login throttling. */
const VOLATILE = new Set(["Session", "LoginAttempt"]);

async function snapshot() {
  const lines: string[] = [];
  let table = "";
  for await (const line of createBackup(getDatabase())) {
    if (line.startsWith('{"format"')) continue;
    if (line.startsWith('{"table"')) {
      table = (JSON.parse(line) as { table: string }).table;
      continue;
    }
    if (VOLATILE.has(table)) continue;
    if (table === "AuditEvent") {
      // Failed logins are audited on purpose (throttling and forensics): ignore just those.
      const events = JSON.parse(line) as { action: string }[];
      lines.push(`${table}:${JSON.stringify(events.filter((event) => event.action !== "auth.login_failed"))}`);
      continue;
    }
    lines.push(`${table}:${line}`);
  }
  return lines.join("\n");
}

/** "rfps.$rfpId.team.tsx" → "/rfps/<id>/team", with the params Remix would pass. */
function urlFor(file: string, ids: Record<string, string>) {
  const params: Record<string, string> = {};
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "§")
    .split(".")
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => {
      if (!segment.startsWith("$")) return segment.replace(/§/g, ".");
      const name = segment.slice(1);
      params[name] = ids[name] ?? "no-such-id";
      return params[name];
    });
  return { path: `/${segments.join("/")}`, params };
}

const fieldNames = [
  "intent",
  "title",
  "summary",
  "category",
  "budgetAmount",
  "currency",
  "timeZone",
  "issueDate",
  "proposalDeadline",
  "version",
  "to",
  "reason",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "name",
  "role",
  "userId",
  "memberId",
  "functionalGroup",
  "redirectTo",
  "rfpId",
  "id",
  "sectionId",
  "vendorId",
  "invitationId",
];
const intents = [
  "add",
  "remove",
  "transition",
  "disable",
  "enable",
  "role",
  "save",
  "submit",
  "delete",
  "publish",
  "x",
  "",
];

function valueArbitrary(foreignIds: string[]) {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom(
      "",
      " ",
      "0",
      "-1",
      "1e309",
      "NaN",
      "null",
      "undefined",
      "true",
      "[]",
      "{}",
      "9".repeat(40),
      "2027-02-31T25:61",
    ),
    fc.constantFrom("<script>alert(1)</script>", '\'; DROP TABLE "User"; --', "../../etc/passwd", "\u0000", "%00"),
    fc.constantFrom(...intents, "PUBLISHED", "CANCELLED", "AWARDED", "ADMIN", "LEAD", "PANEL", "EUR", "UTC"),
    fc.constantFrom(...foreignIds),
    fc.integer().map(String),
    fc.constant("x".repeat(200_000)),
  );
}

function formArbitrary(foreignIds: string[]) {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.array(fc.tuple(key, valueArbitrary(foreignIds)), { maxLength: 12 });
}

function toFormData(pairs: [string, string][]) {
  const form = new FormData();
  for (const [key, value] of pairs) form.append(key, value);
  return form;
}

const visitors: { name: string; cookie?: string }[] = [];
const ids: Record<string, string> = {};
const foreignIds: string[] = [];

beforeAll(async () => {
  const [lead, admin, evaluator, otherLead] = await Promise.all([
    createTestUser({ role: "LEAD" }),
    createTestUser({ role: "ADMIN" }),
    createTestUser({ role: "EVALUATOR" }),
    createTestUser({ role: "LEAD" }),
  ]);
  const rfp = await createTestRfp(lead, { members: [{ user: evaluator, role: "PANEL" }] });
  const otherRfp = await createTestRfp(otherLead);
  ids.rfpId = rfp.id;
  const { prisma } = await import("~/db.server");
  const foreign = await prisma.rfp.findUniqueOrThrow({
    where: { id: otherRfp.id },
    select: {
      id: true,
      members: { select: { id: true, userId: true } },
      invitations: { select: { id: true, vendorId: true } },
      sections: { select: { id: true } },
    },
  });
  foreignIds.push(
    foreign.id,
    ...foreign.members.flatMap((member) => [member.id, member.userId]),
    ...foreign.invitations.flatMap((invitation) => [invitation.id, invitation.vendorId]),
    ...foreign.sections.map((section) => section.id),
    otherLead.id,
  );
  for (const [name, user] of Object.entries({ lead, admin, evaluator }))
    visitors.push({ name, cookie: await sessionCookie(user) });
  visitors.push({ name: "anonymous" });
});

const isDenied = (result: RouteResult) =>
  result.status === 401 ||
  result.status === 403 ||
  (result.status === 302 && (result.headers.get("Location") ?? "").startsWith("/login"));

describe("bad input never breaks an action", () => {
  const files = Object.keys(routeModules).map((key) => key.split("/").at(-1) ?? key);

  it("finds the route modules", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(`${file}: random and malformed forms get a 4xx with a message and change nothing`, async () => {
      const load = routeModules[`../../app/routes/${file}`];
      const module = (await load?.()) as RouteModule;
      if (!module.action) return;
      const { path, params } = urlFor(file, ids);
      // Fuzz as the first visitor the action lets in (an empty form reveals who is refused).
      let visitor = visitors.at(-1);
      for (const candidate of visitors) {
        const probe = await callAction(module, path, { params, cookie: candidate.cookie, form: {} });
        if (!isDenied(probe)) {
          visitor = candidate;
          break;
        }
      }
      await fc.assert(
        fc.asyncProperty(formArbitrary(foreignIds), async (pairs) => {
          const before = await snapshot();
          let result: RouteResult;
          try {
            result = await callAction(module, path, { params, cookie: visitor?.cookie, form: toFormData(pairs) });
          } catch (error) {
            throw new Error(`${file} threw instead of answering: ${(error as Error).message}`);
          }
          expect(result.status, `${file} answered ${result.status}`).toBeLessThan(500);
          if (result.status >= 400) {
            const message = JSON.stringify(result.data ?? "");
            expect(message.length, `${file} ${result.status} without a message`).toBeGreaterThan(2);
            expect(await snapshot(), `${file} changed data on a ${result.status}`).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});
