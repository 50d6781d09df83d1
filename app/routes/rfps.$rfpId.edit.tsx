import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RfpDetailsForm } from "~/components/rfp-details-form";
import { Alert } from "~/components/ui/alert";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { getRfp, updateRfpDetails } from "~/models/rfp.server";
import { rfpEditSchema, timelineFromForm } from "~/schemas/rfp";
import { requireUser } from "~/utils/auth.server";
import { timeZoneOptions, utcToZonedLocal } from "~/utils/dates";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { errorResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rfpId = params.rfpId ?? "";
  await requireRfpPermission(user, rfpId, "rfp.edit");
  const rfp = await getRfp(rfpId);
  if (rfp.stage !== "DRAFT") {
    throw errorResponse(409, "Only a draft can be edited directly. Published RFPs change through numbered addenda.");
  }
  return { version: rfp.version, values: formValuesOf(rfp), timeZones: timeZoneOptions() };
}

function formValuesOf(rfp: Awaited<ReturnType<typeof getRfp>>) {
  const values: Record<string, string> = {
    title: rfp.title,
    summary: rfp.summary,
    category: rfp.category,
    budgetAmount: rfp.budgetAmount?.toString() ?? "",
    currency: rfp.currency,
    timeZone: rfp.timeZone,
  };
  for (const milestone of TIMELINE_FIELDS) values[milestone.key] = utcToZonedLocal(rfp[milestone.key], rfp.timeZone);
  return values;
}

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  category: "Category",
  budgetAmount: "Budget",
  currency: "Currency",
  timeZone: "Time zone",
  ...Object.fromEntries(TIMELINE_FIELDS.map((milestone) => [milestone.key, milestone.label])),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const rfpId = params.rfpId ?? "";
  await requireRfpPermission(user, rfpId, "rfp.edit");
  const parsed = parseForm(await request.formData(), rfpEditSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const { version, ...details } = parsed.data;
  try {
    await updateRfpDetails(userActor(user), rfpId, version, {
      ...details,
      timeline: timelineFromForm(details, details.timeZone),
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      // Nothing is overwritten and nothing typed is lost: the user sees what the other person
      // saved next to their own edits, and saving again is a deliberate choice on the newer version.
      const current = await getRfp(rfpId);
      const theirs = formValuesOf(current);
      const changes = Object.keys(FIELD_LABELS)
        .filter((field) => (theirs[field] ?? "") !== (parsed.values[field] ?? ""))
        .map((field) => ({
          field,
          label: FIELD_LABELS[field] ?? field,
          theirs: theirs[field] ?? "",
          yours: parsed.values[field] ?? "",
        }));
      return data(
        {
          fieldErrors: {
            form: "Someone else saved this RFP after you opened it, so your changes were not saved. Compare below; saving again replaces their version with yours.",
          },
          values: parsed.values,
          conflict: { version: current.version, changes },
        },
        { status: 409 },
      );
    }
    return invalidFromError(error, parsed.values);
  }
  return redirectWithFlash(`/rfps/${rfpId}`, { kind: "success", message: "Details saved." });
}

export default function EditRfpPage() {
  const { version, values, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData && "conflict" in actionData ? actionData.conflict : null;
  return (
    <div className="stack">
      {conflict ? (
        <Alert tone="warning" title="Their saved version differs from yours in:">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Saved by the other person</th>
                  <th scope="col">Yours (not saved)</th>
                </tr>
              </thead>
              <tbody>
                {conflict.changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.label}</th>
                    <td>{change.theirs || "—"}</td>
                    <td>{change.yours || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Alert>
      ) : null}
      <RfpDetailsForm
        key={conflict?.version ?? version}
        timeZones={timeZones}
        defaultValues={values}
        lastResult={actionData}
        hidden={{ version: String(conflict?.version ?? version) }}
        submitLabel={conflict ? "Save mine anyway" : "Save details"}
        pendingLabel="Saving…"
      />
    </div>
  );
}
