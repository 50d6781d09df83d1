/**
 * No N+1: a page view (the root, layout and page loaders of one request, as Remix runs them)
 * makes a bounded number of queries, measured on the demo organisation's published tender.
 * The benchmark measures the same thing on its large RFP (npm run bench).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as root from "~/root";
import * as dashboard from "~/routes/dashboard";
import * as rfpList from "~/routes/rfps._index";
import * as rfpLayout from "~/routes/rfps.$rfpId";
import * as overview from "~/routes/rfps.$rfpId._index";
import * as addenda from "~/routes/rfps.$rfpId.addenda";
import * as criteria from "~/routes/rfps.$rfpId.criteria";
import * as documentPage from "~/routes/rfps.$rfpId.document._index";
import * as proposals from "~/routes/rfps.$rfpId.proposals";
import * as questions from "~/routes/rfps.$rfpId.questions";
import * as vendors from "~/routes/rfps.$rfpId.vendors";
import { getRequestContext, runWithRequestContext } from "~/utils/request-context.server";
import { seedDemoIfFresh } from "../../prisma/seed";
import { sessionCookie } from "../fixtures/factories";
import { buildRequest } from "../fixtures/routes";

// Must be set before the database opens (tests/setup/database.ts opens it in beforeAll).
process.env.QUERY_COUNTING = "1";

const BUDGET = 8;
type LoaderModule = { loader?: (args: never) => unknown };

let cookie = "";
let rfpId = "";

beforeAll(async () => {
  await seedDemoIfFresh();
  const priya = await prisma.user.findUniqueOrThrow({ where: { email: "priya.shah@northwind.example" } });
  cookie = await sessionCookie(priya);
  rfpId = (await prisma.rfp.findFirstOrThrow({ where: { title: "Contact Centre Services 2027" } })).id;
});

/** Run the loaders of one page view in one request context; the number of queries it made. */
async function queriesFor(modules: LoaderModule[], path: string, params: Record<string, string> = {}) {
  const context = { requestId: "budget", ip: "127.0.0.1", queries: 0 };
  await runWithRequestContext(context, async () => {
    expect(getRequestContext()).toBe(context);
    await Promise.all(
      modules.map(async (module) => {
        const loader = module.loader as unknown as (args: unknown) => Promise<unknown>;
        await loader({
          request: buildRequest(path, { cookie }),
          params,
          context: { cspNonce: "", requestId: "budget" },
        });
      }),
    );
  });
  return context.queries;
}

describe("queries per page view", () => {
  it("counts queries at all (the counter is wired)", async () => {
    expect(await queriesFor([root, dashboard], "/dashboard")).toBeGreaterThan(0);
  });

  const pages: [string, LoaderModule[], (id: string) => string][] = [
    ["dashboard", [root, dashboard], () => "/dashboard"],
    ["RFP list", [root, rfpList], () => "/rfps"],
    ["RFP overview", [root, rfpLayout, overview], (id) => `/rfps/${id}`],
    ["document", [root, rfpLayout, documentPage], (id) => `/rfps/${id}/document`],
    ["criteria", [root, rfpLayout, criteria], (id) => `/rfps/${id}/criteria`],
    ["vendors", [root, rfpLayout, vendors], (id) => `/rfps/${id}/vendors`],
    ["questions", [root, rfpLayout, questions], (id) => `/rfps/${id}/questions`],
    ["addenda", [root, rfpLayout, addenda], (id) => `/rfps/${id}/addenda`],
    ["proposals", [root, rfpLayout, proposals], (id) => `/rfps/${id}/proposals`],
  ];
  for (const [name, modules, path] of pages) {
    it(`${name}: at most ${BUDGET} queries`, async () => {
      const count = await queriesFor(modules, path(rfpId), { rfpId });
      expect(count, `${name} made ${count} queries`).toBeLessThanOrEqual(BUDGET);
    });
  }
});
