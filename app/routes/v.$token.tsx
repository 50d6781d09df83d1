import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useIsSubmitting } from "~/components/form";
import { PortalNotice } from "~/components/portal/portal-notice";
import { Button } from "~/components/ui/button";
import { BUYER_NAME } from "~/models/invitation-link.server";
import { findInvitationByToken, PORTAL_SESSION_HOURS } from "~/models/portal-session.server";
import { startPortalSession } from "~/utils/portal.server";

export const meta: MetaFunction = () => [
  { title: "Vendor portal · Shortlist" },
  { name: "robots", content: "noindex" },
];

/**
 * The link carries a secret: never cached, and never sent on in a Referer, not even to this site
 * (proxies log Referers). Not "no-referrer": browsers then send "Origin: null" with the form, which
 * the cross-site request check rightly refuses.
 */
const SECRET_PAGE_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "strict-origin",
  "X-Robots-Tag": "noindex",
};
export const headers: HeadersFunction = () => SECRET_PAGE_HEADERS;

/**
 * Unknown, revoked and expired links all get the same answer and status, so a link tells nobody
 * whether it ever existed, let alone for which company or tender.
 */
function linkDoesNotWork() {
  return data({ ok: false as const }, { status: 404, headers: SECRET_PAGE_HEADERS });
}

/** Looking only: email link scanners open links with GET, so GET never starts a session. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { problem, invitation } = await findInvitationByToken(params.token ?? "");
  if (problem || !invitation) return linkDoesNotWork();
  return {
    ok: true as const,
    buyer: BUYER_NAME,
    vendorName: invitation.vendor.name,
    rfp: { reference: invitation.rfp.reference, title: invitation.rfp.title },
    sessionHours: PORTAL_SESSION_HOURS,
  };
}

/** The confirmed exchange: token → portal cookie, then away from the address that holds the token. */
export async function action({ request, params }: ActionFunctionArgs) {
  const result = await startPortalSession(request, params.token ?? "");
  if (!result.ok) return linkDoesNotWork();
  return redirect("/portal", { headers: { "Set-Cookie": result.cookie } });
}

export default function PortalEntryPage() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const opening = useIsSubmitting();
  if (!loaded.ok || failed) {
    return (
      <PortalNotice title="This link does not work">
        <p>
          Portal links stop working when the buyer sends a newer link, when the tender closes or is cancelled, or when
          only part of the link was copied.
        </p>
        <p>
          Use the link in the most recent invitation email you received, or reply to that email to ask the buyer for a
          new one.
        </p>
      </PortalNotice>
    );
  }
  return (
    <PortalNotice title={`Open the ${loaded.buyer} portal`}>
      <p>
        for <strong>{loaded.rfp.title}</strong> <span className="muted mono">({loaded.rfp.reference})</span> as{" "}
        <strong>{loaded.vendorName}</strong>.
      </p>
      <Form method="post" className="form">
        <p className="muted small">
          This link is private to your company. Opening the portal signs this browser in for up to {loaded.sessionHours}{" "}
          hours; sign out when you are done on a shared computer.
        </p>
        <div className="form-actions">
          <Button type="submit" pending={opening} pendingLabel="Opening…">
            Open the portal
          </Button>
        </div>
      </Form>
    </PortalNotice>
  );
}
