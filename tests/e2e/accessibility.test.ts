/**
 * axe-core on every main page, as each role sees it: no serious or critical violation may ship.
 * (Minor and moderate findings are reported in the failure message but do not fail the run.)
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createTestRfp, createTestUser } from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

async function check(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  return { path, violations: await seriousViolations(page) };
}

describe("accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  it("signed-out pages", async () => {
    const page = await e2e.newPage();
    const results = [await check(page, "/setup"), await check(page, "/login")];
    expect(results.filter((result) => result.violations.length > 0)).toEqual([]);
  });

  it("a procurement lead's pages", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Ada Lead" });
    const rfp = await createTestRfp(lead, { title: "Accessible facilities 2028" });
    await prisma.rfpMember.create({
      data: {
        rfpId: rfp.id,
        userId: (await createTestUser({ role: "EVALUATOR" })).id,
        role: "PANEL",
        functionalGroup: "IT",
      },
    });
    const page = await e2e.pageAs(lead);
    const paths = [
      "/dashboard",
      "/rfps",
      "/rfps/new",
      `/rfps/${rfp.id}`,
      `/rfps/${rfp.id}/edit`,
      `/rfps/${rfp.id}/team`,
      `/rfps/${rfp.id}/activity`,
      "/account/password",
      "/rfps/no-such-rfp",
    ];
    const results = [];
    for (const path of paths) results.push(await check(page, path));
    expect(results.filter((result) => result.violations.length > 0)).toEqual([]);
  });

  it("an administrator's pages", async () => {
    const admin = await createTestUser({ role: "ADMIN", name: "Ada Admin" });
    const page = await e2e.pageAs(admin);
    const results = [];
    for (const path of ["/dashboard", "/admin/users", "/admin/users/new", "/admin/audit"])
      results.push(await check(page, path));
    expect(results.filter((result) => result.violations.length > 0)).toEqual([]);
  });

  it("form errors are announced and tied to their fields", async () => {
    const page = await e2e.newPage();
    await createTestUser();
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your password.").waitFor();
    const email = page.getByLabel("Email");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
    expect(describedBy.split(" ")).toContain("email-error");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
