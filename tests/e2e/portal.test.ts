import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { exeBytes, pdfBytes } from "../fixtures/files";
import { waitForHydration } from "../fixtures/hydration";
import { createPublishedRfp, issueTestAddendum } from "../fixtures/portal";

const e2e = useE2E();

/** Opens the invitation link and confirms, as a vendor does from the email. */
async function openPortal(page: Page, token: string) {
  await page.goto(`/v/${token}`);
  await page.getByRole("button", { name: "Open the portal" }).click();
  await page.waitForURL((url) => url.pathname === "/portal");
}

const invitationOf = (id: string) => prisma.invitation.findUniqueOrThrow({ where: { id }, select: { status: true } });
const proposalOf = (invitationId: string) =>
  prisma.proposal.findUnique({
    where: { invitationId },
    include: { priceLines: { orderBy: { position: "asc" } }, responses: true, attachments: true },
  });

/** Fills a complete proposal for the minimal document (R-01 mandatory, R-02 scored). */
async function fillProposal(page: Page) {
  await page.getByLabel("Summary of your proposal").fill("We run service desks for 40 clients.");
  for (const code of ["R-01", "R-02"]) {
    await page
      .getByRole("group", { name: `Do you comply with ${code}?` })
      .getByLabel("Complies", { exact: true })
      .check();
    await page.getByLabel(`Explanation for ${code}`).fill(`How we meet ${code}.`);
  }
  await page.getByLabel("Description of price line 1").fill("Transition");
  await page.getByLabel("Unit of price line 1").fill("project");
  await page.getByLabel("Quantity of price line 1").fill("1");
  await page.getByLabel("Unit price of price line 1").fill("45 000");
  await page.getByLabel("Contract term (months)").fill("36");
}

