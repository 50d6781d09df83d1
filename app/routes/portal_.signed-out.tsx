import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PortalNotice } from "~/components/portal/portal-notice";
import { PORTAL_IDLE_MINUTES, PORTAL_SESSION_HOURS } from "~/models/portal-session.server";
import { getPortalVendor } from "~/utils/portal.server";

export const meta: MetaFunction = () => [{ title: "Signed out · Vendor portal" }];

/** Where the portal sends anyone without a (working) portal session, and where signing out ends. */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await getPortalVendor(request);
  return { signedIn: Boolean(vendor), idleMinutes: PORTAL_IDLE_MINUTES, sessionHours: PORTAL_SESSION_HOURS };
}

export default function PortalSignedOutPage() {
  const { signedIn, idleMinutes, sessionHours } = useLoaderData<typeof loader>();
  if (signedIn) {
    return (
      <PortalNotice title="You are signed in">
        <p>This browser is still signed in to your company's vendor portal.</p>
        <p>
          <Link to="/portal">Go to the portal</Link>
        </p>
      </PortalNotice>
    );
  }
  return (
    <PortalNotice title="You are not signed in to the vendor portal">
      <p>
        You signed out, or your portal session ended (after {idleMinutes / 60} hours without activity, or {sessionHours}{" "}
        hours after you opened it).
      </p>
      <p>
        <strong>To get back in, open the link in the invitation email from the buyer again.</strong> If you cannot find
        it, or it no longer works, reply to that email and ask the buyer for a new link.
      </p>
      <p className="muted small">Vendors have no passwords in Shortlist: the emailed link is your key.</p>
    </PortalNotice>
  );
}
