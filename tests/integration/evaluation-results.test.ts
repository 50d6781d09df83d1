import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { getResults, type getSensitivity, requireResultsAccess } from "~/models/results.server";
import * as resultsRoute from "~/routes/rfps.$rfpId.results";
import * as csvRoute from "~/routes/rfps.$rfpId.results[.]csv";
import * as xlsxRoute from "~/routes/rfps.$rfpId.results[.]xlsx";
import * as sensitivityRoute from "~/routes/rfps.$rfpId.sensitivity";
import {
  createEvaluationRfp,
  createSheet,
  type EvaluationScenario,
  fixFormulaDirectly,
  openConsensus,
  recordConsensus,
  scoreStandardScenario,
} from "../fixtures/evaluation-results";
import { sessionCookie } from "../fixtures/factories";
import { callLoader } from "../fixtures/routes";

type ResultsPage = Awaited<ReturnType<typeof resultsRoute.loader>>;
/** The loader answers 400 (with the same payload) for out-of-range input. */
type SensitivityPage = Awaited<ReturnType<typeof getSensitivity>> & { fieldErrors: Record<string, string> };

async function get(
  module: Parameters<typeof callLoader>[0],
  scenario: EvaluationScenario,
  suffix: string,
  user: { id: string; email: string } = scenario.lead,
) {
  return callLoader(module, `/rfps/${scenario.rfp.id}/${suffix}`, {
    params: { rfpId: scenario.rfp.id },
    cookie: await sessionCookie(user),
  });
}

function panelUser(scenario: EvaluationScenario, index = 0) {
  const member = scenario.panel[index];
  if (!member) throw new Error("no such panel member");
  return member;
}

function ranking(page: ResultsPage) {
  if (!page.computation?.ok) throw new Error("no results");
  const names = new Map(page.vendors.map((vendor) => [vendor.id, vendor.name]));
  const view = page.computation.view;
  return (view.combined ?? view.quality)
    .map((row) => ({ name: names.get(row.vendorId), total: row.total === null ? null : Number(row.total.toFixed(2)) }))
    .sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
}

describe("results", () => {
  it("ranks by weighted totals with effective weights, quality and price together once the formula is fixed", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const before = (await get(resultsRoute, scenario, "results")).data as ResultsPage;
    expect(before.priceStatus).toBe("NOT_FIXED");
    expect(ranking(before)).toEqual([
      { name: "Acme Outsourcing Ltd", total: 80 },
      { name: "Birch Services plc", total: 72 },
      { name: "Cobalt Support GmbH", total: 40 },
    ]);
    await fixFormulaDirectly(scenario.rfp.id);
    const after = (await get(resultsRoute, scenario, "results")).data as ResultsPage;
    expect(after.priceStatus).toBe("INCLUDED");
    expect(ranking(after)).toEqual([
      { name: "Acme Outsourcing Ltd", total: 68 },
      { name: "Birch Services plc", total: 65.4 },
      { name: "Cobalt Support GmbH", total: 58 },
    ]);
  });

  it("normalizes each evaluator's scores when asked, and says which method it shows", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const raw = (await get(resultsRoute, scenario, "results")).data as ResultsPage;
    const normalized = (await get(resultsRoute, scenario, "results?method=normalized")).data as ResultsPage;
    expect(raw.method).toBe("raw");
    expect(normalized.method).toBe("normalized");
    if (!raw.computation?.ok || !normalized.computation?.ok) throw new Error("no results");
    expect(raw.computation.view.calibration).toBeNull();
    expect(normalized.computation.view.calibration?.map((row) => row.treatment)).toEqual([
      "Z_SCORE",
      "Z_SCORE",
      "Z_SCORE",
    ]);
    expect(ranking(normalized)).not.toEqual(ranking(raw));
    // An unknown method falls back to raw scores rather than failing.
    const unknown = (await get(resultsRoute, scenario, "results?method=secret")).data as ResultsPage;
    expect(unknown.method).toBe("raw");
  });

  it("counts only submitted sheets, leaves out recused evaluators, and applies consensus scores", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const baseline = ranking((await get(resultsRoute, scenario, "results")).data as ResultsPage);
    // A fourth evaluator's draft sheet with extreme scores changes nothing.
    const [acme, , cobalt] = scenario.vendors;
    if (!acme || !cobalt) throw new Error("setup");
    await prisma.scoreSheet.update({
      where: {
        memberId_invitationId: { memberId: panelUser(scenario, 2).memberId, invitationId: cobalt.invitationId },
      },
      data: { status: "DRAFT", submittedAt: null },
    });
    const withDraft = ranking((await get(resultsRoute, scenario, "results")).data as ResultsPage);
    // Olga's Cobalt sheet (2, 2) no longer counts; the others gave the same, so totals stay.
    expect(withDraft).toEqual(baseline);
    await prisma.conflictDeclaration.create({
      data: {
        rfpId: scenario.rfp.id,
        memberId: panelUser(scenario, 0).memberId,
        invitationId: acme.invitationId,
        hasConflict: true,
        description: "Former employer",
        decision: "RECUSED_VENDOR",
      },
    });
    // Without Ines on Acme: service desk (3, 5) → 4, security (4, 4) → 4: unchanged at 80.
    // The item statistics are not part of the page's data (only of the exports): read them from the model.
    const lead = { ...(await prisma.user.findUniqueOrThrow({ where: { id: scenario.lead.id } })), sessionId: "test" };
    const recused = await getResults(await requireResultsAccess(lead, scenario.rfp.id), "raw");
    if (!recused.computation?.ok) throw new Error("no results");
    const acmeItem = recused.computation.view.statistics[0]?.[0];
    expect(acmeItem?.count).toBe(2);
    await recordConsensus(scenario, acme.invitationId, scenario.criteria.security, 5);
    const agreed = ranking((await get(resultsRoute, scenario, "results")).data as ResultsPage);
    // Security 5/5 for Acme: (42 × 0.8 + 28 × 1) / 70 = 88.
    expect(agreed[0]).toEqual({ name: "Acme Outsourcing Ltd", total: 88 });
  });

  it("shows an empty state before any sheet is submitted", async () => {
    const scenario = await createEvaluationRfp();
    const page = (await get(resultsRoute, scenario, "results")).data as ResultsPage;
    expect(page.computation).toBeNull();
  });
});

