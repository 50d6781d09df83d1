import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConsensusStatus } from "~/components/consensus/consensus-status";
import { GroupViews } from "~/components/consensus/group-views";
import { VendorMatrix } from "~/components/consensus/vendor-matrix";
import { VendorPicker } from "~/components/consensus/vendor-picker";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import {
  getConsensusPage,
  openConsensus,
  recordConsensusScore,
  recordMinorityOpinion,
} from "~/models/consensus.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { consensusActionSchema, consensusHref, consensusViewOf } from "~/schemas/consensus";
import { requireUser } from "~/utils/auth.server";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Consensus · Shortlist" }];

/**
 * The consensus matrix, one vendor at a time (?vendor=<invitation id>, ?items=flagged, and for a
 * long list of all items one section of the criteria at a time: ?section=<top-level number>). Every
 * score stays sealed (not in this loader's data) until the lead opens consensus, which needs every
 * sheet in; see models/consensus for who sees what. The full matrix is in the results export.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_results");
  const view = consensusViewOf(new URL(request.url));
  if (!view) throw notFound("That vendor is not part of this evaluation.");
  const page = await getConsensusPage(rfp.id, { userId: user.id, permissions }, view);
  return { rfp: { id: rfp.id, timeZone: rfp.timeZone }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_results");
  const isLead = permissions.includes("rfp.manage_evaluation");
  if (!isLead && !permissions.includes("rfp.score"))
    throw forbidden("Observers read the consensus; they do not record it.");
  const parsed = parseForm(await request.formData(), consensusActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  // Back to the vendor, list and section the form was posted from.
  const view = consensusViewOf(new URL(request.url)) ?? { vendorId: null, items: null, section: null };
  const actor = userActor(user);
  const { data } = parsed;
  if (data.intent !== "minority" && !isLead) throw forbidden("Only the lead opens consensus and records its scores.");
  try {
    if (data.intent === "open") {
      const { flagged } = await openConsensus(actor, rfp.id);
      return redirectWithFlash(consensusHref(rfp.id, {}), {
        kind: "success",
        message: `Consensus is open. ${flagged === 1 ? "1 item needs" : `${flagged} items need`} the panel's agreed score.`,
      });
    }
    if (data.intent === "record") {
      const saved = await recordConsensusScore(actor, rfp.id, data);
      return redirectWithFlash(
        `${consensusHref(rfp.id, { ...view, vendorId: saved.vendorId })}#item-${data.criterionId}`,
        {
          kind: "success",
          message: `Consensus recorded for ${saved.vendor} on ${saved.criterion}.`,
        },
      );
    }
    const saved = await recordMinorityOpinion(actor, rfp.id, { userId: user.id, permissions }, data);
    return redirectWithFlash(consensusHref(rfp.id, { ...view, vendorId: saved.vendorId }), {
      kind: "success",
      message: `Minority opinion of ${saved.member} recorded.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function ConsensusPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const intent = actionData?.values?.intent;
  return (
    <div className="stack">
      <ConsensusStatus page={page} lastResult={intent === "open" ? actionData : undefined} />
      {page.visible ? (
        <>
          <VendorPicker
            rfpId={page.rfp.id}
            vendors={page.vendors}
            selectedId={page.vendor?.id ?? null}
            items={page.itemsRequested}
            section={page.section}
          />
          {page.vendor ? (
            <VendorMatrix
              // A new vendor is a new set of forms: nothing typed for the last one carries over.
              key={page.vendor.id}
              rfpId={page.rfp.id}
              vendor={page.vendor}
              vendors={page.vendors}
              items={page.items}
              itemsRequested={page.itemsRequested}
              sections={page.sections}
              section={page.section}
              record={{
                evaluators: page.evaluators,
                canRecord: page.canRecord,
                canRecordMinority: page.canRecordMinority,
                isLead: page.isLead,
                timeZone: page.rfp.timeZone,
                locale,
                lastResult: intent === "record" || intent === "minority" ? actionData : undefined,
              }}
            />
          ) : (
            <EmptyState title="No vendor is being evaluated">
              Every proposal was withdrawn or disqualified since consensus opened.
            </EmptyState>
          )}
          <GroupViews rfpId={page.rfp.id} groups={page.groups} vendorCount={page.vendors.length} />
        </>
      ) : null}
    </div>
  );
}
