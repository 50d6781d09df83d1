import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CommitmentCard } from "~/components/negotiation/commitments";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { decideCommitment, editCommitment, getCommitmentsRegister, splitCommitment } from "~/models/commitment.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { commitmentsActionSchema } from "~/schemas/commitment";
import { requireUser } from "~/utils/auth.server";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const register = await getCommitmentsRegister(rfp.id);
  return { register, canEdit: Boolean(register?.editable) && permissions.includes("rfp.award") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), commitmentsActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const input = parsed.data;
  const here = `/rfps/${rfp.id}/negotiation/commitments`;
  try {
    switch (input.intent) {
      case "decide-commitment":
        await decideCommitment(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: "The decision is recorded in the register." });
      case "edit-commitment":
        await editCommitment(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: "The wording is saved." });
      case "split-commitment":
        await splitCommitment(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: "The promise is added as a separate item." });
    }
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

export default function CommitmentsRegisterPage() {
  const { register, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  if (!register) {
    return (
      <EmptyState title="No negotiation yet">
        The register is filled from the winner's proposal and interview once the award is approved.
      </EmptyState>
    );
  }
  const pending = register.commitments.filter((item) => item.disposition === "PENDING").length;
  const keys = { negotiationId: register.id, version: register.version };
  return (
    <div className="stack">
      <p className="muted">
        Everything {register.vendorName} claimed, committed to or admitted as a limitation, in its proposal and in the
        interview. Each becomes a contract obligation or is dropped with a reason; an accepted limitation gets the date
        by which it must be resolved.{" "}
        {pending > 0 ? <strong>{pending} still to decide.</strong> : <strong>Every promise is decided.</strong>}
      </p>
      {register.commitments.length === 0 ? (
        <EmptyState title="No promises on record">
          The proposal listed no claims or commitments and no interview debrief was submitted.
        </EmptyState>
      ) : (
        <ol className="plain-list stack">
          {register.commitments.map((item) => (
            <CommitmentCard
              key={item.id}
              item={item}
              keys={keys}
              editable={canEdit}
              answer={answer}
              format={{ timeZone: register.timeZone, locale }}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
