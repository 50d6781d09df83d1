import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createAwardRfp } from "../fixtures/award";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

async function decide(
  page: Page,
  recommendationId: string,
  decision: "Approve the award" | "Return to the lead",
  comment = "",
  screenshot = "",
) {
  await page.goto("/approvals");
  await page
    .getByRole("link", { name: /Facilities management 2028/ })
    .first()
    .click();
  await page.waitForURL(`**/approvals/${recommendationId}`);
  await waitForHydration(page);
  await page.getByLabel(decision).check();
  if (comment) await page.getByLabel("Comment").fill(comment);
  if (screenshot) await page.screenshot({ path: `test-results/${screenshot}.png`, fullPage: true });
  await page.getByRole("button", { name: "Record decision" }).click();
  await page.waitForURL("**/approvals");
}

describe("the executive award", () => {
  it("lead submits, an executive returns it, the lead resubmits, both approve: notices queued, negotiation open", async () => {
    const fixture = await createAwardRfp();
    const lead = await e2e.pageAs(fixture.lead);
    await lead.goto(`/rfps/${fixture.rfp.id}/review`);
    await waitForHydration(lead);
    const verdict = lead.getByRole("region", { name: "Recommendation at a glance" });
    await verdict.getByText("Contoso Services Ltd").waitFor();
    await verdict.getByText("Very strong").waitFor();
    await lead.screenshot({ path: "test-results/executive-review.png", fullPage: true });
    await lead.emulateMedia({ media: "print" });
    await lead.screenshot({ path: "test-results/executive-review-print.png", fullPage: true });
    await lead.emulateMedia({ media: "screen" });

    await lead.getByRole("button", { name: "Draft recommendation" }).click();
    await toast(lead, "The recommendation is drafted. Review the memo.");
    await lead
      .getByRole("region", { name: "Recommendation memo" })
      .getByText("We recommend awarding the contract to")
      .waitFor();
    await lead.getByLabel(/Erin Executive/).check();
    await lead.getByLabel(/Oscar Otherexec/).check();
    await lead.getByRole("button", { name: "Submit recommendation" }).click();
    await toast(lead, "Submitted to Erin Executive, Oscar Otherexec for approval.");
    // What the executives approve is frozen with the submission, and the page says so.
    await lead.getByText(/^As submitted on .* \(round 1\)$/).waitFor();
    const recommendation = await prisma.recommendation.findFirstOrThrow({ where: { rfpId: fixture.rfp.id } });

    const erin = await e2e.pageAs(fixture.executive);
    await decide(erin, recommendation.id, "Return to the lead", "Say how the Finnish-language gap will be closed.");
    await toast(erin, "You returned the recommendation to the lead with your comment.");

    await lead.goto(`/rfps/${fixture.rfp.id}/review`);
    await waitForHydration(lead);
    await lead.getByText("Returned by the executives").waitFor();
    await lead.getByText("Say how the Finnish-language gap will be closed.").waitFor();
    await lead
      .getByRole("textbox", { name: "Memo" })
      .fill("# Award to Contoso\n\nFinnish-speaking agents from month 6, written into the contract.");
    await lead.getByRole("button", { name: "Save memo" }).click();
    await toast(lead, "Memo saved.");
    // The approvers of the last round stay ticked for the resubmission.
    expect(await lead.getByLabel(/Erin Executive/).isChecked()).toBe(true);
    await lead.getByRole("button", { name: "Resubmit recommendation" }).click();
    await toast(lead, "Submitted to Erin Executive, Oscar Otherexec for approval.");

    await decide(erin, recommendation.id, "Approve the award", "", "approval-page");
    await toast(erin, "The award is made once every named approver has approved.");
    const oscar = await e2e.pageAs(fixture.otherExecutive);
    await decide(oscar, recommendation.id, "Approve the award");
    await toast(oscar, "Every approver has approved: the award notices are queued and the negotiation is open.");

    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: fixture.rfp.id }, select: { stage: true } });
    expect(rfp.stage).toBe("NEGOTIATION");
    const kinds = await prisma.outboxMessage.findMany({
      where: { rfpId: fixture.rfp.id, kind: { startsWith: "award_" } },
      select: { kind: true },
    });
    expect(kinds.map((message) => message.kind).sort()).toEqual([
      "award_intent_to_award",
      "award_regret",
      "award_reserve",
    ]);
    const negotiation = await prisma.negotiation.findFirstOrThrow({ where: { rfpId: fixture.rfp.id } });
    expect(negotiation).toMatchObject({ invitationId: fixture.winner.id, status: "OPEN" });

    await lead.goto(`/rfps/${fixture.rfp.id}/award-notices`);
    await lead.getByText("The award was approved and these notices were queued in the outbox.").waitFor();
    await lead.screenshot({ path: "test-results/award-notices.png", fullPage: true });
  });
});
