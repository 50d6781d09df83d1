import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddendumCard, ExtendDeadlineForm, ExtensionList, IssueAddendumForm } from "~/components/addenda";
import { FormError } from "~/components/form";
import { EmptyState } from "~/components/ui/empty-state";
import { addendumLabel } from "~/domain/addendum";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import { getAddendaPage, issueAddendum, remindAddendum } from "~/models/addendum.server";
import { userActor } from "~/models/audit.server";
import { grantExtension } from "~/models/extension.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { addendaActionSchema } from "~/schemas/addendum";
import { timelineFromForm } from "~/schemas/rfp";
import { requireUser } from "~/utils/auth.server";
import { utcToZonedLocal, zonedLocalToUtc } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const page = await getAddendaPage(rfp.id);
  const timelineValues = Object.fromEntries(
    TIMELINE_FIELDS.map((field) => [field.key, utcToZonedLocal(page.rfp[field.key], rfp.timeZone)]),
  );
  return { ...page, timelineValues, canIssue: permissions.includes("rfp.issue_addendum") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.issue_addendum");
  const parsed = parseForm(await request.formData(), addendaActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const back = `/rfps/${rfp.id}/addenda`;
  try {
    if (parsed.data.intent === "issue") {
      const { intent: _intent, version, title, summary, reason, ...wallClock } = parsed.data;
      const timeline = timelineFromForm(wallClock, rfp.timeZone);
      const missing = TIMELINE_FIELDS.find((field) => !timeline[field.key]);
      if (missing) return invalid({ [missing.key]: "This date does not exist." }, parsed.values);
      const addendum = await issueAddendum(userActor(user), rfp.id, {
        title,
        summary,
        reason,
        timeline,
        expectedVersion: version,
      });
      const frozen = addendum.documentVersion ? ` Version ${addendum.documentVersion} of the document is frozen.` : "";
      return redirectWithFlash(back, {
        kind: "success",
        message: `${addendumLabel(addendum.number)} was issued and ${addendum.notified} vendor(s) notified.${frozen}`,
      });
    }
    if (parsed.data.intent === "extend") {
      const newDeadline = zonedLocalToUtc(parsed.data.newDeadline, rfp.timeZone);
      if (!newDeadline) return invalid({ newDeadline: "This date does not exist." }, parsed.values);
      const extension = await grantExtension(userActor(user), rfp.id, {
        newDeadline,
        reason: parsed.data.extensionReason,
        expectedVersion: parsed.data.version,
      });
      return redirectWithFlash(back, {
        kind: "success",
        message: `The proposal deadline was extended for every vendor (${addendumLabel(extension.addendumNumber)}).`,
      });
    }
    const reminder = await remindAddendum(userActor(user), rfp.id, parsed.data.addendumId);
    return redirectWithFlash(back, {
      kind: "success",
      message: `${reminder.reminded} vendor(s) were reminded to acknowledge ${addendumLabel(reminder.number)}.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function AddendaPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const intent = actionData?.values?.intent;
  const { rfp, addenda, canIssue } = data;
  const open = rfp.stage === "PUBLISHED";
  const format = { timeZone: rfp.timeZone, locale };
  return (
    <div className="grid grid--main-side">
      <div className="stack">
        {intent === "remind" ? <FormError message={actionData?.fieldErrors?.form} /> : null}
        {addenda.length === 0 ? (
          <EmptyState title={rfp.stage === "DRAFT" ? "Addenda start after publishing" : "No addenda issued"}>
            {rfp.stage === "DRAFT"
              ? "Until the RFP is published, edit it directly. Once vendors have it, every change is a numbered addendum they acknowledge."
              : open && canIssue
                ? "When something in the RFP must change, issue an addendum: every invited vendor is notified and must acknowledge it."
                : "Nothing in the RFP changed after it was published."}
          </EmptyState>
        ) : (
          addenda.map((addendum) => (
            <AddendumCard
              key={addendum.id}
              addendum={addendum}
              format={format}
              canRemind={canIssue && open && addendum.pending > 0}
            />
          ))
        )}
      </div>
      <div className="stack">
        {canIssue && open ? (
          <>
            <IssueAddendumForm
              version={rfp.version}
              nextNumber={(addenda[0]?.number ?? 0) + 1}
              latestVersion={data.latestVersion}
              workingCopyChanged={data.workingCopyChanged}
              changes={data.changes}
              timelineValues={data.timelineValues}
              lastResult={intent === "issue" ? actionData : undefined}
            />
            <ExtendDeadlineForm
              version={rfp.version}
              timeZone={rfp.timeZone}
              currentDeadline={rfp.proposalDeadline}
              currentValue={data.timelineValues.proposalDeadline ?? ""}
              format={format}
              lastResult={intent === "extend" ? actionData : undefined}
            />
          </>
        ) : null}
        <ExtensionList extensions={data.extensions} format={format} />
      </div>
    </div>
  );
}