describe("sealed scoring: panel members and results", () => {
  it("are refused results, sensitivity and exports until the lead opens consensus, with no scores in the answer", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const member = panelUser(scenario).user;
    for (const [module, suffix] of [
      [resultsRoute, "results"],
      [sensitivityRoute, "sensitivity"],
      [xlsxRoute, "results.xlsx"],
      [csvRoute, "results.csv?view=matrix"],
    ] as const) {
      const result = await get(module, scenario, suffix, member);
      expect(result.status, suffix).toBe(403);
      const body = JSON.stringify(result.data);
      expect(body).not.toMatch(/Acme|Birch|Cobalt|"total"|"score"/);
    }
  });

  it("are refused while one of their own sheets is still a draft, even once consensus is open", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const member = panelUser(scenario);
    const [acme] = scenario.vendors;
    if (!acme) throw new Error("setup");
    await prisma.scoreSheet.update({
      where: { memberId_invitationId: { memberId: member.memberId, invitationId: acme.invitationId } },
      data: { status: "DRAFT", submittedAt: null },
    });
    await openConsensus(scenario.rfp.id);
    expect((await get(resultsRoute, scenario, "results", member.user)).status).toBe(403);
    // Another member, all sheets in, reads them.
    expect((await get(resultsRoute, scenario, "results", panelUser(scenario, 1).user)).status).toBe(200);
  });

  it("read results once consensus is open, without prices unless the lead allows them", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await fixFormulaDirectly(scenario.rfp.id);
    await openConsensus(scenario.rfp.id);
    const member = panelUser(scenario).user;
    const hidden = await get(resultsRoute, scenario, "results", member);
    expect(hidden.status).toBe(200);
    const page = hidden.data as ResultsPage;
    expect(page.priceStatus).toBe("HIDDEN");
    expect(page.prices).toBeNull();
    expect(JSON.stringify(page)).not.toMatch(/1000000|800000|400000/);
    expect(ranking(page)[0]).toEqual({ name: "Acme Outsourcing Ltd", total: 80 });
    const csv = await get(csvRoute, scenario, "results.csv?view=prices", member);
    expect(csv.status).toBe(404);

    await prisma.rfp.update({ where: { id: scenario.rfp.id }, data: { pricesVisibleToPanel: true } });
    const shown = (await get(resultsRoute, scenario, "results", member)).data as ResultsPage;
    expect(shown.priceStatus).toBe("INCLUDED");
    expect(shown.prices?.map((row) => row.total)).toEqual([1_000_000, 800_000, 400_000]);
  });

  it("reads results as sheets come in for the lead and observers", async () => {
    const scenario = await createEvaluationRfp();
    await createSheet(panelUser(scenario).memberId, scenario.rfp.id, scenario.vendors[0]?.invitationId ?? "", {
      [scenario.criteria.serviceDesk]: 4,
      [scenario.criteria.security]: 3,
    });
    const observed = await get(resultsRoute, scenario, "results", scenario.observer);
    expect(observed.status).toBe(200);
    expect((observed.data as ResultsPage).submittedSheets).toBe(1);
  });
});