describe("a vendor in the portal", () => {
  it("opens the link, declares intent, reads the RFP, asks, acknowledges, builds, submits, withdraws and resubmits", async () => {
    const { rfp, lead, vendors } = await createPublishedRfp({
      vendors: ["Contoso Services"],
      title: "Managed IT 2028",
    });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    await issueTestAddendum(rfp.id, lead);
    const page = await e2e.newPage();

    // The link page names the tender and the vendor, and opening it is a deliberate POST.
    await page.goto(`/v/${token}`);
    await page.getByRole("heading", { name: "Open the Northwind Logistics portal" }).waitFor();
    await page.getByText("Contoso Services").waitFor();
    expect(await prisma.portalSession.count({ where: { invitationId: invitation.id } })).toBe(0);
    await page.getByRole("button", { name: "Open the portal" }).click();
    await page.waitForURL((url) => url.pathname === "/portal");
    expect(page.url()).not.toContain(token);
    expect(await prisma.portalSession.count({ where: { invitationId: invitation.id } })).toBe(1);
    await waitForHydration(page);

    // Slim portal header, no staff navigation.
    const header = page.getByRole("banner");
    await header.getByText("Northwind Logistics").waitFor();
    await header.getByText(rfp.reference).waitFor();
    await header.getByText("Contoso Services").waitFor();
    expect(await page.getByRole("link", { name: "Dashboard" }).count()).toBe(0);
    await page
      .getByRole("region", { name: "Deadlines" })
      .getByText(/days? \d+ hours? left/)
      .first()
      .waitFor();

    await page.getByRole("button", { name: "We intend to bid" }).click();
    await page.getByTestId("toast").getByText("The buyer now knows you intend to bid.").waitFor();
    expect(await invitationOf(invitation.id)).toEqual({ status: "INTENDS_TO_BID" });

    // The frozen document, and the addendum acknowledged by name.
    const nav = page.getByRole("navigation", { name: "Vendor portal" });
    await nav.getByRole("link", { name: /RFP document/ }).click();
    await page.getByRole("heading", { name: "1. Scope of services" }).waitFor();
    await page.getByRole("cell", { name: "ISO 27001 certification" }).waitFor();
    await page.getByRole("row", { name: /Service desk.*42%/ }).waitFor();
    await page.getByRole("link", { name: "Download PDF" }).waitFor();
    await waitForHydration(page);
    await page.getByLabel("Your full name").fill("Dana Whitfield");
    await page.getByRole("button", { name: "Acknowledge addendum 1" }).click();
    await page.getByTestId("toast").getByText("Addendum 1 acknowledged.").waitFor();
    await page.getByText("Acknowledged by Dana Whitfield").waitFor();
    expect(await nav.getByText("addenda to acknowledge").count()).toBe(0);

    // A clarification question about a section; the lead is emailed.
    await nav.getByRole("link", { name: "Questions" }).click();
    await page.getByRole("heading", { name: "Clarification questions" }).waitFor();
    await waitForHydration(page);
    await page.getByLabel("About the section").selectOption({ label: "1. Scope of services" });
    await page.getByLabel("Your question", { exact: true }).fill("Does the service desk cover the Leipzig site?");
    await page.getByRole("button", { name: "Send question" }).click();
    await page
      .getByTestId("toast")
      .getByText(/Your question was sent/)
      .waitFor();
    await page.getByRole("cell", { name: /Leipzig site/ }).waitFor();
    await page.getByText("Waiting for an answer").waitFor();
    expect(
      await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "question_received", toEmail: lead.email } }),
    ).toBe(1);

    // The proposal: typed, totalled live, autosaved.
    await nav.getByRole("link", { name: "Proposal" }).click();
    await page.getByRole("heading", { name: "Your proposal" }).waitFor();
    await waitForHydration(page);
    await fillProposal(page);
    await page.getByRole("button", { name: "Add a price line" }).click();
    await page.getByLabel("Description of price line 2").fill("Service desk seats");
    await page.getByLabel("How price line 2 is charged").selectOption("RECURRING");
    await page.getByLabel("Unit of price line 2").fill("seat");
    await page.getByLabel("Quantity of price line 2").fill("1800");
    await page.getByLabel("Unit price of price line 2").fill("12.50");
    // 45,000 + 1,800 × 12.50 × 36 months = 855,000.
    await page.getByTestId("tco").getByText("€855,000").waitFor();
    await page
      .getByTestId("autosave-status")
      .getByText(/^Saved at \d\d:\d\d/)
      .waitFor();
    const draft = await proposalOf(invitation.id);
    expect(draft?.status).toBe("DRAFT");
    expect(draft?.priceLines.map((line) => line.description)).toEqual(["Transition", "Service desk seats"]);
    expect(draft?.termMonths).toBe(36);

    // Attachments: a real PDF is accepted; a disguised and an oversized file are refused.
    const upload = async (name: string, mimeType: string, buffer: Buffer) => {
      await page.getByLabel("Add a file").setInputFiles({ name, mimeType, buffer });
      await page.getByRole("button", { name: "Upload" }).click();
    };
    await upload("ISO certificate.pdf", "application/pdf", Buffer.from(pdfBytes()));
    await page.getByRole("link", { name: "ISO certificate.pdf" }).waitFor();
    await upload("brochure.pdf", "application/pdf", Buffer.from(exeBytes()));
    await page.getByText(/This file's content is not one of the accepted types/).waitFor();
    await upload("scan.png", "image/png", Buffer.from(pdfBytes()));
    await page.getByText("The file's content is a PDF, but its name ends in “.png”.", { exact: false }).waitFor();
    await upload("huge.pdf", "application/pdf", Buffer.alloc(11 * 1024 * 1024, 0x25));
    await page.getByText(/larger than 10 MB, the limit per file/).waitFor();
    expect((await proposalOf(invitation.id))?.attachments.map((attachment) => attachment.originalName)).toEqual([
      "ISO certificate.pdf",
    ]);
    // What was typed survived the uploads.
    expect(await page.getByLabel("Description of price line 2").inputValue()).toBe("Service desk seats");

    await page.getByRole("button", { name: "Submit proposal" }).click();
    await page
      .getByTestId("toast")
      .getByText(/^Proposal submitted at/)
      .waitFor();
    expect(await invitationOf(invitation.id)).toEqual({ status: "SUBMITTED" });
    expect((await proposalOf(invitation.id))?.submissionCount).toBe(1);
    await page.getByText(/The proposal is read-only now\./).waitFor();
    expect(await page.getByLabel("Description of price line 1").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Submit proposal" }).count()).toBe(0);

    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Withdraw proposal" }).click();
    await page
      .getByTestId("toast")
      .getByText(/Your proposal is withdrawn/)
      .waitFor();
    expect(dialogs).toEqual([expect.stringMatching(/^Withdraw your proposal\?/)]);
    expect(await invitationOf(invitation.id)).toEqual({ status: "INTENDS_TO_BID" });
    await waitForHydration(page);
    await page.getByLabel("Unit price of price line 2").fill("12.00");
    await page.getByTestId("tco").getByText("€822,600").waitFor();
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await page
      .getByTestId("toast")
      .getByText(/^Proposal submitted at/)
      .waitFor();
    const resubmitted = await proposalOf(invitation.id);
    expect(resubmitted).toMatchObject({ status: "SUBMITTED", submissionCount: 2 });
    expect(resubmitted?.priceLines[1]?.unitPrice.toString()).toBe("12");
    expect(await prisma.outboxMessage.count({ where: { invitationId: invitation.id, kind: "proposal_receipt" } })).toBe(
      2,
    );
  });

  it("after the deadline passes, the proposal is read-only and submitting is refused by the server", async () => {
    const { rfp, vendors } = await createPublishedRfp({ vendors: ["Late Ltd"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const page = await e2e.newPage();
    await openPortal(page, token);
    await page.goto("/portal/proposal");
    await waitForHydration(page);
    await fillProposal(page);
    await page
      .getByTestId("autosave-status")
      .getByText(/^Saved at/)
      .waitFor();

    // The deadline passes while the page is open: the click reaches the server, which refuses.
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() - 1000) } });
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await page
      .getByText("The proposal deadline has passed: the proposal is read-only and can no longer be submitted.")
      .first()
      .waitFor();
    expect((await proposalOf(invitation.id))?.status).toBe("DRAFT");
    expect(await invitationOf(invitation.id)).toEqual({ status: "INVITED" });

    await page.reload();
    await page.getByRole("heading", { name: "Your proposal" }).waitFor();
    await page.getByText("Read-only", { exact: true }).waitFor();
    expect(await page.getByLabel("Summary of your proposal").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Submit proposal" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Upload" }).count()).toBe(0);
    await page.goto("/portal");
    await page.getByText("The proposal period is over").waitFor();
    expect(await page.getByRole("button", { name: "We intend to bid" }).count()).toBe(0);
  });

  it("two tabs: the second tab's autosave is refused, nothing is lost, and saving keeps its version on purpose", async () => {
    const { vendors } = await createPublishedRfp({ vendors: ["Two Tabs Ltd"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const first = await e2e.newPage();
    await openPortal(first, token);
    const second = await first.context().newPage();
    for (const page of [first, second]) {
      await page.goto("/portal/proposal");
      await waitForHydration(page);
    }
    await first.getByLabel("Summary of your proposal").fill("Written in the first tab.");
    await first
      .getByTestId("autosave-status")
      .getByText(/^Saved at/)
      .waitFor();

    await second.getByLabel("Summary of your proposal").fill("Written in the second tab.");
    const warning = second.getByRole("region", { name: "Save and submit" });
    await warning.getByText("Saved from another window or tab", { exact: true }).waitFor();
    expect((await proposalOf(invitation.id))?.executiveSummary).toBe("Written in the first tab.");
    expect(await second.getByLabel("Summary of your proposal").inputValue()).toBe("Written in the second tab.");

    await second.getByRole("button", { name: "Save draft" }).click();
    await second
      .getByTestId("toast")
      .getByText(/^Draft saved at/)
      .waitFor();
    expect((await proposalOf(invitation.id))?.executiveSummary).toBe("Written in the second tab.");
  });

  it("works without JavaScript: opens the link, adds a row, saves, is told what is missing, submits", async () => {
    const { vendors, requirements } = await createPublishedRfp({ vendors: ["No Script Ltd"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await openPortal(page, token);
    await page.goto("/portal/proposal");
    await page.getByLabel("Summary of your proposal").fill("Submitted without JavaScript.");
    await page.getByLabel("Description of price line 1").fill("Transition");
    await page.getByLabel("Unit of price line 1").fill("project");
    await page.getByLabel("Quantity of price line 1").fill("1");
    await page.getByLabel("Unit price of price line 1").fill("1000");

    await page.getByRole("button", { name: "Add a price line" }).click();
    await page.waitForURL((url) => url.search === "?add=priceLines");
    expect(await page.getByLabel("Description of price line 1").inputValue()).toBe("Transition");
    await page.getByLabel("Description of price line 2").fill("Support");
    await page.getByLabel("How price line 2 is charged").selectOption("RECURRING");
    await page.getByLabel("Unit of price line 2").fill("month");
    await page.getByLabel("Quantity of price line 2").fill("1");
    await page.getByLabel("Unit price of price line 2").fill("500");
    // Enter in a field saves the draft (it must never trigger a row's "Remove").
    await page.getByLabel("Unit price of price line 2").press("Enter");
    await page
      .getByTestId("toast")
      .getByText(/^Draft saved at/)
      .waitFor();
    expect((await proposalOf(invitation.id))?.priceLines).toHaveLength(2);
    // The server computed the total the browser could not.
    await page.getByLabel("Contract term (months)").fill("12");
    await page.getByRole("button", { name: "Submit proposal" }).click();
    const missing = page.getByRole("alert").filter({ hasText: "cannot be submitted yet" });
    await missing.getByText("R-01: say whether you comply.").waitFor();
    await missing.getByText("R-02: explain your answer.").waitFor();
    expect((await proposalOf(invitation.id))?.termMonths).toBe(12);
    expect(await page.getByLabel("Contract term (months)").inputValue()).toBe("12");
    await page.getByTestId("tco").getByText("€7,000").waitFor();

    for (const code of ["R-01", "R-02"]) {
      await page
        .getByRole("group", { name: `Do you comply with ${code}?` })
        .getByLabel("Partially complies")
        .check();
      await page.getByLabel(`Explanation for ${code}`).fill(`Partly, for ${code}.`);
    }
    await page.getByRole("button", { name: "Submit proposal" }).click();
    await page
      .getByTestId("toast")
      .getByText(/^Proposal submitted at/)
      .waitFor();
    const submitted = await proposalOf(invitation.id);
    expect(submitted?.status).toBe("SUBMITTED");
    expect(submitted?.responses.map((response) => response.compliance)).toEqual(["PARTIAL", "PARTIAL"]);
    expect(requirements).toHaveLength(2);
  });

  it("refuses an unknown link without saying anything about it, and signing out needs the link again", async () => {
    const { vendors } = await createPublishedRfp({ vendors: ["Sign Out Ltd"] });
    const page = await e2e.newPage();
    const unknown = await page.goto(`/v/${"x".repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole("heading", { name: "This link does not work" }).waitFor();
    expect(await page.getByText("Sign Out Ltd").count()).toBe(0);

    await openPortal(page, vendors[0]?.token ?? "");
    await page.getByRole("button", { name: "Sign out of the portal" }).click();
    await page.waitForURL("**/portal/signed-out");
    await page.getByText("To get back in, open the link in the invitation email from the buyer again.").waitFor();
    await page.goto("/portal/proposal");
    await page.waitForURL("**/portal/signed-out");
  });
});
