import { Form } from "@remix-run/react";
import { CONFLICT_DECISION_INFO } from "~/domain/conflict";
import type { getDeclarationForm } from "~/models/conflict.server";
import { useRootData } from "~/root";
import { declarationField, declarationSchema, descriptionField } from "~/schemas/conflict";
import { formatDateTime } from "~/utils/dates";
import { FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "../form";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

type Declarations = Awaited<ReturnType<typeof getDeclarationForm>>;
type Vendor = Declarations["vendors"][number];

/**
 * One question per vendor, answered before any proposal opens: "no conflict" or a conflict in the
 * member's own words. A plain form (radio groups and text areas) that works without JavaScript;
 * once scoring has started the answers are shown, fixed.
 */
export function DeclarationForm({
  declarations,
  lastResult,
}: {
  declarations: Declarations;
  lastResult?: ServerFormResult;
}) {
  const ids = declarations.vendors.map((vendor) => vendor.invitationId);
  const defaults: Record<string, string> = { intent: "declare" };
  for (const vendor of declarations.vendors) {
    const declaration = vendor.declaration;
    defaults[declarationField(vendor.invitationId)] = declaration
      ? declaration.hasConflict
        ? "CONFLICT"
        : "NONE"
      : "";
    defaults[descriptionField(vendor.invitationId)] = declaration?.description ?? "";
  }
  const { form, onSubmit, errorFor, formError } = useValidatedForm({
    schema: declarationSchema(ids),
    defaultValues: defaults,
    lastResult,
  });
  const saving = useIsSubmitting("declare");
  const locked = declarations.lockReason;
  const values = { ...defaults, ...(lastResult?.values ?? {}) };
  return (
    <section className="card" aria-labelledby="conflicts-heading" id="conflicts">
      <div className="card__title">
        <h2 id="conflicts-heading">Conflicts of interest</h2>
        {declarations.complete ? <Badge tone="success">Declared</Badge> : <Badge tone="warning">To do</Badge>}
      </div>
      <p className="muted">
        Before you read any proposal, declare for each vendor whether you have a conflict of interest: a financial
        interest, a close relationship with its people, recent employment, or anything a fair observer would question. A
        declared conflict keeps that vendor's proposal closed to you until the lead decides.
      </p>
      {locked ? <Alert tone="info">{locked}</Alert> : null}
      {declarations.vendors.length === 0 ? (
        <p className="muted">No proposal is under evaluation.</p>
      ) : locked ? (
        <DeclaredList declarations={declarations} />
      ) : (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError ?? errorFor("form")} />
          <input type="hidden" name="intent" value="declare" />
          {declarations.vendors.map((vendor) => {
            const answerName = declarationField(vendor.invitationId);
            const descriptionName = descriptionField(vendor.invitationId);
            const answerError = errorFor(answerName);
            const descriptionError = errorFor(descriptionName);
            return (
              <fieldset key={vendor.invitationId} className="form-section" aria-describedby={`${answerName}-error`}>
                <legend>
                  <strong>{vendor.vendorName}</strong>
                </legend>
                <div className="choice-group">
                  {(["NONE", "CONFLICT"] as const).map((answer) => (
                    <label key={answer} className="choice">
                      <input
                        type="radio"
                        value={answer}
                        defaultChecked={values[answerName] === answer}
                        {...form.register(answerName)}
                      />
                      {answer === "NONE" ? "No conflict" : "I have a conflict"}
                    </label>
                  ))}
                  <span className="field__error" id={`${answerName}-error`}>
                    {answerError}
                  </span>
                </div>
                <div className="field">
                  <label htmlFor={descriptionName}>
                    If you have a conflict, describe it <span className="field__optional">(the lead reads this)</span>
                  </label>
                  <textarea
                    className="textarea textarea--short"
                    id={descriptionName}
                    rows={2}
                    defaultValue={values[descriptionName] ?? ""}
                    aria-invalid={descriptionError ? true : undefined}
                    aria-describedby={`${descriptionName}-error`}
                    {...form.register(descriptionName)}
                  />
                  <span className="field__error" id={`${descriptionName}-error`}>
                    {descriptionError}
                  </span>
                </div>
                <DecisionNote vendor={vendor} timeZone={declarations.timeZone} />
              </fieldset>
            );
          })}
          <div className="form-actions">
            <Button type="submit" name="intent" value="declare" pending={saving} pendingLabel="Saving…">
              Save my declarations
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}

function DeclaredList({ declarations }: { declarations: Declarations }) {
  return (
    <ul className="plain-list stack-tight">
      {declarations.vendors.map((vendor) => (
        <li key={vendor.invitationId}>
          <strong>{vendor.vendorName}</strong>:{" "}
          {vendor.declaration ? (
            vendor.declaration.hasConflict ? (
              <>
                conflict declared — <span className="pre-wrap">{vendor.declaration.description}</span>
              </>
            ) : (
              "no conflict"
            )
          ) : (
            <span className="muted">not declared</span>
          )}
          <DecisionNote vendor={vendor} timeZone={declarations.timeZone} />
        </li>
      ))}
    </ul>
  );
}

function DecisionNote({ vendor, timeZone }: { vendor: Vendor; timeZone: string }) {
  const locale = useRootData()?.locale;
  const declaration = vendor.declaration;
  if (!declaration?.hasConflict || !declaration.decision) return null;
  const info = CONFLICT_DECISION_INFO[declaration.decision];
  return (
    <div className="small">
      <Badge tone={declaration.decision === "PENDING" ? "warning" : "draft"}>{info.label}</Badge>{" "}
      {declaration.decidedAt ? (
        <span className="muted">{formatDateTime(declaration.decidedAt, { timeZone, locale })}</span>
      ) : null}
      {declaration.decisionNote ? <div className="pre-wrap">Lead's note: {declaration.decisionNote}</div> : null}
    </div>
  );
}
