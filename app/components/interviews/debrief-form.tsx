import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { type FieldValues, get, type Resolver, useForm } from "react-hook-form";
import { FormError } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { CONFIDENCE_LEVELS, commentRequired } from "~/domain/debrief";
import { debriefDraftSchema } from "~/schemas/debrief";
import { nestedFormValues } from "~/utils/nested-form";
import { AutosaveStatus } from "../portal/autosave-status";
import { useAutosave } from "../portal/use-autosave";

export type OralCriterionField = {
  id: string;
  name: string;
  description: string | null;
  scaleMin: number;
  scaleMax: number;
  descriptors: string[];
};

export type DebriefValues = {
  strengths: string;
  concerns: string;
  confidence: string;
  placeSoFar: string;
  oralScores: { criterionId: string; value: string; comment: string }[];
};

export type DebriefResult =
  | {
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
      missing?: string[];
      conflict?: { version: number };
      saved?: boolean;
    }
  | undefined;

const FORM_ID = "debrief-form";
/** A debrief is written in the minutes right after the interview: save a little sooner than a proposal. */
const DEBRIEF_AUTOSAVE_DELAY_MS = 1200;

/**
 * One attending member's view. A plain <Form method="post"> (Save and Submit work without
 * JavaScript); with JavaScript it checks formats as you type and saves itself as a draft.
 * Submitting seals the view.
 */
