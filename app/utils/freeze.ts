/**
 * Values kept in a cache are shared by every request that reads them. Outside production they are
 * deep-frozen, so code that changes one by mistake throws in the tests instead of corrupting what
 * other requests see; production skips the walk (its cost is paid once per cached value anyway,
 * but nothing there would report it better than the tests).
 */
export function frozenOutsideProduction<T>(value: T): T {
  if (process.env.NODE_ENV !== "production") deepFreeze(value);
  return value;
}

/** Freezes plain objects and arrays, all the way down; class instances (Date, Map…) are left as they are. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
