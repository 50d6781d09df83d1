import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";
import { createContosoInterview, createInterviewRfp } from "../fixtures/interviews";

const e2e = useE2E();

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").getByText(text).waitFor();

/** DTSTART as the calendar file writes it (UTC, basic format). */
const icsTime = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

async function interviewRfp() {
  return createInterviewRfp({
    people: [{ name: "Dana Panel" }, { name: "Sam Expert", expertise: ["System integration"] }],
    vendors: ["Contoso Services Ltd", "Fabrikam Inc", "Northwind Traders"],
  });
}

async function scheduleVendor(
  page: Page,
  vendor: string,
  fields: { date: string; start: string; minutes?: string; attendance?: Record<string, string> },
) {
  const card = page.getByRole("region", { name: "Schedule a vendor" });
  await card.getByLabel("Vendor", { exact: true }).selectOption({ label: vendor });
  await card.getByLabel("Date").fill(fields.date);
  await card.getByLabel("Starts at").fill(fields.start);
  await card.getByLabel("Length (minutes)").fill(fields.minutes ?? "120");
  await card.getByLabel("In person", { exact: true }).check();
  await card.getByLabel("Location (in person)").fill("Head office, room 4.12");
  for (const [person, choice] of Object.entries(fields.attendance ?? {})) {
    await card.getByLabel(new RegExp(`^${person}`)).selectOption({ label: choice });
  }
  await card.getByRole("button", { name: "Schedule interview" }).click();
}

describe("the lead schedules interviews and prepares them", () => {
  it("is refused a clash, auto-schedules the rest, builds an agenda that must fit, downloads a calendar entry and prints the agenda", async () => {
    const { rfp, lead, week } = await interviewRfp();
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}`);
    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Interviews" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/interviews`);
    await waitForHydration(page);
    await page.getByRole("heading", { name: "No interviews scheduled yet" }).waitFor();

    // The first interview: Monday 10:00–12:00.
    await scheduleVendor(page, "Contoso Services Ltd", { date: week.date(0), start: "10:00" });
    await toast(page, "Interview with Contoso Services Ltd scheduled, with the standard agenda to adjust.");
    const schedule = page.getByRole("table", { name: "Interview schedule" });
    await schedule.getByRole("row", { name: /10:00–12:00 .* Contoso Services Ltd/ }).waitFor();

    // The second overlaps it for Dana: refused, with who and when.
    await scheduleVendor(page, "Fabrikam Inc", {
      date: week.date(0),
      start: "11:00",
      attendance: { "Lena Lead": "Not invited", "Sam Expert": "Not invited" },
    });
    await page
      .getByRole("region", { name: "Schedule a vendor" })
      .getByText(/Not scheduled: Dana Panel is already in the interview with Contoso Services Ltd then \(.*11:00–12:00/)
      .waitFor();
    expect(await prisma.interview.count({ where: { rfpId: rfp.id } })).toBe(1);

    // The rest, proposed automatically around the booked interview, then applied.
    const auto = page.getByRole("region", { name: "Propose a whole schedule" });
    await auto.getByLabel("Virtual", { exact: true }).check();
    await auto.getByLabel("Meeting link (virtual)").fill("https://meet.example/panel");
    await auto.getByRole("button", { name: "Propose a schedule" }).click();
    const proposal = auto.getByRole("region", { name: "Proposed schedule" });
    await proposal.getByRole("row", { name: /Fabrikam Inc .*12:30–14:30/ }).waitFor();
    await proposal.getByRole("row", { name: /Northwind Traders .*15:00–17:00/ }).waitFor();
    expect(await prisma.interview.count({ where: { rfpId: rfp.id } })).toBe(1);
    await proposal.getByRole("button", { name: "Apply this schedule" }).click();
    await toast(page, "2 interviews scheduled. Adjust any of them from the list.");
    expect(await schedule.getByRole("row").count()).toBe(4);
    await page
      .getByRole("table", { name: "Panel load and expertise" })
      .getByRole("row", { name: /Dana Panel .* 3 6 h/ })
      .waitFor();

    // The agenda: too long is refused as you type and on saving; fixed, it saves.
    await schedule.getByRole("link", { name: "Contoso Services Ltd" }).click();
    await page.waitForURL(/\/interviews\/[^/]+$/);
    await waitForHydration(page);
    const total = page.getByTestId("agenda-total");
    await total.getByText("Total: 120 of 120 minutes — exactly the slot ✓").waitFor();
    const presentation = page.getByLabel("Minutes for “Vendor presentation”");
    await presentation.fill("60");
    await total.getByText("Total: 155 of 120 minutes — 35 over").waitFor();
    await page.getByRole("button", { name: "Save agenda" }).click();
    await total
      .getByRole("alert")
      .getByText("The agenda takes 155 minutes but the slot is 120; cut 35 minutes.")
      .waitFor();
    await page.getByRole("button", { name: "Move “Demonstration” up" }).click();
    await page.getByRole("button", { name: "Remove “Demonstration”" }).click();
    await total.getByText("Total: 130 of 120 minutes — 10 over").waitFor();
    await presentation.fill("40");
    await total.getByText("Total: 110 of 120 minutes — 10 to spare").waitFor();
    expect(await total.getByRole("alert").count()).toBe(0);
    await page.getByRole("button", { name: "Save agenda" }).click();
    await toast(page, "Agenda saved: 110 of 120 minutes.");
    const saved = await prisma.agendaItem.findMany({
      where: { interview: { rfpId: rfp.id, invitation: { vendor: { name: "Contoso Services Ltd" } } } },
      orderBy: { position: "asc" },
    });
    expect(saved.map((item) => item.title)).not.toContain("Demonstration");
    expect(saved.find((item) => item.title === "Vendor presentation")?.minutes).toBe(40);

    // The lead's own calendar entry.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "My calendar entry (.ics)" }).click(),
    ]);
    const ics = (await fs.readFile((await download.path()) ?? "", "utf8")).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("SUMMARY:Interview: Contoso Services Ltd");
    expect(ics).toContain(`DTSTART:${icsTime(week.at(0, "10:00"))}`);
    expect(ics).toContain("Vendor presentation (40 min");

    // The printable agenda, alone on paper.
    await page.getByRole("link", { name: "Printable agenda" }).click();
    await page.getByRole("heading", { level: 1, name: "Oral interview: Contoso Services Ltd" }).waitFor();
    await page
      .getByRole("row", { name: /10:10–10:50 Vendor presentation 40 Contoso Services Ltd \(vendor\)/ })
      .waitFor();
    await page.getByText("No advance questions were chosen for this vendor.").waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".shell-header").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "RFP sections" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: "Questions for the room" }).isVisible()).toBe(true);
  });

  it("refuses an agenda that does not fit without JavaScript too, keeping what was typed", async () => {
    const setup = await interviewRfp();
    const { rfp, lead } = setup;
    const interview = await createContosoInterview(setup, 50);
    const page = await e2e.pageAs(lead, { javaScriptEnabled: false });
    await page.goto(`/rfps/${rfp.id}/interviews/${interview.id}`);
    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByLabel("Item 3 title").fill("Demonstration");
    await page.getByLabel("Minutes for item 3").fill("15");
    await page.getByRole("button", { name: "Save agenda" }).click();
    await page.getByText("The agenda takes 75 minutes but the slot is 60; cut 15 minutes.").waitFor();
    expect(await page.getByLabel("Item 3 title").inputValue()).toBe("Demonstration");
    await page.getByRole("button", { name: "Remove “Demonstration”" }).click();
    await page.getByRole("button", { name: "Save agenda" }).click();
    await page.getByText("Agenda saved: 60 of 60 minutes.").waitFor();
  });
});

