import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";
import {
  createInterviewRfp,
  endInterview,
  scheduleTestInterview,
  submitWrittenSheet,
} from "../fixtures/interviews-debrief";

const e2e = useE2E();

/** Two panel members scored Contoso's written proposal: Service desk weak (1.5/5), Security fine. */
async function interviewWithScores() {
  const t = await createInterviewRfp({ panel: ["Ann Panel", "Ben Panel"] });
  const [ann, ben] = t.panel;
  const [contoso] = t.vendors;
  if (!ann || !ben || !contoso) throw new Error("fixture incomplete");
  await submitWrittenSheet(t.rfp.id, ann.memberId, contoso.invitationId, {
    [t.criteria.serviceDesk.id]: 1,
    [t.criteria.security.id]: 4,
  });
  await submitWrittenSheet(t.rfp.id, ben.memberId, contoso.invitationId, {
    [t.criteria.serviceDesk.id]: 2,
    [t.criteria.security.id]: 4,
  });
  const interview = await scheduleTestInterview(t.rfp.id, contoso.invitationId, {
    mode: "VIRTUAL",
    attendees: [ann.memberId, ben.memberId],
  });
  return { ...t, ann, ben, contoso, interview };
}

function acceptDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return dialogs;
}

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

describe("interviews: advance questions, publishing, the vendor's side", () => {
  it("the lead picks questions incl. a suggested follow-up and publishes; the vendor sees them and confirms", async () => {
    const t = await interviewWithScores();
    const lead = await e2e.pageAs(t.lead);
    const dialogs = acceptDialogs(lead);
    const questionsUrl = `/rfps/${t.rfp.id}/interviews/${t.interview.id}/questions`;
    await lead.goto(questionsUrl);
    await waitForHydration(lead);

    // The suggestion says why (to the lead only); its wording can be edited before adding.
    const suggested = lead.getByRole("region", { name: "Suggested follow-ups" });
    await suggested.getByText("Suggested because: scored 1.5/5 on average.").waitFor();
    expect(await suggested.getByText(/Security/).count()).toBe(0);
    await suggested
      .getByLabel("Question to the vendor about Service desk")
      .fill("How would you staff our service desk in the first 90 days, and who would lead it?");
    await suggested.getByRole("button", { name: "Add follow-up on Service desk" }).click();
    await toast(lead, "Follow-up on Service desk added.");
    await suggested.getByText("Added").waitFor();

    // A bank question, and one written for this vendor (validated in the browser first).
    await lead.getByRole("button", { name: "Add question: Who leads the transition?" }).click();
    await toast(lead, "Question added.");
    const custom = lead.getByRole("region", { name: "Ask something else" });
    await custom.getByRole("button", { name: "Add question" }).click();
    await custom.getByText("Category is required.").waitFor();
    await custom.getByLabel("Category").fill("Branding");
    await custom.getByLabel("Question for this vendor").fill("How would your agents greet our customers?");
    await custom.getByRole("button", { name: "Add question" }).click();
    await toast(lead, "Question added.");
    const picked = lead.getByRole("region", { name: "Questions for Contoso Services" });
    await picked.getByText("3 picked").waitFor();

    // Publish now (confirmed); the questions are fixed from then on.
    await lead.getByRole("button", { name: "Publish now" }).click();
    await toast(lead, /^Published/);
    expect(dialogs).toEqual([expect.stringMatching(/^Publish the agenda and 3 questions to Contoso Services now\?/)]);
    await lead
      .getByRole("region", { name: "Publishing to the vendor" })
      .getByText("Published", { exact: true })
      .waitFor();
    expect(await picked.getByRole("button", { name: /Remove/ }).count()).toBe(0);
    const email = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: t.rfp.id, kind: "interview_published" },
    });
    expect(email.toEmail).toBe(t.contoso.contactEmail);

    // The vendor: an Interview tab, the agenda with times, the questions, never why they were asked.
    const vendor = await e2e.newPage();
    await vendor.goto(`/v/${t.contoso.token}`);
    await vendor.getByRole("button", { name: "Open the portal" }).click();
    await vendor.waitForURL((url) => url.pathname === "/portal");
    await vendor.getByRole("navigation", { name: "Vendor portal" }).getByRole("link", { name: "Interview" }).click();
    await vendor.getByRole("heading", { name: "Your interview" }).waitFor();
    await waitForHydration(vendor);
    await vendor
      .getByText("How would you staff our service desk in the first 90 days, and who would lead it?")
      .waitFor();
    await vendor.getByText("Who leads the transition?").waitFor();
    await vendor.getByRole("cell", { name: "Vendor presentation" }).waitFor();
    await vendor.getByRole("link", { name: "Join the meeting" }).waitFor();
    const portalText = (await vendor.locator("main").textContent()) ?? "";
    expect(portalText).not.toMatch(/1\.5\/5|Suggested|Service desk scored/);

    await vendor.getByLabel("Who will present").fill("Ana Ruiz, Head of Transition\nTom Berg, CTO");
    await vendor.getByRole("button", { name: "Confirm attendance" }).click();
    await toast(vendor, /attendance is confirmed/);
    await vendor.getByText("Attendance confirmed").waitFor();
    const ics = await vendor.request.get("/portal/interview.ics");
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VEVENT");

    // The lead sees the confirmation and the presenters.
    await lead.goto(questionsUrl);
    await lead.getByText("Attendance confirmed").waitFor();
    await lead.getByText(/Ana Ruiz, Head of Transition/).waitFor();
  });
});

