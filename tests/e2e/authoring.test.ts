import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createTestRfp, createTestUser, createTestVendor, inviteVendor } from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();
const DAY = 86_400_000;

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

const sectionTitles = async (rfpId: string) =>
  (await prisma.rfpSection.findMany({ where: { rfpId }, orderBy: { position: "asc" }, select: { title: true } })).map(
    (section) => section.title,
  );

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function recordPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name, exact: true });

describe("a procurement lead authors an RFP", () => {
  it("starts from the managed IT template, edits a section with live preview, reorders, fixes the weights and publishes", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Tara Template" });
    const page = await e2e.pageAs(lead);
    await page.goto("/rfps/new");
    await waitForHydration(page);
    await page.getByLabel("Managed IT services outsourcing").check();
    await page.getByLabel("Title").fill("Managed IT services 2028");
    await page.getByLabel("Summary").fill("Service desk, devices and infrastructure for 2,000 staff.");
    await page.getByLabel("Category").selectOption("Managed IT services");
    await page.getByLabel("Currency").selectOption("EUR");
    for (const [label, value] of Object.entries(TIMELINE)) await page.getByLabel(label).fill(value);
    await page.getByRole("button", { name: "Create draft RFP" }).click();
    await page.waitForURL(/\/rfps\/(?!new)[^/]+$/);
    const rfp = await prisma.rfp.findFirstOrThrow({ where: { title: "Managed IT services 2028" } });
    await page.getByTestId("toast").getByText(`${rfp.reference} created. You are its lead.`).waitFor();
    expect(await sectionTitles(rfp.id)).toEqual([
      "Introduction and background",
      "Scope of services",
      "Service levels and service credits",
      "Transition and exit",
      "Governance and reporting",
      "Security, compliance and data protection",
      "Commercial terms",
      "Submission instructions",
    ]);

    // The document, as vendors will read it, with the outline and what blocks publishing.
    await tab(page, "Document").click();
    await page.waitForURL(`**/rfps/${rfp.id}/document`);
    await page.getByRole("heading", { name: "2. Scope of services" }).waitFor();
    await page.getByRole("region", { name: "Ready to publish?" }).getByText("Ready", { exact: true }).waitFor();

    // Edit a section: the preview follows the typing, before anything is saved.
    await page.getByRole("region", { name: "Outline" }).getByRole("link", { name: "Scope of services" }).click();
    await page.waitForURL(/\/document\/[^/]+$/);
    await waitForHydration(page);
    const posts = recordPosts(page);
    const preview = page.getByTestId("section-preview");
    await page
      .getByLabel("Text", { exact: true })
      .fill("## On-site support\n\nWe need engineers at **four** sites.\n\n<script>alert(1)</script>");
    await preview.getByRole("heading", { name: "On-site support" }).waitFor();
    expect(await preview.locator("strong").textContent()).toBe("four");
    // Raw HTML is shown as text, never run or rendered.
    await preview.getByText("<script>alert(1)</script>").waitFor();
    expect(await preview.locator("script").count()).toBe(0);
    expect(posts).toEqual([]);
    await page.getByRole("button", { name: "Save section" }).click();
    await page.getByTestId("toast").getByText("Section saved.").waitFor();
    const saved = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id, title: "Scope of services" } });
    expect(saved.body).toBe("## On-site support\n\nWe need engineers at **four** sites.\n\n<script>alert(1)</script>");
    expect(saved.version).toBe(2);

    // Reorder with the keyboard: the move buttons, then the drag handle (Space, arrow, Space).
    await page.getByRole("link", { name: "← Document" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/document`);
    await waitForHydration(page);
    const outline = page.getByRole("region", { name: "Outline" });
    await outline.getByRole("button", { name: "Move “Scope of services” down" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("toast").getByText("“Scope of services” moved down.").waitFor();
    expect((await sectionTitles(rfp.id)).slice(0, 3)).toEqual([
      "Introduction and background",
      "Service levels and service credits",
      "Scope of services",
    ]);
    // Focus stays on the moved section, so pressing again keeps moving it.
    await until(
      () => page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      (label) => label === "Move “Scope of services” down",
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Move “Scope of services” down",
    );

    const handle = outline.getByRole("button", { name: "Drag “Governance and reporting” to reorder" });
    await handle.focus();
    // dnd-kit measures the list after the pick-up and animates each step: give it a frame or two.
    await page.keyboard.press("Space");
    // The live region tells a screen-reader user where the section is (the last announcement wins).
    await page.getByText("“Governance and reporting” is over position 5.").waitFor({ state: "attached" });
    await page.keyboard.press("ArrowUp");
    await page.getByText("“Governance and reporting” is over position 4.").waitFor({ state: "attached" });
    await page.keyboard.press("Space");
    await page.getByText("“Governance and reporting” dropped at position 4.").waitFor({ state: "attached" });
    const dragged = await until(
      () => sectionTitles(rfp.id),
      (order) => order[3] === "Governance and reporting",
    );
    expect(dragged.slice(0, 5)).toEqual([
      "Introduction and background",
      "Service levels and service credits",
      "Scope of services",
      "Governance and reporting",
      "Transition and exit",
    ]);
    await outline.getByRole("listitem").nth(3).getByRole("link", { name: "Governance and reporting" }).waitFor();

    // Weights: the live sum shows the problem and the shared schema blocks the save.
    await tab(page, "Criteria").click();
    await page.waitForURL(`**/rfps/${rfp.id}/criteria`);
    await waitForHydration(page);
    const criteriaPosts = recordPosts(page);
    const topSum = page.getByTestId("sum-criteria");
    expect(await topSum.textContent()).toContain("100%");
    await page.getByLabel("Weight of criterion 1", { exact: true }).fill("35");
    await topSum.getByText("95%").waitFor();
    expect(await topSum.textContent()).toContain("must be 100% (5% to assign)");
    await page.getByRole("button", { name: "Save criteria" }).click();
    await page.getByText("The weights under the top level add up to 95%, not 100%.").waitFor();
    expect(criteriaPosts).toEqual([]);
    const technical = await prisma.criterion.findFirstOrThrow({ where: { rfpId: rfp.id, name: "Technical solution" } });
    expect(Number(technical.weight)).toBe(40);

    await page.getByLabel("Weight of criterion 4", { exact: true }).fill("30");
    await topSum.getByText("100%").waitFor();
    await page.getByText("The weights under the top level add up to 95%, not 100%.").waitFor({ state: "detached" });
    // Effective weights follow: price now carries 30% of the evaluation.
    await page.getByTestId("stage-shares").getByText("30%").waitFor();
    await page.getByRole("button", { name: "Save criteria" }).click();
    await page.getByTestId("toast").getByText("Criteria saved.").waitFor();
    const price = await prisma.criterion.findFirstOrThrow({ where: { rfpId: rfp.id, name: "Price" } });
    expect(Number(price.weight)).toBe(30);
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).criteriaVersion).toBe(2);

    // Vendors are another screen's job: invite one directly, then publish.
    await inviteVendor(rfp.id, lead, await createTestVendor({ name: "Northwind Managed Services" }));
    await tab(page, "Overview").click();
    await page.waitForURL(`**/rfps/${rfp.id}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Move to Published" }).click();
    await page.getByTestId("toast").getByText("The RFP moved to Published.").waitFor();
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).stage).toBe("PUBLISHED");

    // After publishing the lead edits a working copy; vendors see it only through an addendum.
    await tab(page, "Document").click();
    await page.getByText("Changes here reach vendors only when you issue an addendum").waitFor();
    await page.getByText("Vendors are reading version 1. The working copy matches it.").waitFor();
  });

  it("without JavaScript, adds a criterion through the server, is refused a bad sum, fixes it and saves", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Nora Nojs" });
    const rfp = await createTestRfp(lead, { title: "Print services 2028" });
    const page = await e2e.pageAs(lead, { javaScriptEnabled: false });
    await page.goto(`/rfps/${rfp.id}/criteria`);
    expect(await page.getByTestId("sum-criteria").textContent()).toContain("100%");

    await page.getByRole("button", { name: "Add criterion", exact: true }).click();
    await page.getByLabel("Name of criterion 3", { exact: true }).waitFor();
    expect(await prisma.criterion.count({ where: { rfpId: rfp.id } })).toBe(4);
    await page.getByLabel("Name of criterion 3", { exact: true }).fill("Relationship");
    await page.getByLabel("Weight of criterion 3", { exact: true }).fill("20");
    await page.getByLabel("Stage of criterion 3", { exact: true }).selectOption("ORAL");

    const answer = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.request().resourceType() === "document",
    );
    await page.getByRole("button", { name: "Save criteria" }).click();
    expect((await answer).status()).toBe(400);
    await page.getByText("The weights under the top level add up to 120%, not 100%.").first().waitFor();
    // What was typed comes back, and the sum says what is wrong.
    expect(await page.getByLabel("Name of criterion 3", { exact: true }).inputValue()).toBe("Relationship");
    expect(await page.getByTestId("sum-criteria").textContent()).toContain("120%");
    expect(await prisma.criterion.count({ where: { rfpId: rfp.id } })).toBe(4);

    await page.getByLabel("Weight of criterion 1", { exact: true }).fill("50");
    await page.getByRole("button", { name: "Save criteria" }).click();
    await page.getByTestId("toast").getByText("Criteria saved.").waitFor();
    const top = await prisma.criterion.findMany({
      where: { rfpId: rfp.id, parentId: null },
      orderBy: { position: "asc" },
      select: { name: true, weight: true, stage: true },
    });
    expect(top.map((criterion) => [criterion.name, Number(criterion.weight), criterion.stage])).toEqual([
      ["Technical", 50, "WRITTEN"],
      ["Price", 30, "PRICE"],
      ["Relationship", 20, "ORAL"],
    ]);

    // Sections move with plain form posts too.
    await prisma.rfpSection.create({ data: { rfpId: rfp.id, title: "Service levels", position: 1 } });
    await page.goto(`/rfps/${rfp.id}/document`);
    await page.getByRole("button", { name: "Move “Service levels” up" }).click();
    await page.getByTestId("toast").getByText("“Service levels” moved up.").waitFor();
    expect(await sectionTitles(rfp.id)).toEqual(["Service levels", "Scope of services"]);
  });

  it("two leads edit the same section: the second sees both versions and keeps what they typed", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "First Lead" });
    const colead = await createTestUser({ role: "LEAD", name: "Second Lead" });
    const rfp = await createTestRfp(lead, { members: [{ user: colead, role: "LEAD" }] });
    const section = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id } });
    const path = `/rfps/${rfp.id}/document/${section.id}`;
    const first = await e2e.pageAs(lead);
    const second = await e2e.pageAs(colead);
    for (const page of [first, second]) {
      await page.goto(path);
      await waitForHydration(page);
    }
    await first.getByLabel("Text", { exact: true }).fill("Cleaning for three sites, five days a week.");
    await first.getByRole("button", { name: "Save section" }).click();
    await first.getByTestId("toast").getByText("Section saved.").waitFor();

    await second.getByLabel("Text", { exact: true }).fill("Cleaning and security for three sites.");
    await second.getByRole("button", { name: "Save section" }).click();
    await second.getByText("Someone else saved this section after you opened it").waitFor();
    const comparison = second.locator(".conflict");
    await comparison.getByText("Cleaning for three sites, five days a week.").waitFor();
    await comparison.getByText("Cleaning and security for three sites.").waitFor();
    expect(await second.getByLabel("Text", { exact: true }).inputValue()).toBe(
      "Cleaning and security for three sites.",
    );
    expect((await prisma.rfpSection.findUniqueOrThrow({ where: { id: section.id } })).body).toBe(
      "Cleaning for three sites, five days a week.",
    );

    await second.getByRole("button", { name: "Save mine anyway" }).click();
    await second.getByTestId("toast").getByText("Section saved.").waitFor();
    expect(await prisma.rfpSection.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({
      body: "Cleaning and security for three sites.",
      version: 3,
    });
  });

  it("saves an RFP as a template and starts a new RFP from it", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Rita Reuse" });
    const rfp = await createTestRfp(lead, { title: "Canteen services 2028" });
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}`);
    await page.getByRole("region", { name: "Reuse" }).getByRole("link", { name: "Save as template" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/save-as-template`);
    await waitForHydration(page);
    await page.getByLabel("Template name").fill("Canteen outline");
    await page.getByLabel("Description").fill("Catering for offices with a staff restaurant.");
    await page.getByRole("button", { name: "Save template" }).click();
    await page.waitForURL("**/templates");
    await page.getByTestId("toast").getByText("Template “Canteen outline” saved. Use it under New RFP.").waitFor();
    await page.getByRole("link", { name: "Use “Canteen outline”" }).click();
    await page.waitForURL(/\/rfps\/new\?from=template:/);
    expect(await page.getByLabel("Canteen outline").isChecked()).toBe(true);
  });
});