describe("sensitivity", () => {
  it("re-ranks for the weights asked, finds tipping points and runs the Monte Carlo", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await fixFormulaDirectly(scenario.rfp.id);
    const technical = scenario.criteria.technical;
    const price = scenario.criteria.price;
    const result = await get(sensitivityRoute, scenario, `sensitivity?weight-${technical}=10&weight-${price}=90`);
    expect(result.status).toBe(200);
    const page = result.data as SensitivityPage;
    if (!page.analysis?.whatIf.ok) throw new Error("no analysis");
    const names = new Map(page.results.vendors.map((vendor) => [vendor.id, vendor.name]));
    // Of the results computation the page gets only what it says about it.
    expect(page.results.computation).toEqual({ ok: true, view: { priceIncluded: true, unpricedVendorIds: [] } });
    const first = page.analysis.whatIf.totals.find((row) => row.rank === 1);
    // Price at 90%: the cheapest bid leads.
    expect(names.get(first?.vendorId ?? "")).toBe("Cobalt Support GmbH");
    expect(page.analysis.whatIf.weights.map((weight) => weight.weight)).toEqual([10, 90]);
    const base = page.analysis.base.ok ? page.analysis.base.totals.find((row) => row.rank === 1) : null;
    expect(names.get(base?.vendorId ?? "")).toBe("Acme Outsourcing Ltd");

    const tipping = page.analysis.tipping.topLevel;
    if (tipping.kind !== "LEADER") throw new Error("expected a leader");
    const priceRow = tipping.criteria.find((row) => row.criterionId === price);
    // Acme 80 − 40p, Birch 72 − 22p, Cobalt 40 + 60p (p = price's share): Cobalt draws level at
    // p = 40%, before Birch would (44.4%).
    expect(priceRow?.smallest?.weight).toBeCloseTo(40, 6);
    expect(priceRow?.smallest?.challengerIds.map((id) => names.get(id))).toEqual(["Cobalt Support GmbH"]);

    const monteCarlo = page.analysis.monteCarlo;
    expect(monteCarlo).toMatchObject({ spreadPercent: 20, draws: 10_000, topN: 3 });
    const total = monteCarlo.vendors.reduce((sum, row) => sum + row.probabilityFirst, 0);
    expect(total).toBeCloseTo(1, 5);
    expect(monteCarlo.vendors.every((row) => row.probabilityTopN === 1)).toBe(true);
  });

  it("takes a configurable spread, number of draws and top N", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const page = (await get(sensitivityRoute, scenario, "sensitivity?spread=50&draws=500&topN=1"))
      .data as SensitivityPage;
    expect(page.analysis?.monteCarlo).toMatchObject({ spreadPercent: 50, draws: 500, topN: 1 });
  });

  it.each([
    ["spread=500", "spread"],
    ["draws=5", "draws"],
    ["draws=1.5", "draws"],
    ["topN=zero", "topN"],
    ["weight-x=150", "weight-x"],
    ["weight-x=-1", "weight-x"],
  ])("answers %s with 400 and a message, and still shows the defaults", async (query, field) => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const result = await get(sensitivityRoute, scenario, `sensitivity?${query}`);
    expect(result.status).toBe(400);
    const page = result.data as SensitivityPage;
    expect(page.fieldErrors[field]).toBeTruthy();
    expect(page.analysis?.monteCarlo.spreadPercent).toBe(20);
  });
});

describe("exports", () => {
  it("write the score matrix and results to XLSX, one sheet per view", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await fixFormulaDirectly(scenario.rfp.id);
    const result = await callXlsx(scenario);
    expect(result.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(result.headers.get("Content-Disposition")).toMatch(/attachment; filename=".*-results-raw\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await result.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Results (raw)",
      "Results (normalized)",
      "By criterion (raw)",
      "Score matrix",
      "Groups (raw)",
      "Evaluator calibration",
      "Prices",
    ]);
    const results = workbook.getWorksheet("Results (raw)");
    expect(results?.getRow(1).values).toEqual([
      undefined,
      "Rank",
      "Vendor",
      "Quality (points of 100)",
      "Price (points of 100)",
      "Total (points of 100)",
      "Coverage (%)",
      "Method",
    ]);
    expect(results?.getRow(2).values).toEqual([undefined, "1", "Acme Outsourcing Ltd", 80, 40, 68, 100, "Raw scores"]);
    const matrix = workbook.getWorksheet("Score matrix");
    // Header + 3 vendors × 2 criteria.
    expect(matrix?.rowCount).toBe(7);
    expect(matrix?.getRow(2).values).toEqual([
      undefined,
      "Acme Outsourcing Ltd",
      "Service desk",
      "0–5",
      4,
      3,
      5,
      3,
      4,
      1,
      2,
      undefined,
      4,
      "",
    ]);
  });

  it("write one view as CSV, and refuse an unknown view with 400", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const result = await get(csvRoute, scenario, "results.csv?view=results-normalized&method=normalized");
    expect(result.status).toBe(200);
    const text = String(result.data);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Rank,Vendor,Quality (points of 100),Coverage (%),Method");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.endsWith("Normalized per evaluator"))).toBe(true);
    const bad = await get(csvRoute, scenario, "results.csv?view=passwords");
    expect(bad.status).toBe(400);
  });
});

async function callXlsx(scenario: EvaluationScenario) {
  const response = await xlsxRoute.loader({
    request: new Request(`http://localhost:3000/rfps/${scenario.rfp.id}/results.xlsx`, {
      headers: { Cookie: await sessionCookie(scenario.lead) },
    }),
    params: { rfpId: scenario.rfp.id },
    context: { cspNonce: "test-nonce", requestId: "test-request" },
  });
  expect(response.status).toBe(200);
  return response;
}
