import { useFieldArray } from "react-hook-form";
import {
  BLANK_COMMITMENT,
  BLANK_SERVICE_TIER,
  BLANK_SLA_TARGET,
  COMMITMENT_INFO,
  COMMITMENT_KINDS,
} from "~/domain/proposal-rules";
import { FieldErrorText, useBuilder, useFieldProps } from "./builder-context";
import { RowButton } from "./row-button";

/**
 * Service tiers offered (e.g. baseline triage vs. proactive monitoring), each with its terms of
 * service and SLA targets: every contract has terms of service and an SLA, premium tier or not.
 */
export function ServiceTiers() {
  const { form, editable } = useBuilder();
  const tiers = useFieldArray({ control: form.control, name: "serviceTiers" });
  return (
    <section className="card" id="service-tiers" aria-labelledby="tiers-heading">
      <div className="card__title">
        <h2 id="tiers-heading">Service tiers and SLAs</h2>
      </div>
      <p className="muted small">
        Describe each tier you offer with its terms of service and measurable SLA targets, including the service credit
        when a target is missed.
      </p>
      {!editable && tiers.fields.length === 0 ? <p className="muted">No service tiers were entered.</p> : null}
      <div className="stack">
        {tiers.fields.map((tier, index) => (
          <ServiceTier key={tier.id} index={index} onRemove={() => tiers.remove(index)} />
        ))}
      </div>
      {editable ? (
        <div className="form-actions">
          <RowButton
            change="add:serviceTiers"
            onClick={() => tiers.append({ ...BLANK_SERVICE_TIER, slaTargets: [{ ...BLANK_SLA_TARGET }] })}
          >
            Add a service tier
          </RowButton>
        </div>
      ) : null}
    </section>
  );
}

