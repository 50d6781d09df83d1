import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { findInvitationByToken } from "~/models/portal-session.server";
import { useE2E } from "../fixtures/e2e";
import { createTestRfp, createTestUser, createTestVendor } from "../fixtures/factories";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

describe("the vendor directory", () => {
  it("adds a vendor, then warns that a similar one is probably the same company before creating it anyway", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Vera Vendors" });
    const page = await e2e.pageAs(lead);
    await page.goto("/dashboard");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Vendors" }).click();
    await page.getByRole("heading", { name: "The vendor directory is empty" }).waitFor();
    await page.getByRole("link", { name: "Add vendor" }).first().click();
    await page.waitForURL("**/vendors/new");
    await waitForHydration(page);

    await page.getByLabel("Company name").fill("Harbourside Facilities Ltd");
    await page.getByLabel("Website").fill("www.harbourside.example");
    await page.getByLabel("Country").selectOption({ label: "United Kingdom" });
    await page.getByLabel("Size").selectOption("LARGE");
    await page.getByLabel("Name", { exact: true }).fill("Ines Ortega");
    await page.getByLabel("Email", { exact: true }).fill("ines@harbourside.example");
    await page.getByRole("button", { name: "Add vendor" }).click();
    await page.getByTestId("toast").getByText("Harbourside Facilities Ltd was added.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Harbourside Facilities Ltd" }).waitFor();
    await page.getByText("harbourside.example · United Kingdom").waitFor();
    const contacts = page.getByRole("region", { name: "Contacts" });
    await contacts.getByText("ines@harbourside.example").waitFor();
    await contacts.getByText("Primary", { exact: true }).waitFor();

    // Same company, other spelling and a sub-domain of its website.
    await page.goto("/vendors/new");
    await waitForHydration(page);
    await page.getByLabel("Company name").fill("HARBOURSIDE FACILITIES LIMITED");
    await page.getByLabel("Website").fill("careers.harbourside.example");
    await page.getByRole("button", { name: "Add vendor" }).click();
    const warning = page.getByRole("status").filter({ hasText: "This vendor may already be in the directory" });
    await warning.waitFor();
    await warning.getByText("same name and website").waitFor();
    expect(await prisma.vendor.count({ where: { normalizedName: "harboursidefacilities" } })).toBe(1);
    // What was typed is kept for the second attempt.
    expect(await page.getByLabel("Company name").inputValue()).toBe("HARBOURSIDE FACILITIES LIMITED");

    await warning.getByRole("button", { name: "Create anyway" }).click();
    await page.getByTestId("toast").getByText("HARBOURSIDE FACILITIES LIMITED was added.").waitFor();
    expect(await prisma.vendor.count({ where: { normalizedName: "harboursidefacilities" } })).toBe(2);

    await page.goto("/vendors?q=harbourside");
    await page.getByText("2 of 2 vendors match “harbourside”.").waitFor();
    expect(await page.getByRole("table").getByRole("row").count()).toBe(3);
  });

  it("imports a CSV without JavaScript: per-row errors in the preview, then only the good rows", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Ivo Import" });
    const page = await e2e.pageAs(lead, { javaScriptEnabled: false });
    await page.goto("/vendors/import");
    await page.getByRole("link", { name: "Download a sample" }).waitFor();
    const csv = [
      "name,website,country,size,industry,contact_name,contact_email,contact_phone",
      "Seabright Logistics Ltd,seabright.example,GB,medium,Logistics,Ana Silva,ana@seabright.example,",
      "Broken Row Ltd,,GB,,,Sam Broken,sam-at-broken,",
      "Fjord Analytics AS,fjord.example,NO,small,Analytics,,,",
    ].join("\n");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "suppliers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("heading", { name: "2. Check the preview" }).waitFor();
    await page.getByText("3 rows — 2 ready, 1 with errors, 0 possible duplicates.").waitFor();
    const badRow = page.getByRole("row").filter({ hasText: "Broken Row Ltd" });
    await badRow.getByText("Error", { exact: true }).waitFor();
    await badRow.getByText("Enter a valid email address, such as bids@acme.com.").waitFor();
    const imported = () =>
      prisma.vendor.findMany({
        where: { name: { in: ["Seabright Logistics Ltd", "Broken Row Ltd", "Fjord Analytics AS"] } },
        orderBy: { name: "asc" },
      });
    expect(await imported()).toEqual([]);

    await page.getByRole("button", { name: "Import vendors" }).click();
    await page.waitForURL("**/vendors");
    await page
      .getByTestId("toast")
      .getByText("Imported 2 vendors from suppliers.csv. Skipped 1 with errors.")
      .waitFor();
    expect((await imported()).map((vendor) => vendor.name)).toEqual(["Fjord Analytics AS", "Seabright Logistics Ltd"]);
    await page.getByRole("link", { name: "Seabright Logistics Ltd" }).waitFor();
  });
});

