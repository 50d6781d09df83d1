import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";
import { createRankingRfp, submitDebrief } from "../fixtures/interviews-ranking";

const e2e = useE2E();

function acceptDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return dialogs;
}

/** axe-core (WCAG 2.1 A/AA): serious or critical findings on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

async function placesShown(page: Page) {
  const items = page.getByRole("list", { name: "Your ranking, best first" }).getByRole("listitem");
  const rows: string[] = [];
  for (const item of await items.all()) {
    const place = (await item.getByTestId("ranking-place").textContent())?.trim() ?? "";
    const name = (await item.locator(".outline__title").textContent())?.trim() ?? "";
    rows.push(`${place} ${name}`);
  }
  return rows;
}

describe("panel rankings and the final ranking", () => {
  it("the lead sets weights that lock at the first debrief; members rank (keyboard, buttons, no JavaScript); everyone sees the result", async () => {
    const t = await createRankingRfp({ debriefs: false });
    const finalUrl = `/rfps/${t.rfp.id}/final-ranking`;
    const rankingsUrl = `/rfps/${t.rfp.id}/rankings`;

    // Weights before the first debrief: validated in the browser, then saved.
    const lead = await e2e.pageAs(t.lead);
    const leadDialogs = acceptDialogs(lead);
    await lead.goto(finalUrl);
    await waitForHydration(lead);
    const weights = lead.getByRole("region", { name: "Weights" });
    await weights.getByLabel("Written result").fill("60");
    await weights.getByRole("button", { name: "Save weights" }).click();
    await weights.getByText("The three weights must add up to 100%.").waitFor();
    await weights.getByLabel("Written result").fill("45");
    await weights.getByLabel("Oral result").fill("25");
    await weights.getByRole("button", { name: "Save weights" }).click();
    await toast(lead, "Final-ranking weights saved.");

    // The debriefs happen: from then on the weights are locked.
    for (const [short, scores] of [
      ["Contoso", [4, 4]],
      ["Fabrikam", [3, 4]],
      ["Northwind", [2, 2]],
    ] as const) {
      for (const member of [t.ann, t.ben, t.cleo]) {
        await submitDebrief(t.interviews[short].id, member.memberId, t.criteria, scores);
      }
    }
    await lead.reload();
    await weights.getByText("Locked", { exact: true }).waitFor();
    expect(await weights.getByRole("button", { name: "Save weights" }).count()).toBe(0);
    await weights.getByText(/The weights are locked/).waitFor();

    // Ann ranks with the keyboard: Northwind is picked up and moved up one place, then tied.
    const ann = await e2e.pageAs(t.ann.user);
    const annDialogs = acceptDialogs(ann);
    await ann.goto(rankingsUrl);
    await waitForHydration(ann);
    expect(await placesShown(ann)).toEqual(["1. Contoso Services", "2. Fabrikam Support", "3. Northwind Helpdesk"]);
    expect(await seriousViolations(ann)).toEqual([]);
    // dnd-kit mounts its screen-reader instructions and live region just after the list: wait for them.
    await ann.locator('[id^="DndDescribedBy"]').waitFor({ state: "attached" });
    await ann.locator('[id^="DndLiveRegion"]').waitFor({ state: "attached" });
    await ann.getByRole("button", { name: "Drag Northwind Helpdesk" }).focus();
    // Each step waits for dnd-kit's screen-reader announcement, which is also what a user hears.
    const announced = (text: string) => ann.getByText(text).waitFor({ state: "attached" });
    await ann.keyboard.press("Space");
    // Picked up: it is over its own place at once (the last announcement wins).
    await announced("Northwind Helpdesk is over position 3.");
    await ann.keyboard.press("ArrowUp");
    await announced("Northwind Helpdesk is over position 2.");
    await ann.keyboard.press("Space");
    await announced("Northwind Helpdesk dropped at position 2.");
    await ann.waitForFunction(() =>
      document.querySelectorAll(".ranking-item")[1]?.textContent?.includes("Northwind Helpdesk"),
    );
    expect(await placesShown(ann)).toEqual(["1. Contoso Services", "2. Northwind Helpdesk", "3. Fabrikam Support"]);
    await ann.getByLabel("Tied with the vendor above (Fabrikam Support)").check();
    expect(await placesShown(ann)).toEqual(["1. Contoso Services", "=2. Northwind Helpdesk", "=2. Fabrikam Support"]);
    await ann.getByRole("button", { name: "Submit ranking" }).click();
    await toast(ann, /^Ranking submitted and sealed/);
    expect(annDialogs).toEqual(["Submit your ranking? It is sealed once submitted and cannot be changed."]);
    await ann.getByText("Your ranking is submitted").waitFor();

    // The lead sees who has ranked, never what.
    await lead.goto(rankingsUrl);
    const statuses = lead.getByRole("region", { name: "Panel rankings" });
    await statuses.getByText("1 of 3 submitted").waitFor();
    expect(await lead.getByTestId("aggregate-table").count()).toBe(0);

    // Ben ranks without JavaScript: a place number per vendor; a mistake is shown beside the field.
    const ben = await e2e.pageAs(t.ben.user, { javaScriptEnabled: false });
    await ben.goto(rankingsUrl);
    await ben.getByLabel("Contoso Services").fill("1");
    await ben.getByLabel("Fabrikam Support").fill("2");
    await ben.getByLabel("Northwind Helpdesk").fill("9");
    await ben.getByRole("button", { name: "Submit ranking" }).click();
    await ben.getByText("Give Northwind Helpdesk a place from 1 to 3.").waitFor();
    await ben.screenshot({ path: "test-results/ranking-without-javascript.png", fullPage: true });
    await ben.getByLabel("Northwind Helpdesk").fill("3");
    await ben.getByRole("button", { name: "Submit ranking" }).click();
    await ben.getByText("Your ranking is submitted").waitFor();

    // Cleo (Finance) ranks with the arrow buttons: Fabrikam first, Contoso last.
    const cleo = await e2e.pageAs(t.cleo.user);
    acceptDialogs(cleo);
    await cleo.goto(rankingsUrl);
    await waitForHydration(cleo);
    await cleo.getByRole("button", { name: "Move Fabrikam Support up" }).click();
    await cleo.getByRole("button", { name: "Move Contoso Services down" }).click();
    // The focus stays with the vendor moved (on the other arrow at the end of the list), so a keyboard
    // user can keep moving it.
    expect(await cleo.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Move Contoso Services up",
    );
    expect(await placesShown(cleo)).toEqual(["1. Fabrikam Support", "2. Northwind Helpdesk", "3. Contoso Services"]);
    await cleo.getByRole("button", { name: "Submit ranking" }).click();
    await toast(cleo, /results are revealed/);

    // Revealed to everyone: Borda and Schulze, the Condorcet winner, agreement, the outlier, groups.
    await lead.goto(rankingsUrl);
    await lead.getByTestId("aggregate-table").waitFor();
    await lead.getByText(/Contoso Services is the Condorcet winner/).waitFor();
    await lead.getByText(/^The panel shows/).waitFor();
    await lead.getByText(/Cleo Panel ranked the vendors least like/).waitFor();
    await lead.getByTestId("pairwise").waitFor();
    await lead.getByTestId("strongest-paths").waitFor();
    await lead
      .getByTestId("group-comparisons")
      .getByText(/IT and Finance/)
      .waitFor();
    const bordaRows = await lead.getByTestId("aggregate-table").locator("tbody tr").allInnerTexts();
    expect(bordaRows[0]).toMatch(/^Contoso Services/);
    await lead.setViewportSize({ width: 1280, height: 900 });
    await lead.screenshot({ path: "test-results/panel-rankings.png", fullPage: true });
    expect(await seriousViolations(lead)).toEqual([]);

    // The final ranking: recommended vendor and runner-up, evidence one click away.
    await lead.goto(finalUrl);
    await waitForHydration(lead);
    const recommendation = lead.getByTestId("recommendation");
    await recommendation.getByText("Contoso Services").waitFor();
    await recommendation.getByText("Fabrikam Support").waitFor();
    await recommendation.getByText("The panel's own ranking (Schulze) puts the same vendor first.").waitFor();
    const table = lead.getByTestId("final-ranking");
    await table.getByText("Evidence for Fabrikam Support").click();
    await table.getByText(/Oral: 70\.0 from 3 debrief views/).waitFor();
    await lead.screenshot({ path: "test-results/final-ranking.png", fullPage: true });
    expect(await seriousViolations(lead)).toEqual([]);

    // Telling the others where they stand (confirmed), by email through the outbox.
    await lead.getByRole("button", { name: "Notify the vendors" }).click();
    await toast(lead, /^Vendors notified: 1 held in reserve, 1 not taken further/);
    expect(leadDialogs.at(-1)).toMatch(/^Fabrikam Support will be told they are held in reserve\./);
    const statusesAfter = await prisma.invitation.findMany({
      where: { rfpId: t.rfp.id },
      select: { status: true, vendor: { select: { name: true } } },
      orderBy: { vendor: { name: "asc" } },
    });
    expect(statusesAfter.map((row) => [row.vendor.name, row.status])).toEqual([
      ["Contoso Services", "SHORTLISTED"],
      ["Fabrikam Support", "RESERVE"],
      ["Northwind Helpdesk", "ELIMINATED"],
    ]);
    await table.getByText("Held in reserve").waitFor();
  });
});
