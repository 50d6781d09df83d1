import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useValidatedForm } from "~/components/form";
import { RfpDocument } from "~/components/portal/rfp-document";
import { Badge } from "~/components/ui/badge";
import { Button, buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { acknowledgeAddendum, getPortalDocument } from "~/models/portal.server";
import { useRootData } from "~/root";
import { acknowledgeSchema } from "~/schemas/portal";
import { formatDateTime } from "~/utils/dates";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { requirePortalVendor } from "~/utils/portal.server";

/** The latest frozen version of the RFP (never the lead's working copy) and the addenda to acknowledge. */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const { version, addenda } = await getPortalDocument(vendor);
  return {
    version,
    addenda,
    timeZone: vendor.rfp.timeZone,
    current: { questionsDeadline: vendor.rfp.questionsDeadline, proposalDeadline: vendor.rfp.proposalDeadline },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const parsed = parseForm(await request.formData(), acknowledgeSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const { number } = await acknowledgeAddendum(vendor, parsed.data);
    return redirectWithFlash("/portal/rfp#addenda", { kind: "success", message: `Addendum ${number} acknowledged.` });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

export default function PortalDocumentPage() {
  const { version, addenda, timeZone, current } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const fmt = (at: Date | string) => formatDateTime(at, { timeZone, locale });
  if (!version) {
    return (
      <EmptyState title="The RFP document is not published yet">
        The buyer will email you when it is ready to read.
      </EmptyState>
    );
  }
  return (
    <>
      <PageHeader
        title="RFP document"
        eyebrow={`Version ${version.number} · issued ${fmt(version.createdAt)}`}
        actions={
          <a className={buttonClass("secondary")} href="/portal/rfp.pdf" download>
            Download PDF
          </a>
        }
      >
        <p className="muted">{version.snapshot.rfp.summary}</p>
      </PageHeader>
      <div className="stack">
        <Addenda addenda={addenda} fmt={fmt} />
        <RfpDocument snapshot={version.snapshot} current={current} locale={locale} />
      </div>
    </>
  );
}

type AddendumRow = {
  id: string;
  number: number;
  title: string;
  summary: string;
  reason: string;
  issuedAt: Date | string;
  documentVersionNumber: number | null;
  acknowledgement: { acknowledgedBy: string; acknowledgedAt: Date | string } | null;
};

function Addenda({ addenda, fmt }: { addenda: AddendumRow[]; fmt: (at: Date | string) => string }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingId = navigation.state === "submitting" ? navigation.formData?.get("addendumId") : null;
  return (
    <section className="card addenda" id="addenda" aria-labelledby="addenda-heading">
      <div className="card__title">
        <h2 id="addenda-heading">Addenda</h2>
        <span className="muted small">
          {addenda.length === 0
            ? "None issued"
            : `${addenda.filter((addendum) => !addendum.acknowledgement).length} to acknowledge`}
        </span>
      </div>
      {addenda.length === 0 ? (
        <p className="muted">
          No addenda so far. If the buyer changes the RFP, the change appears here and you are emailed; you will be
          asked to acknowledge it.
        </p>
      ) : (
        <ol className="addenda__list">
          {addenda.map((addendum) => {
            const result = actionData?.values?.addendumId === addendum.id ? actionData : undefined;
            return (
              <li key={addendum.id} className="addenda__item" aria-labelledby={`addendum-${addendum.id}`}>
                <div className="row">
                  <h3 id={`addendum-${addendum.id}`}>
                    Addendum {addendum.number}: {addendum.title}
                  </h3>
                  {addendum.acknowledgement ? (
                    <Badge tone="success">Acknowledged</Badge>
                  ) : (
                    <Badge tone="warning">Needs acknowledgement</Badge>
                  )}
                </div>
                <p className="muted small">
                  Issued {fmt(addendum.issuedAt)}
                  {addendum.documentVersionNumber
                    ? ` · the RFP document is now version ${addendum.documentVersionNumber}`
                    : ""}
                </p>
                <dl className="facts">
                  <dt>What changed</dt>
                  <dd className="pre-line">{addendum.summary}</dd>
                  <dt>Why</dt>
                  <dd className="pre-line">{addendum.reason}</dd>
                </dl>
                {addendum.acknowledgement ? (
                  <p className="small">
                    Acknowledged by <strong>{addendum.acknowledgement.acknowledgedBy}</strong> on{" "}
                    {fmt(addendum.acknowledgement.acknowledgedAt)}.
                  </p>
                ) : (
                  <AcknowledgeForm addendum={addendum} lastResult={result} pending={pendingId === addendum.id} />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function AcknowledgeForm({
  addendum,
  lastResult,
  pending,
}: {
  addendum: { id: string; number: number };
  lastResult: ServerFormResult;
  pending: boolean;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: acknowledgeSchema,
    defaultValues: { intent: "acknowledge", addendumId: addendum.id, acknowledgedBy: "" },
    lastResult,
  });
  // Several addenda can wait at once: ids are made unique per addendum.
  const nameId = `acknowledgedBy-${addendum.id}`;
  return (
    <Form method="post" className="form addenda__form" onSubmit={onSubmit} noValidate>
      <FormError message={formError ?? lastResult?.fieldErrors?.addendumId} />
      <input type="hidden" {...field("intent")} id={`intent-${addendum.id}`} />
      <input type="hidden" {...field("addendumId")} id={`addendumId-${addendum.id}`} />
      <Field
        name={nameId}
        label="Your full name"
        error={errorFor("acknowledgedBy")}
        hint={`Typing your name confirms that your company has read addendum ${addendum.number} and takes it into account.`}
      >
        <input
          className="input"
          autoComplete="name"
          {...field("acknowledgedBy")}
          id={nameId}
          aria-describedby={`${nameId}-hint ${nameId}-error`}
        />
      </Field>
      <div className="form-actions">
        <Button type="submit" pending={pending} pendingLabel="Acknowledging…">
          Acknowledge addendum {addendum.number}
        </Button>
      </div>
    </Form>
  );
}
