import fs from "node:fs/promises";
import { AxeBuilder } from "@axe-core/playwright";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createEvaluationRfp, scoreStandardScenario } from "../fixtures/evaluation-results";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

/** axe-core, WCAG 2.1 A/AA: serious and critical findings, as in accessibility.test.ts. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name, exact: true });
const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

/** Vendor names of a table's body rows, top to bottom. */
async function vendorOrder(page: Page, testId: string) {
  return page.getByTestId(testId).locator("tbody th[scope=row]").allTextContents();
}

describe("the lead evaluates prices and reads the results", () => {
  it("fixes the price formula, reads results raw and normalized, tries other weights and downloads the exports", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    const { rfp } = scenario;

    const page = await e2e.pageAs(scenario.lead);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.goto(`/rfps/${rfp.id}`);
    await tab(page, "Price").click();
    await page.waitForURL(`**/rfps/${rfp.id}/price`);
    await waitForHydration(page);
    // Logarithmic shows its factor field; relative needs none.
    await page.getByLabel("Logarithmic with a factor").check();
    await page.getByRole("textbox", { name: "Factor" }).waitFor();
    await page.getByLabel("Relative (lowest ÷ price)").check();
    expect(await page.getByRole("textbox", { name: "Factor" }).count()).toBe(0);
    await page.getByLabel("Contract term compared (months)").fill("36");
    await page.getByRole("button", { name: "Fix the formula and open prices" }).click();
    await toast(page, "The price formula is fixed and the price envelopes are open.");
    expect(dialogs).toEqual([
      "Fix this price formula? It cannot be changed afterwards, and every vendor's price is scored with it.",
    ]);
    await page
      .getByRole("row", { name: /Cobalt Support GmbH/ })
      .getByText("€400,000")
      .first()
      .waitFor();
    await page
      .getByTestId("rank-reversal")
      .getByText(/Yes, here/)
      .waitFor();
    await page.getByText(/If Cobalt Support GmbH withdrew, Birch Services plc/).waitFor();
    await page.screenshot({ path: "test-results/evaluation-price.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    const fixed = await prisma.auditEvent.count({ where: { rfpId: rfp.id, action: "price.formula_fixed" } });
    expect(fixed).toBe(1);

    // Results: raw scores, quality and price together.
    await tab(page, "Results").click();
    await page.waitForURL(`**/rfps/${rfp.id}/results`);
    await waitForHydration(page);
    await page.getByTestId("method-statement").getByText("Method shown: Raw scores.").waitFor();
    expect(await vendorOrder(page, "results-table")).toEqual([
      "Acme Outsourcing Ltd",
      "Birch Services plc",
      "Cobalt Support GmbH",
    ]);
    await page
      .getByTestId("results-table")
      .getByRole("row", { name: /Acme Outsourcing Ltd/ })
      .getByText("68.0")
      .waitFor();
    // Charts load lazily in the browser, next to their tables.
    await page.getByTestId("by-criterion-chart").locator(".recharts-surface").first().waitFor();
    await page.getByTestId("profiles-chart").locator(".recharts-surface").first().waitFor();
    await page.getByTestId("quality-price-chart").locator(".recharts-surface").first().waitFor();
    await page.screenshot({ path: "test-results/evaluation-results-raw.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    // Printed: navigation and controls drop out, charts and tables stay.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("link", { name: "Download XLSX (every view)" }).isVisible()).toBe(false);
    expect(await page.getByTestId("by-criterion-chart").locator(".recharts-surface").first().isVisible()).toBe(true);
    await page.screenshot({ path: "test-results/evaluation-results-print.png", fullPage: true });
    await page.emulateMedia({ media: "screen" });

    await page
      .getByRole("navigation", { name: "Scoring method" })
      .getByRole("link", { name: "Normalized per evaluator" })
      .click();
    await page.waitForURL(/method=normalized/);
    await page.getByTestId("method-statement").getByText("Method shown: Normalized per evaluator.").waitFor();
    await page.getByRole("heading", { name: "Harsh and lenient markers" }).waitFor();
    await page
      .getByRole("row", { name: /Farid Finance Finance/ })
      .getByText("Rescaled (z-score)")
      .waitFor();
    await page.screenshot({ path: "test-results/evaluation-results-normalized.png", fullPage: true });

    // Exports: the workbook has one sheet per view; one view as CSV.
    await page.getByRole("navigation", { name: "Scoring method" }).getByRole("link", { name: "Raw scores" }).click();
    await page.waitForURL(/method=raw/);
    const [workbookDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download XLSX (every view)" }).click(),
    ]);
    expect(workbookDownload.suggestedFilename()).toMatch(/-results-raw\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await workbookDownload.path()) ?? "");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain("Score matrix");
    expect(workbook.getWorksheet("Results (raw)")?.getRow(2).getCell(2).value).toBe("Acme Outsourcing Ltd");
    await page.getByLabel("View to download as CSV").selectOption("matrix");
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/-matrix\.csv$/);
    const csv = await fs.readFile((await csvDownload.path()) ?? "", "utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "Vendor,Criterion,Scale,Ines Integration,Farid Finance,Olga Operations,Scores,Mean,Std dev,Range,Consensus,Counts as,Disagreement",
    );

    // Sensitivity: the price slider re-ranks live in the browser.
    await tab(page, "Sensitivity").click();
    await page.waitForURL(`**/rfps/${rfp.id}/sensitivity`);
    await waitForHydration(page);
    expect(await vendorOrder(page, "what-if-table")).toEqual([
      "Acme Outsourcing Ltd",
      "Birch Services plc",
      "Cobalt Support GmbH",
    ]);
    await page
      .getByTestId("tipping-top")
      .getByRole("row", { name: /Price/ })
      .getByText(/Cobalt Support GmbH draws level/)
      .waitFor();
    await page.getByTestId("monte-carlo-table").waitFor();
    await page.getByRole("slider", { name: "Price" }).focus();
    await page.keyboard.press("End");
    await page.getByTestId("what-if-table").locator("tbody tr").first().getByText("Cobalt Support GmbH").waitFor();
    expect(page.url()).toMatch(/\/sensitivity$/);
    await page.screenshot({ path: "test-results/evaluation-sensitivity.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("re-ranks on the server when the browser runs no JavaScript", async () => {
    const scenario = await createEvaluationRfp();
    await scoreStandardScenario(scenario);
    await prisma.rfp.update({
      where: { id: scenario.rfp.id },
      data: {
        priceFormula: { formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 36 },
        priceFormulaFixedAt: new Date(),
      },
    });
    const page = await e2e.pageAs(scenario.lead, { javaScriptEnabled: false });
    await page.goto(`/rfps/${scenario.rfp.id}/sensitivity`);
    await page.getByLabel("Technical").fill("10");
    await page.getByLabel("Price").fill("90");
    await page.getByRole("button", { name: "Re-rank with these weights" }).click();
    await page.waitForURL(/weight-/);
    expect(await vendorOrder(page, "what-if-table")).toEqual([
      "Cobalt Support GmbH",
      "Birch Services plc",
      "Acme Outsourcing Ltd",
    ]);
    // Out of range (the browser's own min/max check bypassed): a message next to the input.
    await page.goto(`/rfps/${scenario.rfp.id}/sensitivity?weight-${scenario.criteria.price}=150`);
    await page.getByText("A weight must be between 0 and 100.").waitFor();
    expect(await page.getByLabel("Price").inputValue()).toBe("150");
    await page.screenshot({ path: "test-results/evaluation-sensitivity-no-js.png", fullPage: true });
  });
});
