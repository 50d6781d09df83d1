import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NegotiationNav, NegotiationStatusBadge } from "~/components/negotiation/shared";
import { getNegotiationHeader } from "~/models/negotiation.server";
import { requireRfpPermission } from "~/models/policy.server";
import { ErrorMessage } from "~/root";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.negotiation
      ? `Negotiation with ${data.negotiation.vendorName} · Shortlist`
      : "Negotiation · Shortlist",
  },
];

/** Frame of the negotiation workspace: whose negotiation, its status, the sub-pages with what is outstanding. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  return getNegotiationHeader(rfp.id);
}

export default function NegotiationLayout() {
  const { negotiation } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {negotiation ? (
        <div className="row">
          <h2 className="negotiation-heading">Negotiation with {negotiation.vendorName}</h2>
          <NegotiationStatusBadge status={negotiation.status} />
        </div>
      ) : null}
      {negotiation ? (
        <NegotiationNav
          counts={{
            openTerms: negotiation.openTerms,
            pendingCommitments: negotiation.pendingCommitments,
            openFlags: negotiation.openFlags,
          }}
        />
      ) : null}
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
