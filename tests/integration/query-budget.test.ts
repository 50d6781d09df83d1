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
import * as compliance from "~/routes/rfps.$rfpId.compliance";
import * as consensus from "~/routes/rfps.$rfpId.consensus";
import * as criteria from "~/routes/rfps.$rfpId.criteria";
import * as documentPage from "~/routes/rfps.$rfpId.document._index";
import * as exportsPage from "~/routes/rfps.$rfpId.exports";
import * as finalRanking from "~/routes/rfps.$rfpId.final-ranking";
import * as interviews from "~/routes/rfps.$rfpId.interviews._index";
import * as negotiationLayout from "~/routes/rfps.$rfpId.negotiation";
import * as negotiation from "~/routes/rfps.$rfpId.negotiation._index";
import * as negotiationTerms from "~/routes/rfps.$rfpId.negotiation.terms";
import * as panel from "~/routes/rfps.$rfpId.panel";
import * as price from "~/routes/rfps.$rfpId.price";
import * as progress from "~/routes/rfps.$rfpId.progress";
import * as proposals from "~/routes/rfps.$rfpId.proposals";
import * as questions from "~/routes/rfps.$rfpId.questions";
import * as rankings from "~/routes/rfps.$rfpId.rankings";
import * as results from "~/routes/rfps.$rfpId.results";
import * as review from "~/routes/rfps.$rfpId.review";
import * as sensitivity from "~/routes/rfps.$rfpId.sensitivity";
import * as shortlist from "~/routes/rfps.$rfpId.shortlist";
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
    ["compliance", [root, rfpLayout, compliance], (id) => `/rfps/${id}/compliance`],
    ["price", [root, rfpLayout, price], (id) => `/rfps/${id}/price`],
    ["panel", [root, rfpLayout, panel], (id) => `/rfps/${id}/panel`],
    ["progress", [root, rfpLayout, progress], (id) => `/rfps/${id}/progress`],
    ["consensus matrix", [root, rfpLayout, consensus], (id) => `/rfps/${id}/consensus`],
    ["results", [root, rfpLayout, results], (id) => `/rfps/${id}/results`],
    ["sensitivity", [root, rfpLayout, sensitivity], (id) => `/rfps/${id}/sensitivity`],
    ["shortlist", [root, rfpLayout, shortlist], (id) => `/rfps/${id}/shortlist`],
    ["interviews", [root, rfpLayout, interviews], (id) => `/rfps/${id}/interviews`],
    ["panel rankings", [root, rfpLayout, rankings], (id) => `/rfps/${id}/rankings`],
    ["final ranking", [root, rfpLayout, finalRanking], (id) => `/rfps/${id}/final-ranking`],
    ["executive review", [root, rfpLayout, review], (id) => `/rfps/${id}/review`],
    ["negotiation", [root, rfpLayout, negotiationLayout, negotiation], (id) => `/rfps/${id}/negotiation`],
    [
      "negotiation terms",
      [root, rfpLayout, negotiationLayout, negotiationTerms],
      (id) => `/rfps/${id}/negotiation/terms`,
    ],
    ["exports", [root, rfpLayout, exportsPage], (id) => `/rfps/${id}/exports`],
  ];
  for (const [name, modules, path] of pages) {
    it(`${name}: at most ${BUDGET} queries`, async () => {
      const count = await queriesFor(modules, path(rfpId), { rfpId });
      expect(count, `${name} made ${count} queries`).toBeLessThanOrEqual(BUDGET);
    });
  }
});

describe("demo tender", () => {
  it("carries the review its executives approved, frozen at submission", async () => {
    const recommendation = await prisma.recommendation.findFirstOrThrow({
      where: { rfpId, status: "APPROVED" },
      select: { submittedReview: true },
    });
    expect(recommendation.submittedReview).not.toBeNull();
  });
});
