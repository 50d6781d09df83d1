import fs from "node:fs/promises";
import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { AGREED_WORDING, createExportableRfp } from "../fixtures/exports";
import { createTestRfp, createTestUser } from "../fixtures/factories";
import { ocdsPackageErrors } from "../fixtures/ocds-validator";
import { readZipEntry } from "../fixtures/zip";

const e2e = useE2E();

describe("exports", () => {
  it("the lead downloads the term sheet (Word and PDF) and the OCDS package from the Exports tab", async () => {
    const { rfp, lead } = await createExportableRfp();
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}`);
    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Exports" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/exports`);
    const termSheet = page.getByRole("region", { name: "Term sheet" });
    await termSheet.getByText("Contoso Services Ltd").waitFor();
    await page.screenshot({ path: "test-results/exports-page.png", fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"),
    ).toEqual([]);

    const [docx] = await Promise.all([
      page.waitForEvent("download"),
      termSheet.getByRole("button", { name: "Download as Word (.docx)" }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe(`${rfp.reference}-term-sheet-draft.docx`);
    const docxBytes = await fs.readFile((await docx.path()) ?? "");
    expect(readZipEntry(docxBytes, "word/document.xml")).toContain(AGREED_WORDING);

    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      termSheet.getByRole("button", { name: "Download as PDF" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`${rfp.reference}-term-sheet-draft.pdf`);
    expect((await fs.readFile((await pdf.path()) ?? "")).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const [ocds] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download release package (.json)" }).click(),
    ]);
    expect(ocds.suggestedFilename()).toBe(`${rfp.reference}-ocds-release-package.json`);
    const releasePackage = JSON.parse(await fs.readFile((await ocds.path()) ?? "", "utf8"));
    expect(ocdsPackageErrors(releasePackage)).toEqual([]);
    expect(releasePackage.releases[0].contracts).toHaveLength(1);

    // Each download is on the record, and the page lists them.
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id, action: "rfp.exported" } })).toBe(3);
    await page.reload();
    const downloads = page.getByRole("region", { name: "Recent downloads" });
    await downloads.getByText("OCDS release package (JSON)").waitFor();
    await downloads.getByText("Term sheet (Word)").waitFor();
  });

  it("works without JavaScript too", async () => {
    const { rfp, observer } = await createExportableRfp();
    const page = await e2e.pageAs(observer, { javaScriptEnabled: false });
    await page.goto(`/rfps/${rfp.id}/exports`);
    const [memo] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("region", { name: "Decision memo" }).getByRole("button", { name: "Download as PDF" }).click(),
    ]);
    expect(memo.suggestedFilename()).toBe(`${rfp.reference}-decision-memo.pdf`);
  });

  it("says what to do when there is nothing to export yet", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const rfp = await createTestRfp(lead);
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}/exports`);
    await page.getByRole("heading", { name: "No term sheet yet" }).waitFor();
    await page.getByRole("heading", { name: "No recommendation yet" }).waitFor();
    await page.getByRole("heading", { name: "Nothing to publish yet" }).waitFor();
    expect(
      await page
        .getByRole("button")
        .filter({ hasText: /Download|PDF|Word|OCDS/ })
        .count(),
    ).toBe(0);
    await page.screenshot({ path: "test-results/exports-empty.png", fullPage: true });
  });
});
