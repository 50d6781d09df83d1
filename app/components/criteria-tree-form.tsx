import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import { type FormEvent, type MouseEvent, type ReactNode, useEffect, useState } from "react";
import {
  type Control,
  type FieldValues,
  get,
  type Resolver,
  type UseFormReturn,
  useFieldArray,
  useForm,
  useFormState,
  useWatch,
} from "react-hook-form";
import { MAX_CRITERIA_DEPTH, SCALE_MAX_LIMIT, SCALE_MIN_CHOICES } from "~/domain/authoring";
import {
  CRITERION_STAGE_INFO,
  CRITERION_STAGES,
  criteriaTreeIssues,
  defaultDescriptors,
  weightSum,
} from "~/domain/criteria";
import {
  type CriteriaFormValues,
  type CriterionFormValues,
  criteriaTreeSchema,
  newCriterion,
  typedWeight,
} from "~/schemas/criteria";
import { EffectiveWeights } from "./criteria-summary";
import { FormError, useIsSubmitting } from "./form";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

type ServerResult = { fieldErrors?: Record<string, string>; values?: CriteriaFormValues } | undefined;
type ErrorReader = (path: string) => string | undefined;

/**
 * The criteria tree as one form. Each level is a react-hook-form field array; the running sum of
 * every level is shown as you type, and the shared zod schema (criteriaTreeSchema, whose rule is
 * domain/criteria) blocks saving until every level sums to 100. Without JavaScript the add and
 * remove buttons are ordinary submit buttons: the server applies them and renders the form again.
 */
export function CriteriaTreeForm({
  values,
  lastResult,
  linkedCodes,
  conflict,
}: {
  values: CriteriaFormValues;
  lastResult: ServerResult;
  /** Requirement codes scored under each existing criterion, by criterion id. */
  linkedCodes: Record<string, string[]>;
  conflict: boolean;
}) {
  const form = useForm<FieldValues>({
    resolver: zodResolver(criteriaTreeSchema as never) as unknown as Resolver<FieldValues>,
    defaultValues: values,
    mode: "onTouched",
  });
  const submit = useSubmit();
  const errorAt = useErrorReader(form, lastResult);
  const criteria = useFieldArray({ control: form.control, name: "criteria", keyName: "fieldKey" });
  const saving = useIsSubmitting("save");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  };
  const addTop = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    criteria.append(newCriterion());
  };

  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="grid grid--main-side">
      <div className="stack">
        {conflict ? null : <FormError message={lastResult?.fieldErrors?.form} />}
        <input type="hidden" {...registered(form, "version", values.version)} />
        {criteria.fields.length === 0 ? (
          <EmptyState title="No evaluation criteria yet">
            Add the top-level criteria (for example Technical, Commercial, Relationship), then their sub-criteria.
            Weights are percentages of the level above; each level sums to 100.
          </EmptyState>
        ) : (
          <ol className="criteria-level" aria-label="Top-level criteria">
            {criteria.fields.map((row, index) => (
              <CriterionCard
                key={row.fieldKey}
                row={row as unknown as CriterionFormValues}
                path={`criteria.${index}`}
                outline={`${index + 1}`}
                depth={1}
                control={form.control}
                form={form}
                errorAt={errorAt}
                linkedCodes={linkedCodes}
                onRemove={() => criteria.remove(index)}
              />
            ))}
          </ol>
        )}
        <GroupFooter
          control={form.control}
          listPath="criteria"
          label="the top level"
          error={errorAt("criteria")}
          addLabel="Add criterion"
          onAdd={addTop}
        />
        <div className="form-actions">
          <Button type="submit" name="intent" value="save" pending={saving} pendingLabel="Saving…">
            {conflict ? "Save mine anyway" : "Save criteria"}
          </Button>
          <span className="muted small">The whole tree is saved at once.</span>
        </div>
      </div>
      <aside className="stack">
        <LiveWeights control={form.control} />
      </aside>
    </Form>
  );
}

