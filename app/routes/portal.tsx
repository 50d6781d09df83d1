import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, type ShouldRevalidateFunction, useLoaderData, useRouteError } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { hasPublishedInterview } from "~/models/interview-publish-portal.server";
import { BUYER_NAME } from "~/models/invitation-link.server";
import { countUnacknowledgedAddenda } from "~/models/portal.server";
import { ErrorMessage } from "~/root";
import { requirePortalVendor } from "~/utils/portal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.rfp.reference} · ${data.buyer} vendor portal` : "Vendor portal" },
  { name: "robots", content: "noindex" },
];

/** Frame of every portal page: who the buyer is, which tender, which vendor. No staff navigation. */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  return {
    buyer: BUYER_NAME,
    vendorName: vendor.vendor.name,
    rfp: { reference: vendor.rfp.reference, title: vendor.rfp.title },
    unacknowledgedAddenda: await countUnacknowledgedAddenda(vendor),
    hasInterview: await hasPublishedInterview(vendor),
  };
}

/** Autosaves change nothing the frame shows; skip reloading it on every keystroke pause. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

export default function PortalLayout() {
  const { buyer, vendorName, rfp, unacknowledgedAddenda, hasInterview } = useLoaderData<typeof loader>();
  return (
    <>
      <PortalHeader buyer={buyer} vendorName={vendorName} rfp={rfp} />
      <main id="main" className="main">
        <nav className="tabs" aria-label="Vendor portal">
          <NavLink to="/portal" end>
            Home
          </NavLink>
          <NavLink to="/portal/rfp">
            RFP document
            {unacknowledgedAddenda > 0 ? (
              <>
                {" "}
                <Badge tone="warning">
                  {unacknowledgedAddenda}
                  <span className="visually-hidden"> addenda to acknowledge</span>
                </Badge>
              </>
            ) : null}
          </NavLink>
          <NavLink to="/portal/questions">Questions</NavLink>
          <NavLink to="/portal/proposal">Proposal</NavLink>
          {hasInterview ? <NavLink to="/portal/interview">Interview</NavLink> : null}
        </nav>
        <Outlet />
      </main>
    </>
  );
}

function PortalHeader({
  buyer,
  vendorName,
  rfp,
}: {
  buyer: string;
  vendorName: string;
  rfp: { reference: string; title: string };
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-header__inner">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              SL
            </span>
            {buyer}
          </span>
          <div className="portal-header__rfp">
            <span className="portal-header__reference">{rfp.reference}</span>
            <span>{rfp.title}</span>
          </div>
          <div className="user-menu">
            <div>
              {vendorName}
              <div className="user-menu__role">Vendor portal</div>
            </div>
            <Form method="post" action="/portal/sign-out">
              <button type="submit" className="button button--secondary button--small">
                Sign out of the portal
              </button>
            </Form>
          </div>
        </div>
      </header>
    </>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="main">
      <ErrorMessage error={useRouteError()} home={{ to: "/portal", label: "Back to the portal home page" }} />
    </main>
  );
}
