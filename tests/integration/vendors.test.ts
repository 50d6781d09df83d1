import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { normalizeVendorName } from "~/domain/vendors";
import * as listRoute from "~/routes/vendors._index";
import * as vendorRoute from "~/routes/vendors.$vendorId";
import * as newRoute from "~/routes/vendors.new";
import { createTestRfp, createTestUser, createTestVendor, inviteVendor, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

let lead: { id: string; email: string };
let cookie: string;

beforeAll(async () => {
  lead = await createTestUser({ role: "LEAD" });
  cookie = await sessionCookie(lead);
});

async function directoryState() {
  const [vendors, contacts, events] = await Promise.all([
    prisma.vendor.count(),
    prisma.vendorContact.count(),
    prisma.auditEvent.count({ where: { action: { startsWith: "vendor." } } }),
  ]);
  return { vendors, contacts, events };
}

function createVendor(form: Record<string, string>) {
  return callAction(newRoute, "/vendors/new", { cookie, form });
}

describe("add a vendor", () => {
  it("stores the company with its duplicate keys and its first contact as primary, audited", async () => {
    const result = await createVendor({
      name: "Harbour Facilities Ltd",
      website: "www.harbour-fm.example",
      country: "GB",
      size: "LARGE",
      industry: "Facilities management",
      notes: "Met at the FM expo.",
      contactName: "Ines Ortega",
      contactEmail: " Ines.Ortega@Harbour-FM.example ",
      contactPhone: "+44 20 7946 0100",
      contactTitle: "Bid manager",
    });
    expect(result.status).toBe(302);
    const vendor = await prisma.vendor.findFirstOrThrow({
      where: { name: "Harbour Facilities Ltd" },
      include: { contacts: true },
    });
    expect(result.headers.get("Location")).toBe(`/vendors/${vendor.id}`);
    expect(vendor).toMatchObject({
      normalizedName: "harbourfacilities",
      website: "https://www.harbour-fm.example",
      domain: "harbour-fm.example",
      country: "GB",
      size: "LARGE",
      industry: "Facilities management",
      notes: "Met at the FM expo.",
    });
    expect(vendor.contacts).toEqual([
      expect.objectContaining({
        name: "Ines Ortega",
        email: "ines.ortega@harbour-fm.example",
        phone: "+44 20 7946 0100",
        title: "Bid manager",
        isPrimary: true,
      }),
    ]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "vendor.created", entityId: vendor.id },
    });
    expect(event.actorId).toBe(lead.id);
    expect(event.after).toMatchObject({ name: "Harbour Facilities Ltd", contact: "ines.ortega@harbour-fm.example" });
  });

  it("refuses bad input field by field and stores nothing", async () => {
    const before = await directoryState();
    const result = await createVendor({
      name: " ",
      website: "not a website",
      country: "XX",
      size: "HUGE",
      contactEmail: "bids@somewhere.example",
      contactPhone: "call me",
    });
    expect(result.status).toBe(400);
    const { fieldErrors, values } = result.data as {
      fieldErrors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(fieldErrors).toEqual({
      name: "Company name is required.",
      website: "Enter a website such as acme.com.",
      country: "Choose a country from the list.",
      size: "Choose a size from the list.",
      contactPhone: "Enter a phone number with digits, spaces and an optional leading +.",
    });
    expect(values.contactEmail).toBe("bids@somewhere.example");
    expect(await directoryState()).toEqual(before);
  });

  it("wants a name and an email for the first contact, or neither", async () => {
    const before = await directoryState();
    const result = await createVendor({ name: "Half Contact Ltd", contactTitle: "Sales" });
    expect(result.status).toBe(400);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      contactName: "Enter the contact's name, or leave all contact fields empty.",
      contactEmail: "Enter the contact's email address, or leave all contact fields empty.",
    });
    expect(await directoryState()).toEqual(before);
  });

  it("warns about a likely duplicate by name, and creates it only when confirmed", async () => {
    await createVendor({ name: "Quayside Cleaning Limited", website: "quayside.example" });
    const before = await directoryState();
    const warned = await createVendor({ name: "QUAYSIDE CLEANING LTD.", website: "" });
    expect(warned.status).toBe(409);
    const data = warned.data as { duplicates: { name: string; reasons: string[] }[]; values: Record<string, string> };
    expect(data.duplicates).toEqual([
      expect.objectContaining({ name: "Quayside Cleaning Limited", reasons: ["name"] }),
    ]);
    expect(data.values.name).toBe("QUAYSIDE CLEANING LTD.");
    expect(await directoryState()).toEqual(before);

    const confirmed = await createVendor({ name: "QUAYSIDE CLEANING LTD.", confirmDuplicate: "yes" });
    expect(confirmed.status).toBe(302);
    expect(await prisma.vendor.count({ where: { normalizedName: "quaysidecleaning" } })).toBe(2);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "vendor.created" },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({ name: "QUAYSIDE CLEANING LTD.", duplicateConfirmed: true });
  });

  it("warns about a likely duplicate by website domain even under another name", async () => {
    await createVendor({ name: "Pinnacle Security GmbH", website: "https://www.pinnacle-sec.example" });
    const warned = await createVendor({ name: "Pinnacle Sicherheit", website: "careers.pinnacle-sec.example/jobs" });
    expect(warned.status).toBe(409);
    expect((warned.data as { duplicates: { reasons: string[] }[] }).duplicates).toEqual([
      expect.objectContaining({ name: "Pinnacle Security GmbH", reasons: ["domain"] }),
    ]);
  });

  it("is for procurement leads only", async () => {
    for (const role of ["EVALUATOR", "EXECUTIVE", "ADMIN"] as const) {
      const other = await sessionCookie(await createTestUser({ role }));
      const before = await directoryState();
      expect((await callLoader(newRoute, "/vendors/new", { cookie: other })).status).toBe(403);
      const result = await callAction(newRoute, "/vendors/new", { cookie: other, form: { name: "Sneaky Vendor" } });
      expect(result.status).toBe(403);
      expect(await directoryState()).toEqual(before);
    }
  });
});

