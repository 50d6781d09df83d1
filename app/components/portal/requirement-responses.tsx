import { get, useWatch } from "react-hook-form";
import { Badge } from "~/components/ui/badge";
import { COMPLIANCE_ANSWERS, COMPLIANCE_INFO } from "~/domain/proposal-rules";
import type { DocumentRequirement } from "~/models/proposal.server";
import { FieldErrorText, useBuilder, useFieldProps } from "./builder-context";

/** A response to every requirement of the frozen document, grouped by section, in document order. */
export function RequirementResponses({ requirements }: { requirements: DocumentRequirement[] }) {
  const { form } = useBuilder();
  const responses = useWatch({ control: form.control, name: "responses" }) ?? [];
  const answered = responses.filter((response) => response?.compliance && response.explanation?.trim()).length;
  const sections = requirements.reduce<
    { id: string; title: string; items: { requirement: DocumentRequirement; index: number }[] }[]
  >((groups, requirement, index) => {
    const last = groups.at(-1);
    if (last?.id === requirement.sectionId) last.items.push({ requirement, index });
    else groups.push({ id: requirement.sectionId, title: requirement.sectionTitle, items: [{ requirement, index }] });
    return groups;
  }, []);
  return (
    <section className="card" id="requirements" aria-labelledby="requirements-heading">
      <div className="card__title">
        <h2 id="requirements-heading">Response to the requirements</h2>
        <span className="muted small" data-testid="responses-progress">
          {answered} of {requirements.length} answered
        </span>
      </div>
      <p className="muted small">
        Say for every requirement whether you comply, and explain how. Mandatory requirements are pass/fail.
      </p>
      {sections.map((section) => (
        <div key={section.id} className="response-section">
          <h3>{section.title}</h3>
          {section.items.map(({ requirement, index }) => (
            <RequirementResponse key={requirement.id} requirement={requirement} index={index} />
          ))}
        </div>
      ))}
    </section>
  );
}

function RequirementResponse({ requirement, index }: { requirement: DocumentRequirement; index: number }) {
  const { form, errorFor } = useBuilder();
  const path = `responses.${index}`;
  const complianceError = errorFor(`${path}.compliance`);
  const initialCompliance: unknown = get(form.formState.defaultValues, `${path}.compliance`);
  const radio = form.register(`responses.${index}.compliance`);
  return (
    <div className="response" id={`requirement-${requirement.code}`}>
      <input type="hidden" {...useFieldProps(`${path}.requirementId`)} />
      <div className="response__head">
        <span className="mono response__code">{requirement.code}</span>
        <span className="response__text">{requirement.text}</span>
        {requirement.kind === "MANDATORY" ? (
          <Badge tone="danger">Mandatory</Badge>
        ) : (
          <Badge tone="published">Scored</Badge>
        )}
      </div>
      {requirement.evidenceRequested ? (
        <p className="muted small">
          <strong>Evidence requested:</strong> {requirement.evidenceRequested}
        </p>
      ) : null}
      <fieldset
        className="choice-group"
        aria-invalid={complianceError ? true : undefined}
        aria-describedby={`${path}.compliance-error`}
      >
        <legend className="field__label">Do you comply with {requirement.code}?</legend>
        {COMPLIANCE_ANSWERS.map((answer) => (
          <label key={answer} className="choice">
            <input
              type="radio"
              {...radio}
              value={answer}
              id={`${path}.compliance.${answer}`}
              defaultChecked={initialCompliance === answer}
            />
            {COMPLIANCE_INFO[answer].label}
          </label>
        ))}
        <FieldErrorText path={`${path}.compliance`} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${path}.explanation`}>Explanation for {requirement.code}</label>
        <textarea className="textarea" rows={3} {...useFieldProps(`${path}.explanation`)} />
        <FieldErrorText path={`${path}.explanation`} />
      </div>
    </div>
  );
}
