import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./csrf.server";

const allowedOrigins = ["http://localhost:3000"];

describe("crossSiteRefusal", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(
      crossSiteRefusal({ method: "GET", origin: "https://evil.example", secFetchSite: "cross-site", allowedOrigins }),
    ).toBeNull();
  });

  it("allows same-origin form posts", () => {
    expect(
      crossSiteRefusal({
        method: "POST",
        origin: "http://localhost:3000",
        secFetchSite: "same-origin",
        allowedOrigins,
      }),
    ).toBeNull();
  });

  it("refuses a post from another site by Sec-Fetch-Site", () => {
    expect(crossSiteRefusal({ method: "POST", origin: undefined, secFetchSite: "cross-site", allowedOrigins })).toMatch(
      /cross-site/,
    );
    expect(crossSiteRefusal({ method: "POST", origin: undefined, secFetchSite: "same-site", allowedOrigins })).toMatch(
      /same-site/,
    );
  });

  it("refuses a post whose Origin is not ours, including the opaque null origin", () => {
    expect(
      crossSiteRefusal({ method: "POST", origin: "https://evil.example", secFetchSite: undefined, allowedOrigins }),
    ).toMatch(/evil/);
    expect(crossSiteRefusal({ method: "DELETE", origin: "null", secFetchSite: undefined, allowedOrigins })).toMatch(
      /null/,
    );
  });

  it("allows requests that no browser page sent (no Origin, no Sec-Fetch-Site)", () => {
    expect(crossSiteRefusal({ method: "POST", origin: undefined, secFetchSite: undefined, allowedOrigins })).toBeNull();
  });
});
