import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { AuditList, describeAction } from "~/components/audit-list";
import { Field } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { listAuditActions, listAuditEvents } from "~/models/audit.server";
import { useRootData } from "~/root";
import { auditFilterSchema } from "~/schemas/audit";
import { requireAccountPermission } from "~/utils/auth.server";
import { fieldErrorsFrom } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Audit log · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "audit.view_all");
  const url = new URL(request.url);
  const query = Object.fromEntries(url.searchParams);
  const parsed = auditFilterSchema.safeParse(query);
  const filters = parsed.success ? parsed.data : {};
  const day = (value: string | undefined, offsetDays = 0) =>
    value ? new Date(Date.parse(`${value}T00:00:00Z`) + offsetDays * 86_400_000) : undefined;
  const [page, actions] = await Promise.all([
    listAuditEvents({
      actor: filters.actor,
      action: filters.action,
      from: day(filters.from),
      to: day(filters.to, 1),
      before: filters.before ? BigInt(filters.before) : undefined,
    }),
    listAuditActions(),
  ]);
  const nextParams = new URLSearchParams(url.searchParams);
  if (page.nextBefore) nextParams.set("before", page.nextBefore);
  return {
    ...page,
    actions,
    query,
    errors: parsed.success ? {} : fieldErrorsFrom(parsed.error),
    nextQuery: page.nextBefore ? `?${nextParams.toString()}` : null,
  };
}

export default function AuditLogPage() {
  const { events, actions, query, errors, nextQuery } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const loading = useNavigation().state === "loading";
  return (
    <div className="stack">
      <PageHeader title="Audit log">
        <p className="muted">Every change in Shortlist, newest first, in UTC. Entries cannot be edited or deleted.</p>
      </PageHeader>
      <Form method="get" className="card">
        {Object.keys(errors).length > 0 ? (
          <Alert tone="error">Some filters were not understood and were ignored.</Alert>
        ) : null}
        <div className="form-grid">
          <Field name="actor" label="Who" error={errors.actor}>
            <input
              className="input"
              id="actor"
              name="actor"
              defaultValue={query.actor ?? ""}
              placeholder="email or part of it"
            />
          </Field>
          <Field name="action" label="What" error={errors.action}>
            <select className="select" id="action" name="action" defaultValue={query.action ?? ""}>
              <option value="">Any action</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {describeAction(action)} ({action})
                </option>
              ))}
            </select>
          </Field>
          <Field name="from" label="From (UTC)" error={errors.from}>
            <input className="input" type="date" id="from" name="from" defaultValue={query.from ?? ""} />
          </Field>
          <Field name="to" label="Until (UTC, inclusive)" error={errors.to}>
            <input className="input" type="date" id="to" name="to" defaultValue={query.to ?? ""} />
          </Field>
        </div>
        <div className="form-actions">
          <Button type="submit" pending={loading} pendingLabel="Filtering…">
            Filter
          </Button>
          <Link to="/admin/audit">Clear filters</Link>
        </div>
      </Form>
      <section className="card" aria-label="Audit events">
        {events.length === 0 ? (
          <EmptyState title="No events match">Widen the filters or clear them.</EmptyState>
        ) : (
          <AuditList events={events} timeZone="UTC" locale={locale} showRfp />
        )}
        {nextQuery ? (
          <p>
            <Link to={nextQuery}>Older events</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
