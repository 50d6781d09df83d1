import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** Signing out is a POST (a GET must never change state); a stray GET just goes home. */
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirectWithFlash(
    "/login",
    { kind: "info", message: "You are signed out." },
    { headers: { "Set-Cookie": cookie } },
  );
}
