import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StageBadge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { mayDoAccountAction, RFP_ROLE_INFO } from "~/domain/policy";
import { listRfpsForUser } from "~/models/rfp.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "RFPs · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rfps = await listRfpsForUser(user.id);
  return {
    canCreate: mayDoAccountAction(user.role, "rfp.create"),
    rfps: rfps.map(({ members, budgetAmount, ...rfp }) => ({
      ...rfp,
      budgetAmount: budgetAmount?.toString() ?? null,
      myRole: members[0]?.role ?? null,
    })),
  };
}

export default function RfpListPage() {
  const { rfps, canCreate } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  return (
    <>
      <PageHeader
        title="RFPs"
        actions={
          canCreate ? (
            <Link to="/rfps/new" className={buttonClass("primary")}>
              New RFP
            </Link>
          ) : null
        }
      />
      {rfps.length === 0 ? (
        <EmptyState
          title="No RFPs yet"
          action={
            canCreate ? (
              <Link to="/rfps/new" className={buttonClass("primary")}>
                Create the first RFP
              </Link>
            ) : null
          }
        >
          {canCreate
            ? "An RFP takes a purchase from a blank page to a signed contract. Start with its title, budget and timeline."
            : "You see the RFPs whose team you are on. A procurement lead adds you to one."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Title</th>
                <th scope="col">Stage</th>
                <th scope="col">My role</th>
                <th scope="col">Proposal deadline</th>
                <th scope="col" className="num">
                  Budget
                </th>
              </tr>
            </thead>
            <tbody>
              {rfps.map((rfp) => (
                <tr key={rfp.id}>
                  <td className="mono">{rfp.reference}</td>
                  <td>
                    <Link to={`/rfps/${rfp.id}`}>{rfp.title}</Link>
                    <div className="muted small">{rfp.category}</div>
                  </td>
                  <td>
                    <StageBadge stage={rfp.stage} />
                  </td>
                  <td className="small">{rfp.myRole ? RFP_ROLE_INFO[rfp.myRole].label : "—"}</td>
                  <td className="small">
                    {rfp.proposalDeadline
                      ? formatDateTime(rfp.proposalDeadline, { timeZone: rfp.timeZone, locale })
                      : "—"}
                  </td>
                  <td className="num">{formatMoney(rfp.budgetAmount, rfp.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
