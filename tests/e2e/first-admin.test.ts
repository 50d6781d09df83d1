import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";

const e2e = useE2E();

describe("first run", () => {
  it("asks for the first administrator, refuses a weak password, then lets the admin create an account", async () => {
    const page = await e2e.newPage();
    await page.goto("/");
    await page.waitForURL("**/setup");
    await expect(page.getByRole("heading", { name: "Create the first administrator" }).isVisible()).resolves.toBe(true);

    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("Email").fill("ada@buyer.example");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Repeat password").fill("short");
    await page.getByRole("button", { name: "Create administrator" }).click();
    // Checked in the browser by the shared zod schema: no request was made.
    await page.getByText("Use at least 12 characters.").waitFor();
    expect(await prisma.user.count()).toBe(0);

    await page.getByLabel("Password", { exact: true }).fill("password1234");
    await page.getByLabel("Repeat password").fill("password1234");
    await page.getByRole("button", { name: "Create administrator" }).click();
    // Long enough for the browser, but on the server's common-password list.
    await page.getByText("This password is on a list of commonly used passwords.").waitFor();
    expect(await prisma.user.count()).toBe(0);

    await page.getByLabel("Password", { exact: true }).fill("violet-canyon-ledger-58");
    await page.getByLabel("Repeat password").fill("violet-canyon-ledger-58");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.waitForURL("**/admin/users?welcome=1");
    await page.getByText("Shortlist is set up").waitFor();
    expect(
      await prisma.user.findUniqueOrThrow({ where: { email: "ada@buyer.example" }, select: { role: true } }),
    ).toEqual({ role: "ADMIN" });

    // The set-up page is gone once an account exists.
    await page.goto("/setup");
    await page.waitForURL("**/dashboard");

    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Lena Lead");
    await page.getByLabel("Email").fill("lena@buyer.example");
    await page.getByLabel("Role").selectOption("LEAD");
    await page.getByLabel("Temporary password").fill("amber-kettle-orbit-1987");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/admin/users");
    await page.getByTestId("toast").getByText("Account created for Lena Lead").waitFor();
    await page.getByRole("cell", { name: "Lena Lead lena@buyer.example" }).waitFor();

    // The new lead must choose their own password at first sign-in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.getByLabel("Email").fill("lena@buyer.example");
    await page.getByLabel("Password").fill("amber-kettle-orbit-1987");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account/password?required=1");
    await page.getByText("Choose your own password").waitFor();
  });
});
