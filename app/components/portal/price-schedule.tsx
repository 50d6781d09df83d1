import { useFieldArray, useWatch } from "react-hook-form";
import { Field } from "~/components/form";
import { lineAmount, PRICE_KIND_INFO, PRICE_KINDS, totalCostOfOwnership } from "~/domain/pricing";
import { BLANK_PRICE_LINE } from "~/domain/proposal-rules";
import { formatMoney } from "~/utils/dates";
import { FieldErrorText, useBuilder, useFieldProps } from "./builder-context";
import { RowButton } from "./row-button";

/**
 * The price schedule in the RFP's currency with a live total cost of ownership: one-time lines
 * plus recurring (monthly) lines × the contract term. The sum is computed by domain/pricing in
 * the browser while typing and again on the server from what is stored.
 */
export function PriceSchedule() {
  const { form, errorFor, editable, currency } = useBuilder();
  const lines = useFieldArray({ control: form.control, name: "priceLines" });
  return (
    <section className="card" id="price-schedule" aria-labelledby="price-heading">
      <div className="card__title">
        <h2 id="price-heading">Price schedule</h2>
        <span className="muted small">All prices in {currency}, excluding VAT</span>
      </div>
      <p className="muted small">
        One line per charge. Recurring lines are charged per month for the whole term; one-time lines once.
      </p>
      {errorFor("priceLines") ? <p className="field__error">{errorFor("priceLines")}</p> : null}
      <div className="table-wrap">
        <table className="table price-table">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col">Charged</th>
              <th scope="col">Unit</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price ({currency})
              </th>
              <th scope="col" className="num">
                Amount
              </th>
              {editable ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {lines.fields.map((line, index) => (
              <PriceLineRow key={line.id} index={index} onRemove={() => lines.remove(index)} />
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div className="form-actions">
          <RowButton change="add:priceLines" onClick={() => lines.append({ ...BLANK_PRICE_LINE })}>
            Add a price line
          </RowButton>
        </div>
      ) : null}
      <CostSummary />
    </section>
  );
}

function PriceLineRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { form, editable, currency, locale } = useBuilder();
  const path = `priceLines.${index}`;
  const line = useWatch({ control: form.control, name: `priceLines.${index}` });
  const amount = line ? lineAmount(line) : null;
  const n = index + 1;
  return (
    <tr>
      <td>
        <label className="visually-hidden" htmlFor={`${path}.description`}>
          Description of price line {n}
        </label>
        <input className="input" {...useFieldProps(`${path}.description`)} />
        <FieldErrorText path={`${path}.description`} />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${path}.kind`}>
          How price line {n} is charged
        </label>
        <select className="select" {...useFieldProps(`${path}.kind`)}>
          {PRICE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {PRICE_KIND_INFO[kind].label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${path}.unit`}>
          Unit of price line {n}
        </label>
        <input className="input input--short" placeholder="e.g. seat" {...useFieldProps(`${path}.unit`)} />
        <FieldErrorText path={`${path}.unit`} />
      </td>
      <td className="num">
        <label className="visually-hidden" htmlFor={`${path}.quantity`}>
          Quantity of price line {n}
        </label>
        <input className="input input--number" inputMode="decimal" {...useFieldProps(`${path}.quantity`)} />
        <FieldErrorText path={`${path}.quantity`} />
      </td>
      <td className="num">
        <label className="visually-hidden" htmlFor={`${path}.unitPrice`}>
          Unit price of price line {n}
        </label>
        <input className="input input--number" inputMode="decimal" {...useFieldProps(`${path}.unitPrice`)} />
        <FieldErrorText path={`${path}.unitPrice`} />
      </td>
      <td className="num nowrap" data-testid={`line-amount-${index}`}>
        {amount === null ? <span className="muted">—</span> : formatMoney(amount, currency, locale)}
        {line?.kind === "RECURRING" && amount !== null ? <div className="muted small">per month</div> : null}
      </td>
      {editable ? (
        <td>
          <RowButton change={`remove:priceLines:${index}`} onClick={onRemove} variant="ghost">
            Remove<span className="visually-hidden"> price line {n}</span>
          </RowButton>
        </td>
      ) : null}
    </tr>
  );
}

/** One-time + recurring × term, recomputed on every keystroke. */
function CostSummary() {
  const { form, errorFor, currency, locale } = useBuilder();
  const [lines, termMonths] = useWatch({ control: form.control, name: ["priceLines", "termMonths"] });
  const cost = totalCostOfOwnership(lines ?? [], termMonths);
  const money = (amount: string) => formatMoney(amount, currency, locale);
  return (
    <div className="cost-summary">
      <Field
        name="termMonths"
        label="Contract term (months)"
        hint="The recurring charges are multiplied by this."
        error={errorFor("termMonths")}
      >
        <input className="input input--number" inputMode="numeric" {...useFieldProps("termMonths", { hint: true })} />
      </Field>
      <dl className="cost-summary__figures" aria-live="polite">
        <dt>One-time charges</dt>
        <dd>{money(cost.oneTime)}</dd>
        <dt>Recurring charges per month</dt>
        <dd>{money(cost.monthly)}</dd>
        <dt>Recurring over {cost.termMonths ?? "—"} months</dt>
        <dd>{money(cost.recurringOverTerm)}</dd>
        <dt className="cost-summary__total">Total cost of ownership</dt>
        <dd className="cost-summary__total" data-testid="tco">
          {money(cost.total)}
        </dd>
      </dl>
      {cost.termMissing ? <p className="field__error">State the term to include the recurring charges.</p> : null}
      {cost.incompleteLines > 0 ? (
        <p className="muted small">
          {cost.incompleteLines} line{cost.incompleteLines === 1 ? "" : "s"} without a quantity or price count as zero.
        </p>
      ) : null}
    </div>
  );
}