describe("a panel member", () => {
  it("marks an unavailable time and sees the interview coming up on the dashboard", async () => {
    const { rfp, people, week, invitations, leadMemberId } = await interviewRfp();
    const dana = people["Dana Panel"];
    if (!dana) throw new Error("no Dana");
    await prisma.interview.create({
      data: {
        rfpId: rfp.id,
        invitationId: invitations["Fabrikam Inc"] ?? "",
        startsAt: week.at(1, "14:00"),
        endsAt: week.at(1, "16:00"),
        mode: "IN_PERSON",
        location: "Head office",
        attendees: { create: [{ memberId: leadMemberId }, { memberId: dana.memberId }] },
        agenda: { create: [{ position: 0, title: "Everything", minutes: 120 }] },
      },
    });
    const page = await e2e.pageAs(dana.user);
    await page.goto("/dashboard");
    const upcoming = page.getByRole("region", { name: "Interviews coming up" });
    await upcoming.getByRole("link", { name: "Fabrikam Inc" }).waitFor();
    await upcoming.getByText(/14:00–16:00 CES?T/).waitFor();

    await page.goto(`/rfps/${rfp.id}/interviews`);
    await waitForHydration(page);
    const mine = page.getByRole("region", { name: "My unavailable times" });
    await mine.getByLabel("Unavailable from").fill(`${week.date(0)}T13:00`);
    await mine.getByLabel("Until").fill(`${week.date(0)}T17:00`);
    await mine.getByLabel("Note").fill("Board meeting");
    await mine.getByRole("button", { name: "Mark as unavailable" }).click();
    await toast(page, "Unavailable time saved; interviews will be scheduled around it.");
    await mine.getByText(/13:00–17:00 .* — Board meeting/).waitFor();
    expect(await page.getByRole("region", { name: "Schedule a vendor" }).count()).toBe(0);
  });
});
