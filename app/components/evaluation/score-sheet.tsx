import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { type FieldValues, type Resolver, type UseFormReturn, useForm, useWatch } from "react-hook-form";
import { commentRequired, commentRequirement, type SheetProgress, whatIsLeft } from "~/domain/sheet";
import type { getScoreSheet } from "~/models/scoring.server";
import { useRootData } from "~/root";
import { commentField, criterionOfField, scoreField, sheetFormSchema, sheetFormValues } from "~/schemas/sheet";
import { formatDateTime } from "~/utils/dates";
import { FormError } from "../form";
import { AutosaveStatus } from "../portal/autosave-status";
import { useAutosave } from "../portal/use-autosave";
import { SectionNav } from "../section-nav";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ProposalContext, RequirementResponse } from "./sheet-proposal";

type Sheet = Awaited<ReturnType<typeof getScoreSheet>>;
type Criterion = Sheet["criteria"][number];
export type SheetResult =
  | {
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
      conflict?: { version: number };
      saved?: boolean;
    }
  | undefined;

export const SHEET_FORM_ID = "score-sheet";

export function ScoreSheetPage({ rfpId, sheet, lastResult }: { rfpId: string; sheet: Sheet; lastResult: SheetResult }) {
  const locale = useRootData()?.locale;
  const format = { timeZone: sheet.timeZone, locale };
  const status = sheet.sheet?.status;
  return (
    <div className="stack">
      <div className="row no-print">
        <Link to={`/rfps/${rfpId}/scoring`}>← My score sheets</Link>
      </div>
      <section className="card" aria-labelledby="sheet-heading">
        <div className="card__title">
          <h2 id="sheet-heading">Score sheet: {sheet.vendorName}</h2>
          {status === "SUBMITTED" ? (
            <Badge tone="success">Submitted</Badge>
          ) : sheet.sheet?.reopenedAt ? (
            <Badge tone="warning">Reopened</Badge>
          ) : (
            <Badge tone="draft">Draft</Badge>
          )}
        </div>
        {status === "SUBMITTED" && sheet.sheet?.submittedAt ? (
          <p className="muted small">Submitted {formatDateTime(sheet.sheet.submittedAt, format)}. It is sealed.</p>
        ) : null}
        {sheet.lockReason ? <Alert tone="info">{sheet.lockReason}</Alert> : null}
        {sheet.sheet?.reopenedAt && status === "DRAFT" ? (
          <Alert
            tone="warning"
            title={`The lead reopened this sheet on ${formatDateTime(sheet.sheet.reopenedAt, format)}`}
          >
            <p className="pre-wrap">Reason: {sheet.sheet.reopenReason}</p>
            <p>Review your scores and submit the sheet again.</p>
          </Alert>
        ) : null}
        {sheet.mitigation ? (
          <Alert tone="info" title="You declared a conflict with this vendor; the lead accepted it">
            <p className="pre-wrap">Mitigation: {sheet.mitigation}</p>
          </Alert>
        ) : null}
        <p className="muted">
          Score each criterion on its own scale from what the vendor wrote, beside it. Your scores stay yours until you
          submit and the lead opens consensus; nobody else's are shown to you before then.
        </p>
      </section>
      {sheet.paging ? <SheetSections rfpId={rfpId} sheet={sheet} paging={sheet.paging} /> : null}
      <SheetForm
        key={`${sheet.paging?.current ?? ""}:${sheet.sheet?.version ?? 0}`}
        sheet={sheet}
        lastResult={lastResult}
        rfpId={rfpId}
      />
      <ProposalContext sheet={sheet} rfpId={rfpId} />
    </div>
  );
}

type Paging = NonNullable<Sheet["paging"]>;

function sectionStatus(progress: SheetProgress) {
  if (progress.complete) return `All ${progress.total} scored`;
  return `${progress.scored} of ${progress.total} scored${
    progress.commentsMissing > 0
      ? `, ${progress.commentsMissing} ${progress.commentsMissing === 1 ? "comment" : "comments"} to write`
      : ""
  }`;
}

