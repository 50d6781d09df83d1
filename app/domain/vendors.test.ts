import { describe, expect, it } from "vitest";
import { COUNTRIES, countryName, isCountryCode } from "./countries";
import {
  duplicatesWithinFile,
  findLikelyDuplicates,
  invitationBlocker,
  linkResendBlocker,
  normalizeVendorName,
  normalizeWebsite,
  registrableDomain,
  vendorKeys,
} from "./vendors";

describe("normalizeVendorName", () => {
  it.each([
    ["Acme Ltd", "acme"],
    ["ACME Limited", "acme"],
    ["Acme, Inc.", "acme"],
    ["Acme LLC", "acme"],
    ["Acme plc", "acme"],
    ["Acme GmbH", "acme"],
    ["Acme B.V.", "acme"],
    ["Acme BV", "acme"],
    ["Acme S.A.", "acme"],
    ["Acme AG", "acme"],
    ["Nordwind-Logistik GmbH & Co. KG", "nordwindlogistik"],
    ["Data Corp", "data"],
    ["The Acme Company", "acme"],
    ["Müller Logistik GmbH", "mullerlogistik"],
    ["Smith & Jones Ltd", "smithandjones"],
    ["  Smith and   Jones  ", "smithandjones"],
  ])("%s → %s", (name, key) => {
    expect(normalizeVendorName(name)).toBe(key);
  });

  it("only drops legal words at the end of the name", () => {
    expect(normalizeVendorName("Company Shop Ltd")).toBe("companyshop");
    expect(normalizeVendorName("Limited Editions Inc")).toBe("limitededitions");
  });

  it("never reduces a name to nothing", () => {
    expect(normalizeVendorName("Holding Ltd")).toBe("holding");
    expect(normalizeVendorName("!!!")).toBe("");
    expect(normalizeVendorName("Ltd")).toBe("ltd");
  });
});

describe("registrableDomain", () => {
  it.each([
    ["https://www.acme.com", "acme.com"],
    ["acme.com", "acme.com"],
    ["http://WWW.Acme.COM/about?x=1", "acme.com"],
    ["https://shop.eu.acme.com", "acme.com"],
    ["www.acme.co.uk", "acme.co.uk"],
    ["https://portal.acme.co.uk/login", "acme.co.uk"],
    ["https://acme.com.au", "acme.com.au"],
    ["https://acme.de.", "acme.de"],
    ["https://10.0.0.5:8080/x", "10.0.0.5"],
  ])("%s → %s", (website, domain) => {
    expect(registrableDomain(website)).toBe(domain);
  });

  it("returns null when there is no usable host", () => {
    expect(registrableDomain("")).toBeNull();
    expect(registrableDomain(null)).toBeNull();
    expect(registrableDomain("localhost")).toBeNull();
    expect(registrableDomain("https://")).toBeNull();
    expect(registrableDomain("not a website")).toBeNull();
  });

  it("does not treat a bare two-part suffix as someone's domain", () => {
    expect(registrableDomain("co.uk")).toBe("co.uk");
  });
});

describe("normalizeWebsite", () => {
  it("adds https:// when no scheme was typed", () => {
    expect(normalizeWebsite(" acme.com ")).toBe("https://acme.com");
    expect(normalizeWebsite("http://acme.com")).toBe("http://acme.com");
  });
});

