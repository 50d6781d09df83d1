import { describe, expect, it } from "vitest";
import {
  consensusReadiness,
  owesSheet,
  type PanelSeat,
  pendingSheets,
  type ShortlistChoice,
  shortlistIssues,
  suggestShortlist,
  unsettledItems,
} from "./consensus";
import type { ItemStatistics } from "./scoring";

const seat = (memberId: string, fields: Partial<PanelSeat> = {}): PanelSeat => ({
  memberId,
  criterionIds: ["c1"],
  recusedFromPanel: false,
  recusedVendorIds: [],
  ...fields,
});

describe("pendingSheets", () => {
  it("expects one sheet per member and vendor, minus those submitted", () => {
    const pending = pendingSheets(
      [seat("ann"), seat("ben")],
      ["acme", "birch"],
      [{ memberId: "ann", vendorId: "acme" }],
    );
    expect(pending).toEqual([
      { memberId: "ann", vendorId: "birch" },
      { memberId: "ben", vendorId: "acme" },
      { memberId: "ben", vendorId: "birch" },
    ]);
  });

  it("expects nothing from recused members, for recused vendors, or from members with no criteria", () => {
    const seats = [
      seat("ann", { recusedFromPanel: true }),
      seat("ben", { recusedVendorIds: ["acme"] }),
      seat("cleo", { criterionIds: [] }),
    ];
    expect(pendingSheets(seats, ["acme", "birch"], [])).toEqual([{ memberId: "ben", vendorId: "birch" }]);
  });
});

describe("owesSheet", () => {
  it("owes a sheet per evaluated vendor unless recused from it or the panel, or with nothing written to score", () => {
    expect(owesSheet(seat("ann"), "acme")).toBe(true);
    expect(owesSheet(seat("ann", { recusedVendorIds: ["acme"] }), "acme")).toBe(false);
    expect(owesSheet(seat("ann", { recusedVendorIds: ["acme"] }), "birch")).toBe(true);
    expect(owesSheet(seat("ann", { recusedFromPanel: true }), "birch")).toBe(false);
    expect(owesSheet(seat("ann", { criterionIds: [] }), "acme")).toBe(false);
  });
});

describe("consensusReadiness", () => {
  const ready = {
    stage: "EVALUATION",
    proposalsOpened: true,
    vendors: 2,
    submittedSheets: 4,
    pendingSheets: 0,
    alreadyOpen: false,
  };

  it("is ready once every sheet is in", () => {
    expect(consensusReadiness(ready)).toEqual({ ready: true });
  });

  it.each([
    [{ alreadyOpen: true }, "Consensus is already open."],
    [{ stage: "SHORTLIST" }, "Consensus opens during the evaluation stage."],
    [{ proposalsOpened: false }, "Open the proposals first."],
    [{ vendors: 0 }, "No proposal is being evaluated."],
    [{ pendingSheets: 1 }, "1 score sheet is not submitted yet."],
    [{ pendingSheets: 3 }, "3 score sheets are not submitted yet."],
    [{ submittedSheets: 0 }, "No score sheet has been submitted."],
  ])("refuses %o", (change, reason) => {
    expect(consensusReadiness({ ...ready, ...change })).toEqual({ ready: false, reason });
  });
});

describe("unsettledItems", () => {
  const item = (fields: Partial<ItemStatistics>): ItemStatistics => ({
    vendorId: "acme",
    criterionId: "c1",
    count: 3,
    mean: 3,
    min: 1,
    max: 5,
    range: 4,
    standardDeviation: 2,
    consensus: null,
    value: 3,
    flags: [],
    ...fields,
  });

  it("lists flagged items without a consensus score", () => {
    const flag = { kind: "RANGE" as const, range: 4, threshold: 2.5 };
    const open = item({ criterionId: "c2", flags: [flag] });
    const settled = item({ criterionId: "c3", flags: [flag], consensus: 4 });
    expect(unsettledItems([[item({}), open, settled]])).toEqual([open]);
  });
});

describe("suggestShortlist", () => {
  const totals = [
    { vendorId: "acme", total: 80, rank: 1 },
    { vendorId: "birch", total: 65, rank: 2 },
    { vendorId: "cobalt", total: 65, rank: 2 },
    { vendorId: "delta", total: 40, rank: 4 },
    { vendorId: "echo", total: null, rank: null },
  ];

  it("takes the top N and includes vendors tied at the line", () => {
    expect(suggestShortlist(totals, { method: "TOP_N", size: 1 })).toEqual(["acme"]);
    expect(suggestShortlist(totals, { method: "TOP_N", size: 2 })).toEqual(["acme", "birch", "cobalt"]);
  });

  it("takes every vendor at or above a threshold, never an unscored one", () => {
    expect(suggestShortlist(totals, { method: "THRESHOLD", threshold: 65 })).toEqual(["acme", "birch", "cobalt"]);
    expect(suggestShortlist(totals, { method: "THRESHOLD", threshold: 0 })).toEqual([
      "acme",
      "birch",
      "cobalt",
      "delta",
    ]);
    expect(suggestShortlist(totals, { method: "THRESHOLD", threshold: 90 })).toEqual([]);
  });
});

describe("shortlistIssues", () => {
  const choice = (vendorId: string, fields: Partial<ShortlistChoice> = {}): ShortlistChoice => ({
    vendorId,
    outcome: "SHORTLISTED",
    rationale: "Strongest service desk model.",
    justification: "",
    requestedBy: "",
    ...fields,
  });

  it("accepts a decision for every vendor with rationales", () => {
    const choices = [choice("acme"), choice("birch", { outcome: "NOT_SHORTLISTED" })];
    expect(shortlistIssues(choices, ["acme", "birch"], ["acme"])).toEqual([]);
  });

  it("needs a justification and who asked for a vendor brought in below the line", () => {
    const choices = [choice("acme"), choice("birch")];
    expect(shortlistIssues(choices, ["acme", "birch"], ["acme"])).toEqual([
      { index: 1, field: "justification", message: expect.stringContaining("below the line") },
      { index: 1, field: "requestedBy", message: "Name who asked for this vendor to be brought in." },
    ]);
    const justified = choice("birch", {
      justification: "Only bidder with an on-site team in Hamburg.",
      requestedBy: "Olga Operations",
    });
    expect(shortlistIssues([choice("acme"), justified], ["acme", "birch"], ["acme"])).toEqual([]);
  });

  it("needs a rationale per vendor, every vendor decided, and someone shortlisted", () => {
    expect(shortlistIssues([choice("acme", { rationale: "ok" })], ["acme"], ["acme"])).toEqual([
      { index: 0, field: "rationale", message: "Give a rationale (at least 10 characters)." },
    ]);
    expect(shortlistIssues([choice("acme")], ["acme", "birch"], ["acme"])[0]?.field).toBe("form");
    expect(shortlistIssues([choice("zulu")], ["acme"], ["acme"]).map((issue) => issue.field)).toEqual([
      "form",
      "vendorId",
    ]);
    expect(shortlistIssues([choice("acme", { outcome: "NOT_SHORTLISTED" })], ["acme"], ["acme"])).toEqual([
      { index: null, field: "form", message: "Shortlist at least one vendor." },
    ]);
  });
});