describe("vendor directory", () => {
  beforeAll(async () => {
    for (const form of [
      { name: "Tallinn Data Services OÜ", website: "tallinndata.example", country: "EE", industry: "Data centres" },
      { name: "Lisbon Contact Centre SA", website: "lisboncc.example", country: "PT", industry: "Contact centre" },
    ]) {
      expect((await createVendor(form)).status).toBe(302);
    }
  });

  async function search(q: string) {
    const result = await callLoader(listRoute, `/vendors?q=${encodeURIComponent(q)}`, { cookie });
    expect(result.status).toBe(200);
    const data = result.data as { vendors: { name: string }[]; matching: number; total: number };
    return data.vendors.map((vendor) => vendor.name);
  }

  it("finds vendors by name, website domain, country code or name, and industry", async () => {
    expect(await search("tallinn")).toEqual(["Tallinn Data Services OÜ"]);
    expect(await search("https://www.lisboncc.example")).toEqual(["Lisbon Contact Centre SA"]);
    expect(await search("EE")).toContain("Tallinn Data Services OÜ");
    expect(await search("portugal")).toEqual(["Lisbon Contact Centre SA"]);
    expect(await search("contact centre")).toEqual(["Lisbon Contact Centre SA"]);
    expect(await search("no such vendor anywhere")).toEqual([]);
  });

  it("lists everyone without a query, in name order, with counts", async () => {
    const result = await callLoader(listRoute, "/vendors", { cookie });
    const data = result.data as { vendors: { name: string }[]; total: number; matching: number; q: string };
    expect(data.q).toBe("");
    expect(data.total).toBe(await prisma.vendor.count());
    expect(data.matching).toBe(data.total);
    const keys = data.vendors.map((vendor) => normalizeVendorName(vendor.name));
    expect(keys).toEqual([...keys].sort());
  });
});

