import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endPortalSession } from "~/utils/portal.server";

/** Signing out is a POST (a GET must never change state); a stray GET just goes to the portal. */
export async function loader() {
  return redirect("/portal");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endPortalSession(request);
  return redirect("/portal/signed-out", { headers: { "Set-Cookie": cookie } });
}
