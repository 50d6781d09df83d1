import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as priceRoute from "~/routes/rfps.$rfpId.price";
import {
  createEvaluationRfp,
  type EvaluationScenario,
  fixFormulaDirectly,
  scoreStandardScenario,
  setPriceLines,
} from "../fixtures/evaluation-results";
import { sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

type Page = Awaited<ReturnType<typeof priceRoute.loader>>;

const path = (scenario: EvaluationScenario) => `/rfps/${scenario.rfp.id}/price`;

async function load(scenario: EvaluationScenario, user = scenario.lead) {
  return callLoader(priceRoute, path(scenario), {
    params: { rfpId: scenario.rfp.id },
    cookie: await sessionCookie(user),
  });
}

async function post(scenario: EvaluationScenario, form: Record<string, string>, user = scenario.lead) {
  return callAction(priceRoute, path(scenario), {
    params: { rfpId: scenario.rfp.id },
    cookie: await sessionCookie(user),
    form,
  });
}

const RELATIVE = { intent: "fix", kind: "RELATIVE", maxPoints: "100", termMonths: "36" };

async function auditCount(rfpId: string) {
  return prisma.auditEvent.count({ where: { rfpId, action: { startsWith: "price." } } });
}

describe("the price formula", () => {
  it("is fixed once by the lead, audited, and then opens the price envelope", async () => {
    const scenario = await createEvaluationRfp();
    const before = (await load(scenario)).data as Page;
    expect(before.canFix).toBe(true);
    // Sealed until fixed: the loader carries no costs at all.
    expect(before.prices).toBeNull();
    expect(JSON.stringify(before)).not.toContain("1000000");

    const fixed = await post(scenario, RELATIVE);
    expect(fixed.status).toBe(302);
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: scenario.rfp.id } });
    expect(rfp.priceFormula).toEqual({ formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 36 });
    expect(rfp.priceFormulaFixedAt).not.toBeNull();
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: scenario.rfp.id, action: "price.formula_fixed" },
    });
    expect(event.actorId).toBe(scenario.lead.id);
    expect(JSON.stringify(event.after)).toContain("Relative (lowest ÷ price), 100 points, total cost over 36 months");

    const page = (await load(scenario)).data as Page;
    const byName = new Map(page.vendors.map((vendor) => [vendor.id, vendor.name]));
    const rows = (page.prices ?? []).map((row) => [byName.get(row.vendorId), row.total, row.points, row.rank]);
    expect(rows).toEqual([
      ["Acme Outsourcing Ltd", 1_000_000, 40, 3],
      ["Birch Services plc", 800_000, 50, 2],
      ["Cobalt Support GmbH", 400_000, 100, 1],
    ]);
  });

  it("cannot be changed once fixed (409), and nothing is written", async () => {
    const scenario = await createEvaluationRfp();
    expect((await post(scenario, RELATIVE)).status).toBe(302);
    const audits = await auditCount(scenario.rfp.id);
    const again = await post(scenario, { ...RELATIVE, kind: "LINEAR" });
    expect(again.status).toBe(409);
    expect((again.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toMatch(/cannot be changed/);
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: scenario.rfp.id } });
    expect(rfp.priceFormula).toMatchObject({ formula: { kind: "RELATIVE" } });
    expect(await auditCount(scenario.rfp.id)).toBe(audits);
  });

  it.each([
    [{ ...RELATIVE, kind: "LOGARITHMIC", factor: "1" }, "factor"],
    [{ ...RELATIVE, kind: "LOGARITHMIC", factor: "" }, "factor"],
    [{ ...RELATIVE, kind: "BUDGET", targetPrice: "900000", ceilingPrice: "800000" }, "ceilingPrice"],
    [{ ...RELATIVE, kind: "BUDGET", targetPrice: "", ceilingPrice: "800000" }, "targetPrice"],
    [{ ...RELATIVE, maxPoints: "0" }, "maxPoints"],
    [{ ...RELATIVE, termMonths: "0" }, "termMonths"],
    [{ ...RELATIVE, kind: "SECRET" }, "kind"],
  ])("refuses %o with a message on %s (400) and writes nothing", async (form, field) => {
    const scenario = await createEvaluationRfp();
    const result = await post(scenario, form);
    expect(result.status).toBe(400);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors[field]).toBeTruthy();
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: scenario.rfp.id } });
    expect(rfp.priceFormulaFixedAt).toBeNull();
    expect(await auditCount(scenario.rfp.id)).toBe(0);
  });

  it("is the lead's alone: an observer reads the envelope but cannot fix it", async () => {
    const scenario = await createEvaluationRfp();
    expect((await load(scenario, scenario.observer)).status).toBe(200);
    expect((await post(scenario, RELATIVE, scenario.observer)).status).toBe(403);
    const panelMember = scenario.panel[0]?.user;
    if (!panelMember) throw new Error("setup");
    expect((await load(scenario, panelMember)).status).toBe(403);
    expect(await auditCount(scenario.rfp.id)).toBe(0);
  });
});

