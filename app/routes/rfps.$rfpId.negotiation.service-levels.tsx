import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DeleteRowForm } from "~/components/negotiation/contract";
import { FeeForm, ObligationForm, SlaForm } from "~/components/negotiation/service-levels";
import { formKey } from "~/components/negotiation/shared";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { FEE_KIND_INFO, PARTY_INFO, SET_BY_INFO } from "~/domain/negotiation";
import { userActor } from "~/models/audit.server";
import {
  addFee,
  addObligation,
  addSlaLine,
  deleteFee,
  deleteObligation,
  deleteSlaLine,
  getServiceLevels,
  updateFee,
  updateObligation,
  updateSlaLine,
} from "~/models/negotiation-service-levels.server";
import { requireRfpPermission } from "~/models/policy.server";
import { serviceLevelsActionSchema } from "~/schemas/negotiation";
import { requireUser } from "~/utils/auth.server";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const levels = await getServiceLevels(rfp.id);
  return { levels, canEdit: Boolean(levels?.editable) && permissions.includes("rfp.award") };
}

const SAVED: Record<string, string> = {
  "add-sla": "The service level is added.",
  "update-sla": "The service level is saved.",
  "delete-sla": "The service level is removed.",
  "add-fee": "The fee is added.",
  "update-fee": "The fee is saved.",
  "delete-fee": "The fee is removed.",
  "add-obligation": "The obligation is added.",
  "update-obligation": "The obligation is saved.",
  "delete-obligation": "The obligation is removed.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), serviceLevelsActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "add-sla":
        await addSlaLine(actor, rfp.id, input);
        break;
      case "update-sla":
        await updateSlaLine(actor, rfp.id, input);
        break;
      case "delete-sla":
        await deleteSlaLine(actor, rfp.id, input);
        break;
      case "add-fee":
        await addFee(actor, rfp.id, input);
        break;
      case "update-fee":
        await updateFee(actor, rfp.id, input);
        break;
      case "delete-fee":
        await deleteFee(actor, rfp.id, input);
        break;
      case "add-obligation":
        await addObligation(actor, rfp.id, input);
        break;
      case "update-obligation":
        await updateObligation(actor, rfp.id, input);
        break;
      case "delete-obligation":
        await deleteObligation(actor, rfp.id, input);
        break;
    }
    return redirectWithFlash(`/rfps/${rfp.id}/negotiation/service-levels`, {
      kind: "success",
      message: SAVED[input.intent] ?? "Saved.",
    });
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

function EditDisclosure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary className="button button--ghost button--small">{label}</summary>
      <div className="disclosure__body">{children}</div>
    </details>
  );
}