describe("vendor page", () => {
  async function newVendor(name: string) {
    const vendor = await createTestVendor({ name });
    return { vendor, path: `/vendors/${vendor.id}`, params: { vendorId: vendor.id } };
  }

  it("answers 404 for an unknown vendor, to loader and action", async () => {
    const params = { vendorId: "nope" };
    expect((await callLoader(vendorRoute, "/vendors/nope", { cookie, params })).status).toBe(404);
    const result = await callAction(vendorRoute, "/vendors/nope", {
      cookie,
      params,
      form: { intent: "removeContact" },
    });
    expect(result.status).toBe(404);
  });

  it("saves company changes, auditing only what changed", async () => {
    const { vendor, path, params } = await newVendor("Meridian Print Ltd");
    const result = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: {
        intent: "update",
        name: "Meridian Print Ltd",
        website: "meridianprint.example",
        country: "IE",
        size: "SMALL",
      },
    });
    expect(result.status).toBe(302);
    const saved = await prisma.vendor.findUniqueOrThrow({ where: { id: vendor.id } });
    expect(saved).toMatchObject({ country: "IE", size: "SMALL", domain: "meridianprint.example" });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "vendor.updated", entityId: vendor.id },
    });
    expect(event.before).toEqual({ country: "GB", size: null, website: "https://meridianprintltd.example" });
    expect(event.after).toEqual({ country: "IE", size: "SMALL", website: "https://meridianprint.example" });
  });

  it("warns before renaming a vendor into another one's name, and saves when confirmed", async () => {
    await newVendor("Northgate Couriers");
    const { vendor, path, params } = await newVendor("Northgate Logistics");
    const form = { intent: "update", name: "Northgate Couriers Limited" };
    const warned = await callAction(vendorRoute, path, { cookie, params, form });
    expect(warned.status).toBe(409);
    expect((await prisma.vendor.findUniqueOrThrow({ where: { id: vendor.id } })).name).toBe("Northgate Logistics");
    const saved = await callAction(vendorRoute, path, { cookie, params, form: { ...form, confirmDuplicate: "yes" } });
    expect(saved.status).toBe(302);
    expect((await prisma.vendor.findUniqueOrThrow({ where: { id: vendor.id } })).name).toBe(form.name);
  });

  it("adds, edits and removes contacts, keeping exactly one primary", async () => {
    const { vendor, path, params } = await newVendor("Atlas Staffing");
    const primaryOf = async () =>
      (await prisma.vendorContact.findMany({ where: { vendorId: vendor.id, isPrimary: true } })).map((c) => c.email);
    const [first] = vendor.contacts;
    if (!first) throw new Error("factory vendor has a contact");

    const added = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: { intent: "addContact", contactName: "Omar Haddad", contactEmail: "omar@atlas.example", isPrimary: "on" },
    });
    expect(added.status).toBe(302);
    expect(await primaryOf()).toEqual(["omar@atlas.example"]);
    const omar = await prisma.vendorContact.findFirstOrThrow({ where: { email: "omar@atlas.example" } });

    const edited = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: {
        intent: "updateContact",
        contactId: omar.id,
        contactName: "Omar Haddad",
        contactEmail: "o.haddad@atlas.example",
        contactTitle: "Head of sales",
      },
    });
    expect(edited.status).toBe(302);
    expect(await prisma.vendorContact.findUniqueOrThrow({ where: { id: omar.id } })).toMatchObject({
      email: "o.haddad@atlas.example",
      title: "Head of sales",
      isPrimary: true,
    });

    // Removing the primary contact makes the remaining one primary.
    const removed = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: { intent: "removeContact", contactId: omar.id },
    });
    expect(removed.status).toBe(302);
    expect(await primaryOf()).toEqual([first.email]);
    const actions = await prisma.auditEvent.findMany({
      where: { action: { startsWith: "vendor.contact_" }, entityId: omar.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "vendor.contact_added",
      "vendor.contact_updated",
      "vendor.contact_removed",
    ]);
  });

  it("refuses a contact without email, and a contact of another vendor", async () => {
    const { path, params } = await newVendor("Beacon Translation");
    const other = await createTestVendor();
    const before = await directoryState();
    const missing = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: { intent: "addContact", contactName: "No Email" },
    });
    expect(missing.status).toBe(400);
    expect((missing.data as { fieldErrors: Record<string, string> }).fieldErrors.contactEmail).toBe(
      "Enter the contact's email address.",
    );
    const foreign = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: { intent: "removeContact", contactId: other.contacts[0]?.id ?? "" },
    });
    expect(foreign.status).toBe(422);
    expect(await directoryState()).toEqual(before);
  });

  it("keeps a contact who receives a live invitation link", async () => {
    const { vendor, path, params } = await newVendor("Keystone Audit");
    const rfp = await createTestRfp(lead, { invite: false });
    await inviteVendor(rfp.id, lead, vendor);
    const contactId = vendor.contacts[0]?.id ?? "";
    const result = await callAction(vendorRoute, path, {
      cookie,
      params,
      form: { intent: "removeContact", contactId },
    });
    expect(result.status).toBe(422);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toContain(
      `receives the invitation to ${rfp.reference}`,
    );
    expect(await prisma.vendorContact.count({ where: { id: contactId } })).toBe(1);
  });

  it("shows a lead the invitations to their own RFPs and only counts the others", async () => {
    const { vendor, path, params } = await newVendor("Orbit Catering");
    const otherLead = await createTestUser({ role: "LEAD" });
    const mine = await createTestRfp(lead, { invite: false, title: "My canteen tender" });
    const theirs = await createTestRfp(otherLead, { invite: false, title: "Confidential relocation" });
    await inviteVendor(mine.id, lead, vendor);
    await inviteVendor(theirs.id, otherLead, vendor);
    const result = await callLoader(vendorRoute, path, { cookie, params });
    const data = result.data as {
      vendor: { invitations: { rfp: { title: string } }[]; _count: { invitations: number } };
    };
    expect(data.vendor.invitations.map((invitation) => invitation.rfp.title)).toEqual(["My canteen tender"]);
    expect(data.vendor._count.invitations).toBe(2);
    expect(JSON.stringify(result.data)).not.toContain("Confidential relocation");
  });
});
