import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RfpDetailsForm } from "~/components/rfp-details-form";
import { PageHeader } from "~/components/ui/page-header";
import { userActor } from "~/models/audit.server";
import { createRfp } from "~/models/rfp.server";
import { rfpDetailsSchema, timelineFromForm } from "~/schemas/rfp";
import { requireAccountPermission } from "~/utils/auth.server";
import { timeZoneOptions } from "~/utils/dates";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "New RFP · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "rfp.create");
  return { timeZones: timeZoneOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "rfp.create");
  const parsed = parseForm(await request.formData(), rfpDetailsSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const rfp = await createRfp(userActor(user), {
    ...parsed.data,
    timeline: timelineFromForm(parsed.data, parsed.data.timeZone),
  });
  return redirectWithFlash(`/rfps/${rfp.id}`, {
    kind: "success",
    message: `${rfp.reference} created. You are its lead.`,
  });
}

export default function NewRfpPage() {
  const { timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/rfps">RFPs</Link> / New
      </div>
      <PageHeader title="New RFP">
        <p className="muted">
          Start with the essentials. It stays a private draft until you publish it; you can change everything until
          then.
        </p>
      </PageHeader>
      <RfpDetailsForm
        isNew
        timeZones={timeZones}
        defaultValues={{ title: "", summary: "", category: "", budgetAmount: "", currency: "EUR", timeZone: "UTC" }}
        lastResult={actionData}
        submitLabel="Create draft RFP"
        pendingLabel="Creating…"
      />
    </>
  );
}
