/**
 * A small in-process cache holding at most `capacity` entries, the least recently used going
 * first. Values are shared between requests: treat them as immutable.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error("An LRU cache holds at least one entry.");
  }

  get size() {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // A Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V) {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string) {
    this.#entries.delete(key);
  }

  /**
   * The cached value for `key`, else `load()`'s, cached while it is pending so that concurrent
   * callers share one computation. A failed load is forgotten, so the next call tries again.
   */
  getOrLoad<T extends V & Promise<unknown>>(key: string, load: () => T): T {
    const cached = this.get(key);
    if (cached !== undefined) return cached as T;
    const pending = load();
    this.set(key, pending);
    pending.catch(() => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    });
    return pending;
  }
}
