import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/** Facts about the HTTP request being served, available to logging and audit without threading. */
export type RequestContext = {
  requestId: string;
  ip: string | null;
  /** Database queries made while serving this request (counted only when QUERY_COUNTING=1). */
  queries?: number;
};

const storage = singleton("request-context", () => new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