/**
 * Registration plus the value as a default: react-hook-form fills uncontrolled inputs only once
 * it runs in the browser, so the server-rendered (no-JavaScript) form needs the values in the
 * markup. The default comes from the row the input belongs to, so it stays fixed when rows move.
 */
function registered(form: UseFormReturn<FieldValues>, name: string, value: unknown) {
  return { ...form.register(name), defaultValue: typeof value === "string" ? value : "" };
}

/** Client errors (message, or the list's root message) first; the server's until they are synced. */
function useErrorReader(form: UseFormReturn<FieldValues>, lastResult: ServerResult): ErrorReader {
  const [synced, setSynced] = useState<ServerResult>(undefined);
  useEffect(() => {
    if (!lastResult?.fieldErrors) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors)) {
      if (name !== "form" && name !== "intent") form.setError(name, { type: "server", message });
    }
    setSynced(lastResult);
  }, [lastResult, form]);
  const errors = form.formState.errors;
  return (path) => {
    const error: { message?: unknown; root?: { message?: unknown } } | undefined = get(errors, path);
    const message = error?.message ?? error?.root?.message;
    if (typeof message === "string") return message;
    return synced === lastResult ? undefined : lastResult?.fieldErrors?.[path];
  };
}

function CriterionCard({
  row,
  path,
  outline,
  depth,
  control,
  form,
  errorAt,
  linkedCodes,
  onRemove,
}: {
  row: CriterionFormValues;
  path: string;
  outline: string;
  depth: number;
  control: Control<FieldValues>;
  form: UseFormReturn<FieldValues>;
  errorAt: ErrorReader;
  linkedCodes: Record<string, string[]>;
  onRemove: () => void;
}) {
  const children = useFieldArray({ control, name: `${path}.children`, keyName: "fieldKey" });
  const [id, name, stage] = useWatch({ control, name: [`${path}.id`, `${path}.name`, `${path}.stage`] }) as string[];
  const codes = id ? (linkedCodes[id] ?? []) : [];
  const label = name?.trim() ? `“${name.trim()}”` : `criterion ${outline}`;
  const addChild = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    children.append(newCriterion(stage || "WRITTEN"));
  };
  const remove = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    onRemove();
  };
  const fieldId = (field: string) => `${path}.${field}`.replaceAll(".", "-");
  const input = (field: string) => {
    const error = errorAt(`${path}.${field}`);
    return {
      ...registered(form, `${path}.${field}`, get(row, field)),
      id: fieldId(field),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": `${fieldId(field)}-error`,
    };
  };
  const errorText = (field: string) => (
    <span className="field__error" id={`${fieldId(field)}-error`}>
      {errorAt(`${path}.${field}`)}
    </span>
  );

  return (
    <li className="criterion" data-depth={depth}>
      <fieldset className="form-section">
        <legend className="visually-hidden">Criterion {outline}</legend>
        <input type="hidden" {...registered(form, `${path}.id`, row.id)} />
        <div className="criterion__main">
          <span className="criterion__outline" aria-hidden="true">
            {outline}
          </span>
          <div className="field criterion__name">
            <label htmlFor={fieldId("name")}>
              Name<span className="visually-hidden"> of criterion {outline}</span>
            </label>
            <input className="input" {...input("name")} />
            {errorText("name")}
          </div>
          <div className="field criterion__weight">
            <label htmlFor={fieldId("weight")}>
              Weight<span className="visually-hidden"> of criterion {outline}</span>
            </label>
            <span className="input-suffix">
              <input className="input num" inputMode="decimal" autoComplete="off" {...input("weight")} />
              <span aria-hidden="true">%</span>
            </span>
            {errorText("weight")}
          </div>
          <div className="field criterion__stage">
            <label htmlFor={fieldId("stage")}>
              Stage<span className="visually-hidden"> of criterion {outline}</span>
            </label>
            <select className="select" {...input("stage")}>
              {CRITERION_STAGES.map((option) => (
                <option key={option} value={option}>
                  {CRITERION_STAGE_INFO[option].label}
                </option>
              ))}
            </select>
            {errorText("stage")}
          </div>
          <button
            type="submit"
            name="intent"
            value={`remove:${path}`}
            className="button button--ghost button--small criterion__remove"
            onClick={remove}
          >
            Remove<span className="visually-hidden"> {label}</span>
          </button>
        </div>
        {codes.length > 0 ? (
          <p className="small muted criterion__links">
            Scores <Badge>{codes.join(", ")}</Badge> — link {codes.length === 1 ? "it" : "them"} elsewhere before
            removing this criterion.
          </p>
        ) : null}
        <ScaleDetails
          path={path}
          outline={outline}
          control={control}
          form={form}
          input={input}
          errorText={errorText}
          errorAt={errorAt}
        />
        {children.fields.length > 0 || depth < MAX_CRITERIA_DEPTH ? (
          <div className="criterion__children">
            {children.fields.length > 0 ? (
              <ol className="criteria-level" aria-label={`Sub-criteria of ${label}`}>
                {children.fields.map((child, index) => (
                  <CriterionCard
                    key={child.fieldKey}
                    row={child as unknown as CriterionFormValues}
                    path={`${path}.children.${index}`}
                    outline={`${outline}.${index + 1}`}
                    depth={depth + 1}
                    control={control}
                    form={form}
                    errorAt={errorAt}
                    linkedCodes={linkedCodes}
                    onRemove={() => children.remove(index)}
                  />
                ))}
              </ol>
            ) : null}
            <GroupFooter
              control={control}
              listPath={`${path}.children`}
              label={label}
              error={errorAt(`${path}.children`)}
              addLabel={depth < MAX_CRITERIA_DEPTH ? "Add sub-criterion" : null}
              addTo={label}
              onAdd={addChild}
            />
          </div>
        ) : null}
      </fieldset>
    </li>
  );
}

