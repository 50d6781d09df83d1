import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { ScoreSheetPage } from "~/components/evaluation/score-sheet";
import { SECTION_NUMBER } from "~/domain/sections";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { currentSheetVersion, getScoreSheet, saveScoreSheet } from "~/models/scoring.server";
import { sheetFormSchema } from "~/schemas/sheet";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formValues, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Score sheet: ${data.sheet.vendorName} · Shortlist` : "Score sheet · Shortlist" },
];

/**
 * One evaluator's sheet for one vendor: the proposal beside each criterion they score. Only ever
 * the signed-in member's own scores (models/scoring loads nothing else).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.score");
  const section = new URL(request.url).searchParams.get("section");
  const sheet = await getScoreSheet(user.id, rfp.id, params.invitationId ?? "", section);
  return { rfpId: rfp.id, sheet };
}

/** Autosaves change nothing the page shows but the version, which it tracks itself. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.score");
  const invitationId = params.invitationId ?? "";
  const formData = await request.formData();
  const values = formValues(formData);
  const here = `/rfps/${rfp.id}/scoring/${invitationId}`;
  try {
    // The form's schema is built from the sheet's criteria, which the save reads in its transaction.
    const result = await saveScoreSheet(userActor(user), rfp.id, invitationId, (criteria) =>
      parseForm(formData, sheetFormSchema(criteria)),
    );
    if (!result.saved) {
      const { failure } = result;
      return invalid(
        {
          form:
            failure.values.intent === "submit"
              ? "The sheet cannot be submitted yet: see the marked criteria. Nothing was saved."
              : "Nothing was saved: correct the marked fields.",
          ...failure.fieldErrors,
        },
        failure.values,
      );
    }
    if (result.intent === "autosave") {
      return { saved: true as const, version: result.version, savedAt: result.savedAt.toISOString() };
    }
    if (result.intent === "submit") {
      return redirectWithFlash(`/rfps/${rfp.id}/scoring`, {
        kind: "success",
        message: "Your sheet is submitted and sealed. Only the lead can reopen it.",
      });
    }
    // "Save and continue" buttons post to ?goto=<section>; otherwise stay on the section posted.
    const goto = new URL(request.url).searchParams.get("goto") ?? result.section;
    return redirectWithFlash(goto && SECTION_NUMBER.test(goto) ? `${here}?section=${goto}` : here, {
      kind: "success",
      message: `Draft saved at ${formatDateTime(result.savedAt, { timeZone: rfp.timeZone })}.`,
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      const current = await currentSheetVersion(user.id, rfp.id, invitationId);
      return data(
        { fieldErrors: { form: error.message }, values, conflict: { version: current.version } },
        { status: 409 },
      );
    }
    return invalidFromError(error, values);
  }
}

export default function ScoreSheetRoute() {
  const { rfpId, sheet } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ScoreSheetPage rfpId={rfpId} sheet={sheet} lastResult={actionData} />;
}
