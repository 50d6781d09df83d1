import { Form, Link } from "@remix-run/react";
import type { getPanelSetup } from "~/models/panel.server";
import { addPanelMemberSchema, criterionField, panelMemberSchema } from "~/schemas/panel";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "../form";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";

type Setup = Awaited<ReturnType<typeof getPanelSetup>>;
type Member = Setup["members"][number];

/** Who sits on the panel, in which functional group, with which expertise, scoring which criteria. */
export function PanelMembers({
  setup,
  canManage,
  lastResult,
}: {
  setup: Setup;
  canManage: boolean;
  lastResult?: ServerFormResult;
}) {
  return (
    <section className="card" aria-labelledby="panel-heading">
      <div className="card__title">
        <h2 id="panel-heading">Evaluation panel</h2>
        <span className="muted small">
          {setup.members.length} {setup.members.length === 1 ? "member" : "members"}
          {setup.observers.length > 0
            ? ` · observers: ${setup.observers.map((observer) => observer.name).join(", ")}`
            : ""}
        </span>
      </div>
      <p className="muted">
        Each member scores every criterion judged from the written proposals unless you narrow it to their expertise.
        Observers read along but never score.
      </p>
      {setup.members.length === 0 ? (
        <EmptyState title="Nobody is on the panel yet">
          {canManage ? "Add the evaluators with the form beside this list." : "The lead has not named the panel yet."}
        </EmptyState>
      ) : (
        <ul className="plain-list stack">
          {setup.members.map((member) => (
            <li key={member.id} className="sheet-response">
              <MemberSummary member={member} setup={setup} />
              {canManage ? (
                <MemberForm
                  member={member}
                  setup={setup}
                  lastResult={lastResult?.values?.memberId === member.id ? lastResult : undefined}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MemberSummary({ member, setup }: { member: Member; setup: Setup }) {
  const names = setup.criteria
    .filter((criterion) => member.criterionIds.includes(criterion.id))
    .map((criterion) => `${criterion.outline} ${criterion.name}`);
  return (
    <div className="stack-tight">
      <div className="row">
        <strong>{member.name}</strong>
        <span className="muted small">{member.email}</span>
        {member.functionalGroup ? <Badge tone="published">{member.functionalGroup}</Badge> : null}
        {member.recusedFromPanel ? <Badge tone="danger">Recused from the panel</Badge> : null}
        {member.disabled ? <Badge tone="danger">Account disabled</Badge> : null}
      </div>
      {member.expertise.length > 0 ? (
        <div className="row small">
          Expertise:{" "}
          {member.expertise.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
      ) : null}
      <div className="small">
        Scores:{" "}
        {member.usesDefault
          ? `every written criterion (${setup.criteria.length})`
          : names.join(", ") || "no criterion (the assigned ones were removed)"}
        {member.submittedSheets > 0 ? (
          <span className="muted"> · {member.submittedSheets} sheet(s) submitted</span>
        ) : null}
      </div>
    </div>
  );
}

function MemberForm({ member, setup, lastResult }: { member: Member; setup: Setup; lastResult?: ServerFormResult }) {
  const defaults: Record<string, string> = {
    intent: "member",
    memberId: member.id,
    functionalGroup: member.functionalGroup ?? "",
    expertise: member.expertise.join(", "),
    scope: member.usesDefault ? "ALL" : "SELECTED",
  };
  const { onSubmit, form, errorFor, formError } = useValidatedForm({
    schema: panelMemberSchema,
    defaultValues: defaults,
    lastResult,
  });
  const saving = useIsSubmitting("member");
  const values = { ...defaults, ...(lastResult?.values ?? {}) };
  const checked = (criterionId: string) =>
    lastResult?.values
      ? lastResult.values[criterionField(criterionId)] === "on"
      : member.criterionIds.includes(criterionId);
  const id = (name: string) => `${name}-${member.id}`;
  const text = (name: "functionalGroup" | "expertise") => ({
    ...form.register(name),
    id: id(name),
    className: "input",
    defaultValue: values[name] ?? "",
    "aria-invalid": errorFor(name) ? true : undefined,
  });
  return (
    <details className="small" open={Boolean(lastResult) || undefined}>
      <summary>
        Edit<span className="visually-hidden"> {member.name}'s group, expertise and criteria</span>
      </summary>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" name="intent" value="member" />
        <input type="hidden" name="memberId" value={member.id} />
        <div className="form-grid">
          <div className="field">
            <label htmlFor={id("functionalGroup")}>Functional group</label>
            <input {...text("functionalGroup")} placeholder="IT, Finance, Operations, Legal…" />
            <span className="field__error">{errorFor("functionalGroup")}</span>
          </div>
          <div className="field">
            <label htmlFor={id("expertise")}>Expertise</label>
            <input {...text("expertise")} placeholder="ITIL, networks, contracts" />
            <span className="field__hint">Tags separated by commas.</span>
            <span className="field__error">{errorFor("expertise")}</span>
          </div>
        </div>
        <fieldset className="panel-scope stack-tight" aria-describedby={`${id("scope")}-error`}>
          <legend>Criteria this member scores</legend>
          {(["ALL", "SELECTED"] as const).map((scope) => (
            <label key={scope} className="choice">
              <input type="radio" value={scope} defaultChecked={values.scope === scope} {...form.register("scope")} />
              {scope === "ALL" ? "Every written criterion (default)" : "Only the criteria ticked below"}
            </label>
          ))}
          <div className="stack-tight panel-criteria">
            {setup.criteria.map((criterion) => (
              <label key={criterion.id} className="checkbox">
                <input
                  type="checkbox"
                  defaultChecked={checked(criterion.id)}
                  {...form.register(criterionField(criterion.id))}
                />
                <span>
                  <span className="mono">{criterion.outline}</span> {criterion.name}{" "}
                  <span className="muted">({Math.round(criterion.effectiveWeight * 10) / 10}%)</span>
                </span>
              </label>
            ))}
          </div>
          <span className="field__error" id={`${id("scope")}-error`}>
            {errorFor("scope")}
          </span>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" name="intent" value="member" size="small" pending={saving} pendingLabel="Saving…">
            Save<span className="visually-hidden"> {member.name}</span>
          </Button>
        </div>
      </Form>
    </details>
  );
}

export function AddPanelMemberForm({ lastResult }: { lastResult?: ServerFormResult }) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: addPanelMemberSchema,
    defaultValues: { intent: "add", email: "", functionalGroup: "", expertise: "" },
    lastResult,
  });
  const adding = useIsSubmitting("add");
  return (
    <section className="card" aria-labelledby="add-panel-heading">
      <div className="card__title">
        <h2 id="add-panel-heading">Add a panel member</h2>
      </div>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <Field name="email" label="Email of their Shortlist account" error={errorFor("email")}>
          <input className="input" type="email" {...field("email")} />
        </Field>
        <Field
          name="functionalGroup"
          label="Functional group"
          optional
          error={errorFor("functionalGroup")}
          hint="e.g. IT, Finance, Operations, Legal, Executive"
        >
          <input className="input" {...field("functionalGroup")} />
        </Field>
        <Field
          name="expertise"
          label="Expertise"
          optional
          error={errorFor("expertise")}
          hint="Tags separated by commas."
        >
          <input className="input" {...field("expertise")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" name="intent" value="add" pending={adding} pendingLabel="Adding…">
            Add to the panel
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** Quality is scored blind to price unless the lead decides otherwise, on the Price page (recorded). */
export function PricesVisibilityStatus({ setup, rfpId }: { setup: Setup; rfpId: string }) {
  const visible = setup.state.pricesVisibleToPanel;
  return (
    <section className="card" aria-labelledby="prices-heading">
      <div className="card__title">
        <h2 id="prices-heading">Prices and the panel</h2>
        <Badge tone={visible ? "warning" : "success"}>
          {visible ? "Visible to the panel" : "Hidden from the panel"}
        </Badge>
      </div>
      <p className="muted small">
        Evaluators scoring quality do not see prices, so that a low price does not colour a quality score. Price is
        evaluated separately; the lead decides this on the <Link to={`/rfps/${rfpId}/price`}>Price page</Link>.
      </p>
    </section>
  );
}
