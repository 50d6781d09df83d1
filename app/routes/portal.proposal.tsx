import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { ProposalPage } from "~/components/portal/proposal-page";
import { applyRowChange, withStarterRows } from "~/domain/proposal-rules";
import {
  currentProposalVersion,
  getProposalBuilder,
  saveProposalDraft,
  submitProposal,
  withdrawProposal,
} from "~/models/proposal.server";
import { parseProposalForm, parseRowChange, withdrawProposalSchema } from "~/schemas/proposal";
import { formatDateTime } from "~/utils/dates";
import { ConflictError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { requirePortalVendor } from "~/utils/portal.server";

/** The proposal builder. `?add=priceLines` adds a blank row: the no-JavaScript "Add" buttons land here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const builder = await getProposalBuilder(vendor);
  const add = new URL(request.url).searchParams.get("add");
  const change = add ? parseRowChange(`add:${add}`) : null;
  const editableDraft = builder.lock ? builder.draft : withStarterRows(builder.draft);
  return {
    ...builder,
    draft: change && !builder.lock ? applyRowChange(editableDraft, change) : editableDraft,
    vendorName: vendor.vendor.name,
    now: new Date().toISOString(),
  };
}

/** Autosaves change nothing but the version, which the page tracks itself: no reload while typing. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

const ANCHORS: Record<string, string> = {
  priceLines: "#price-schedule",
  serviceTiers: "#service-tiers",
  slaTargets: "#service-tiers",
  commitments: "#commitments",
};

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") {
    const parsed = parseForm(formData, withdrawProposalSchema);
    if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
    try {
      await withdrawProposal(vendor, { expectedVersion: parsed.data.version });
    } catch (error) {
      return invalidFromError(error, parsed.values);
    }
    return redirectWithFlash("/portal/proposal", {
      kind: "info",
      message: "Your proposal is withdrawn. Edit it and submit it again before the deadline if you still wish to bid.",
    });
  }

  const parsed = parseProposalForm(formData);
  if (!parsed.success) {
    return invalid(
      { form: "Nothing was saved: correct the fields marked in red.", ...parsed.fieldErrors },
      parsed.values,
    );
  }
  const { intent, version, ...draft } = parsed.data;
  const at = (date: Date) => formatDateTime(date, { timeZone: vendor.rfp.timeZone });
  try {
    if (intent === "submit") {
      const result = await submitProposal(vendor, { draft, expectedVersion: version });
      if (!result.submitted) {
        // The draft was saved; what is missing is listed, and the form continues from the new version.
        return data(
          {
            fieldErrors: Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message])),
            values: { ...parsed.values, version: String(result.version) },
            missing: result.issues.map((issue) => issue.message),
          },
          { status: 422 },
        );
      }
      return redirectWithFlash("/portal/proposal", {
        kind: "success",
        message: `Proposal submitted at ${at(result.submittedAt)}. A receipt was emailed to your contact.`,
      });
    }
    const change = parseRowChange(intent);
    const saved = await saveProposalDraft(vendor, {
      draft: change?.op === "remove" ? applyRowChange(draft, change) : draft,
      expectedVersion: version,
      automatic: intent === "autosave",
    });
    if (intent === "autosave")
      return { saved: true as const, version: saved.version, savedAt: saved.savedAt.toISOString() };
    if (change?.op === "add") {
      const target = change.list === "slaTargets" ? `slaTargets:${change.tier}` : change.list;
      return redirect(`/portal/proposal?add=${target}${ANCHORS[change.list] ?? ""}`);
    }
    return redirectWithFlash(`/portal/proposal${change ? (ANCHORS[change.list] ?? "") : ""}`, {
      kind: "success",
      message: `Draft saved at ${at(saved.savedAt)}.`,
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      return data(
        {
          fieldErrors: { form: error.message },
          values: parsed.values,
          conflict: { version: await currentProposalVersion(vendor) },
        },
        { status: 409 },
      );
    }
    return invalidFromError(error, parsed.values);
  }
}

export default function PortalProposalRoute() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ProposalPage loaded={loaded} actionData={actionData} />;
}