export function DebriefForm({
  action,
  vendorName,
  criteria,
  placeBound,
  partial,
  initial,
  version: initialVersion,
  storedVersion,
  timeZone,
  locale,
  lastResult,
}: {
  action: string;
  vendorName: string;
  criteria: OralCriterionField[];
  placeBound: number;
  partial: boolean;
  initial: DebriefValues;
  version: number;
  /** The version the loader last saw (an explicit save reloads it); versions only go up. */
  storedVersion: number;
  timeZone: string;
  locale?: string;
  lastResult: DebriefResult;
}) {
  const form = useForm<FieldValues>({
    resolver: zodResolver(debriefDraftSchema as never) as unknown as Resolver<FieldValues>,
    defaultValues: initial,
    mode: "onTouched",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave({
    form,
    formRef,
    enabled: true,
    initialVersion,
    action,
    delayMs: DEBRIEF_AUTOSAVE_DELAY_MS,
  });
  const submit = useSubmit();
  const navigation = useNavigation();
  const submittingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  // Server errors (a refused submission lists what is missing) behave like react-hook-form's own.
  const [syncedResult, setSyncedResult] = useState<DebriefResult>(undefined);
  const problemsRef = useRef<HTMLDivElement>(null);
  const { setVersion } = autosave;
  useEffect(() => {
    if (!lastResult) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors ?? {})) {
      if (name !== "form") form.setError(name, { type: "server", message });
    }
    // A refused submission still saved the draft: continue from the version it saved.
    const savedVersion = Number(lastResult.values?.version ?? Number.NaN);
    if (!lastResult.conflict && Number.isInteger(savedVersion)) setVersion(savedVersion);
    setSyncedResult(lastResult);
    problemsRef.current?.focus();
  }, [lastResult, form, setVersion]);
  const errorFor = (path: string): string | undefined => {
    const found: { message?: unknown } | undefined = get(form.formState.errors, path);
    if (typeof found?.message === "string") return found.message;
    return syncedResult === lastResult ? undefined : lastResult?.fieldErrors?.[path];
  };

  // After an explicit save of ours the page reloads with exactly the version that save made: adopt
  // it. A newer version saved elsewhere is not adopted: the next save is refused as a conflict.
  const expectedVersion = useRef<number | null>(null);
  useEffect(() => {
    if (expectedVersion.current !== null && storedVersion === expectedVersion.current) {
      setVersion(storedVersion);
      expectedVersion.current = null;
    }
  }, [storedVersion, setVersion]);

  // An explicit save or submit waits for an autosave in flight, then goes with the newest version.
  const queued = useRef<FormData | null>(null);
  const { versionRef } = autosave;
  const post = useCallback(
    (formData: FormData) => {
      formData.set("version", String(versionRef.current));
      expectedVersion.current = versionRef.current + 1;
      submit(formData, { method: "post", action });
    },
    [versionRef, submit, action],
  );
  const send = (formData: FormData) => {
    if (autosave.busy.current) queued.current = formData;
    else post(formData);
  };
  useEffect(() => {
    if (autosave.saving || !queued.current) return;
    const formData = queued.current;
    queued.current = null;
    post(formData);
  }, [autosave.saving, post]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    event.preventDefault();
    if (
      submitter?.value === "submit" &&
      !window.confirm(`Submit your debrief of ${vendorName}? It is sealed once submitted and cannot change.`)
    ) {
      return;
    }
    autosave.cancel();
    void form.handleSubmit(() => send(new FormData(element, submitter)))(event);
  };

  // Server-rendered values, so the form is filled in before (or without) JavaScript.
  const initialOf = (name: string): string => {
    const found: unknown = get(initial, name);
    return typeof found === "string" ? found : "";
  };
  const field = (name: string, options: { hint?: boolean } = {}) => {
    const error = errorFor(name);
    return {
      ...form.register(name),
      id: name,
      defaultValue: initialOf(name),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": options.hint ? `${name}-hint ${name}-error` : `${name}-error`,
    };
  };
  const watchedScores = form.watch("oralScores") as DebriefValues["oralScores"] | undefined;
  const missing = lastResult?.missing;
  return (
    <Form method="post" id={FORM_ID} ref={formRef} onSubmit={onSubmit} noValidate className="stack" action={action}>
      <input type="hidden" name="version" value={autosave.version} />
      {/* Enter in a field saves the draft; it never submits the debrief. */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Save draft
      </button>
      {/* What stopped a save or a submission, above the form (the sticky bar stays small). */}
      {lastResult?.fieldErrors || lastResult?.conflict ? (
        <div ref={problemsRef} tabIndex={-1} className="debrief-problems">
          <FormError message={lastResult?.conflict || missing ? undefined : lastResult?.fieldErrors?.form} />
          {lastResult?.conflict ? <Alert tone="warning">{lastResult.fieldErrors?.form}</Alert> : null}
          {missing && missing.length > 0 ? (
            <Alert tone="error" title="Your draft is saved, but it cannot be submitted yet">
              <ul>
                {missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </div>
      ) : null}
      <section className="card" aria-labelledby="view-heading">
        <div className="card__title">
          <h2 id="view-heading">Your view of {vendorName}</h2>
        </div>
        <div className="form">
          <TextArea name="strengths" label="Strengths" error={errorFor("strengths")} register={field} />
          <TextArea name="concerns" label="Concerns" error={errorFor("concerns")} register={field} />
          <fieldset className="choice-group" aria-describedby="confidence-error">
            <legend className="field__label">How confident are you in this view?</legend>
            {CONFIDENCE_LEVELS.map((level) => (
              <label key={level.value} className="choice">
                <input
                  type="radio"
                  {...form.register("confidence")}
                  value={String(level.value)}
                  defaultChecked={initial.confidence === String(level.value)}
                />
                {level.value} · {level.label}
              </label>
            ))}
            <span className="field__error" id="confidence-error">
              {errorFor("confidence")}
            </span>
          </fieldset>
          <div className="field">
            <label htmlFor="placeSoFar">Place among the vendors interviewed so far</label>
            <select className="select debrief-place" {...field("placeSoFar", { hint: true })}>
              <option value="">Choose…</option>
              {Array.from({ length: placeBound }, (_, index) => index + 1).map((place) => (
                <option key={place} value={String(place)}>
                  {place === 1 ? "1 (best so far)" : place === placeBound ? `${place} (last so far)` : String(place)}
                </option>
              ))}
            </select>
            <span className="field__hint" id="placeSoFar-hint">
              {placeBound === 1
                ? "The first vendor interviewed: its place so far is 1."
                : `${placeBound} vendors interviewed so far, this one included. 1 is the best.`}
            </span>
            <span className="field__error" id="placeSoFar-error">
              {errorFor("placeSoFar")}
            </span>
          </div>
        </div>
      </section>
      {criteria.length > 0 ? (
        <section className="card" aria-labelledby="oral-heading">
          <div className="card__title">
            <h2 id="oral-heading">Oral scores</h2>
          </div>
          <p className="muted small">
            A score at either end of a scale needs a comment.
            {partial ? " You attended part of the interview: leave criteria you did not see unscored." : ""}
          </p>
          <div className="plain-list">
            {criteria.map((criterion, index) => (
              <OralScoreField
                key={criterion.id}
                criterion={criterion}
                index={index}
                form={form}
                errorFor={errorFor}
                initial={initial.oralScores[index] ?? { criterionId: criterion.id, value: "", comment: "" }}
                value={watchedScores?.[index]?.value ?? initial.oralScores[index]?.value ?? ""}
              />
            ))}
          </div>
        </section>
      ) : null}
      <section className="card action-bar" aria-label="Save and submit">
        <div className="action-bar__row">
          <AutosaveStatus state={autosave.state} timeZone={timeZone} locale={locale} />
          <span className="spacer" />
          <Button
            type="submit"
            name="intent"
            value="save"
            variant="secondary"
            pending={submittingIntent === "save"}
            pendingLabel="Saving…"
          >
            Save draft
          </Button>
          <Button
            type="submit"
            name="intent"
            value="submit"
            pending={submittingIntent === "submit"}
            pendingLabel="Submitting…"
          >
            Submit debrief
          </Button>
        </div>
      </section>
    </Form>
  );
}

function TextArea({
  name,
  label,
  error,
  register,
}: {
  name: string;
  label: string;
  error?: string;
  register: (name: string) => object;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <textarea className="textarea" rows={4} {...register(name)} />
      <span className="field__error" id={`${name}-error`}>
        {error}
      </span>
    </div>
  );
}

function OralScoreField({
  criterion,
  index,
  form,
  errorFor,
  initial,
  value,
}: {
  criterion: OralCriterionField;
  index: number;
  form: ReturnType<typeof useForm<FieldValues>>;
  errorFor: (path: string) => string | undefined;
  initial: DebriefValues["oralScores"][number];
  value: string;
}) {
  const path = `oralScores.${index}`;
  const points = Array.from({ length: criterion.scaleMax - criterion.scaleMin + 1 }, (_, i) => criterion.scaleMin + i);
  const needsComment = commentRequired(value === "" ? null : Number(value), criterion);
  const commentError = errorFor(`${path}.comment`);
  return (
    <fieldset className="oral-score" aria-describedby={`${path}.value-error`}>
      <legend>
        <strong>{criterion.name}</strong>
        {criterion.description ? <span className="muted small"> — {criterion.description}</span> : null}
      </legend>
      <input type="hidden" {...form.register(`${path}.criterionId`)} defaultValue={criterion.id} />
      <div className="oral-score__scale">
        {points.map((point) => (
          <label key={point} className="oral-score__point">
            <input
              type="radio"
              {...form.register(`${path}.value`)}
              value={String(point)}
              defaultChecked={initial.value === String(point)}
            />
            <span className="descriptors__point">{point}</span>
            <span className="small">{criterion.descriptors[point - criterion.scaleMin] ?? ""}</span>
          </label>
        ))}
      </div>
      <span className="field__error" id={`${path}.value-error`}>
        {errorFor(`${path}.value`)}
      </span>
      <div className="field">
        <label htmlFor={`${path}.comment`}>
          Comment on {criterion.name} {needsComment ? null : <span className="field__optional">(optional)</span>}
        </label>
        <textarea
          className="textarea textarea--short"
          rows={2}
          {...form.register(`${path}.comment`)}
          defaultValue={initial.comment}
          id={`${path}.comment`}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={`${path}.comment-hint ${path}.comment-error`}
        />
        <span className="field__hint" id={`${path}.comment-hint`}>
          Required for a score of {criterion.scaleMin} or {criterion.scaleMax}.
        </span>
        <span className="field__error" id={`${path}.comment-error`}>
          {commentError}
        </span>
      </div>
    </fieldset>
  );
}

type StoredView = {
  strengths: string;
  concerns: string;
  confidence: number | null;
  placeSoFar: number | null;
  oralScores: { criterionId: string; value: number | null; comment: string }[];
} | null;

export function debriefValuesOf(view: StoredView, criteria: { id: string }[]): DebriefValues {
  const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return {
    strengths: view?.strengths ?? "",
    concerns: view?.concerns ?? "",
    confidence: text(view?.confidence),
    placeSoFar: text(view?.placeSoFar),
    oralScores: criteria.map((criterion) => {
      const score = view?.oralScores.find((entry) => entry.criterionId === criterion.id);
      return { criterionId: criterion.id, value: text(score?.value), comment: score?.comment ?? "" };
    }),
  };
}

/** What was typed, after a refused save without JavaScript: shown again, mistakes included. */
export function debriefValuesFromForm(values: Record<string, string>, criteria: { id: string }[]): DebriefValues {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  const nested = nestedFormValues(form);
  const str = (value: unknown) => (typeof value === "string" ? value : "");
  const rows = Array.isArray(nested.oralScores) ? nested.oralScores : [];
  return {
    strengths: str(nested.strengths),
    concerns: str(nested.concerns),
    confidence: str(nested.confidence),
    placeSoFar: str(nested.placeSoFar),
    oralScores: criteria.map((criterion) => {
      const row = rows.find(
        (entry) => typeof entry === "object" && !Array.isArray(entry) && entry.criterionId === criterion.id,
      );
      const record = row && typeof row === "object" && !Array.isArray(row) ? row : {};
      return { criterionId: criterion.id, value: str(record.value), comment: str(record.comment) };
    }),
  };
}
