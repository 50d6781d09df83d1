import { createCookie, redirect } from "@remix-run/node";

/**
 * One-shot messages after a redirect ("RFP created"). Kept in a short-lived cookie rather than
 * the session so they also work after logout. The value is only ever rendered as text.
 */
export type Flash = { kind: "success" | "error" | "info"; message: string };

const flashCookie = createCookie("sl_flash", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 });

export async function redirectWithFlash(url: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(url, { headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clearCookie: string | null }> {
  const value: unknown = await flashCookie.parse(request.headers.get("Cookie"));
  if (!isFlash(value)) return { flash: null, clearCookie: null };
  return { flash: value, clearCookie: await flashCookie.serialize("", { maxAge: 0 }) };
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    (candidate.kind === "success" || candidate.kind === "error" || candidate.kind === "info") &&
    typeof candidate.message === "string"
  );
}