export default function ServiceLevelsPage() {
  const { levels, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (!levels) {
    return (
      <EmptyState title="No negotiation yet">
        The service levels are pre-filled from the winner's chosen tier once the award is approved.
      </EmptyState>
    );
  }
  const keys = { negotiationId: levels.id, version: levels.version };
  const key = formKey(levels.version, answer);
  const adding = (intent: string) => answer?.values?.intent === intent;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="sla-heading">
        <div className="card__title">
          <h2 id="sla-heading">Service levels</h2>
          <span className="muted small">
            {levels.serviceTier ? `Tier: ${levels.serviceTier}` : "No tier chosen"} · exit on chronic failure:{" "}
            {levels.exitOnChronicSlaFailure ? "yes" : <Link to="../contract">no (set it on the contract term)</Link>}
          </span>
        </div>
        {levels.slaLines.length === 0 ? (
          <EmptyState title="No service levels">
            Every contract needs an SLA. Add the levels the business needs, each with a service credit.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Service levels</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Target</th>
                  <th scope="col">Window</th>
                  <th scope="col">Reporting</th>
                  <th scope="col">Service credit</th>
                  <th scope="col">Set by</th>
                  {canEdit ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {levels.slaLines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">{line.metric}</th>
                    <td>
                      {line.target}
                      {line.gaps.length > 0 ? (
                        <div>
                          <Badge tone="warning">Not measurable: {line.gaps.join(", ")}</Badge>
                        </div>
                      ) : null}
                    </td>
                    <td>{line.measurementWindow || <span className="muted">—</span>}</td>
                    <td>{line.reporting || <span className="muted">—</span>}</td>
                    <td>{line.credit ? line.serviceCredit : <Badge tone="danger">No service credit</Badge>}</td>
                    <td>{SET_BY_INFO[line.setBy]}</td>
                    {canEdit ? (
                      <td>
                        <div className="row">
                          <EditDisclosure label="Edit">
                            <SlaForm key={key} keys={keys} line={line} answer={answer} />
                          </EditDisclosure>
                          <DeleteRowForm
                            keys={keys}
                            intent="delete-sla"
                            idField="slaLineId"
                            id={line.id}
                            label="Remove"
                            question={`Remove the service level “${line.metric}”?`}
                          />
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit ? (
          <details className="disclosure" open={adding("add-sla")}>
            <summary className="button button--secondary button--small">Add a service level…</summary>
            <div className="disclosure__body">
              <SlaForm key={key} keys={keys} answer={answer} />
            </div>
          </details>
        ) : null}
      </section>

      <div className="grid grid--2">
        <section className="card" aria-labelledby="fees-heading">
          <div className="card__title">
            <h2 id="fees-heading">Fees</h2>
          </div>
          {levels.fees.length === 0 ? (
            <p className="muted">No fees beyond the price schedule.</p>
          ) : (
            <ul className="plain-list stack-tight">
              {levels.fees.map((fee) => (
                <li key={fee.id}>
                  <strong>{FEE_KIND_INFO[fee.kind]}:</strong> {fee.description}
                  {canEdit ? (
                    <div className="row">
                      <EditDisclosure label="Edit">
                        <FeeForm key={key} keys={keys} fee={fee} answer={answer} />
                      </EditDisclosure>
                      <DeleteRowForm
                        keys={keys}
                        intent="delete-fee"
                        idField="feeId"
                        id={fee.id}
                        label="Remove"
                        question="Remove this fee?"
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <details className="disclosure" open={adding("add-fee")}>
              <summary className="button button--secondary button--small">Add a fee…</summary>
              <div className="disclosure__body">
                <FeeForm key={key} keys={keys} answer={answer} />
              </div>
            </details>
          ) : null}
        </section>

        <section className="card" aria-labelledby="obligations-heading">
          <div className="card__title">
            <h2 id="obligations-heading">Obligations</h2>
          </div>
          {levels.obligations.length === 0 && levels.commitments.length === 0 ? (
            <p className="muted">
              No obligations yet. Promises turned into obligations in the register appear here too.
            </p>
          ) : (
            <ul className="plain-list stack-tight">
              {levels.obligations.map((obligation) => (
                <li key={obligation.id}>
                  <strong>{PARTY_INFO[obligation.party]}:</strong> <span className="pre-wrap">{obligation.text}</span>
                  {canEdit ? (
                    <div className="row">
                      <EditDisclosure label="Edit">
                        <ObligationForm key={key} keys={keys} obligation={obligation} answer={answer} />
                      </EditDisclosure>
                      <DeleteRowForm
                        keys={keys}
                        intent="delete-obligation"
                        idField="obligationId"
                        id={obligation.id}
                        label="Remove"
                        question="Remove this obligation?"
                      />
                    </div>
                  ) : null}
                </li>
              ))}
              {levels.commitments.map((item) => (
                <li key={item.id}>
                  <strong>The vendor:</strong> <span className="pre-wrap">{item.obligationWording}</span>{" "}
                  <Link to="../commitments" className="small">
                    (from the commitments register)
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <details className="disclosure" open={adding("add-obligation")}>
              <summary className="button button--secondary button--small">Add an obligation…</summary>
              <div className="disclosure__body">
                <ObligationForm key={key} keys={keys} answer={answer} />
              </div>
            </details>
          ) : null}
        </section>
      </div>
    </div>
  );
}
