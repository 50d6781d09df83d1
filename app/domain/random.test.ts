import { describe, expect, it } from "vitest";
import { mulberry32 } from "./random";

describe("mulberry32", () => {
  it("reproduces the reference implementation's first draws", () => {
    const random = mulberry32(1);
    expect([random(), random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const other = mulberry32(0xdeadbeef);
    expect(other()).toBe(0.9413696140982211);
  });

  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = mulberry32(2027);
    const b = mulberry32(2027);
    const c = mulberry32(2028);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it("draws uniformly in [0, 1)", () => {
    const random = mulberry32(7);
    const buckets = new Array<number>(10).fill(0);
    const draws = 100_000;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const value = random();
      if (!(value >= 0 && value < 1)) outside++;
      const bucket = Math.floor(value * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    // Each bucket expects 10,000 (sd ≈ 95); 500 is more than five standard deviations.
    for (const count of buckets) expect(Math.abs(count - draws / 10)).toBeLessThan(500);
  });
});