describe("inviting vendors to an RFP", () => {
  it("invites two vendors to a draft, publishes, finds both emails in the outbox and revokes one link", async () => {
    const lead = await createTestUser({ role: "LEAD", name: "Rita Rfp" });
    const rfp = await createTestRfp(lead, { invite: false, title: "Managed print services 2028" });
    await createTestVendor({ name: "Acme Print Ltd" });
    await createTestVendor({ name: "Globex Imaging BV" });
    const page = await e2e.pageAs(lead);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });

    await page.goto(`/rfps/${rfp.id}`);
    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Vendors" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/vendors`);
    await page.getByRole("heading", { name: "No vendors invited yet" }).waitFor();
    await waitForHydration(page);
    for (const vendor of ["Acme Print Ltd", "Globex Imaging BV"]) {
      await page
        .getByLabel("Vendor and recipient")
        .selectOption({ label: `${vendor} — Pat Bidder <bids@${slug(vendor)}.example> (primary)` });
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      await page
        .getByTestId("toast")
        .getByText(`${vendor} was invited. Its portal link is sent when the RFP is published.`)
        .waitFor();
    }
    const invited = page.getByRole("region", { name: "Invited vendors" });
    expect(await invited.getByText("Sent when published").count()).toBe(2);
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id } })).toBe(0);

    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Overview" }).click();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Move to Published" }).click();
    await page.getByTestId("toast").getByText("The RFP moved to Published.").waitFor();

    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Outbox" }).click();
    await page.waitForURL(`**/rfps/${rfp.id}/outbox`);
    await page.getByText("Email is not set up: nothing is emailed").waitFor();
    const rows = page.getByRole("row").filter({ hasText: "Invitation to tender: Managed print services 2028" });
    expect(await rows.count()).toBe(2);
    const acmeRow = rows.filter({ hasText: "bids@acmeprintltd.example" });
    await acmeRow.getByText("Not emailed").waitFor();
    await acmeRow.getByText("Invitation to tender").click();
    const body = (await acmeRow.locator("pre").textContent()) ?? "";
    const token = /\/v\/([A-Za-z0-9_-]{20,})/.exec(body)?.[1];
    if (!token) throw new Error("the invitation shows its portal link");
    expect((await findInvitationByToken(token)).problem).toBeNull();

    await page.getByRole("navigation", { name: "RFP sections" }).getByRole("link", { name: "Vendors" }).click();
    await waitForHydration(page);
    const acme = page.getByRole("row").filter({ hasText: "Acme Print Ltd" });
    await acme.getByText(`…${token.slice(-4)}`).waitFor();
    await acme.getByRole("button", { name: "Revoke link of Acme Print Ltd" }).click();
    await page
      .getByTestId("toast")
      .getByText("Acme Print Ltd's portal link was revoked; it no longer works.")
      .waitFor();
    expect(dialogs).toEqual([
      "Revoke Acme Print Ltd's portal link? It stops working at once and open portal sessions end.",
    ]);
    await acme.getByText("Revoked").waitFor();
    expect((await findInvitationByToken(token)).problem).toBe("revoked");
    // The other vendor's link is untouched.
    const globex = page.getByRole("row").filter({ hasText: "Globex Imaging BV" });
    expect(await globex.getByText("Revoked").count()).toBe(0);
    expect(await prisma.invitation.count({ where: { rfpId: rfp.id, revokedAt: null } })).toBe(1);
  });
});

function slug(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}
