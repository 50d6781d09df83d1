import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createTestUser, TEST_PASSWORD } from "../fixtures/factories";

const e2e = useE2E();
let lead: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  lead = await createTestUser({ role: "LEAD", name: "Lena Lead" });
});

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe("signing in and out", () => {
  it("refuses a wrong password, signs in with the right one, and signs out for good", async () => {
    const page = await e2e.newPage();
    await page.goto("/login");
    await signIn(page, lead.email, "not-the-right-password");
    await page.getByText("The email or password is not correct.").waitFor();
    expect(pathOf(page)).toBe("/login");
    expect(await prisma.session.count({ where: { userId: lead.id } })).toBe(0);

    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/dashboard");
    await page.getByRole("heading", { name: "Good to see you, Lena" }).waitFor();
    expect(await prisma.session.count({ where: { userId: lead.id } })).toBe(1);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.getByTestId("toast").getByText("You are signed out.").waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    expect(await prisma.session.count({ where: { userId: lead.id } })).toBe(0);

    // The old session is dead: the dashboard sends the browser back to sign in.
    await page.goto("/dashboard");
    await page.waitForURL("**/login?redirectTo=*");
    expect(pathOf(page)).toBe("/login?redirectTo=%2Fdashboard");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });

  it("returns to the page that asked for a sign-in", async () => {
    const page = await e2e.newPage();
    await page.goto("/rfps");
    await page.waitForURL("**/login?redirectTo=*");
    expect(pathOf(page)).toBe("/login?redirectTo=%2Frfps");

    await signIn(page, lead.email, TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/rfps");
    await page.getByRole("heading", { name: "RFPs", exact: true }).waitFor();
  });

  it("never follows a redirectTo that leaves the site", async () => {
    const page = await e2e.newPage();
    await page.goto("/login?redirectTo=%2F%2Fevil.example%2Fphish");
    await signIn(page, lead.email, TEST_PASSWORD);
    await page.waitForURL("**/dashboard");
    expect(new URL(page.url()).host).toBe(new URL(e2e.baseUrl()).host);
  });
});

describe("signing in without JavaScript", () => {
  it("works as a plain HTML form: server-side errors, the email kept, the password never echoed", async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await page.goto("/login?redirectTo=%2Frfps");

    // Empty form: no browser validation runs, so these messages come from the server's schema.
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter a valid email address.").waitFor();
    await page.getByText("Enter your password.").waitFor();

    // A full-page form post (no fetch), answered 400 with the form rendered again.
    const answer = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.request().resourceType() === "document",
    );
    await signIn(page, lead.email, "not-the-right-password");
    expect((await answer).status()).toBe(400);
    await page.getByText("The email or password is not correct.").waitFor();
    expect(pathOf(page)).toBe("/login?redirectTo=%2Frfps");
    expect(await page.getByLabel("Email").inputValue()).toBe(lead.email);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await page.content()).not.toContain("not-the-right-password");

    await signIn(page, lead.email, TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/rfps");
    await page.getByRole("heading", { name: "RFPs", exact: true }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.getByTestId("toast").getByText("You are signed out.").waitFor();
  });
});
