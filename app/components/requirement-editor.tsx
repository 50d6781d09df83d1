import { Form, Link, useSearchParams } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import {
  addRequirementSchema,
  REQUIREMENT_KIND_INFO,
  REQUIREMENT_KINDS,
  updateRequirementSchema,
} from "~/schemas/document";
import {
  RequirementKind,
  RequirementText,
  type RequirementView,
  RevealOnMount,
  readDirection,
  useHydrated,
  useMoveFocus,
} from "./document-parts";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Alert } from "./ui/alert";
import { Button, buttonClass } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

export type EditableRequirement = RequirementView & { criterionId: string | null; fingerprint: string };
export type CriterionOption = { id: string; label: string };

/** The section's requirements with their actions: edit, move up/down, delete (confirmed). */
export function RequirementsEditorTable({
  requirements,
  canEdit,
  criteriaPath,
  editingId,
}: {
  requirements: EditableRequirement[];
  canEdit: boolean;
  criteriaPath: string;
  editingId?: string;
}) {
  const rememberMove = useMoveFocus(requirements.map((requirement) => requirement.id).join());
  if (requirements.length === 0) {
    return (
      <EmptyState title="No requirements in this section">
        {canEdit
          ? "Add what vendors must answer: mandatory ones are pass/fail; scored ones are scored under a criterion."
          : "Vendors have nothing to answer in this section."}
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Requirement</th>
            <th scope="col">Type</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {requirements.map((requirement, index) => (
            <tr
              key={requirement.id}
              id={`requirement-${requirement.id}`}
              data-editing={requirement.id === editingId || undefined}
            >
              <td className="mono">{requirement.code}</td>
              <td>
                <RequirementText requirement={requirement} />
              </td>
              <td>
                <RequirementKind requirement={requirement} />
                {requirement.kind === "SCORED" && !requirement.criterion ? (
                  <div className="small">
                    <Link to={criteriaPath}>Define criteria</Link>
                  </div>
                ) : null}
              </td>
              {canEdit ? (
                <td className="num">
                  <div className="row row--end">
                    <Link
                      to={`?edit=${requirement.id}#requirement-form`}
                      className={buttonClass("ghost", "small")}
                      preventScrollReset
                    >
                      Edit<span className="visually-hidden"> {requirement.code}</span>
                    </Link>
                    <Form
                      method="post"
                      className="outline__move"
                      onSubmit={(event) => rememberMove(requirement.id, readDirection(event))}
                    >
                      <input type="hidden" name="intent" value="move-requirement" />
                      <input type="hidden" name="requirementId" value={requirement.id} />
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="icon-button"
                        disabled={index === 0}
                        data-move="up"
                        data-item={requirement.id}
                        aria-label={`Move ${requirement.code} up`}
                        title="Move up"
                      >
                        ↑
                      </button>
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="icon-button"
                        disabled={index === requirements.length - 1}
                        data-move="down"
                        data-item={requirement.id}
                        aria-label={`Move ${requirement.code} down`}
                        title="Move down"
                      >
                        ↓
                      </button>
                    </Form>
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (!window.confirm(`Delete ${requirement.code}? Its code will not be used again.`))
                          event.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="delete-requirement" />
                      <input type="hidden" name="requirementId" value={requirement.id} />
                      <Button type="submit" variant="ghost" size="small">
                        Delete<span className="visually-hidden"> {requirement.code}</span>
                      </Button>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type RequirementConflict = {
  code: string;
  theirs: { text: string; kind: string; criterion: string | null; evidenceRequested: string | null };
};

/** Add a requirement, or edit the one named by ?edit=. */
export function RequirementForm({
  editing,
  criteria,
  criteriaPath,
  lastResult,
  conflict,
}: {
  editing: EditableRequirement | null;
  criteria: CriterionOption[];
  criteriaPath: string;
  lastResult?: ServerFormResult;
  conflict?: RequirementConflict | null;
}) {
  const intent = editing ? "update-requirement" : "add-requirement";
  const { form, onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: editing ? updateRequirementSchema : addRequirementSchema,
    defaultValues: {
      intent,
      requirementId: editing?.id,
      fingerprint: editing?.fingerprint,
      text: editing?.text ?? "",
      kind: editing?.kind ?? "SCORED",
      criterionId: editing?.criterionId ?? "",
      evidenceRequested: editing?.evidenceRequested ?? "",
    },
    lastResult,
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  // Without JavaScript the type can change without a re-render, so the list stays usable.
  const hydrated = useHydrated();
  const submitting = useIsSubmitting(intent);
  const [searchParams] = useSearchParams();
  const cancelParams = new URLSearchParams(searchParams);
  cancelParams.delete("edit");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate id="requirement-form">
      <h3>{editing ? `Edit ${editing.code}` : "Add a requirement"}</h3>
      {conflict ? (
        <RevealOnMount>
          <Alert tone="warning" title={`Someone else changed ${conflict.code} after you opened it`}>
            <p>Your changes were not saved. Their version:</p>
            <dl className="facts">
              <dt>Requirement</dt>
              <dd>{conflict.theirs.text}</dd>
              <dt>Type</dt>
              <dd>
                {REQUIREMENT_KIND_INFO[conflict.theirs.kind as "MANDATORY" | "SCORED"]?.label ?? conflict.theirs.kind}
                {conflict.theirs.criterion ? ` — ${conflict.theirs.criterion}` : ""}
              </dd>
              <dt>Evidence requested</dt>
              <dd>{conflict.theirs.evidenceRequested ?? "—"}</dd>
            </dl>
            <p>Your version is still in the form below; saving it replaces theirs.</p>
          </Alert>
        </RevealOnMount>
      ) : (
        <FormError message={formError} />
      )}
      <input type="hidden" {...field("intent")} />
      {editing ? (
        <>
          <input type="hidden" {...field("requirementId")} />
          <input type="hidden" {...field("fingerprint")} />
        </>
      ) : null}
      <Field name="text" label="Requirement" error={errorFor("text")} hint="One thing the vendor must do or answer.">
        <textarea className="textarea" rows={3} {...field("text")} />
      </Field>
      <div className="form-grid">
        <Field name="kind" label="Type" error={errorFor("kind")}>
          <select className="select" {...field("kind")}>
            {REQUIREMENT_KINDS.map((option) => (
              <option key={option} value={option}>
                {REQUIREMENT_KIND_INFO[option].label} — {option === "MANDATORY" ? "pass/fail" : "under a criterion"}
              </option>
            ))}
          </select>
        </Field>
        <Field
          name="criterionId"
          label="Scored under"
          error={errorFor("criterionId")}
          hint={
            criteria.length === 0 ? (
              <>
                No criterion can score requirements yet. <Link to={criteriaPath}>Define the criteria</Link>.
              </>
            ) : (
              "Criteria without sub-criteria, scored from written proposals or interviews. Only for scored requirements."
            )
          }
        >
          <select className="select" {...field("criterionId")} disabled={hydrated && kind === "MANDATORY"}>
            <option value="">{kind === "MANDATORY" ? "Not scored (pass/fail)" : "Choose…"}</option>
            {criteria.map((criterion) => (
              <option key={criterion.id} value={criterion.id}>
                {criterion.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        name="evidenceRequested"
        label="Evidence requested"
        optional
        error={errorFor("evidenceRequested")}
        hint="e.g. Two client references, a certificate, a sample report."
      >
        <input className="input" {...field("evidenceRequested")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" name="intent" value={intent} pending={submitting} pendingLabel="Saving…">
          {conflict ? "Save mine anyway" : editing ? `Save ${editing.code}` : "Add requirement"}
        </Button>
        {editing ? (
          <Link to={`?${cancelParams.toString()}`} className={buttonClass("ghost")} preventScrollReset>
            Cancel
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
