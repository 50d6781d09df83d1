import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createTestUser } from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";
import {
  acknowledgeAddendum,
  askQuestion,
  createProposal,
  createPublishedRfp,
  passProposalDeadline,
  pdfPageCount,
} from "../fixtures/tender";

const e2e = useE2E();

/** Accept every confirmation dialog, remembering what it asked. */
function acceptDialogs(page: Page) {
  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  return asked;
}

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();
const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name, exact: true });

describe("a lead runs the published tender", () => {
  it("issues an addendum after editing the working copy and sees who has not acknowledged it", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Ada Addendum" });
    const { rfp, invitations } = await createPublishedRfp(lead, { vendors: ["Contoso Services Ltd", "Fabrikam Inc"] });
    // The document editor is another screen; the working copy is edited directly here.
    await prisma.rfpSection.updateMany({
      where: { rfpId: rfp.id },
      data: { body: "Run the service desk for 2,100 staff." },
    });

    const page = await e2e.pageAs(lead);
    const dialogs = acceptDialogs(page);
    await page.goto(`/rfps/${rfp.id}`);
    await tab(page, "Addenda").click();
    await page.waitForURL(`**/rfps/${rfp.id}/addenda`);
    await waitForHydration(page);
    await page.getByText("The working copy differs from version 1").waitFor();
    expect(await page.getByLabel("What changed").inputValue()).toBe("- Section “Scope of services” text changed.");
    await page.getByLabel("Title").fill("Staff numbers updated");
    await page.getByLabel("Why it changed").fill("The Leeds office moved 300 people to the service desk scope.");
    await page.getByRole("button", { name: "Issue Addendum 1" }).click();
    await toast(page, "Addendum 1 was issued and 2 vendor(s) notified. Version 2 of the document is frozen.");
    expect(dialogs).toEqual(["Issue Addendum 1 and email every invited vendor? It cannot be withdrawn."]);

    const card = page.getByRole("region", { name: "Addendum 1: Staff numbers updated" });
    await card.getByText("Version 2 frozen with this addendum").waitFor();
    expect(await card.getByText("Not acknowledged", { exact: true }).count()).toBe(2);
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "addendum" } })).toBe(2);

    // Contoso acknowledges in its portal.
    const addendum = await prisma.addendum.findFirstOrThrow({ where: { rfpId: rfp.id } });
    await acknowledgeAddendum(addendum.id, invitations[0]?.id ?? "", "Pat Bidder");
    await page.reload();
    await waitForHydration(page);
    const contosoRow = card.getByRole("row", { name: /Contoso Services Ltd/ });
    await contosoRow.getByText("Acknowledged", { exact: true }).waitFor();
    await contosoRow.getByText("Pat Bidder").waitFor();
    await card
      .getByRole("row", { name: /Fabrikam Inc/ })
      .getByText("Not acknowledged")
      .waitFor();
    await card.getByText("1 of 2 acknowledged · 1 pending").waitFor();

    await card.getByRole("button", { name: "Remind 1 vendor(s) about Addendum 1" }).click();
    await toast(page, "1 vendor(s) were reminded to acknowledge Addendum 1.");
    const reminders = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "addendum_reminder" } });
    expect(reminders.map((message) => message.invitationId)).toEqual([invitations[1]?.id]);
  });

  it("prints the RFP without the app around it and downloads the same RFP as a PDF", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Pia Print" });
    const { rfp } = await createPublishedRfp(lead);
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}`);
    await tab(page, "Print").click();
    await page.waitForURL(`**/rfps/${rfp.id}/print`);
    const document = page.locator("article.rfp-print");
    await document.getByRole("heading", { level: 1, name: "Facilities management 2028" }).waitFor();
    const contents = page.getByRole("navigation", { name: "Contents" });
    expect(await contents.getByRole("link").allTextContents()).toEqual([
      "1. Scope of services",
      "2. Requirements",
      "3. Evaluation criteria and weights",
      "4. Timeline",
      "5. Submission instructions",
    ]);
    await document.getByText("Version 1,", { exact: false }).waitFor();
    await document
      .getByRole("region", { name: "1. Scope of services" })
      .locator("strong", { hasText: "service desk" })
      .waitFor();
    await document.getByRole("row", { name: /R-01 ISO 27001 certification/ }).waitFor();
    await document.getByRole("row", { name: /1\.1 Service desk .* 60% 42%/ }).waitFor();
    await document.getByText("All times are in Europe/Berlin.").waitFor();
    await document.getByText(/late proposals cannot be accepted/).waitFor();

    // On paper: the document alone.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".shell-header").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "RFP sections" }).isVisible()).toBe(false);
    expect(await page.locator(".page-header").isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Download PDF" }).isVisible()).toBe(false);
    expect(await document.getByRole("heading", { name: "2. Requirements" }).isVisible()).toBe(true);
    const breakBefore = await document
      .locator(".rfp-print__chapter")
      .first()
      .evaluate((element) => getComputedStyle(element).breakBefore);
    expect(breakBefore).toBe("page");
    await page.emulateMedia({ media: "screen" });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${rfp.reference}-v1.pdf`);
    const bytes = await fs.readFile((await download.path()) ?? "");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(bytes)).toBeGreaterThan(1);
  });

  it("answers a clarification question and publishes it to every vendor without the asker's name", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Quinn Questions" });
    const { rfp, invitations } = await createPublishedRfp(lead, { vendors: ["Contoso Services Ltd", "Fabrikam Inc"] });
    await askQuestion(
      rfp.id,
      invitations[0]?.id ?? "",
      "Contoso Services runs the Leeds desk today: may we keep our tool?",
    );
    const page = await e2e.pageAs(lead);
    const dialogs = acceptDialogs(page);
    await page.goto(`/rfps/${rfp.id}`);
    await tab(page, "Questions").click();
    await page.getByText("1 open", { exact: false }).waitFor();
    await page.getByRole("link", { name: /Contoso Services runs the Leeds desk/ }).click();
    await waitForHydration(page);
    const panel = page.getByRole("region", { name: "Question" });
    await panel.getByText("by Contoso Services Ltd").waitFor();

    // Published as asked, the text would name the vendor: the server refuses it.
    await panel.getByLabel("Answer").fill("Yes, if it integrates with our ServiceNow instance.");
    await panel.getByRole("button", { name: "Publish to all vendors" }).click();
    await panel.getByText(/still identifies the vendor who asked \(Contoso Services Ltd\)/).waitFor();
    expect(await prisma.clarificationQuestion.count({ where: { rfpId: rfp.id, status: "PUBLISHED" } })).toBe(0);

    await panel
      .getByLabel("Question as vendors will read it")
      .fill("A bidder runs a site desk today: may it keep its own tool?");
    await panel.getByRole("button", { name: "Publish to all vendors" }).click();
    await toast(page, "Q-01 was published to every invited vendor, without the asker's name.");
    expect(dialogs).toHaveLength(2);
    const published = page.getByRole("region", { name: "Q-01" });
    await published.getByText("Published", { exact: true }).first().waitFor();
    await published.getByText("A bidder runs a site desk today: may it keep its own tool?").waitFor();
    const emails = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "clarification" } });
    expect(emails).toHaveLength(2);
    expect(emails.every((email) => !email.bodyText.includes("Contoso"))).toBe(true);
  });

  it("keeps proposals sealed until the deadline, then opens, reads, screens compliance and disqualifies", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Otto Opening" });
    const { rfp, invitations } = await createPublishedRfp(lead, { vendors: ["Contoso Services Ltd", "Fabrikam Inc"] });
    const [contoso, fabrikam] = invitations;
    if (!contoso || !fabrikam) throw new Error("setup");
    await createProposal(rfp.id, contoso.id, {
      answers: { "R-01": "DOES_NOT_COMPLY" },
      summary: "Contoso's sealed executive summary.",
    });
    await createProposal(rfp.id, fabrikam.id, { summary: "Fabrikam's sealed executive summary." });

    const page = await e2e.pageAs(lead);
    const dialogs = acceptDialogs(page);
    await page.goto(`/rfps/${rfp.id}/proposals`);
    await page.getByRole("heading", { name: "Sealed proposals" }).waitFor();
    await page.getByText("Proposals stay sealed until the proposal deadline has passed.").waitFor();
    expect(await page.getByRole("button", { name: "Open proposals" }).isDisabled()).toBe(true);
    expect(await page.getByRole("row", { name: /Contoso Services Ltd Submitted/ }).count()).toBe(1);
    expect(await page.getByRole("link", { name: /Read proposal/ }).count()).toBe(0);
    expect(await page.content()).not.toContain("sealed executive summary");

    // Time passes.
    await passProposalDeadline(rfp.id);
    await page.reload();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Open proposals" }).click();
    await toast(page, "The proposals are open. The RFP moved to Evaluation.");
    expect(dialogs).toEqual(["Open 2 proposal(s) now? The opening is recorded and cannot be undone."]);
    await page.getByText(/Opened .* by Otto Opening/).waitFor();
    const opened = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } });
    expect(opened).toMatchObject({ stage: "EVALUATION", proposalsOpenedById: lead.id });

    // The price envelope opens once the price formula is fixed (issue 4); fixed directly here.
    await prisma.rfp.update({ where: { id: rfp.id }, data: { priceFormulaFixedAt: new Date() } });
    await page.getByRole("link", { name: "Read proposal of Contoso Services Ltd" }).click();
    await page.getByRole("heading", { name: "Proposal of Contoso Services Ltd" }).waitFor();
    await page.getByText("Contoso's sealed executive summary.").waitFor();
    await page
      .getByRole("row", { name: /Total cost of ownership over 36 months/ })
      .getByText("€845,280")
      .waitFor();
    await page
      .getByRole("row", { name: /R-01 ISO 27001 certification/ })
      .getByText("Does not comply")
      .waitFor();

    // Screening works without JavaScript: one plain form for the whole matrix.
    const plain = await e2e.pageAs(lead, { javaScriptEnabled: false });
    await plain.goto(`/rfps/${rfp.id}/compliance`);
    const contosoFail = plain
      .getByRole("group", { name: "Decision on R-01 for Contoso Services Ltd" })
      .getByLabel("Fail");
    expect(await contosoFail.isChecked()).toBe(true);
    await plain.getByText("Pre-filled; not saved yet").waitFor();
    await plain.getByLabel("Note on R-01 for Contoso Services Ltd").fill("No certificate, only a 2028 audit plan.");
    const fabrikamPass = plain.getByRole("group", { name: "Decision on R-01 for Fabrikam Inc" }).getByLabel("Pass");
    // Keyboard: focus the group's first radio and select it with Space.
    await fabrikamPass.focus();
    await plain.keyboard.press("Space");
    expect(await fabrikamPass.isChecked()).toBe(true);
    await plain.getByRole("button", { name: "Save screening" }).click();
    await toast(plain, "Screening saved: 2 decision(s) recorded.");
    expect(
      await prisma.complianceCheck.findMany({
        where: { proposal: { rfpId: rfp.id } },
        select: { decision: true, note: true, proposal: { select: { invitationId: true } } },
        orderBy: { decision: "asc" },
      }),
    ).toEqual([
      { decision: "PASS", note: "", proposal: { invitationId: fabrikam.id } },
      { decision: "FAIL", note: "No certificate, only a 2028 audit plan.", proposal: { invitationId: contoso.id } },
    ]);

    await page.goto(`/rfps/${rfp.id}`);
    await tab(page, "Compliance").click();
    await waitForHydration(page);
    const disqualification = page.getByRole("region", { name: "Disqualification" });
    await disqualification.getByLabel("Vendor").selectOption({ label: "Contoso Services Ltd (1 failed)" });
    await disqualification
      .getByLabel("Reason")
      .fill("R-01 (ISO 27001 certification) is mandatory; the proposal does not meet it.");
    await disqualification.getByRole("button", { name: "Disqualify vendor" }).click();
    await toast(page, "Contoso Services Ltd was disqualified and informed by email.");
    expect(dialogs.at(-1)).toBe("Disqualify this vendor? It is told by email and cannot continue in this RFP.");
    await disqualification
      .getByText("Contoso Services Ltd was disqualified: R-01 (ISO 27001 certification)", { exact: false })
      .waitFor();
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: contoso.id } })).toMatchObject({
      status: "DISQUALIFIED",
    });
    expect(await prisma.outboxMessage.count({ where: { invitationId: contoso.id, kind: "disqualification" } })).toBe(1);
    await page
      .getByRole("columnheader", { name: /Contoso Services Ltd/ })
      .getByText("Disqualified")
      .waitFor();
  });
});