describe("interviews: the debrief", () => {
  it("opens when the slot ends; two members debrief (one without JavaScript); sealed until both submitted, then revealed", async () => {
    const t = await interviewWithScores();
    const debriefUrl = `/rfps/${t.rfp.id}/interviews/${t.interview.id}/debrief`;
    const ann = await e2e.pageAs(t.ann.user);
    const annDialogs = acceptDialogs(ann);

    // Before the end: a clear "not yet".
    await ann.goto(debriefUrl);
    await ann.getByText(/The debrief opens when the interview ends at \d\d:\d\d/).waitFor();
    expect(await ann.getByRole("button", { name: "Submit debrief" }).count()).toBe(0);

    // The slot ends (time moved in the database): the page is now a debrief form.
    await endInterview(t.interview.id);
    await ann.reload();
    await waitForHydration(ann);
    await ann.getByLabel("Strengths").fill("ANN: named the transition lead; strong references.");
    await expect
      .poll(() => ann.getByTestId("autosave-status").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved at \d\d:\d\d/);
    await ann.getByLabel("Concerns").fill("Reporting looked thin.");
    await ann.getByLabel("4 · Confident").check();
    await ann.getByLabel("Place among the vendors interviewed so far").selectOption("1");
    await ann.getByRole("group", { name: "Team" }).locator('input[value="5"]').check();
    await ann.getByRole("group", { name: "Demonstration" }).locator('input[value="3"]').check();
    await ann.getByRole("button", { name: "Submit debrief" }).click();
    // A 5 needs a comment: the draft is kept and what is missing is listed.
    await ann.getByText("Your draft is saved, but it cannot be submitted yet").waitFor();
    await ann.getByText("A score of 5 on Team needs a comment saying why.").first().waitFor();
    await ann.getByLabel("Comment on Team").fill("Brought the actual account team; answered every question.");
    await ann.getByRole("button", { name: "Submit debrief" }).click();
    await toast(ann, /Debrief submitted and sealed/);
    expect(annDialogs).toEqual([
      expect.stringMatching(/^Submit your debrief of Contoso Services\?/),
      expect.stringMatching(/^Submit your debrief of Contoso Services\?/),
    ]);
    await ann.getByText("Your debrief is submitted").waitFor();

    // The lead sees who is missing, not what Ann wrote; reminds Ben.
    const lead = await e2e.pageAs(t.lead);
    await lead.goto(debriefUrl);
    const statuses = lead.getByRole("region", { name: "Panel views" });
    await statuses.getByText("1 of 2 submitted").waitFor();
    expect(await lead.locator("main").textContent()).not.toContain("ANN: named the transition lead");
    await statuses.getByRole("button", { name: "Remind Ben Panel" }).click();
    await toast(lead, "Reminder sent.");
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id, kind: "debrief_reminder" } })).toBe(1);

    // Ben, without JavaScript: sealed page, Save draft, then Submit.
    const ben = await e2e.pageAs(t.ben.user, { javaScriptEnabled: false });
    await ben.goto(debriefUrl);
    await ben.getByRole("heading", { name: "Your view of Contoso Services" }).waitFor();
    expect(await ben.locator("main").textContent()).not.toContain("ANN: named the transition lead");
    await ben.getByLabel("Strengths").fill("BEN: good demo on our own data.");
    await ben.getByLabel("3 · Fairly confident").check();
    await ben.getByRole("button", { name: "Save draft" }).click();
    await toast(ben, /^Draft saved at/);
    expect(await ben.getByLabel("Strengths").inputValue()).toBe("BEN: good demo on our own data.");
    await ben.getByLabel("Place among the vendors interviewed so far").selectOption("1");
    await ben.getByRole("group", { name: "Team" }).locator('input[value="3"]').check();
    await ben.getByRole("group", { name: "Demonstration" }).locator('input[value="4"]').check();
    await ben.getByRole("button", { name: "Submit debrief" }).click();
    await toast(ben, /the debrief is revealed/);

    // Revealed: both views, the summary, to each member and to the lead.
    for (const page of [ben, ann, lead]) {
      await page.goto(debriefUrl);
      const summary = page.getByRole("region", { name: "The panel's debrief" });
      await summary.getByText("Revealed").waitFor();
      await summary.getByRole("row", { name: /Ann Panel 5 3 1/ }).waitFor();
      await summary.getByRole("row", { name: /Ben Panel 3 4 1/ }).waitFor();
      await page.getByText("ANN: named the transition lead; strong references.").waitFor();
      await page.getByText("BEN: good demo on our own data.").waitFor();
    }
  });
});
