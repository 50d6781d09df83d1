import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditList } from "~/components/audit-list";
import { EmptyState } from "~/components/ui/empty-state";
import { listAuditEvents } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_activity");
  const before = new URL(request.url).searchParams.get("before");
  const page = await listAuditEvents({
    rfpId: rfp.id,
    before: before && /^\d+$/.test(before) ? BigInt(before) : undefined,
  });
  return { ...page, timeZone: rfp.timeZone, paged: Boolean(before) };
}

export default function RfpActivityPage() {
  const { events, nextBefore, timeZone, paged } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  return (
    <section className="card" aria-labelledby="activity-heading">
      <div className="card__title">
        <h2 id="activity-heading">Activity</h2>
        <span className="muted small">Every change to this RFP, newest first. The log cannot be edited.</span>
      </div>
      {events.length === 0 ? (
        <EmptyState title="No activity yet">Changes to this RFP will be listed here as they happen.</EmptyState>
      ) : (
        <AuditList events={events} timeZone={timeZone} locale={locale} />
      )}
      <div className="row">
        {paged ? <Link to=".">Newest</Link> : null}
        {nextBefore ? <Link to={`?before=${nextBefore}`}>Older events</Link> : null}
      </div>
    </section>
  );
}
