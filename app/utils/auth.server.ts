import { createCookie, redirect } from "@remix-run/node";
import { type AccountAction, mayDoAccountAction } from "~/domain/policy";
import { closeSession, findSessionUser, openSession, type SessionUser } from "~/models/session.server";
import { clientIp, errorResponse, forbidden, isLoopbackHost } from "./http.server";
import { memoizeForRequest } from "./request-context.server";

/**
 * Session cookie: HttpOnly, SameSite=Lax, and in production `__Host-` + Secure. The one
 * exception is plain http on a loopback address (`npm start` on a laptop): the traffic never
 * leaves the machine, and some browsers refuse Secure cookies there. See docs/decisions/003.
 */
const secureCookie = createCookie("__Host-sl_session", { httpOnly: true, sameSite: "lax", path: "/", secure: true });
const plainCookie = createCookie("sl_session", { httpOnly: true, sameSite: "lax", path: "/", secure: false });

export function usesSecureCookie(request: Request) {
  const url = new URL(request.url);
  if (url.protocol === "https:") return true;
  return process.env.NODE_ENV === "production" && !isLoopbackHost(url.hostname);
}

function sessionCookie(request: Request) {
  return usesSecureCookie(request) ? secureCookie : plainCookie;
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export type CurrentUser = SessionUser & { sessionId: string };

export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const found = await memoizeForRequest(`session:${token}`, () => findSessionUser(token));
  return found ? { ...found.user, sessionId: found.sessionId } : null;
}

/**
 * The signed-in user, or: a redirect to the login page (pages), a 401 (resource routes).
 * Users with a temporary password are sent to change it before anything else.
 */
export async function requireUser(request: Request, options: { resource?: boolean } = {}): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (!user) {
    if (options.resource) throw errorResponse(401, "Sign in to continue.");
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.passwordChangeRequired && url.pathname !== "/account/password" && !options.resource) {
    throw redirect("/account/password?required=1");
  }
  return user;
}

export async function requireAccountPermission(request: Request, action: AccountAction) {
  const user = await requireUser(request);
  if (!mayDoAccountAction(user.role, action)) throw forbidden();
  return user;
}

/** Start a fresh session for a user whose credentials were just checked; returns Set-Cookie. */
export async function startSession(request: Request, user: { id: string; email: string }) {
  const { token, maxAgeSeconds } = await openSession({
    user,
    ip: clientIp(),
    userAgent: request.headers.get("User-Agent"),
    previousToken: await readToken(request),
  });
  return sessionCookie(request).serialize(token, { maxAge: maxAgeSeconds });
}

/** End the browser's session (if any); returns the Set-Cookie that clears the cookie. */
export async function endSession(request: Request) {
  const token = await readToken(request);
  if (token) await closeSession(token);
  return sessionCookie(request).serialize("", { maxAge: 0 });
}
