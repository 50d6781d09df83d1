import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  ContractPeriodForm,
  DeleteRowForm,
  PriceChangeForm,
  PriceLineForm,
  ServiceTierForm,
  TermsOfServiceForm,
} from "~/components/negotiation/contract";
import { formKey } from "~/components/negotiation/shared";
import { EmptyState } from "~/components/ui/empty-state";
import { describePriceChange, RENEWAL_INFO } from "~/domain/negotiation";
import { PRICE_KIND_INFO } from "~/domain/pricing";
import { userActor } from "~/models/audit.server";
import {
  addPriceLine,
  chooseServiceTier,
  deletePriceLine,
  getNegotiationContract,
  saveContractPeriod,
  savePriceChange,
  saveTermsOfService,
  updatePriceLine,
} from "~/models/negotiation-contract.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { contractActionSchema } from "~/schemas/negotiation";
import { requireUser } from "~/utils/auth.server";
import { formatDate, formatMoney } from "~/utils/dates";
import { invalid } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { negotiationFormError } from "~/utils/negotiation-errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_negotiation");
  const contract = await getNegotiationContract(rfp.id);
  return { contract, canEdit: Boolean(contract?.editable) && permissions.includes("rfp.award") };
}

const SAVED: Record<string, string> = {
  "save-term": "The contract term is saved.",
  "save-terms-of-service": "The terms of service are saved.",
  "save-price-change": "The price-change clause is saved.",
  "add-price-line": "The price line is added.",
  "update-price-line": "The price line is saved.",
  "delete-price-line": "The price line is removed.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.award");
  const parsed = parseForm(await request.formData(), contractActionSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const actor = userActor(user);
  const input = parsed.data;
  const here = `/rfps/${rfp.id}/negotiation/contract`;
  try {
    switch (input.intent) {
      case "save-term":
        await saveContractPeriod(actor, rfp.id, input);
        break;
      case "choose-tier": {
        const tier = await chooseServiceTier(actor, rfp.id, input);
        return redirectWithFlash(here, { kind: "success", message: `The contract now buys the ${tier.name} tier.` });
      }
      case "save-terms-of-service":
        await saveTermsOfService(actor, rfp.id, input);
        break;
      case "save-price-change":
        await savePriceChange(actor, rfp.id, input);
        break;
      case "add-price-line":
        await addPriceLine(actor, rfp.id, input);
        break;
      case "update-price-line":
        await updatePriceLine(actor, rfp.id, input);
        break;
      case "delete-price-line":
        await deletePriceLine(actor, rfp.id, input);
        break;
    }
    return redirectWithFlash(here, { kind: "success", message: SAVED[input.intent] ?? "Saved." });
  } catch (error) {
    return negotiationFormError(error, parsed.values);
  }
}

