import { afterEach, describe, expect, it, vi } from "vitest";
import { deepFreeze, frozenOutsideProduction } from "./freeze";

describe("deepFreeze", () => {
  it("freezes plain objects and arrays all the way down", () => {
    const value = deepFreeze({ rows: [{ id: "a", tags: ["x"] }], meta: { count: 1 } });
    expect(() => {
      (value.rows as { id: string }[]).push({ id: "b" });
    }).toThrow(TypeError);
    expect(() => {
      (value.rows[0] as { id: string }).id = "changed";
    }).toThrow(TypeError);
    expect(() => {
      (value.meta as { count: number }).count = 2;
    }).toThrow(TypeError);
    expect(value.rows[0]?.tags).toEqual(["x"]);
  });

  it("leaves class instances alone (dates, maps)", () => {
    const when = new Date("2027-01-01T00:00:00Z");
    const index = new Map([["a", 1]]);
    const value = deepFreeze({ when, index });
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(when)).toBe(false);
    index.set("b", 2);
    expect(index.size).toBe(2);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("freezes outside production only", () => {
    vi.stubEnv("NODE_ENV", "test");
    expect(Object.isFrozen(frozenOutsideProduction({ a: 1 }))).toBe(true);
    vi.stubEnv("NODE_ENV", "production");
    expect(Object.isFrozen(frozenOutsideProduction({ a: 1 }))).toBe(false);
  });
});