/** A long sheet is scored one top-level section at a time (domain/sections): where each one stands. */
function SheetSections({ rfpId, sheet, paging }: { rfpId: string; sheet: Sheet; paging: Paging }) {
  const left = whatIsLeft(paging.overall);
  return (
    <section className="card no-print" aria-labelledby="sheet-sections-heading">
      <div className="card__title">
        <h2 id="sheet-sections-heading">Sections</h2>
        <span className="muted small">
          {paging.overall.scored} of {paging.overall.total} criteria scored
          {left ? ` · ${left}` : " · ready to submit"}
        </span>
      </div>
      <p className="muted small">
        This sheet has {paging.overall.total} criteria, shown one section at a time. Your changes save as you go;
        submitting checks every section.
      </p>
      <SectionNav
        label="Sections of the sheet"
        current={paging.current}
        hrefFor={(number) => `/rfps/${rfpId}/scoring/${sheet.invitationId}?section=${number}`}
        sections={paging.sections.map((section) => ({
          number: section.number,
          name: section.name,
          status: sectionStatus(section.progress),
          state: section.progress.complete ? "done" : "open",
        }))}
      />
    </section>
  );
}

/**
 * The scores: one radio group per criterion (arrow keys move along the scale, Tab goes on to the
 * comment and the next criterion), saved as a draft by itself a moment after each change. A plain
 * form without JavaScript: "Save draft" and "Submit my sheet" post it.
 */