function TextField({ path, label, hint, rows }: { path: string; label: string; hint?: string; rows?: number }) {
  const props = useFieldProps(path, { hint: Boolean(hint) });
  return (
    <div className="field">
      <label htmlFor={path}>{label}</label>
      {rows ? <textarea className="textarea" rows={rows} {...props} /> : <input className="input" {...props} />}
      {hint ? (
        <span className="field__hint" id={`${path}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldErrorText path={path} />
    </div>
  );
}

function ServiceTier({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { form, editable } = useBuilder();
  const targets = useFieldArray({ control: form.control, name: `serviceTiers.${index}.slaTargets` });
  const path = `serviceTiers.${index}`;
  const n = index + 1;
  return (
    <fieldset className="tier">
      <legend>Tier {n}</legend>
      <div className="form">
        <TextField path={`${path}.name`} label={`Name of tier ${n}`} />
        <TextField path={`${path}.description`} label="What the tier includes" rows={3} />
        <TextField
          path={`${path}.termsOfService`}
          label="Terms of service"
          rows={4}
          hint="Service hours, support channels, escalation, exclusions, exit on chronic failure."
        />
        <div className="table-wrap">
          <table className="table">
            <caption>SLA targets of tier {n}</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Target</th>
                <th scope="col">Measured over</th>
                <th scope="col">Service credit if missed</th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {targets.fields.map((target, targetIndex) => (
                <SlaTargetRow
                  key={target.id}
                  path={`${path}.slaTargets.${targetIndex}`}
                  label={`SLA target ${targetIndex + 1} of tier ${n}`}
                  removeChange={`remove:slaTargets:${index}:${targetIndex}`}
                  onRemove={() => targets.remove(targetIndex)}
                />
              ))}
            </tbody>
          </table>
        </div>
        {editable ? (
          <div className="form-actions">
            <RowButton change={`add:slaTargets:${index}`} onClick={() => targets.append({ ...BLANK_SLA_TARGET })}>
              Add an SLA target<span className="visually-hidden"> to tier {n}</span>
            </RowButton>
            <span className="spacer" />
            <RowButton change={`remove:serviceTiers:${index}`} onClick={onRemove} variant="ghost">
              Remove tier {n}
            </RowButton>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

const SLA_COLUMNS = [
  { key: "metric", label: "metric", placeholder: "e.g. P1 incident response" },
  { key: "target", label: "target", placeholder: "e.g. 15 minutes, 95%" },
  { key: "measurementWindow", label: "measurement window", placeholder: "e.g. calendar month" },
  { key: "serviceCredit", label: "service credit", placeholder: "e.g. 5% of monthly fee" },
] as const;

function SlaTargetRow({
  path,
  label,
  removeChange,
  onRemove,
}: {
  path: string;
  label: string;
  removeChange: string;
  onRemove: () => void;
}) {
  const { editable } = useBuilder();
  return (
    <tr>
      {SLA_COLUMNS.map((column) => (
        <SlaCell
          key={column.key}
          path={`${path}.${column.key}`}
          label={`${label}: ${column.label}`}
          placeholder={column.placeholder}
        />
      ))}
      {editable ? (
        <td>
          <RowButton change={removeChange} onClick={onRemove} variant="ghost">
            Remove<span className="visually-hidden"> {label}</span>
          </RowButton>
        </td>
      ) : null}
    </tr>
  );
}

function SlaCell({ path, label, placeholder }: { path: string; label: string; placeholder: string }) {
  const props = useFieldProps(path);
  return (
    <td>
      <label className="visually-hidden" htmlFor={path}>
        {label}
      </label>
      <input className="input" placeholder={placeholder} {...props} />
      <FieldErrorText path={path} />
    </td>
  );
}

/** Claims, commitments and accepted limitations: promises are written down to become contract terms or be dropped. */
export function Commitments() {
  const { form, editable } = useBuilder();
  const rows = useFieldArray({ control: form.control, name: "commitments" });
  return (
    <section className="card" id="commitments" aria-labelledby="commitments-heading">
      <div className="card__title">
        <h2 id="commitments-heading">Claims, commitments and limitations</h2>
      </div>
      <ul className="muted small commitment-kinds">
        {COMMITMENT_KINDS.map((kind) => (
          <li key={kind}>
            <strong>{COMMITMENT_INFO[kind].label}:</strong> {COMMITMENT_INFO[kind].hint}
          </li>
        ))}
      </ul>
      {!editable && rows.fields.length === 0 ? (
        <p className="muted">No claims, commitments or limitations were entered.</p>
      ) : null}
      <ol className="commitment-list">
        {rows.fields.map((row, index) => (
          <CommitmentRow key={row.id} index={index} onRemove={() => rows.remove(index)} />
        ))}
      </ol>
      {editable ? (
        <div className="form-actions">
          <RowButton change="add:commitments" onClick={() => rows.append({ ...BLANK_COMMITMENT })}>
            Add an entry
          </RowButton>
        </div>
      ) : null}
    </section>
  );
}

function CommitmentRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { editable } = useBuilder();
  const path = `commitments.${index}`;
  const n = index + 1;
  const kindProps = useFieldProps(`${path}.kind`);
  const textProps = useFieldProps(`${path}.text`);
  return (
    <li className="commitment-row">
      <div>
        <label className="visually-hidden" htmlFor={`${path}.kind`}>
          Kind of entry {n}
        </label>
        <select className="select" {...kindProps}>
          {COMMITMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {COMMITMENT_INFO[kind].label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="visually-hidden" htmlFor={`${path}.text`}>
          Text of entry {n}
        </label>
        <textarea className="textarea textarea--short" rows={2} {...textProps} />
        <FieldErrorText path={`${path}.text`} />
      </div>
      {editable ? (
        <RowButton change={`remove:commitments:${index}`} onClick={onRemove} variant="ghost">
          Remove<span className="visually-hidden"> entry {n}</span>
        </RowButton>
      ) : null}
    </li>
  );
}
