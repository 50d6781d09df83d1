import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { zonedLocalToUtc } from "~/utils/dates";
import { useE2E } from "../fixtures/e2e";
import {
  addMinimalDocument,
  createTestRfp,
  createTestUser,
  createTestVendor,
  inviteVendor,
} from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

const DAY = 86_400_000;

/** A wall-clock "YYYY-MM-DDTHH:MM" `days` from today at `hour`, as typed into a datetime-local input. */
function wallClock(days: number, hour = 9) {
  const date = new Date(Date.now() + days * DAY);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(hour)}:00`;
}

const TIMELINE = {
  "Issue date": wallClock(3),
  "Clarification questions close": wallClock(14, 12),
  "Proposal deadline": wallClock(28, 17),
  "Interviews from": wallClock(40),
  "Interviews until": wallClock(42, 16),
  "Decision target": wallClock(56, 10),
};
/** Before clarification questions close: the one mistake the journeys make. */
const EARLY_PROPOSAL_DEADLINE = wallClock(10, 17);
const ORDER_ERROR = "Proposal deadline must be after clarification questions close.";

async function fillNewRfp(page: Page, title: string, options: { timeZone?: string; proposalDeadline?: string } = {}) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Warehouse picking, packing and returns for the northern region.");
  await page.getByLabel("Category").selectOption("Logistics");
  await page.getByLabel("Budget").fill("1 250 000");
  await page.getByLabel("Currency").selectOption("GBP");
  if (options.timeZone) await page.getByLabel("Time zone").selectOption(options.timeZone);
  for (const [label, value] of Object.entries(TIMELINE)) {
    await page.getByLabel(label).fill(label === "Proposal deadline" ? (options.proposalDeadline ?? value) : value);
  }
}

/** /rfps/<id>, not /rfps/new. */
const isRfpOverview = (url: URL) => /^\/rfps\/(?!new$)[^/]+$/.test(url.pathname);

const rfpsLedBy = (user: { id: string }) =>
  prisma.rfp.findMany({
    where: { members: { some: { userId: user.id, role: "LEAD" } } },
    select: { id: true, reference: true, title: true, stage: true, proposalDeadline: true, timeZone: true },
  });

/** The stage as the RFP header shows it, both in the badge and as the stage bar's current step. */
async function shownStage(page: Page) {
  const badge = await page.locator(".page-header__eyebrow .badge").textContent();
  const current = page.getByRole("navigation", { name: "RFP stage" }).locator('[aria-current="step"]');
  return { badge: badge?.trim(), current: (await current.count()) > 0 ? (await current.textContent())?.trim() : null };
}

describe("a procurement lead runs an RFP", () => {
  it("creates one from the empty list, is stopped by dates out of order, publishes it and sees it in the activity", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Lena Lead" });
    const page = await e2e.pageAs(lead);
    await page.goto("/rfps");
    await page.getByRole("heading", { name: "No RFPs yet" }).waitFor();
    await page.getByText("Start with its title, budget and timeline.").waitFor();
    await page.getByRole("link", { name: "Create the first RFP" }).waitFor();

    await page.getByRole("link", { name: "New RFP" }).click();
    await page.waitForURL("**/rfps/new");
    await waitForHydration(page);
    // The draft starts in the author's own time zone (the browser's).
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/London");

    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await fillNewRfp(page, "Regional warehousing 2027", {
      timeZone: "Europe/Berlin",
      proposalDeadline: EARLY_PROPOSAL_DEADLINE,
    });
    await page.getByRole("button", { name: "Create draft RFP" }).click();
    await page.getByText(ORDER_ERROR).waitFor();
    expect(await page.getByLabel("Proposal deadline").getAttribute("aria-invalid")).toBe("true");
    // Caught in the browser by the shared schema: nothing went to the server, nothing was stored.
    expect(posts).toEqual([]);
    expect(await rfpsLedBy(lead)).toEqual([]);

    await page.getByLabel("Proposal deadline").fill(TIMELINE["Proposal deadline"]);
    await page.getByText(ORDER_ERROR).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Create draft RFP" }).click();
    await page.waitForURL(isRfpOverview);

    const [rfp] = await rfpsLedBy(lead);
    expect(rfp).toBeDefined();
    if (!rfp) return;
    expect(new URL(page.url()).pathname).toBe(`/rfps/${rfp.id}`);
    expect(rfp.reference).toMatch(new RegExp(`^RFP-${new Date().getUTCFullYear()}-\\d{3}$`));
    expect(rfp).toMatchObject({ title: "Regional warehousing 2027", stage: "DRAFT", timeZone: "Europe/Berlin" });
    // 17:00 where the buyer is, not where the browser is.
    expect(rfp.proposalDeadline).toEqual(zonedLocalToUtc(TIMELINE["Proposal deadline"], "Europe/Berlin"));

    await page.getByTestId("toast").getByText(`${rfp.reference} created. You are its lead.`).waitFor();
    await page.getByRole("heading", { level: 1, name: "Regional warehousing 2027" }).waitFor();
    expect(await shownStage(page)).toEqual({ badge: "Draft", current: "Draft" });

    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByText("Europe/Berlin").first().waitFor();
    const deadlineItem = timeline.getByRole("listitem").filter({ hasText: "Proposal deadline" });
    const expectedDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${TIMELINE["Proposal deadline"].slice(0, 10)}T12:00:00Z`),
    );
    const deadlineText = await deadlineItem.textContent();
    expect(deadlineText).toContain(expectedDay);
    expect(deadlineText).toContain("17:00");
    expect(await timeline.getByText("Not set").count()).toBe(0);
    expect(await timeline.getByRole("listitem").count()).toBe(6);

    // A new RFP has no document and no vendors yet: the next step says so and cannot be taken.
    const nextStep = page.getByRole("region", { name: "Next step" });
    await nextStep.getByText("Add at least one section to the document.").waitFor();
    await nextStep.getByText("Invite at least one vendor.").waitFor();
    expect(await page.getByRole("button", { name: "Move to Published" }).isDisabled()).toBe(true);

    // The document and the invitation are made directly here; their own journeys drive the screens.
    const [draft] = await rfpsLedBy(lead);
    if (!draft) throw new Error("RFP not created");
    await addMinimalDocument(draft.id);
    await inviteVendor(draft.id, lead, await createTestVendor({ name: "Contoso Services" }));
    await page.reload();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Move to Published" }).click();
    await page.getByTestId("toast").getByText("The RFP moved to Published.").waitFor();
    // Publishing froze version 1 of the document and queued the vendor's portal link.
    expect(await prisma.rfpDocumentVersion.count({ where: { rfpId: draft.id } })).toBe(1);
    expect(
      await prisma.outboxMessage.findMany({ where: { rfpId: draft.id }, select: { kind: true, toEmail: true } }),
    ).toEqual([{ kind: "invitation", toEmail: "bids@contososervices.example" }]);
    expect(await shownStage(page)).toEqual({ badge: "Published", current: "Published" });
    expect((await rfpsLedBy(lead))[0]?.stage).toBe("PUBLISHED");
    // Details are frozen once vendors can read them.
    expect(await page.getByRole("link", { name: "Edit details" }).count()).toBe(0);

    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Activity" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/activity`);
    const activity = page.getByRole("region", { name: "Activity" });
    const created = activity.getByRole("listitem").filter({ hasText: "created the RFP" });
    const moved = activity.getByRole("listitem").filter({ hasText: "moved the RFP to another stage" });
    await created.waitFor();
    expect(await created.textContent()).toContain(lead.email);
    expect(await moved.textContent()).toMatch(/stage:\s*DRAFT\s*→\s*PUBLISHED/);
    // Newest first; publishing also froze the document and sent the vendor its link.
    const entries = await activity.locator("ol.activity > li").allTextContents();
    expect(
      entries.map(
        (text) => /moved the RFP|sent a vendor its portal link|froze the document|created the RFP/.exec(text)?.[0],
      ),
    ).toEqual(["sent a vendor its portal link", "froze the document", "moved the RFP", "created the RFP"]);
  });

  it("without JavaScript, the server reports the field error, keeps what was typed, then creates the RFP", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Noah Nojs" });
    const page = await e2e.pageAs(lead, { javaScriptEnabled: false });
    await page.goto("/rfps/new");
    await fillNewRfp(page, "Returns handling 2027", { proposalDeadline: EARLY_PROPOSAL_DEADLINE });

    const answer = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.request().resourceType() === "document",
    );
    await page.getByRole("button", { name: "Create draft RFP" }).click();
    expect((await answer).status()).toBe(400);
    await page.getByText(ORDER_ERROR).waitFor();
    expect(await page.getByLabel("Proposal deadline").getAttribute("aria-invalid")).toBe("true");
    expect(await rfpsLedBy(lead)).toEqual([]);

    // Everything typed comes back, including the wrong date, so only that one needs fixing.
    expect(await page.getByLabel("Title").inputValue()).toBe("Returns handling 2027");
    expect(await page.getByLabel("Summary").inputValue()).toBe(
      "Warehouse picking, packing and returns for the northern region.",
    );
    expect(await page.getByLabel("Category").inputValue()).toBe("Logistics");
    expect(await page.getByLabel("Budget").inputValue()).toBe("1 250 000");
    expect(await page.getByLabel("Currency").inputValue()).toBe("GBP");
    expect(await page.getByLabel("Clarification questions close").inputValue()).toBe(
      TIMELINE["Clarification questions close"],
    );
    expect(await page.getByLabel("Proposal deadline").inputValue()).toBe(EARLY_PROPOSAL_DEADLINE);

    await page.getByLabel("Proposal deadline").fill(TIMELINE["Proposal deadline"]);
    await page.getByRole("button", { name: "Create draft RFP" }).click();
    await page.waitForURL(isRfpOverview);
    const [rfp] = await rfpsLedBy(lead);
    expect(rfp).toMatchObject({ title: "Returns handling 2027", stage: "DRAFT", timeZone: "UTC" });
    await page.getByTestId("toast").getByText(`${rfp?.reference} created. You are its lead.`).waitFor();
    expect(await shownStage(page)).toEqual({ badge: "Draft", current: "Draft" });
  });

  it("cancels an RFP only with a reason and after confirming", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Carla Cancel" });
    const rfp = await createTestRfp(lead, { title: "Canteen services 2028" });
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}`);
    await waitForHydration(page);

    const dialogs: string[] = [];
    let answer: "accept" | "dismiss" = "accept";
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void (answer === "accept" ? dialog.accept() : dialog.dismiss());
    });
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    const stage = async () => (await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).stage;

    await page.getByText("Cancel this RFP…").click();
    const cancelButton = page.getByRole("button", { name: "Cancel RFP" });

    // Confirmed, but without a reason: the server refuses and says why.
    await cancelButton.click();
    await page.getByText("Say why the RFP is cancelled (at least 10 characters)").waitFor();
    expect(dialogs).toEqual(["Cancel this RFP? This cannot be undone."]);
    expect(await stage()).toBe("DRAFT");

    // A reason, but the lead changes their mind at the confirmation: nothing is sent.
    await page.getByLabel("Reason for cancelling").fill("The board withdrew the budget for 2028.");
    answer = "dismiss";
    const postsBefore = posts.length;
    await cancelButton.click();
    expect(dialogs).toHaveLength(2);
    expect(posts).toHaveLength(postsBefore);
    expect(await stage()).toBe("DRAFT");

    answer = "accept";
    await cancelButton.click();
    await page.getByTestId("toast").getByText("The RFP was cancelled.").waitFor();
    expect(dialogs).toHaveLength(3);
    // Only the confirmed submission reached the server; the dismissed one never did.
    expect(posts).toHaveLength(postsBefore + 1);
    expect(await stage()).toBe("CANCELLED");
    expect(await shownStage(page)).toEqual({ badge: "Cancelled", current: null });
    await page.getByText("The board withdrew the budget for 2028.").waitFor();
    expect(await page.getByRole("button", { name: /^Move to / }).count()).toBe(0);
  });
});
