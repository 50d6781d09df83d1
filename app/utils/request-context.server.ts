import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/** Facts about the HTTP request being served, available to logging and audit without threading. */
export type RequestContext = {
  requestId: string;
  ip: string | null;
  /** Database queries made while serving this request (counted only when QUERY_COUNTING=1). */
  queries?: number;
  /** Per-request memo (see memoizeForRequest). */
  memo?: Map<string, Promise<unknown>>;
};

const storage = singleton("request-context", () => new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Compute something once per HTTP request. A page view runs the root, layout and page loaders
 * in parallel, and each must authenticate and authorize on its own; this lets them share the
 * lookups instead of repeating the same queries. Outside a request it just calls `compute`.
 */
export function memoizeForRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return compute();
  context.memo ??= new Map();
  const existing = context.memo.get(key);
  if (existing) return existing as Promise<T>;
  const pending = compute();
  context.memo.set(key, pending);
  // A failed lookup is not cached, so a retry within the request can succeed.
  pending.catch(() => context.memo?.delete(key));
  return pending;
}
