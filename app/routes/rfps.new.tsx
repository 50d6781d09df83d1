import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RfpDetailsForm } from "~/components/rfp-details-form";
import { StageBadge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { userActor } from "~/models/audit.server";
import { createRfpFromSource, listRfpSources, type ResolvedSource, resolveSource } from "~/models/template.server";
import { timelineFromForm } from "~/schemas/rfp";
import { newRfpSchema, parseRfpSource, sourceValue } from "~/schemas/template";
import { requireAccountPermission } from "~/utils/auth.server";
import { timeZoneOptions } from "~/utils/dates";
import { FieldError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "New RFP · Shortlist" }];

/** `?from=builtin:<id>`, `template:<id>` or `rfp:<id>` preselects a start (and fills in what it knows). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccountPermission(request, "rfp.create");
  const from = parseRfpSource(new URL(request.url).searchParams.get("from")) ?? { kind: "blank" as const };
  let prefill: ResolvedSource["details"] = {};
  let selected = "blank";
  try {
    prefill = (await resolveSource(user.id, from)).details;
    selected = sourceValue(from);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
  }
  return { timeZones: timeZoneOptions(), sources: await listRfpSources(user.id), selected, prefill };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "rfp.create");
  const parsed = parseForm(await request.formData(), newRfpSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  const { source, ...details } = parsed.data;
  try {
    const rfp = await createRfpFromSource(
      userActor(user),
      { ...details, timeline: timelineFromForm(details, details.timeZone) },
      source,
    );
    return redirectWithFlash(`/rfps/${rfp.id}`, {
      kind: "success",
      message: `${rfp.reference} created. You are its lead.`,
    });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function NewRfpPage() {
  const { timeZones, sources, selected, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const chosen = actionData?.values?.source ?? selected;
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/rfps">RFPs</Link> / New
      </div>
      <PageHeader title="New RFP">
        <p className="muted">
          Start blank, from a template or from an RFP you lead, then give it the essentials. It stays a private draft
          until you publish it; you can change everything until then.
        </p>
      </PageHeader>
      <RfpDetailsForm
        key={selected}
        // A duplicate keeps the original's time zone instead of taking the browser's.
        isNew={!selected.startsWith("rfp:")}
        timeZones={timeZones}
        defaultValues={{
          title: prefill.title ?? "",
          summary: prefill.summary ?? "",
          category: prefill.category ?? "",
          budgetAmount: prefill.budgetAmount ?? "",
          currency: prefill.currency ?? "EUR",
          timeZone: prefill.timeZone ?? "UTC",
        }}
        lastResult={actionData}
        submitLabel="Create draft RFP"
        pendingLabel="Creating…"
        before={<SourceChooser sources={sources} chosen={chosen} error={actionData?.fieldErrors?.source} />}
      />
    </>
  );
}

type Sources = Awaited<ReturnType<typeof listRfpSources>>;

function SourceChooser({ sources, chosen, error }: { sources: Sources; chosen: string; error?: string }) {
  const option = (value: string, name: string, description: string, detail?: string) => {
    const id = `source-${value.replace(/[^a-z0-9]+/gi, "-")}`;
    return (
      <div className="source-option" key={value}>
        <input
          type="radio"
          name="source"
          value={value}
          id={id}
          defaultChecked={chosen === value}
          aria-describedby={`${id}-description`}
        />
        <div>
          <label htmlFor={id}>{name}</label>
          <div className="muted small" id={`${id}-description`}>
            {description}
            {detail ? <div>{detail}</div> : null}
          </div>
        </div>
      </div>
    );
  };
  const counts = (summary: { sections: number; requirements: number; criteria: number; questions: number } | null) =>
    summary
      ? `${summary.sections} sections · ${summary.requirements} requirements · ${summary.criteria} criteria · ${summary.questions} interview questions`
      : undefined;
  return (
    <div className="card">
      <fieldset className="form-section" aria-describedby="source-error">
        <legend>Start from</legend>
        <span className="field__error" id="source-error" role={error ? "alert" : undefined}>
          {error}
        </span>
        <div className="source-options">
          {option("blank", "Blank document", "Write the sections, requirements and criteria yourself.")}
          <h3 className="source-options__group">Built-in templates</h3>
          {sources.builtIn.map((template) =>
            option(`builtin:${template.id}`, template.name, template.description, counts(template.summary)),
          )}
          <h3 className="source-options__group">
            Your templates{" "}
            <Link to="/templates" className="small">
              Manage
            </Link>
          </h3>
          {sources.templates.length === 0 ? (
            <p className="muted small">None yet. Use “Save as template” on an RFP you lead to reuse its document.</p>
          ) : (
            sources.templates.map((template) =>
              option(`template:${template.id}`, template.name, template.description, counts(template.summary)),
            )
          )}
          {sources.rfps.length > 0 ? (
            <details className="source-options__more" open={chosen.startsWith("rfp:") || undefined}>
              <summary>Duplicate an RFP you lead ({sources.rfps.length})</summary>
              {sources.rfps.map((rfp) => (
                <div key={rfp.id} className="source-option">
                  <input
                    type="radio"
                    name="source"
                    value={`rfp:${rfp.id}`}
                    id={`source-rfp-${rfp.id}`}
                    defaultChecked={chosen === `rfp:${rfp.id}`}
                  />
                  <label htmlFor={`source-rfp-${rfp.id}`}>
                    <span className="mono">{rfp.reference}</span> {rfp.title}
                  </label>
                  <StageBadge stage={rfp.stage} />
                </div>
              ))}
              <p className="muted small">
                The copy gets the same document, criteria and interview questions, a new reference and an empty
                timeline. Vendors, proposals and the team are not copied.
              </p>
            </details>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
