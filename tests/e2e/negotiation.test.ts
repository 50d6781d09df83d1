import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";
import { createNegotiationRfp, settleNegotiation } from "../fixtures/negotiation";

const e2e = useE2E();

/** SCREENSHOTS=1 keeps a picture of each workspace page in test-results/ for review. */
async function snapshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `test-results/negotiation-${name}.png`, fullPage: true });
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
}

describe("contract negotiation after the award", () => {
  it("resolves a flag, escalates a term the sponsor decides, falls back to the runner-up and concludes", async () => {
    const setup = await createNegotiationRfp();
    const base = `/rfps/${setup.rfp.id}/negotiation`;
    const lead = await e2e.pageAs(setup.lead);
    lead.on("dialog", (dialog) => void dialog.accept());

    // The overview: name the executive sponsor.
    await open(lead, base);
    await lead.getByRole("heading", { name: `Negotiation with ${setup.winner.name}` }).waitFor();
    await lead.getByLabel("Executive sponsor").selectOption(setup.executive.id);
    await lead.getByRole("button", { name: "Name sponsor" }).click();
    await lead.getByText(`${setup.executive.name} is the executive sponsor.`).first().waitFor();
    await snapshot(lead, "overview");

    // Risk review: resolve the first flag with a note; it moves to "Resolved or accepted".
    await open(lead, `${base}/risks`);
    const openFlags = lead.getByRole("region", { name: /To deal with/ });
    const firstFlag = openFlags.getByRole("article").first();
    const flagTitle = (await firstFlag.getByRole("heading").textContent())?.trim() ?? "";
    expect(flagTitle).not.toBe("");
    await firstFlag.getByText("Suggested alternative:").waitFor();
    await snapshot(lead, "risks");
    await firstFlag.getByText("Resolve or accept…").click();
    // Client-side validation first: a note is required.
    await firstFlag.getByRole("button", { name: "Save decision" }).click();
    await firstFlag.getByText("A note is required.").waitFor();
    await firstFlag.getByLabel("Note").fill("Fixed in clause 4.2 of the draft agreement.");
    await firstFlag.getByRole("button", { name: "Save decision" }).click();
    const settled = lead.getByRole("region", { name: /Resolved or accepted/ });
    await settled.getByRole("heading", { name: flagTitle }).waitFor();
    await settled.getByText("Fixed in clause 4.2 of the draft agreement.").waitFor();

    // Term tracker: escalate "Service levels and service credits" to the sponsor.
    await open(lead, `${base}/terms`);
    const slaTerm = lead.getByRole("article", { name: /Service levels and service credits/ });
    await slaTerm.getByText("Escalate to the sponsor…").click();
    await slaTerm
      .getByLabel("What should the sponsor decide?")
      .fill("Accept vendor-set levels if credits rise to 10%?");
    await slaTerm.getByRole("button", { name: /Escalate/ }).click();
    await lead
      .getByText(/is escalated to Erin Executive/)
      .first()
      .waitFor();
    await slaTerm.getByText("Waiting for Erin Executive to decide.").waitFor();
    // Forms open on request: only the term being edited carries its form.
    expect(await lead.getByRole("button", { name: "Save term" }).count()).toBe(0);
    const firstTerm = lead.getByRole("article").first();
    const firstTitle = (await firstTerm.getByRole("heading").textContent())?.replace(/^\d+\.\s*/, "").trim() ?? "";
    await firstTerm.getByRole("link", { name: "Edit term" }).click();
    await lead.waitForURL(/\?edit=/);
    await firstTerm.getByLabel("Our position").fill("Twelve months' notice, both ways.");
    await firstTerm.getByRole("button", { name: "Save term" }).click();
    await lead.getByText(`“${firstTitle}” is saved.`).waitFor();
    await firstTerm.getByRole("definition").filter({ hasText: "Twelve months' notice, both ways." }).waitFor();
    expect(await lead.getByRole("button", { name: "Save term" }).count()).toBe(0);
    await snapshot(lead, "terms");

    // The sponsor decides it from the queue.
    const sponsor = await e2e.pageAs(setup.executive);
    await open(sponsor, "/dashboard");
    await sponsor.getByRole("link", { name: "Escalations" }).click();
    await sponsor.waitForURL("**/negotiations/escalations");
    await waitForHydration(sponsor);
    const queued = sponsor.getByRole("article", { name: "Service levels and service credits" });
    await queued.getByText("Accept vendor-set levels if credits rise to 10%?").first().waitFor();
    await snapshot(sponsor, "escalations");
    await queued.getByLabel("Your decision").fill("Agreed, with 10% credits per missed level.");
    await queued.getByLabel(/Settled/).check();
    await queued.getByLabel("Agreed wording").fill("A service credit of 10% of the monthly fee per missed level.");
    await queued.getByRole("button", { name: "Record decision" }).click();
    await sponsor.getByRole("heading", { name: "Nothing waits for your decision" }).waitFor();

    await open(lead, `${base}/terms`);
    const decided = lead.getByRole("article", { name: /Service levels and service credits/ });
    await decided.getByText("Agreed, with 10% credits per missed level.").first().waitFor();
    expect(await decided.locator(".badge").textContent()).toBe("Agreed");

    // Screens not in the journey, for the review pictures.
    for (const page of ["contract", "service-levels", "commitments"]) {
      await open(lead, `${base}/${page}`);
      await snapshot(lead, page);
    }

    // The negotiation breaks down: fall back to the runner-up.
    await open(lead, base);
    await lead.getByText("Negotiation has broken down…").click();
    await lead.getByLabel("Why did it break down?").fill("The vendor refused any exit right on chronic failure.");
    await lead.getByRole("button", { name: `Fall back to ${setup.runnerUp.name}` }).click();
    await lead.getByRole("heading", { name: `Negotiation with ${setup.runnerUp.name}` }).waitFor();
    const earlier = lead.getByRole("region", { name: "Earlier negotiations" });
    await earlier.getByText("The vendor refused any exit right on chronic failure.").waitFor();
    await earlier.getByRole("link", { name: setup.winner.name }).click();
    await lead.getByText(`The negotiation with ${setup.winner.name} broke down`).waitFor();
    await snapshot(lead, "past");

    // Everything settled for the runner-up, then ready and concluded through the page.
    const fallback = await prisma.negotiation.findFirstOrThrow({
      where: { rfpId: setup.rfp.id, status: "OPEN" },
      select: { id: true },
    });
    await settleNegotiation(setup, fallback.id);
    await open(lead, base);
    await lead.getByRole("button", { name: "Mark the contract ready" }).click();
    await lead.getByText("The contract is marked ready to conclude.").first().waitFor();
    await waitForHydration(lead);
    await lead.getByRole("button", { name: "Conclude the negotiation" }).click();
    await lead.getByText("The negotiation is concluded and the RFP is awarded.").first().waitFor();
    await lead.getByRole("heading", { name: "Close-out" }).waitFor();
    await snapshot(lead, "concluded");
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: setup.rfp.id }, select: { stage: true } });
    expect(rfp.stage).toBe("AWARDED");
    const links = await prisma.invitation.findMany({ where: { rfpId: setup.rfp.id }, select: { expiresAt: true } });
    expect(links.every((link) => link.expiresAt !== null)).toBe(true);
  });

  it("works without JavaScript: the lead records a promise as a contract obligation", async () => {
    const setup = await createNegotiationRfp();
    const lead = await e2e.pageAs(setup.lead, { javaScriptEnabled: false });
    await lead.goto(`/rfps/${setup.rfp.id}/negotiation/commitments`);
    const item = lead.getByRole("listitem").filter({ hasText: "Named service manager from day one." }).first();
    await item.getByText("Decide…").click();
    await item.getByLabel("What happens to it").selectOption("OBLIGATION");
    await item.getByLabel("Obligation as it will read in the contract").fill("The vendor names a service manager.");
    await item.getByRole("button", { name: "Save decision" }).click();
    await lead.getByText("The decision is recorded in the register.").first().waitFor();
    const stored = await prisma.commitmentItem.findFirstOrThrow({
      where: { negotiation: { rfpId: setup.rfp.id }, text: "Named service manager from day one." },
    });
    expect(stored).toMatchObject({
      disposition: "OBLIGATION",
      obligationWording: "The vendor names a service manager.",
    });
  });

  it("has no serious accessibility violations on the workspace pages and the sponsor's queue", async () => {
    const setup = await createNegotiationRfp();
    await prisma.negotiation.update({ where: { id: setup.negotiationId }, data: { sponsorId: setup.executive.id } });
    await prisma.contractTerm.updateMany({
      where: { negotiationId: setup.negotiationId, position: 1 },
      data: { status: "ESCALATED" },
    });
    const base = `/rfps/${setup.rfp.id}/negotiation`;
    const pages: [Page, string][] = [];
    const lead = await e2e.pageAs(setup.lead);
    for (const path of ["", "/contract", "/service-levels", "/terms", "/commitments", "/risks"]) {
      pages.push([lead, `${base}${path}`]);
    }
    pages.push([await e2e.pageAs(setup.executive), "/negotiations/escalations"]);
    const failures: string[] = [];
    for (const [page, path] of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // Open every disclosure so the forms inside are checked too.
      await page.evaluate(() => {
        for (const details of document.querySelectorAll("details")) details.open = true;
      });
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const violation of results.violations) {
        if (violation.impact === "serious" || violation.impact === "critical") {
          failures.push(
            `${path}: ${violation.id} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