/** Description, scale and one descriptor per point, folded away: most edits are names and weights. */
function ScaleDetails({
  path,
  outline,
  control,
  form,
  input,
  errorText,
  errorAt,
}: {
  path: string;
  outline: string;
  control: Control<FieldValues>;
  form: UseFormReturn<FieldValues>;
  input: (field: string) => Record<string, unknown>;
  errorText: (field: string) => ReactNode;
  errorAt: ErrorReader;
}) {
  const [scaleMin, scaleMax, descriptors] = useWatch({
    control,
    name: [`${path}.scaleMin`, `${path}.scaleMax`, `${path}.descriptors`],
  }) as [string, string, string[] | undefined];
  const min = Number(scaleMin);
  const max = Number(scaleMax);
  const points = (descriptors ?? []).length;
  // A new scale gets the standard wording for its points (with JavaScript; without, the server does it).
  useEffect(() => {
    if (Number.isInteger(min) && Number.isInteger(max) && max > min && points !== max - min + 1) {
      form.setValue(`${path}.descriptors`, defaultDescriptors(min, max));
    }
  }, [min, max, points, path, form]);
  const hasError = [
    "description",
    "scaleMax",
    "descriptors",
    ...(descriptors ?? []).map((_, i) => `descriptors.${i}`),
  ].some((field) => errorAt(`${path}.${field}`));
  return (
    <details className="criterion__details" open={hasError || undefined}>
      <summary>
        Description and scale{" "}
        <span className="muted small">
          ({scaleMin}–{scaleMax})
        </span>
      </summary>
      <div className="form">
        <div className="field">
          <label htmlFor={`${path}.description`.replaceAll(".", "-")}>
            Description<span className="visually-hidden"> of criterion {outline}</span>{" "}
            <span className="field__optional">(optional)</span>
          </label>
          <input className="input" {...input("description")} />
          {errorText("description")}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${path}.scaleMin`.replaceAll(".", "-")}>
              Scale from<span className="visually-hidden"> for criterion {outline}</span>
            </label>
            <select className="select" {...input("scaleMin")}>
              {SCALE_MIN_CHOICES.map((value) => (
                <option key={value} value={String(value)}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${path}.scaleMax`.replaceAll(".", "-")}>
              to<span className="visually-hidden"> for criterion {outline}</span>
            </label>
            <select className="select" {...input("scaleMax")}>
              {Array.from({ length: SCALE_MAX_LIMIT - 2 }, (_, index) => index + 3).map((value) => (
                <option key={value} value={String(value)}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" name="intent" value="refresh" className="button button--secondary button--small">
              Apply scale
            </button>
          </noscript>
        </div>
        {errorText("scaleMax")}
        <fieldset className="form-section descriptors">
          <legend className="field__label">What each score means</legend>
          {errorText("descriptors")}
          <ol className="descriptors__list">
            {(descriptors ?? []).map((_, index) => {
              const point = Number.isInteger(min) ? min + index : index;
              const descriptorPath = `descriptors.${index}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: one row per point of the scale; the point is the identity.
                <li key={index} className="descriptors__item">
                  <label htmlFor={`${path}.${descriptorPath}`.replaceAll(".", "-")} className="descriptors__point">
                    {point}
                    <span className="visually-hidden"> points, criterion {outline}</span>
                  </label>
                  <input className="input" {...input(descriptorPath)} />
                  {errorText(descriptorPath)}
                </li>
              );
            })}
          </ol>
        </fieldset>
      </div>
    </details>
  );
}

/** The running sum of one level, its error, and the button that adds to it. */
function GroupFooter({
  control,
  listPath,
  label,
  error,
  addLabel,
  addTo,
  onAdd,
}: {
  control: Control<FieldValues>;
  listPath: string;
  label: string;
  error?: string;
  addLabel: string | null;
  addTo?: string;
  onAdd: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  const rows = (useWatch({ control, name: listPath }) ?? []) as CriterionFormValues[];
  const { isSubmitted } = useFormState({ control });
  const sum = weightSum(rows.map((row) => typedWeight(row.weight)));
  const ok = rows.length === 0 || sum === 100;
  // The refusal follows the typing once a save was attempted: the same rule (and words) as the
  // schema's, applied to this level's current weights, so it disappears as soon as they add up.
  const weights = rows.map((row) => typedWeight(row.weight));
  const readable =
    rows.every((row) => /^\s*\d{1,3}([.,]\d{1,2})?\s*$/.test(row.weight ?? "")) &&
    weights.every((weight) => weight <= 100);
  const liveIssue = readable
    ? criteriaTreeIssues(
        weights.map((weight, position) => ({
          id: `${position}`,
          parentId: null,
          name: "",
          weight,
          stage: "WRITTEN",
          position,
        })),
        () => label,
      )[0]?.message
    : undefined;
  const shownError = isSubmitted || error ? (readable ? liveIssue : error) : undefined;
  return (
    <div className="criteria-group__footer">
      {rows.length > 0 ? (
        <span className="weight-sum" data-ok={ok} data-testid={`sum-${listPath}`}>
          Sum under {label}: <strong>{sum}%</strong>
          {ok
            ? " ✓"
            : ` — must be 100% (${sum < 100 ? `${weightSum([100, -sum])}% to assign` : `${weightSum([sum, -100])}% too much`})`}
        </span>
      ) : null}
      {addLabel ? (
        <button
          type="submit"
          name="intent"
          value={`add:${listPath}`}
          className="button button--secondary button--small"
          onClick={onAdd}
        >
          {addLabel}
          {addTo ? <span className="visually-hidden"> to {addTo}</span> : null}
        </button>
      ) : null}
      {shownError ? (
        <span className="field__error" role="alert">
          {shownError}
        </span>
      ) : null}
    </div>
  );
}

function LiveWeights({ control }: { control: Control<FieldValues> }) {
  const criteria = (useWatch({ control, name: "criteria" }) ?? []) as CriterionFormValues[];
  return <EffectiveWeights criteria={criteria} live />;
}
