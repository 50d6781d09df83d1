import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { ScoreSheetPage } from "~/components/evaluation/score-sheet";
import { userActor } from "~/models/audit.server";
import { requireRfpPermission } from "~/models/policy.server";
import { currentSheetVersion, getScoreSheet, saveScoreSheet, sheetCriteriaFor } from "~/models/scoring.server";
import { sheetFormSchema } from "~/schemas/sheet";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

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
  const sheet = await getScoreSheet(user.id, rfp.id, params.invitationId ?? "");
  return { rfpId: rfp.id, sheet };
}

/** Autosaves change nothing the page shows but the version, which it tracks itself. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.score");
  const invitationId = params.invitationId ?? "";
  const criteria = await sheetCriteriaFor(user.id, rfp.id, invitationId);
  const parsed = parseForm(await request.formData(), sheetFormSchema(criteria));
  if (!parsed.success) {
    const submitting = parsed.values.intent === "submit";
    return invalid(
      {
        form: submitting
          ? "The sheet cannot be submitted yet: see the marked criteria. Nothing was saved."
          : "Nothing was saved: correct the marked fields.",
        ...parsed.fieldErrors,
      },
      parsed.values,
    );
  }
  const here = `/rfps/${rfp.id}/scoring/${invitationId}`;
  try {
    const saved = await saveScoreSheet(userActor(user), rfp.id, invitationId, parsed.data);
    if (parsed.data.intent === "autosave") {
      return { saved: true as const, version: saved.version, savedAt: saved.savedAt.toISOString() };
    }
    if (parsed.data.intent === "submit") {
      return redirectWithFlash(`/rfps/${rfp.id}/scoring`, {
        kind: "success",
        message: "Your sheet is submitted and sealed. Only the lead can reopen it.",
      });
    }
    return redirectWithFlash(here, {
      kind: "success",
      message: `Draft saved at ${formatDateTime(saved.savedAt, { timeZone: rfp.timeZone })}.`,
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      const current = await currentSheetVersion(user.id, rfp.id, invitationId);
      return data(
        { fieldErrors: { form: error.message }, values: parsed.values, conflict: { version: current.version } },
        { status: 409 },
      );
    }
    return invalidFromError(error, parsed.values);
  }
}

export default function ScoreSheetRoute() {
  const { rfpId, sheet } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ScoreSheetPage rfpId={rfpId} sheet={sheet} lastResult={actionData} />;
}
