import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { sectionTextSchema } from "~/schemas/document";
import { RevealOnMount } from "./document-parts";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Markdown } from "./markdown";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

type Section = { id: string; number: number; title: string; body: string; version: number };
export type SectionConflict = { version: number; theirs: { title: string; body: string } };

/**
 * A section's title and Markdown text, with a live preview from the same renderer the server
 * and the vendor portal use. The hidden version is the one the text was loaded at, so a save
 * over someone else's newer text is refused (409) instead of silently replacing it.
 */
export function SectionTextForm({
  section,
  lastResult,
  conflict,
}: {
  section: Section;
  lastResult?: ServerFormResult;
  conflict: SectionConflict | null;
}) {
  return (
    <SectionTextFormInner
      key={conflict ? `conflict-${conflict.version}` : section.id}
      section={section}
      lastResult={lastResult}
      conflict={conflict}
    />
  );
}

function SectionTextFormInner({
  section,
  lastResult,
  conflict,
}: {
  section: Section;
  lastResult?: ServerFormResult;
  conflict: SectionConflict | null;
}) {
  const { form, onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: sectionTextSchema,
    defaultValues: {
      intent: "save-section",
      title: section.title,
      body: section.body,
      version: String(section.version),
    },
    lastResult,
  });
  const body = useWatch({ control: form.control, name: "body" }) ?? "";
  const saving = useIsSubmitting("save-section");

  // When the loader brings a newer version: after your own save your text is that version;
  // if you have not typed anything, show theirs; if you have, keep yours and the old version,
  // so saving reports the conflict instead of overwriting.
  useEffect(() => {
    const { title, body: currentBody } = form.getValues();
    if (title === section.title && currentBody === section.body) {
      form.setValue("version", String(section.version));
    } else if (!form.formState.isDirty && !conflict) {
      form.reset({
        intent: "save-section",
        title: section.title,
        body: section.body,
        version: String(section.version),
      });
    }
  }, [section.version, section.title, section.body, form, conflict]);

  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      {conflict ? (
        <RevealOnMount>
          <ConflictComparison conflict={conflict} yours={form.getValues()} />
        </RevealOnMount>
      ) : (
        <FormError message={formError} />
      )}
      <input type="hidden" {...field("intent")} />
      <input type="hidden" {...field("version")} />
      <div className="card">
        <div className="form">
          <Field name="title" label="Section title" error={errorFor("title")}>
            <input className="input" {...field("title")} />
          </Field>
          <div className="editor">
            <Field
              name="body"
              label="Text"
              error={errorFor("body")}
              hint="Markdown: **bold**, *italic*, lists with “- ”, numbered lists, | tables |, [links](https://…). HTML is not allowed."
            >
              <textarea className="textarea editor__input" rows={18} {...field("body")} />
            </Field>
            <section className="editor__preview" aria-labelledby="preview-heading">
              <div className="field__label" id="preview-heading">
                Preview <span className="field__optional">(as vendors will see it)</span>
              </div>
              <div className="editor__preview-body" data-testid="section-preview" aria-live="off">
                {body.trim() ? <Markdown source={body} /> : <p className="muted">Nothing to preview yet.</p>}
              </div>
            </section>
          </div>
          <div className="form-actions">
            <Button type="submit" name="intent" value="save-section" pending={saving} pendingLabel="Saving…">
              {conflict ? "Save mine anyway" : "Save section"}
            </Button>
          </div>
        </div>
      </div>
    </Form>
  );
}

function ConflictComparison({ conflict, yours }: { conflict: SectionConflict; yours: Record<string, unknown> }) {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return (
    <Alert tone="warning" title="Someone else saved this section after you opened it">
      <p>
        Your changes were <strong>not</strong> saved and nothing was overwritten. Compare both versions: your text is
        still in the editor below; “Save mine anyway” replaces theirs with yours, or reload the page to keep theirs.
      </p>
      <div className="conflict">
        <div>
          <h3 className="small">Saved by the other person</h3>
          <p>
            <strong>{conflict.theirs.title}</strong>
          </p>
          <pre className="conflict__text">{conflict.theirs.body || "—"}</pre>
        </div>
        <div>
          <h3 className="small">Yours (not saved)</h3>
          <p>
            <strong>{text(yours.title)}</strong>
          </p>
          <pre className="conflict__text">{text(yours.body) || "—"}</pre>
        </div>
      </div>
    </Alert>
  );
}
