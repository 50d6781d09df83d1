import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache";

describe("LruCache", () => {
  it("drops the least recently used entry beyond its capacity", () => {
    const cache = new LruCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("replaces a value set again under the same key without growing", () => {
    const cache = new LruCache<string>(2);
    cache.set("a", "old");
    cache.set("a", "new");
    expect(cache.get("a")).toBe("new");
    expect(cache.size).toBe(1);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
  });

  it("shares one pending load between concurrent callers", async () => {
    const cache = new LruCache<Promise<number>>(4);
    let loads = 0;
    const load = () => {
      loads++;
      return new Promise<number>((resolve) => setTimeout(() => resolve(42), 5));
    };
    const [first, second] = await Promise.all([cache.getOrLoad("k", load), cache.getOrLoad("k", load)]);
    expect([first, second, loads]).toEqual([42, 42, 1]);
    expect(await cache.getOrLoad("k", load)).toBe(42);
    expect(loads).toBe(1);
  });

  it("forgets a failed load so that the next caller loads again", async () => {
    const cache = new LruCache<Promise<number>>(4);
    await expect(cache.getOrLoad("k", () => Promise.reject(new Error("database down")))).rejects.toThrow(
      "database down",
    );
    expect(cache.size).toBe(0);
    expect(await cache.getOrLoad("k", () => Promise.resolve(7))).toBe(7);
  });

  it("refuses a capacity below one", () => {
    expect(() => new LruCache(0)).toThrow();
  });
});
