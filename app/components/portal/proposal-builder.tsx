import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { get, type Resolver, useForm } from "react-hook-form";
import { Field, FormError } from "~/components/form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import type { ProposalDraft } from "~/domain/proposal-rules";
import type { DocumentRequirement } from "~/models/proposal.server";
import { proposalDraftSchema } from "~/schemas/proposal";
import { AttachmentsCard } from "./attachments";
import { AutosaveStatus } from "./autosave-status";
import { BuilderProvider, useBuilder, useFieldProps } from "./builder-context";
import { PriceSchedule } from "./price-schedule";
import { RequirementResponses } from "./requirement-responses";
import { Commitments, ServiceTiers } from "./service-tiers";
import { useAutosave } from "./use-autosave";

export type BuilderResult =
  | {
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
      missing?: string[];
      conflict?: { version: number };
      /** An autosave's answer (only ever seen by the autosave fetcher). */
      saved?: boolean;
    }
  | undefined;

type Attachment = { id: string; originalName: string; mimeType: string; sizeBytes: number };

export const PROPOSAL_FORM_ID = "proposal-form";

/**
 * The proposal form. A plain <Form method="post"> (save, submit and row buttons all work without
 * JavaScript); with JavaScript react-hook-form checks formats as you type, the price total is
 * live, and the draft saves itself.
 */
