import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createConsensusRfp, createShortlistRfp, writeAllSheets } from "../fixtures/evaluation-consensus";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

function acceptDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return dialogs;
}

/** axe-core (WCAG 2.1 A/AA): serious or critical findings on the page as it stands. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

describe("consensus and shortlist", () => {
  it("the lead opens consensus, the panel settles flagged items with a rationale, a member dissents", async () => {
    const t = await createConsensusRfp();
    await writeAllSheets(t);
    const [contoso, fabrikam, litware] = t.vendors;
    const dan = t.panel[3];
    if (!contoso || !fabrikam || !litware || !dan) throw new Error("fixture incomplete");
    // Before the lead opens consensus, a panel member sees that scores are sealed, and no score.
    const panel = await e2e.pageAs(dan.user);
    await panel.goto(`/rfps/${t.rfp.id}/consensus`);
    await panel.getByText(/Scores stay sealed until every panel member has submitted/).waitFor();
    expect(await panel.getByRole("table").count()).toBe(0);
    await panel.screenshot({ path: "test-results/consensus-sealed.png", fullPage: true });

    const lead = await e2e.pageAs(t.lead);
    const dialogs = acceptDialogs(lead);
    await lead.goto(`/rfps/${t.rfp.id}/consensus`);
    await waitForHydration(lead);
    await lead.getByText("12 of 12 score sheets submitted.").waitFor();
    await lead.getByRole("button", { name: "Open consensus" }).click();
    await toast(lead, "Consensus is open. 2 items need the panel's agreed score.");
    expect(dialogs[0]).toMatch(/every other member's scores/);

    // One vendor at a time: the first with flagged items to settle, and a picker saying where work is.
    const picker = lead.getByRole("navigation", { name: "Vendors" });
    const pick = (name: string) => picker.getByRole("link", { name: new RegExp(`^${name}`) });
    expect(await pick(contoso.name).getAttribute("aria-current")).toBe("page");
    await pick(contoso.name).getByText("1 of 1 flagged to settle").waitFor();
    await pick(fabrikam.name).getByText("1 of 1 flagged to settle").waitFor();
    expect(await lead.getByRole("region", { name: fabrikam.name, exact: true }).count()).toBe(0);

    // Contoso's service desk: Dan's 1 against three 4s is flagged twice.
    const contosoCard = lead.getByRole("region", { name: contoso.name, exact: true });
    await contosoCard.getByText("Dan Panel gave 1 (z = -3.0)").waitFor();
    const item = contosoCard.getByRole("article", { name: "Service desk: consensus" });
    await item.getByText(`Record consensus… for ${contoso.name}, Service desk`).click();
    await item.getByRole("button", { name: "Save agreed score" }).click();
    await item.getByText("Choose the agreed score.").waitFor();
    await item.getByLabel("Agreed score").selectOption("4");
    await item.getByLabel("Rationale").fill("Dan had missed the 24/7 staffing annex; the panel agrees on 4.");
    await item.getByRole("button", { name: "Save agreed score" }).click();
    await toast(lead, `Consensus recorded for ${contoso.name} on Service desk.`);
    await item.locator("p", { hasText: "Dan had missed the 24/7 staffing annex; the panel agrees on 4." }).waitFor();
    expect(lead.url()).toContain(`vendor=${contoso.invitationId}`);
    await pick(contoso.name).getByText("1 flagged, all agreed").waitFor();

    // On to Fabrikam through the picker, by keyboard.
    await pick(fabrikam.name).focus();
    await lead.keyboard.press("Enter");
    await lead.waitForURL(new RegExp(`vendor=${fabrikam.invitationId}`));
    const fabrikamItem = lead
      .getByRole("region", { name: fabrikam.name, exact: true })
      .getByRole("article", { name: "Security: consensus" });
    await fabrikamItem.getByText(`Record consensus… for ${fabrikam.name}, Security`).click();
    await fabrikamItem.getByLabel("Agreed score").selectOption("4");
    await fabrikamItem.getByLabel("Rationale").fill("ISO 27001 certificate is current; SOC 2 report pending.");
    await fabrikamItem.getByRole("button", { name: "Save agreed score" }).click();
    await toast(lead, `Consensus recorded for ${fabrikam.name} on Security.`);
    expect(lead.url()).toContain(`vendor=${fabrikam.invitationId}`);
    await lead.getByText("Consensus complete").waitFor();
    await lead.getByText(`Finance ranks ${fabrikam.name} first, IT ranks it second.`).waitFor();
    await lead.screenshot({ path: "test-results/consensus-lead.png", fullPage: true });
    expect(await seriousViolations(lead)).toEqual([]);

    // Flagged items only: Litware has none, and says so; the full matrix is one link away.
    await pick(litware.name).click();
    await lead
      .getByRole("region", { name: litware.name, exact: true })
      .getByRole("link", { name: /Flagged only/ })
      .click();
    await lead.getByText(`No flagged items for ${litware.name}`).waitFor();
    expect(new URL(lead.url()).searchParams.get("items")).toBe("flagged");
    expect(await lead.getByRole("link", { name: "Download XLSX (every view)" }).getAttribute("href")).toBe(
      `/rfps/${t.rfp.id}/results.xlsx`,
    );
    expect(await seriousViolations(lead)).toEqual([]);

    // Dan keeps his view on record beside the agreed score.
    await panel.reload();
    await waitForHydration(panel);
    const danItem = panel
      .getByRole("region", { name: contoso.name, exact: true })
      .getByRole("article", { name: "Service desk: consensus" });
    await danItem.getByText(/Record a minority opinion/).click();
    await danItem.getByLabel("Your opinion").fill("The annex promises staff the vendor has not hired yet.");
    await danItem.getByRole("button", { name: "Save opinion" }).click();
    await toast(panel, "Minority opinion of Dan Panel recorded.");
    await danItem.locator("li", { hasText: "The annex promises staff the vendor has not hired yet." }).waitFor();
    expect(await prisma.minorityOpinion.count({ where: { memberId: dan.memberId } })).toBe(1);
    // The opinion form was posted from the default page: back on Contoso, where it belongs.
    expect(panel.url()).toContain(`vendor=${contoso.invitationId}`);
  });

  it("the vendor picker and the item list work without JavaScript", async () => {
    const t = await createConsensusRfp();
    await writeAllSheets(t);
    await prisma.rfp.update({ where: { id: t.rfp.id }, data: { consensusOpenedAt: new Date() } });
    const [contoso, fabrikam] = t.vendors;
    const observer = t.observer;
    if (!contoso || !fabrikam) throw new Error("fixture incomplete");
    const page = await e2e.pageAs(observer, { javaScriptEnabled: false });
    await page.goto(`/rfps/${t.rfp.id}/consensus`);
    await page.getByRole("region", { name: contoso.name, exact: true }).waitFor();
    await page
      .getByRole("navigation", { name: "Vendors" })
      .getByRole("link", { name: new RegExp(`^${fabrikam.name}`) })
      .click();
    await page.waitForURL(new RegExp(`vendor=${fabrikam.invitationId}`));
    const card = page.getByRole("region", { name: fabrikam.name, exact: true });
    await card.getByText("Range 3 ≥ 2.5 (half the scale)").waitFor();
    // Its flagged item by default (under its group's header row), every criterion one link away.
    expect(await card.getByRole("row").count()).toBe(3);
    await card.getByRole("link", { name: /All criteria/ }).click();
    await page.waitForURL(/items=all/);
    await card.getByRole("rowheader", { name: /Service desk/ }).waitFor();
    expect(await card.getByRole("row").count()).toBe(5);
    await page.screenshot({ path: "test-results/consensus-no-js.png", fullPage: true });
  });

  it("the lead shortlists the top two and brings a third in with a justification", async () => {
    const t = await createShortlistRfp();
    const [contoso, fabrikam, litware] = t.vendors;
    if (!contoso || !fabrikam || !litware) throw new Error("fixture incomplete");
    const lead = await e2e.pageAs(t.lead);
    const dialogs = acceptDialogs(lead);
    await lead.goto(`/rfps/${t.rfp.id}/shortlist`);
    await waitForHydration(lead);
    await lead.getByLabel("N (top N)").fill("2");
    await lead.getByRole("button", { name: "Update suggestion" }).click();
    await lead.waitForURL(/size=2/);
    await lead.getByText("Suggested line: the vendors below are not suggested").waitFor();

    const decision = (name: string) => lead.getByRole("group", { name: new RegExp(name) });
    await decision(contoso.name).getByLabel("Rationale").fill("Strongest service desk model and 24/7 staffing.");
    await decision(fabrikam.name).getByLabel("Rationale").fill("Solid security posture and good references.");
    const below = decision(litware.name);
    await below.getByLabel("Rationale").fill("Thin transition plan, but the only on-site team.");
    expect(await below.getByLabel("Who asked for it").count()).toBe(0);
    await below
      .getByLabel(/Shortlist/)
      .first()
      .check();
    await lead.getByRole("button", { name: "Decide the shortlist and notify vendors" }).click();
    await below.getByText("Name who asked for this vendor to be brought in.").waitFor();
    expect(dialogs).toEqual([]);
    await below
      .getByLabel("Why bring it in below the line")
      .fill("Only bidder with an on-site team in Hamburg; Operations needs that option in the interviews.");
    await below.getByLabel("Who asked for it").fill("Olga Operations (Head of Operations)");
    await lead.screenshot({ path: "test-results/shortlist-form.png", fullPage: true });
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.getByRole("button", { name: "Decide the shortlist and notify vendors" }).click();
    await toast(lead, /Shortlist decided: 3 of 3 vendors/);
    expect(dialogs[0]).toMatch(/Shortlist 3 of 3 vendors\?/);
    await lead.getByText("Brought in below the line").waitFor();
    await lead.getByText("— asked for by Olga Operations (Head of Operations)").waitFor();
    await lead.screenshot({ path: "test-results/shortlist-decided.png", fullPage: true });
    const status = await prisma.invitation.findUniqueOrThrow({ where: { id: litware.invitationId } });
    expect(status.status).toBe("SHORTLISTED");
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id, kind: "shortlisted" } })).toBe(3);
  });
});
