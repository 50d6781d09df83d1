import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { openConsensusDirectly } from "../fixtures/evaluation-consensus";
import { createSectionedConsensusRfp, SECTIONED_CRITERIA } from "../fixtures/evaluation-consensus-sections";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

/** axe-core (WCAG 2.1 A/AA): serious or critical findings on the page as it stands. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** The item rows of a vendor's table (not the rows naming the flagged and unflagged groups). */
const itemRows = (card: Locator) => card.locator("tbody tr:not(.consensus-matrix__group)");
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

describe("consensus on a long list of criteria", () => {
  it("the lead moves to a section through the navigator and records an agreed score there", async () => {
    const t = await createSectionedConsensusRfp();
    await openConsensusDirectly(t.rfp.id);
    const [contoso, fabrikam] = t.vendors;
    if (!contoso || !fabrikam) throw new Error("fixture incomplete");
    const lead = await e2e.pageAs(t.lead);
    await lead.goto(`/rfps/${t.rfp.id}/consensus?vendor=${contoso.invitationId}`);
    await waitForHydration(lead);
    const card = lead.getByRole("region", { name: contoso.name, exact: true });
    // The flagged list is whole and has no sections; all 34 criteria are a section at a time.
    expect(await card.getByRole("navigation", { name: /^Sections of the criteria/ }).count()).toBe(0);
    await card.getByRole("link", { name: /All criteria/ }).click();
    await lead.waitForURL(/items=all/);
    const sections = card.getByRole("navigation", { name: `Sections of the criteria for ${contoso.name}` });
    const section = (label: string) => sections.getByRole("link", { name: new RegExp(`^${label}`) });
    expect(await section("1. Technical").getAttribute("aria-current")).toBe("page");
    expect(await itemRows(card).count()).toBe(2);

    await section("3. Service delivery").click();
    await lead.waitForURL(/section=3/);
    expect(query(lead)).toMatchObject({ vendor: contoso.invitationId, items: "all", section: "3" });
    // The URL changes before the new section renders: wait for it to be marked current.
    await sections.locator('a[aria-current="page"]', { hasText: "3. Service delivery" }).waitFor();
    expect(await itemRows(card).count()).toBe(SECTIONED_CRITERIA);
    await section("3. Service delivery").getByText("flagged to settle").waitFor();
    await lead.screenshot({ path: "test-results/consensus-sections.png", fullPage: true });
    expect(await seriousViolations(lead)).toEqual([]);

    // Service delivery 2 (Ann's 1 against three 4s) is flagged: the panel agrees on 4.
    const item = card.getByRole("article", { name: "Service delivery 2: consensus" });
    await item.getByText(`Record consensus… for ${contoso.name}, Service delivery 2`).click();
    await item.getByLabel("Agreed score").selectOption("4");
    await item.getByLabel("Rationale").fill("Ann had read last year's staffing plan; the panel agrees on 4.");
    await item.getByRole("button", { name: "Save agreed score" }).click();
    await lead
      .getByTestId("toast")
      .getByText(`Consensus recorded for ${contoso.name} on Service delivery 2.`)
      .waitFor();
    expect(query(lead)).toMatchObject({ vendor: contoso.invitationId, items: "all", section: "3" });
    await section("3. Service delivery").getByText("flagged, all agreed").waitFor();
    const saved = await prisma.consensusScore.findUniqueOrThrow({
      where: {
        invitationId_criterionId: {
          invitationId: contoso.invitationId,
          criterionId: t.leaf("Service delivery 2").id,
        },
      },
    });
    expect(saved.value).toBe(4);

    // On to the next section from the bottom of the card, then to another vendor in the same section.
    await card
      .getByRole("navigation", { name: "Previous and next section" })
      .getByRole("link", { name: /Security and compliance/ })
      .click();
    await lead.waitForURL(/section=4/);
    await card.getByRole("rowheader", { name: /Security and compliance 3/ }).waitFor();
    await lead
      .getByRole("navigation", { name: "Vendors" })
      .getByRole("link", { name: new RegExp(`^${fabrikam.name}`) })
      .click();
    await lead.waitForURL(new RegExp(`vendor=${fabrikam.invitationId}`));
    expect(query(lead)).toMatchObject({ vendor: fabrikam.invitationId, items: "all", section: "4" });
    const fabrikamSections = lead.getByRole("navigation", { name: `Sections of the criteria for ${fabrikam.name}` });
    await fabrikamSections.locator('a[aria-current="page"]', { hasText: "4. Security and compliance" }).waitFor();
  });

  it("the sections work without JavaScript", async () => {
    const t = await createSectionedConsensusRfp();
    await openConsensusDirectly(t.rfp.id);
    const litware = t.vendors[2];
    if (!litware) throw new Error("fixture incomplete");
    const page = await e2e.pageAs(t.observer, { javaScriptEnabled: false });
    // Litware has no flagged item: all of its items by default, a section at a time.
    await page.goto(`/rfps/${t.rfp.id}/consensus?vendor=${litware.invitationId}`);
    const card = page.getByRole("region", { name: litware.name, exact: true });
    await card
      .getByRole("navigation", { name: `Sections of the criteria for ${litware.name}` })
      .getByRole("link", { name: /^4\. Security and compliance/ })
      .click();
    await page.waitForURL(/section=4/);
    expect(await itemRows(card).count()).toBe(SECTIONED_CRITERIA);
    await card
      .getByRole("navigation", { name: "Previous and next section" })
      .getByRole("link", { name: /Service delivery/ })
      .click();
    await page.waitForURL(/section=3/);
    await card.getByRole("rowheader", { name: /Service delivery 16/ }).waitFor();
  });
});