function SheetForm({ rfpId, sheet, lastResult }: { rfpId: string; sheet: Sheet; lastResult: SheetResult }) {
  const editable = sheet.lockReason === null;
  const locale = useRootData()?.locale;
  const paging = sheet.paging;
  const current = paging?.sections.find((section) => section.number === paging.current) ?? null;
  const schema = useMemo(() => sheetFormSchema(sheet.criteria), [sheet.criteria]);
  const initialVersion = sheet.sheet?.version ?? 0;
  const defaults = {
    intent: "save",
    version: String(initialVersion),
    ...sheetFormValues(sheet.entries),
    ...(lastResult?.values ?? {}),
  };
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: defaults,
    mode: "onTouched",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const action = `/rfps/${rfpId}/scoring/${sheet.invitationId}`;
  // An autosave posts only the criteria edited since the last save (Save draft posts them all).
  const autosave = useAutosave({
    form,
    formRef,
    enabled: editable,
    initialVersion,
    action,
    postChanges: { saved: sheetFormValues(sheet.entries), groupOf: criterionOfField },
  });
  const submit = useSubmit();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const pendingGoto =
    navigation.state === "submitting"
      ? new URL(navigation.formAction ?? "/", "http://x").searchParams.get("goto")
      : null;

  const { markConflict } = autosave;
  const [syncedResult, setSyncedResult] = useState<SheetResult>(undefined);
  useEffect(() => {
    if (!lastResult) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors ?? {})) {
      if (name !== "form") form.setError(name, { type: "server", message });
    }
    if (lastResult.conflict) markConflict(lastResult.fieldErrors?.form ?? "", lastResult.conflict.version);
    setSyncedResult(lastResult);
  }, [lastResult, form, markConflict]);
  const errorFor = (name: string) => {
    const message = form.formState.errors[name]?.message;
    if (typeof message === "string") return message;
    return syncedResult === lastResult ? undefined : lastResult?.fieldErrors?.[name];
  };

  // An explicit save or submit waits for an autosave in flight, then goes with the newest version.
  // "Save and continue" buttons post to their own address (?goto=<section>).
  const queued = useRef<{ formData: FormData; target: string } | null>(null);
  const send = (formData: FormData, target: string) => {
    if (autosave.busy.current) {
      queued.current = { formData, target };
      return;
    }
    formData.set("version", String(autosave.versionRef.current));
    submit(formData, { method: "post", action: target });
  };
  useEffect(() => {
    if (autosave.state.kind === "saving" || !queued.current) return;
    const { formData, target } = queued.current;
    queued.current = null;
    formData.set("version", String(autosave.versionRef.current));
    submit(formData, { method: "post", action: target });
  }, [autosave.state.kind, autosave.versionRef, submit]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value === "submit" ? "submit" : "save";
    event.preventDefault();
    autosave.cancel();
    // The completeness rules apply to a submission only; drafts may be unfinished.
    form.setValue("intent", intent);
    void form.handleSubmit(
      () => {
        form.setValue("intent", "save");
        if (
          intent === "submit" &&
          !window.confirm(`Submit your sheet for ${sheet.vendorName}? It is then sealed: only the lead can reopen it.`)
        ) {
          return;
        }
        send(new FormData(element, submitter), submitter?.getAttribute("formaction") ?? action);
      },
      () => form.setValue("intent", "save"),
    )(event);
  };

  const conflict = autosave.state.kind === "conflict" ? autosave.state : null;
  const formError = syncedResult === lastResult && !lastResult?.conflict ? undefined : lastResult?.fieldErrors?.form;
  return (
    <Form method="post" id={SHEET_FORM_ID} ref={formRef} onSubmit={onSubmit} noValidate className="stack">
      <input type="hidden" name="version" value={autosave.version} />
      {paging ? <input type="hidden" name="section" value={paging.current} /> : null}
      {/* Enter in a comment field submits with the form's first button: make that "save". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Save draft
      </button>
      {paging && current ? (
        <h2 className="sheet-section-title">
          <span className="muted">
            Section {paging.sections.indexOf(current) + 1} of {paging.sections.length}:
          </span>{" "}
          {current.number}. {current.name}
        </h2>
      ) : null}
      <fieldset disabled={!editable} className="proposal-fieldset stack">
        <legend className="visually-hidden">
          Scores for {sheet.vendorName}
          {current ? `, section ${current.number}. ${current.name}` : ""}
        </legend>
        {sheet.criteria.map((criterion, index) => (
          <CriterionScore
            key={criterion.id}
            criterion={criterion}
            number={index + 1}
            form={form}
            defaults={defaults}
            errorFor={errorFor}
          />
        ))}
      </fieldset>
      {editable ? (
        <section className="card action-bar" aria-label="Save and submit">
          <FormError message={conflict ? undefined : (formError ?? lastResult?.fieldErrors?.form)} />
          {conflict ? (
            <Alert tone="warning" title="Saved from another window or tab">
              <p>
                {conflict.message} What you see here is kept. <strong>Save draft</strong> replaces the other version
                with yours; to see the other version instead, reload the page.
              </p>
            </Alert>
          ) : null}
          <div className="action-bar__row">
            <AutosaveStatus state={autosave.state} timeZone={sheet.timeZone} locale={locale} />
            <span className="spacer" />
            {paging?.previous ? (
              <Button
                type="submit"
                name="intent"
                value="save"
                variant="secondary"
                formAction={`${action}?goto=${paging.previous.number}`}
                pending={pendingIntent === "save" && pendingGoto === paging.previous.number}
                pendingLabel="Saving…"
              >
                ← Save, back to {paging.previous.number}. {paging.previous.name}
              </Button>
            ) : null}
            <Button
              type="submit"
              name="intent"
              value="save"
              variant="secondary"
              pending={pendingIntent === "save" && pendingGoto === null}
              pendingLabel="Saving…"
              onClick={() => {
                if (conflict) autosave.resume(conflict.version);
              }}
            >
              Save draft
            </Button>
            <Button
              type="submit"
              name="intent"
              value="submit"
              pending={pendingIntent === "submit"}
              pendingLabel="Submitting…"
            >
              Submit my sheet
            </Button>
            {paging?.next ? (
              <Button
                type="submit"
                name="intent"
                value="save"
                formAction={`${action}?goto=${paging.next.number}`}
                pending={pendingIntent === "save" && pendingGoto === paging.next.number}
                pendingLabel="Saving…"
              >
                Save, on to {paging.next.number}. {paging.next.name} →
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}
    </Form>
  );
}

function CriterionScore({
  criterion,
  number,
  form,
  defaults,
  errorFor,
}: {
  criterion: Criterion;
  number: number;
  form: UseFormReturn<FieldValues>;
  defaults: Record<string, string>;
  errorFor: (name: string) => string | undefined;
}) {
  const scoreName = scoreField(criterion.id);
  const commentName = commentField(criterion.id);
  const raw = useWatch({ control: form.control, name: scoreName, defaultValue: defaults[scoreName] });
  const value = typeof raw === "string" && raw !== "" ? Number(raw) : null;
  const needsComment = commentRequired(value, criterion);
  const points = Array.from({ length: criterion.scaleMax - criterion.scaleMin + 1 }, (_, i) => criterion.scaleMin + i);
  const scoreError = errorFor(scoreName);
  const commentError = errorFor(commentName);
  // One registration for the radio group (react-hook-form shares it between the options).
  const scoreRegistration = form.register(scoreName);
  const headingId = `criterion-${criterion.id}`;
  return (
    <section className="card sheet-criterion" aria-labelledby={headingId}>
      <div className="sheet-criterion__response">
        <h3 id={headingId}>
          <span className="mono muted">{criterion.outline}</span> {criterion.name}{" "}
          <span className="muted small">· {formatWeight(criterion.effectiveWeight)} of the total</span>
        </h3>
        {criterion.description ? <p className="pre-wrap small">{criterion.description}</p> : null}
        <h4 className="small muted">The vendor's response</h4>
        {criterion.requirements.length === 0 ? (
          <p className="muted small">
            No requirement is linked to this criterion: judge it from the whole proposal (summary, service tiers,
            commitments and attachments below).
          </p>
        ) : (
          <div className="stack-tight">
            {criterion.requirements.map((requirement) => (
              <RequirementResponse key={requirement.id} requirement={requirement} />
            ))}
          </div>
        )}
      </div>
      <div className="sheet-criterion__score">
        <fieldset className="scale" aria-describedby={`${scoreName}-error`} data-testid={`scale-${number}`}>
          <legend>
            Your score{" "}
            <span className="muted small">
              ({criterion.scaleMin} to {criterion.scaleMax})
            </span>
          </legend>
          {points.map((point) => (
            <label key={point} className="scale__point">
              <input
                type="radio"
                value={String(point)}
                defaultChecked={defaults[scoreName] === String(point)}
                aria-invalid={scoreError ? true : undefined}
                {...scoreRegistration}
              />
              <span className="scale__value">{point}</span>
              {criterion.descriptors[point - criterion.scaleMin] ? (
                <span className="scale__descriptor">{criterion.descriptors[point - criterion.scaleMin]}</span>
              ) : null}
            </label>
          ))}
          <span className="field__error" id={`${scoreName}-error`}>
            {scoreError}
          </span>
        </fieldset>
        <div className="field">
          <label htmlFor={commentName}>
            Comment{" "}
            {needsComment ? (
              <span className="field__optional">(required for this score)</span>
            ) : (
              <span className="field__optional">(optional)</span>
            )}
          </label>
          <textarea
            className="textarea"
            id={commentName}
            rows={3}
            defaultValue={defaults[commentName] ?? ""}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={`${commentName}-hint ${commentName}-error`}
            {...form.register(commentName)}
          />
          <span className="field__hint" id={`${commentName}-hint`}>
            {commentRequirement(criterion)} Say what in the proposal led to your score.
          </span>
          <span className="field__error" id={`${commentName}-error`}>
            {commentError}
          </span>
        </div>
      </div>
    </section>
  );
}

function formatWeight(weight: number) {
  return `${Math.round(weight * 10) / 10}%`;
}