export function ProposalBuilder({
  draft,
  requirements,
  version: initialVersion,
  storedVersion,
  editable,
  currency,
  timeZone,
  locale,
  attachments,
  lastResult,
}: {
  draft: ProposalDraft;
  requirements: DocumentRequirement[];
  version: number;
  /** The version the loader last saw (an explicit save reloads it); versions only go up. */
  storedVersion: number;
  editable: boolean;
  currency: string;
  timeZone: string;
  locale?: string;
  attachments: Attachment[];
  lastResult: BuilderResult;
}) {
  const form = useForm<ProposalDraft>({
    resolver: zodResolver(proposalDraftSchema as never) as unknown as Resolver<ProposalDraft>,
    defaultValues: draft,
    mode: "onTouched",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave({ form, formRef, enabled: editable, initialVersion });
  const submit = useSubmit();
  const navigation = useNavigation();
  const submittingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  // Server errors (a refused submission lists what is missing) behave like react-hook-form's own.
  const [syncedResult, setSyncedResult] = useState<BuilderResult>(undefined);
  const { setVersion, markConflict } = autosave;
  useEffect(() => {
    if (!lastResult) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors ?? {})) {
      if (name !== "form") form.setError(name as never, { type: "server", message });
    }
    if (lastResult.conflict) {
      markConflict(lastResult.fieldErrors?.form ?? "", lastResult.conflict.version);
    } else {
      // A refused submission still saved the draft: continue from the version it saved.
      const savedVersion = Number(lastResult.values?.version ?? Number.NaN);
      if (Number.isInteger(savedVersion)) setVersion(savedVersion);
    }
    setSyncedResult(lastResult);
  }, [lastResult, form, setVersion, markConflict]);
  const { errors } = form.formState;
  const errorFor = (path: string): string | undefined => {
    const found: { message?: unknown } | undefined = get(errors, path);
    const root: { message?: unknown } | undefined = get(errors, `${path}.root`);
    const clientError = found?.message ?? root?.message;
    if (typeof clientError === "string") return clientError;
    return syncedResult === lastResult ? undefined : lastResult?.fieldErrors?.[path];
  };

  // After an explicit save of ours the page reloads with exactly the version that save made: adopt
  // it. Any other newer version was saved elsewhere; it is not adopted (the next save is refused
  // as a conflict and the vendor decides), so nobody's work is overwritten unseen.
  const expectedVersion = useRef<number | null>(null);
  useEffect(() => {
    if (lastResult?.conflict || expectedVersion.current === null) return;
    if (storedVersion === expectedVersion.current) {
      setVersion(storedVersion);
      expectedVersion.current = null;
    }
  }, [storedVersion, lastResult, setVersion]);

  // An explicit save or submit waits for an autosave in flight, then goes with the newest version.
  const queued = useRef<FormData | null>(null);
  const send = (formData: FormData) => {
    if (autosave.busy.current) {
      queued.current = formData;
      return;
    }
    formData.set("version", String(autosave.versionRef.current));
    expectedVersion.current = autosave.versionRef.current + 1;
    submit(formData, { method: "post", action: "/portal/proposal" });
  };
  useEffect(() => {
    if (autosave.state.kind === "saving" || !queued.current) return;
    const formData = queued.current;
    queued.current = null;
    formData.set("version", String(autosave.versionRef.current));
    expectedVersion.current = autosave.versionRef.current + 1;
    submit(formData, { method: "post", action: "/portal/proposal" });
  }, [autosave.state.kind, autosave.versionRef, submit]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    event.preventDefault();
    autosave.cancel();
    void form.handleSubmit(() => send(new FormData(element, submitter)))(event);
  };

  const missing = lastResult?.missing;
  const conflict = autosave.state.kind === "conflict" ? autosave.state : null;
  return (
    <BuilderProvider value={{ form, errorFor, editable, currency, locale }}>
      <div className="stack">
        <Form method="post" id={PROPOSAL_FORM_ID} ref={formRef} onSubmit={onSubmit} noValidate className="stack">
          <input type="hidden" name="version" value={autosave.version} />
          {/* Enter in a field submits with the form's first button: make that "save", never a row's "Remove". */}
          <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
            Save draft
          </button>
          <fieldset disabled={!editable} className="proposal-fieldset stack">
            <ExecutiveSummary />
            <RequirementResponses requirements={requirements} />
            <PriceSchedule />
            <ServiceTiers />
            <Commitments />
          </fieldset>
        </Form>
        <AttachmentsCard attachments={attachments} editable={editable} />
        {editable ? (
          <section className="card action-bar" aria-label="Save and submit">
            <FormError message={lastResult?.conflict || missing ? undefined : lastResult?.fieldErrors?.form} />
            {missing && missing.length > 0 ? (
              <Alert tone="error" title="Your draft is saved, but it cannot be submitted yet">
                <ul>
                  {missing.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            {conflict || lastResult?.conflict ? (
              <Alert tone="warning" title="Saved from another window or tab">
                <p>
                  {conflict?.message || lastResult?.fieldErrors?.form} What you see here is kept.{" "}
                  <strong>Save draft</strong> replaces the other version with yours; to see the other version instead,
                  reload the page (your changes here are then lost).
                </p>
              </Alert>
            ) : null}
            <div className="action-bar__row">
              <AutosaveStatus state={autosave.state} timeZone={timeZone} locale={locale} />
              <span className="spacer" />
              <Button
                type="submit"
                form={PROPOSAL_FORM_ID}
                name="intent"
                value="save"
                variant="secondary"
                pending={submittingIntent === "save"}
                pendingLabel="Saving…"
                onClick={() => {
                  if (conflict) autosave.resume(conflict.version);
                }}
              >
                Save draft
              </Button>
              <Button
                type="submit"
                form={PROPOSAL_FORM_ID}
                name="intent"
                value="submit"
                pending={submittingIntent === "submit"}
                pendingLabel="Submitting…"
              >
                Submit proposal
              </Button>
            </div>
          </section>
        ) : null}
      </div>
    </BuilderProvider>
  );
}

function ExecutiveSummary() {
  const { errorFor } = useBuilder();
  return (
    <section className="card" aria-labelledby="summary-heading">
      <div className="card__title">
        <h2 id="summary-heading">Executive summary</h2>
      </div>
      <Field
        name="executiveSummary"
        label="Summary of your proposal"
        hint="Your offer in a few paragraphs: approach, team, why you. Plain text."
        error={errorFor("executiveSummary")}
      >
        <textarea className="textarea" rows={6} {...useFieldProps("executiveSummary", { hint: true })} />
      </Field>
    </section>
  );
}
