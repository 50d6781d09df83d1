import { Form } from "@remix-run/react";
import type { getComplianceMatrix } from "~/models/compliance.server";
import { decisionField, disqualifySchema, noteField } from "~/schemas/compliance";
import { useConfirmedSubmit } from "./confirmed-submit";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { ComplianceAnswerBadge } from "./proposal-view";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

type Matrix = NonNullable<Awaited<ReturnType<typeof getComplianceMatrix>>>;
type Vendor = Matrix["vendors"][number];

/**
 * Vendors across, mandatory requirements down. Each cell is a radio group (arrow keys move
 * between pass and fail, Tab to the note and the next cell) in one plain form: it works without
 * JavaScript and saves the whole screening at once.
 */
export function ComplianceMatrix({
  matrix,
  editable,
  lastResult,
}: {
  matrix: Matrix;
  editable: boolean;
  lastResult?: ServerFormResult;
}) {
  const saving = useIsSubmitting("screen");
  const errors = lastResult?.fieldErrors ?? {};
  const values = lastResult?.values;
  return (
    <section className="card" aria-labelledby="matrix-heading">
      <div className="card__title">
        <h2 id="matrix-heading">Compliance with mandatory requirements</h2>
        <span className="muted small">
          A vendor's own “does not comply” is pre-filled as a fail; partial answers are flagged. Nothing counts until
          you save.
        </span>
      </div>
      <Form method="post" className="form">
        <FormError message={errors.form} />
        <div className="table-wrap">
          <table className="table matrix">
            <caption className="visually-hidden">Mandatory requirements by vendor</caption>
            <thead>
              <tr>
                <th scope="col">Requirement</th>
                {matrix.vendors.map((vendor) => (
                  <th scope="col" key={vendor.proposalId}>
                    <VendorHeading vendor={vendor} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.requirements.map((requirement, row) => (
                <tr key={requirement.id}>
                  <th scope="row">
                    <span className="mono">{requirement.code}</span> {requirement.text}
                    {requirement.evidenceRequested ? (
                      <div className="muted small">Evidence: {requirement.evidenceRequested}</div>
                    ) : null}
                  </th>
                  {matrix.vendors.map((vendor) => {
                    const cell = vendor.cells[row];
                    if (!cell) return <td key={vendor.proposalId} />;
                    const decisionName = decisionField(vendor.proposalId, requirement.id);
                    const noteName = noteField(vendor.proposalId, requirement.id);
                    const decision = values ? values[decisionName] : cell.decision;
                    const label = `${requirement.code} for ${vendor.vendorName}`;
                    return (
                      <td key={vendor.proposalId} className="matrix__cell" data-decision={cell.saved?.decision}>
                        <div className="row">
                          <ComplianceAnswerBadge answer={cell.answer} />
                          {cell.needsAttention ? <Badge tone="warning">Check</Badge> : null}
                        </div>
                        {cell.explanation ? (
                          <details className="small">
                            <summary>Vendor's explanation</summary>
                            <p className="pre-wrap">{cell.explanation}</p>
                          </details>
                        ) : null}
                        {editable && !vendor.disqualified ? (
                          <>
                            <fieldset className="decision" aria-describedby={`${noteName}-error`}>
                              <legend className="visually-hidden">Decision on {label}</legend>
                              {(["PASS", "FAIL"] as const).map((option) => (
                                <label key={option} className="decision__option" data-option={option}>
                                  <input
                                    type="radio"
                                    name={decisionName}
                                    value={option}
                                    defaultChecked={decision === option}
                                  />
                                  {option === "PASS" ? "Pass" : "Fail"}
                                </label>
                              ))}
                            </fieldset>
                            <label className="visually-hidden" htmlFor={noteName}>
                              Note on {label}
                            </label>
                            <input
                              className="input input--compact"
                              id={noteName}
                              name={noteName}
                              placeholder="Note"
                              defaultValue={values ? (values[noteName] ?? "") : (cell.saved?.note ?? "")}
                              aria-invalid={errors[noteName] || errors[decisionName] ? true : undefined}
                            />
                            <span className="field__error" id={`${noteName}-error`}>
                              {errors[noteName] ?? errors[decisionName]}
                            </span>
                            {cell.prefilled ? <div className="muted small">Pre-filled; not saved yet</div> : null}
                          </>
                        ) : (
                          <SavedDecision cell={cell} />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable ? (
          <div className="form-actions">
            <Button type="submit" name="intent" value="screen" pending={saving} pendingLabel="Saving…">
              Save screening
            </Button>
          </div>
        ) : null}
      </Form>
    </section>
  );
}

function VendorHeading({ vendor }: { vendor: Vendor }) {
  const { screening } = vendor;
  return (
    <>
      {vendor.vendorName}
      <div className="matrix__summary">
        {vendor.disqualified ? (
          <Badge tone="danger">Disqualified</Badge>
        ) : (
          `${screening.failed} fail · ${screening.passed} pass · ${screening.undecided} open`
        )}
      </div>
    </>
  );
}

function SavedDecision({ cell }: { cell: Vendor["cells"][number] }) {
  if (!cell.saved) return <div className="muted small">Not screened</div>;
  return (
    <div className="small">
      <Badge tone={cell.saved.decision === "PASS" ? "success" : "danger"}>
        {cell.saved.decision === "PASS" ? "Pass" : "Fail"}
      </Badge>
      {cell.saved.note ? <div className="pre-wrap">{cell.saved.note}</div> : null}
    </div>
  );
}

export function DisqualifyForm({ vendors, lastResult }: { vendors: Vendor[]; lastResult?: ServerFormResult }) {
  const eligible = vendors.filter((vendor) => vendor.screening.mayBeDisqualified && !vendor.disqualified);
  const disqualified = vendors.filter((vendor) => vendor.disqualified);
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: disqualifySchema,
    defaultValues: {
      intent: "disqualify",
      invitationId: eligible.length === 1 ? eligible[0]?.invitationId : "",
      reason: "",
    },
    lastResult,
  });
  const onSubmit = useConfirmedSubmit(
    form,
    () => "Disqualify this vendor? It is told by email and cannot continue in this RFP.",
  );
  const submitting = useIsSubmitting("disqualify");
  return (
    <section className="card" aria-labelledby="disqualify-heading">
      <div className="card__title">
        <h2 id="disqualify-heading">Disqualification</h2>
      </div>
      {disqualified.length > 0 ? (
        <ul>
          {disqualified.map((vendor) => (
            <li key={vendor.invitationId}>
              <strong>{vendor.vendorName}</strong> was disqualified: {vendor.disqualifiedReason}
            </li>
          ))}
        </ul>
      ) : null}
      {eligible.length === 0 ? (
        <p className="muted">
          No vendor has a saved fail. A vendor that fails any mandatory requirement can be disqualified here once the
          screening is saved.
        </p>
      ) : (
        <Form method="post" className="form" noValidate onSubmit={onSubmit}>
          <FormError message={formError} />
          <Alert tone="warning">
            Disqualification is final for this RFP. The vendor receives a courteous email with your reason and sees the
            status in its portal.
          </Alert>
          <input type="hidden" {...field("intent")} />
          <Field name="invitationId" label="Vendor" error={errorFor("invitationId")}>
            <select className="select" {...field("invitationId")}>
              <option value="">Choose…</option>
              {eligible.map((vendor) => (
                <option key={vendor.invitationId} value={vendor.invitationId}>
                  {vendor.vendorName} ({vendor.screening.failed} failed)
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="reason"
            label="Reason"
            error={errorFor("reason")}
            hint="Name the requirement(s) not met. The vendor reads this."
          >
            <textarea className="textarea" rows={3} {...field("reason")} />
          </Field>
          <div className="form-actions">
            <Button
              type="submit"
              variant="danger"
              name="intent"
              value="disqualify"
              pending={submitting}
              pendingLabel="Disqualifying…"
            >
              Disqualify vendor
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
