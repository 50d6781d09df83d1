import { createCookie, redirect } from "@remix-run/node";
import {
  closePortalSession,
  findPortalSession,
  openPortalSession,
  type PortalVendor,
} from "~/models/portal-session.server";
import { usesSecureCookie } from "./auth.server";
import { clientIp, errorResponse } from "./http.server";

/** The vendor portal's own cookie, separate from staff sessions (a browser may hold both). */
const secureCookie = createCookie("__Host-sl_portal", { httpOnly: true, sameSite: "lax", path: "/", secure: true });
const plainCookie = createCookie("sl_portal", { httpOnly: true, sameSite: "lax", path: "/", secure: false });

function portalCookie(request: Request) {
  return usesSecureCookie(request) ? secureCookie : plainCookie;
}

async function readSecret(request: Request) {
  const value: unknown = await portalCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export async function getPortalVendor(request: Request): Promise<PortalVendor | null> {
  const secret = await readSecret(request);
  if (!secret) return null;
  const found = await findPortalSession(secret);
  return found ? { ...found.invitation, sessionId: found.sessionId } : null;
}

/**
 * The vendor behind this portal request. Pages without a session go to a page explaining how to
 * get in (the invitation email); resource routes answer 401.
 */
export async function requirePortalVendor(
  request: Request,
  options: { resource?: boolean } = {},
): Promise<PortalVendor> {
  const vendor = await getPortalVendor(request);
  if (vendor) return vendor;
  if (options.resource) throw errorResponse(401, "Open the portal from your invitation link first.");
  throw redirect("/portal/signed-out");
}

/** Exchange a link token; returns the Set-Cookie header, or why the link does not work. */
export async function startPortalSession(request: Request, token: string) {
  const result = await openPortalSession(token, { ip: clientIp(), previousSecret: await readSecret(request) });
  if (!result.ok) return result;
  const cookie = await portalCookie(request).serialize(result.secret, { maxAge: result.maxAgeSeconds });
  return { ok: true as const, cookie };
}

export async function endPortalSession(request: Request) {
  const secret = await readSecret(request);
  if (secret) await closePortalSession(secret);
  return portalCookie(request).serialize("", { maxAge: 0 });
}

export { vendorActor } from "~/models/portal-session.server";