describe("rank reversal", () => {
  it("is found in this RFP with the relative formula: if Cobalt withdrew, Birch would overtake Acme", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await fixFormulaDirectly(scenario.rfp.id);
    const page = (await load(scenario)).data as Page;
    expect(page.reversal?.happens).toBe(true);
    expect(page.reversal?.details).toEqual([
      "If Cobalt Support GmbH withdrew, Birch Services plc (80.4) would overtake Acme Outsourcing Ltd (80.0); with every bid in, Acme Outsourcing Ltd is ahead (68.0 to 65.4).",
    ]);
  });

  it("does not happen with the logarithmic formula, and the page says why", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await fixFormulaDirectly(scenario.rfp.id, {
      formula: { kind: "LOGARITHMIC", maxPoints: 100, factor: 3 },
      termMonths: 36,
    });
    const page = (await load(scenario)).data as Page;
    expect(page.reversal?.happens).toBe(false);
    expect(page.reversal?.summary).toMatch(/does not depend on any other bid/);
  });
});

describe("prices that cannot be scored", () => {
  it("report a zero total or missing schedule as a clear error, and score the others", async () => {
    const scenario = await createEvaluationRfp();
    const [acme, birch] = scenario.vendors;
    if (!acme || !birch) throw new Error("setup");
    await setPriceLines(acme.proposalId, { lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 0 }] });
    await setPriceLines(birch.proposalId, { lines: [] });
    await fixFormulaDirectly(scenario.rfp.id);
    const result = await load(scenario);
    expect(result.status).toBe(200);
    const page = result.data as Page;
    const [acmeRow, birchRow, cobaltRow] = page.prices ?? [];
    expect(acmeRow).toMatchObject({ total: 0, points: null, problem: { kind: "ZERO_PRICE" } });
    expect(birchRow).toMatchObject({ total: null, points: null, problem: { kind: "NO_PRICE_LINES" } });
    expect(cobaltRow).toMatchObject({ points: 100, rank: 1, problem: null });
  });

  it("flags a schedule in another currency instead of converting it", async () => {
    const scenario = await createEvaluationRfp();
    const [acme] = scenario.vendors;
    if (!acme) throw new Error("setup");
    await setPriceLines(acme.proposalId, {
      currency: "USD",
      lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 500_000 }],
    });
    await fixFormulaDirectly(scenario.rfp.id);
    const page = (await load(scenario)).data as Page;
    expect(page.prices?.[0]).toMatchObject({ points: null, problem: { kind: "OTHER_CURRENCY", currency: "USD" } });
  });
});

describe("prices and the panel", () => {
  it("are hidden from evaluators until the lead allows it (audited)", async () => {
    const scenario = await createEvaluationRfp();
    const result = await post(scenario, { intent: "visibility", visible: "yes" });
    expect(result.status).toBe(302);
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: scenario.rfp.id } });
    expect(rfp.pricesVisibleToPanel).toBe(true);
    expect(await auditCount(scenario.rfp.id)).toBe(1);
    const bad = await post(scenario, { intent: "visibility", visible: "maybe" });
    expect(bad.status).toBe(400);
    expect(await auditCount(scenario.rfp.id)).toBe(1);
  });
});
