import { describe, expect, it } from "vitest";
import { consensusHref, consensusViewOf } from "./consensus";

const view = (query: string) => consensusViewOf(new URL(`http://localhost/rfps/r1/consensus${query}`));

describe("consensusViewOf", () => {
  it("reads the vendor, the list and the section", () => {
    expect(view("?vendor=inv1&items=all&section=3")).toEqual({ vendorId: "inv1", items: "all", section: "3" });
    expect(view("")).toEqual({ vendorId: null, items: null, section: null });
  });

  it("takes a malformed section for none (the page then shows the first), not a failed page", () => {
    for (const section of ["", "abc", "1.2", "-1", "12345", "2;drop"]) {
      expect(view(`?vendor=inv1&section=${encodeURIComponent(section)}`), section).toEqual({
        vendorId: "inv1",
        items: null,
        section: null,
      });
    }
    expect(view("?section=%2012%20")?.section).toBe("12");
  });
});

describe("consensusHref", () => {
  it("writes the vendor, list and section it is given, in that order", () => {
    expect(consensusHref("r1", { vendorId: "inv1", items: "all", section: "4" })).toBe(
      "/rfps/r1/consensus?vendor=inv1&items=all&section=4",
    );
    expect(consensusHref("r1", { vendorId: "inv1", section: "2" })).toBe("/rfps/r1/consensus?vendor=inv1&section=2");
    expect(consensusHref("r1", { vendorId: "inv1", items: null, section: null })).toBe(
      "/rfps/r1/consensus?vendor=inv1",
    );
    expect(consensusHref("r1", {})).toBe("/rfps/r1/consensus");
  });

  it("round-trips through consensusViewOf", () => {
    const href = consensusHref("r1", { vendorId: "inv1", items: "flagged", section: "3" });
    expect(view(href.slice(href.indexOf("?")))).toEqual({ vendorId: "inv1", items: "flagged", section: "3" });
  });
});