export default function ContractPage() {
  const { contract, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const locale = useRootData()?.locale;
  if (!contract) {
    return (
      <EmptyState title="No negotiation yet">
        The contract is pre-filled from the winner's proposal once the award is approved.
      </EmptyState>
    );
  }
  const keys = { negotiationId: contract.id, version: contract.version };
  const key = formKey(contract.version, answer);
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, contract.currency, locale));
  const format = { timeZone: contract.timeZone, locale };
  const { prices } = contract;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="period-heading">
        <div className="card__title">
          <h2 id="period-heading">Contract term</h2>
          {contract.proposalTermMonths ? (
            <span className="muted small">Proposal: {contract.proposalTermMonths} months</span>
          ) : null}
        </div>
        {canEdit ? (
          <ContractPeriodForm key={key} keys={keys} contract={contract} timeZone={contract.timeZone} answer={answer} />
        ) : (
          <dl className="facts">
            <dt>Term</dt>
            <dd>{contract.termLengthMonths ? `${contract.termLengthMonths} months` : "Not set"}</dd>
            <dt>Start</dt>
            <dd>{contract.startDate ? formatDate(contract.startDate, format) : "Not set"}</dd>
            <dt>Renewal</dt>
            <dd>{RENEWAL_INFO[contract.renewal]}</dd>
            <dt>Notice period</dt>
            <dd>{contract.noticePeriodDays === null ? "Not set" : `${contract.noticePeriodDays} days`}</dd>
            <dt>Termination for convenience</dt>
            <dd>{contract.terminationForConvenience ? "Yes" : "No"}</dd>
            <dt>Exit on chronic SLA failure</dt>
            <dd>{contract.exitOnChronicSlaFailure ? "Yes" : "No"}</dd>
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="prices-heading">
        <div className="card__title">
          <h2 id="prices-heading">Price schedule</h2>
          <span className="muted small">{contract.currency}</span>
        </div>
        {prices.lines.length === 0 ? (
          <EmptyState title="No price lines">Add the charges agreed with the vendor below.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table price-table">
              <caption className="visually-hidden">Price schedule</caption>
              <thead>
                <tr>
                  <th scope="col">Description</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col">Unit</th>
                  <th scope="col" className="num">
                    Unit price
                  </th>
                  <th scope="col" className="num">
                    Line total
                  </th>
                  {canEdit ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {prices.lines.map((line) => (
                  <tr key={line.id}>
                    <td>{line.description}</td>
                    <td>{PRICE_KIND_INFO[line.kind].label}</td>
                    <td className="num">{line.quantity}</td>
                    <td>{line.unit}</td>
                    <td className="num">{money(line.unitPrice)}</td>
                    <td className="num">{money(line.lineTotal)}</td>
                    {canEdit ? (
                      <td>
                        <div className="row">
                          <details className="disclosure">
                            <summary className="button button--ghost button--small">Edit</summary>
                            <div className="disclosure__body">
                              <PriceLineForm key={key} keys={keys} line={line} answer={answer} />
                            </div>
                          </details>
                          <DeleteRowForm
                            keys={keys}
                            intent="delete-price-line"
                            idField="lineId"
                            id={line.id}
                            label="Remove"
                            question={`Remove “${line.description}” from the price schedule?`}
                          />
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={5}>
                    One-time charges
                  </th>
                  <td className="num">{money(prices.oneTime)}</td>
                  {canEdit ? <td /> : null}
                </tr>
                <tr>
                  <th scope="row" colSpan={5}>
                    Monthly charges
                  </th>
                  <td className="num">{money(prices.monthly)}</td>
                  {canEdit ? <td /> : null}
                </tr>
                <tr>
                  <th scope="row" colSpan={5}>
                    Total cost of ownership{prices.termMonths ? ` over ${prices.termMonths} months` : " (set the term)"}
                  </th>
                  <td className="num">
                    <strong>{money(prices.totalCostOfOwnership)}</strong>
                  </td>
                  {canEdit ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {canEdit ? (
          <details className="disclosure" open={answer?.values?.intent === "add-price-line"}>
            <summary className="button button--secondary button--small">Add a price line…</summary>
            <div className="disclosure__body">
              <PriceLineForm key={key} keys={keys} answer={answer} />
            </div>
          </details>
        ) : null}
      </section>

      <section className="card" aria-labelledby="price-change-heading">
        <div className="card__title">
          <h2 id="price-change-heading">Price changes</h2>
          <span className="muted small">{describePriceChange(contract.priceChange)}</span>
        </div>
        {canEdit ? <PriceChangeForm key={key} keys={keys} clause={contract.priceChange} answer={answer} /> : null}
      </section>

      <section className="card" aria-labelledby="tier-heading">
        <div className="card__title">
          <h2 id="tier-heading">Service tier</h2>
          <span className="muted small">{contract.serviceTier || "None chosen"}</span>
        </div>
        {canEdit ? (
          <ServiceTierForm
            key={key}
            keys={keys}
            current={contract.serviceTier}
            tiers={contract.tiers}
            answer={answer}
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="tos-heading">
        <div className="card__title">
          <h2 id="tos-heading">Terms of service</h2>
        </div>
        {canEdit ? (
          <TermsOfServiceForm key={key} keys={keys} termsOfService={contract.termsOfService} answer={answer} />
        ) : contract.termsOfService ? (
          <p className="pre-wrap">{contract.termsOfService}</p>
        ) : (
          <p className="muted">None attached.</p>
        )}
      </section>
    </div>
  );
}
