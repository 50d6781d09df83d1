import { describe, expect, it } from "vitest";
import { exportViewSchema, monteCarloSchema, resultMethodOf, weightsFrom } from "./results";

describe("results query strings", () => {
  it("reads the method, defaulting to raw scores", () => {
    expect(resultMethodOf(new URL("http://x/r?method=normalized"))).toBe("normalized");
    expect(resultMethodOf(new URL("http://x/r?method=other"))).toBe("raw");
    expect(resultMethodOf(new URL("http://x/r"))).toBe("raw");
  });

  it("reads what-if weights by criterion id and reports the ones out of range", () => {
    const params = new URLSearchParams("weight-tech=40.5&weight-price=150&weight-blank=&other=3");
    expect(weightsFrom(params)).toEqual({
      weights: { tech: 40.5 },
      fieldErrors: { "weight-price": "A weight must be between 0 and 100." },
    });
  });

  it("bounds the Monte Carlo settings", () => {
    expect(monteCarloSchema.parse({ spread: "35", draws: "2000", topN: "2" })).toEqual({
      spread: 35,
      draws: 2000,
      topN: 2,
    });
    expect(monteCarloSchema.parse({})).toEqual({ spread: undefined, draws: undefined, topN: undefined });
    expect(monteCarloSchema.safeParse({ draws: "99" }).success).toBe(false);
    expect(monteCarloSchema.safeParse({ draws: "100.5" }).success).toBe(false);
    expect(monteCarloSchema.safeParse({ spread: "-1" }).success).toBe(false);
  });

  it("knows the export views", () => {
    expect(exportViewSchema.safeParse("matrix").success).toBe(true);
    expect(exportViewSchema.safeParse("users").success).toBe(false);
  });
});
