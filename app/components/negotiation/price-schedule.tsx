import { EmptyState } from "~/components/ui/empty-state";
import type { PriceScheduleTotals } from "~/domain/price-schedule";
import { PRICE_KIND_INFO, type PriceKind } from "~/domain/pricing";
import { DeleteRowForm, PriceLineForm } from "./contract";
import type { ActionAnswer } from "./shared";

type Line = { id: string; description: string; kind: PriceKind; unit: string; quantity: string; unitPrice: string };

/** The negotiated price schedule: lines with totals, one-time and monthly sums, and the cost over the term. */
export function PriceSchedule({
  prices,
  keys,
  formKey,
  canEdit,
  answer,
  money,
  currency,
}: {
  prices: PriceScheduleTotals<Line>;
  keys: { negotiationId: string; version: number };
  formKey: string;
  canEdit: boolean;
  answer: ActionAnswer;
  money: (amount: string | null) => string;
  currency: string;
}) {
  return (
    <section className="card" aria-labelledby="prices-heading">
      <div className="card__title">
        <h2 id="prices-heading">Price schedule</h2>
        <span className="muted small">{currency}</span>
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
                            <PriceLineForm key={formKey} keys={keys} line={line} answer={answer} />
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
            <PriceLineForm key={formKey} keys={keys} answer={answer} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
