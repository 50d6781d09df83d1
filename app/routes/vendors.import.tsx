import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { FormError, useIsSubmitting } from "~/components/form";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ImportPreviewForm } from "~/components/vendor-import-preview";
import { VENDOR_SIZE_INFO, VENDOR_SIZES } from "~/domain/vendors";
import { userActor } from "~/models/audit.server";
import { importVendors, previewVendorImport, readVendorFile } from "~/models/vendor-import.server";
import {
  createAnywaySchema,
  importFormSchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_IMPORT_SIZE_LABEL,
  VENDOR_CSV_COLUMNS,
} from "~/schemas/vendor-import";
import { requireAccountPermission } from "~/utils/auth.server";
import { readUploadForm } from "~/utils/csv.server";
import { FieldError, invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Import vendors · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountPermission(request, "vendor.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccountPermission(request, "vendor.manage");
  // Room for the CRLF line ends browsers add when the previewed file comes back as a form field.
  const upload = await readUploadForm(request, MAX_IMPORT_BYTES * 2);
  if (!upload.ok) {
    return upload.reason === "too-large"
      ? invalid(
          { file: `The file is larger than ${MAX_IMPORT_SIZE_LABEL}. Split it into smaller files.` },
          {},
          { status: 413 },
        )
      : invalid({ file: "Choose a CSV file to upload." });
  }
  const parsed = parseForm(upload.formData, importFormSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  if (parsed.data.intent === "preview") {
    try {
      const file = await readVendorFile(upload.formData.get("file"));
      return { ...file, preview: await previewVendorImport(file.text) };
    } catch (error) {
      if (error instanceof FieldError && error.field === "file") return invalid({ file: error.message }, parsed.values);
      return invalidFromError(error, parsed.values);
    }
  }
  const { fileName, csv } = parsed.data;
  const createAnyway = createAnywaySchema.safeParse(upload.formData.getAll("createAnyway"));
  if (!createAnyway.success)
    return invalid({ form: "The rows to create anyway are not valid; upload the file again." });
  try {
    const result = await importVendors(userActor(user), { fileName, text: csv, createAnyway: createAnyway.data });
    const skipped = [
      result.skippedErrors ? `${result.skippedErrors} with errors` : null,
      result.skippedDuplicates
        ? `${result.skippedDuplicates} likely duplicate${result.skippedDuplicates === 1 ? "" : "s"}`
        : null,
    ].filter(Boolean);
    return redirectWithFlash("/vendors", {
      kind: "success",
      message: `Imported ${result.created} vendor${result.created === 1 ? "" : "s"} from ${fileName}.${skipped.length ? ` Skipped ${skipped.join(" and ")}.` : ""}`,
    });
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    // Show the preview again (as it is now) with the reason, rather than losing the file.
    const preview = await previewVendorImport(csv).catch(() => null);
    if (!preview) return invalid({ file: error.message }, { intent: "preview" }, { status: 422 });
    return data({ fileName, text: csv, preview, fieldErrors: { form: error.message } }, { status: 422 });
  }
}

export default function ImportVendorsPage() {
  const actionData = useActionData<typeof action>();
  const previewed = actionData && "preview" in actionData ? actionData : null;
  const fieldErrors: Record<string, string | undefined> =
    actionData && "fieldErrors" in actionData ? actionData.fieldErrors : {};
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/vendors">Vendors</Link> / Import
      </div>
      <PageHeader title="Import vendors from CSV">
        <p className="muted">
          Upload your supplier list, check the preview, then import. Nothing is stored until you confirm.
        </p>
      </PageHeader>
      {previewed ? (
        <ImportPreviewForm
          fileName={previewed.fileName}
          csv={previewed.text}
          preview={previewed.preview}
          formError={fieldErrors.form}
        />
      ) : (
        <div className="grid grid--main-side">
          <UploadCard error={fieldErrors.file ?? fieldErrors.form} />
          <FormatCard />
        </div>
      )}
    </>
  );
}

function UploadCard({ error }: { error?: string }) {
  const uploading = useIsSubmitting("preview");
  return (
    <section className="card" aria-labelledby="upload-heading">
      <div className="card__title">
        <h2 id="upload-heading">1. Upload the file</h2>
      </div>
      <Form method="post" encType="multipart/form-data" className="form">
        <FormError message={error} />
        <div className="field">
          <label htmlFor="file">CSV file</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby="file-hint"
          />
          <span className="field__hint" id="file-hint">
            UTF-8 encoded, up to {MAX_IMPORT_SIZE_LABEL} and {MAX_IMPORT_ROWS} vendors.
          </span>
        </div>
        <div className="form-actions">
          <Button type="submit" name="intent" value="preview" pending={uploading} pendingLabel="Checking…">
            Check the file
          </Button>
          <Link to="/vendors">Cancel</Link>
        </div>
      </Form>
      <h3 className="section-heading">What happens next</h3>
      <ol className="small steps">
        <li>Every row is checked. You see a preview with the problems of each row next to it.</li>
        <li>
          Rows that look like a vendor already in the directory, or like an earlier row of the same file (same name
          without Ltd, GmbH, Inc… or same website domain), are flagged. They are only created if you tick “Create
          anyway”.
        </li>
        <li>
          Rows with errors are skipped: fix them in your spreadsheet and import those rows again. All other rows are
          imported together in one step — if anything fails, nothing is imported.
        </li>
      </ol>
    </section>
  );
}

function FormatCard() {
  return (
    <section className="card" aria-labelledby="format-heading">
      <div className="card__title">
        <h2 id="format-heading">File format</h2>
        <a href="/vendors/import/sample.csv" download="vendors-sample.csv">
          Download a sample
        </a>
      </div>
      <p className="small">
        The first row names the columns, in any order. Only <code>name</code> is required. Comma- or
        semicolon-separated; in Excel use “Save as → CSV UTF-8”.
      </p>
      <table className="table">
        <caption className="visually-hidden">Columns of the import file</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Contents</th>
          </tr>
        </thead>
        <tbody>
          {VENDOR_CSV_COLUMNS.map((column) => (
            <tr key={column.name}>
              <td>
                <code>{column.name}</code>
                {column.required ? <div className="small muted">required</div> : null}
              </td>
              <td className="small">{column.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        Sizes: {VENDOR_SIZES.map((size) => `${size.toLowerCase()} = ${VENDOR_SIZE_INFO[size].staff}`).join("; ")}.
      </p>
    </section>
  );
}