describe("findLikelyDuplicates", () => {
  const directory = [
    { id: "a", name: "Acme Ltd", ...vendorKeys({ name: "Acme Ltd", website: "https://acme.com" }) },
    { id: "b", name: "Globex", ...vendorKeys({ name: "Globex", website: null }) },
    { id: "c", name: "Initech", ...vendorKeys({ name: "Initech", website: "https://www.initech.co.uk" }) },
  ];

  it("matches on the normalized name", () => {
    const matches = findLikelyDuplicates(vendorKeys({ name: "ACME Limited" }), directory);
    expect(matches.map((match) => [match.vendor.id, match.reasons])).toEqual([["a", ["name"]]]);
  });

  it("matches on the registrable domain even when the names differ", () => {
    const matches = findLikelyDuplicates(
      vendorKeys({ name: "Initech Services", website: "portal.initech.co.uk" }),
      directory,
    );
    expect(matches.map((match) => [match.vendor.id, match.reasons])).toEqual([["c", ["domain"]]]);
  });

  it("reports both reasons at once", () => {
    const matches = findLikelyDuplicates(vendorKeys({ name: "Acme, Inc.", website: "www.acme.com" }), directory);
    expect(matches[0]?.reasons).toEqual(["name", "domain"]);
  });

  it("finds nothing for a new company, and a missing website matches no other missing website", () => {
    expect(findLikelyDuplicates(vendorKeys({ name: "Umbrella Corp", website: null }), directory)).toEqual([]);
  });
});

describe("duplicatesWithinFile", () => {
  it("flags later rows that repeat an earlier row's name or domain, pointing at the first", () => {
    const rows = [
      { row: 2, ...vendorKeys({ name: "Acme Ltd", website: "acme.com" }) },
      { row: 3, ...vendorKeys({ name: "Globex", website: "globex.com" }) },
      { row: 4, ...vendorKeys({ name: "ACME Limited", website: null }) },
      { row: 5, ...vendorKeys({ name: "Globex Europe", website: "https://eu.globex.com" }) },
      { row: 6, ...vendorKeys({ name: "Acme", website: "acme.com" }) },
    ];
    const duplicates = duplicatesWithinFile(rows);
    expect(Object.fromEntries(duplicates)).toEqual({
      4: { row: 2, reasons: ["name"] },
      5: { row: 3, reasons: ["domain"] },
      6: { row: 2, reasons: ["name", "domain"] },
    });
  });
});

describe("invitationBlocker", () => {
  const now = new Date("2027-03-01T12:00:00Z");

  it("allows inviting to a draft or a published RFP before the deadline", () => {
    expect(invitationBlocker({ stage: "DRAFT", proposalDeadline: null }, now)).toBeNull();
    expect(
      invitationBlocker({ stage: "PUBLISHED", proposalDeadline: new Date("2027-03-01T12:00:01Z") }, now),
    ).toBeNull();
  });

  it("refuses once the proposal deadline has passed (the deadline itself included)", () => {
    expect(invitationBlocker({ stage: "PUBLISHED", proposalDeadline: now }, now)).toMatch(/deadline has passed/);
  });

  it("refuses in later or closed stages", () => {
    for (const stage of ["EVALUATION", "CANCELLED", "AWARDED"]) {
      expect(invitationBlocker({ stage, proposalDeadline: null }, now)).toMatch(/draft or published/);
    }
  });
});

describe("linkResendBlocker", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  it("sends links only once published, never after the RFP closed or the invitation expired", () => {
    expect(linkResendBlocker({ stage: "PUBLISHED" }, { expiresAt: null }, now)).toBeNull();
    expect(linkResendBlocker({ stage: "EVALUATION" }, { expiresAt: null }, now)).toBeNull();
    expect(linkResendBlocker({ stage: "DRAFT" }, { expiresAt: null }, now)).toMatch(/when the RFP is published/);
    expect(linkResendBlocker({ stage: "CANCELLED" }, { expiresAt: null }, now)).toMatch(/closed/);
    expect(linkResendBlocker({ stage: "PUBLISHED" }, { expiresAt: now }, now)).toMatch(/expired/);
  });
});

describe("countries", () => {
  it("lists the 249 ISO 3166-1 alpha-2 codes once each, with names", () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map(([code]) => code)).size).toBe(249);
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("DE")).toBe("Germany");
    expect(isCountryCode("UK")).toBe(false);
    expect(countryName(null)).toBeNull();
  });
});
