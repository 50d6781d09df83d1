import { data } from "@remix-run/node";
import { getRequestContext } from "./request-context.server";

/**
 * Thrown responses carry the request id so the error page can show it, and the support person
 * can find the matching log lines.
 */
export type ErrorPayload = { message: string; requestId: string | null };

export function errorResponse(status: number, message: string) {
  return data<ErrorPayload>({ message, requestId: getRequestContext()?.requestId ?? null }, { status });
}

export function notFound(message = "We could not find that page.") {
  return errorResponse(404, message);
}

export function forbidden(message = "You do not have access to this.") {
  return errorResponse(403, message);
}

/** Throw a 404 (or another status) when `condition` is falsy; narrows the type otherwise. */
export function invariantResponse(
  condition: unknown,
  message = "We could not find that page.",
  status = 404,
): asserts condition {
  if (!condition) throw errorResponse(status, message);
}

export function clientIp(): string {
  return getRequestContext()?.ip ?? "unknown";
}

/** A same-site relative path to return to after login, or the dashboard. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function isLoopbackHost(hostname: string) {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "::1";
}

/** Where this app is reached from outside (links in emails): APP_URL, else the request's origin. */
export function appOrigin(request: Request) {
  const configured = process.env.APP_URL?.trim().replace(/\/+$/, "");
  return configured || new URL(request.url).origin;
}
