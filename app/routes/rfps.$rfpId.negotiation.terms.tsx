import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AddTermForm, type OpenTermForm, TermCard } from "~/components/negotiation/terms";
import { EmptyState } from "~/components/ui/empty-state";
import { userActor } from "~/models/audit.server";
import { addContractTerm, escalateTerm, getTermTracker, updateContractTerm } from "~/models/contract-term.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { termsActionSchema } from "~/schemas/contract-term";
import { requireUser } from "~/utils/auth.server";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { appOrigin } from "~/utils/http.server";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const tracker = await getTermTracker(rfp.id);
  return {
    tracker,
    timeZone: rfp.timeZone,
    userId: user.id,
    canEdit: Boolean(tracker?.editable) && permissions.includes("rfp.award"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), termsActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const input = parsed.data;
  const here = `/rfps/${rfp.id}/negotiation/terms`;
  try {
    switch (input.intent) {
      case "add-term": {
        const term = await addContractTerm(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: `“${term.title}” is added to the tracker.` });
      }
      case "update-term": {
        const result = await updateContractTerm(actor, rfp.id, input);
        return redirectWithFlash(here, {
          kind: result.changed ? "success" : "info",
          message: result.changed ? `“${result.title}” is saved.` : `Nothing changed in “${result.title}”.`,
        });
      }
      case "escalate-term": {
        const result = await escalateTerm(actor, rfp.id, { ...input, origin: appOrigin(request) });
        return redirectWithFlash(here, {
          kind: "success",
          message: `“${result.title}” is escalated to ${result.sponsorName}.`,
        });
      }
    }
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

export default function TermTrackerPage() {
  const { tracker, canEdit, timeZone, userId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  const [searchParams] = useSearchParams();
  const editId = searchParams.get("edit");
  const escalateId = searchParams.get("escalate");
  const openForm: OpenTermForm = editId
    ? { kind: "edit", termId: editId }
    : escalateId
      ? { kind: "escalate", termId: escalateId }
      : null;
  if (!tracker) {
    return (
      <EmptyState title="No negotiation yet">
        The tracker is filled with the standard contract terms once the award is approved.
      </EmptyState>
    );
  }
  const format = { timeZone, locale };
  const defaultOwnerId = tracker.owners.some((owner) => owner.id === userId) ? userId : (tracker.owners[0]?.id ?? "");
  return (
    <div className="stack">
      <p className="muted">
        Each term with both positions and the agreed wording. A term the day-to-day contacts cannot settle goes to the
        executive sponsor{tracker.sponsor ? ` (${tracker.sponsor.name})` : ""}.
      </p>
      {tracker.terms.length === 0 ? (
        <EmptyState title="No terms yet">Add the first term below.</EmptyState>
      ) : (
        tracker.terms.map((term) => (
          <TermCard
            key={term.id}
            term={term}
            owners={tracker.owners}
            editable={canEdit}
            sponsorName={tracker.sponsor?.name ?? null}
            answer={answer}
            format={format}
            openForm={openForm}
          />
        ))
      )}
      {canEdit ? (
        <section className="card" aria-labelledby="add-term-heading">
          <div className="card__title">
            <h2 id="add-term-heading">Add a term</h2>
          </div>
          <AddTermForm
            negotiationId={tracker.id}
            owners={tracker.owners}
            defaultOwnerId={defaultOwnerId}
            answer={answer}
          />
        </section>
      ) : null}
    </div>
  );
}
