import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { countryName } from "~/domain/countries";
import { type DuplicateReason, describeDuplicateReasons } from "~/domain/vendors";
import { FormError, useIsSubmitting } from "./form";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

type PreviewRow = {
  row: number;
  values: Record<string, string>;
  status: "ready" | "error" | "duplicate";
  errors: { column: string; message: string }[];
  directoryMatches: { id: string; name: string; reasons: DuplicateReason[] }[];
  fileMatch: { row: number; reasons: DuplicateReason[] } | null;
};

type Preview = {
  ignoredColumns: string[];
  rows: PreviewRow[];
  counts: { rows: number; ready: number; errors: number; duplicates: number };
};

const STATUS = {
  ready: { label: "Ready", tone: "success" },
  error: { label: "Error", tone: "danger" },
  duplicate: { label: "Possible duplicate", tone: "warning" },
} as const;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Step 2 of the import: the whole file, row by row, inside the confirmation form. The file itself
 * travels back in a hidden field, so the server imports exactly what was previewed (and checks it
 * again) without keeping anything between the two requests.
 */
export function ImportPreviewForm({
  fileName,
  csv,
  preview,
  formError,
}: {
  fileName: string;
  csv: string;
  preview: Preview;
  formError?: string;
}) {
  const { counts } = preview;
  const [ticked, setTicked] = useState(0);
  const importing = useIsSubmitting("import");
  const importable = counts.ready + counts.duplicates > 0;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack"
      onChange={(event) => setTicked(event.currentTarget.querySelectorAll("input[name=createAnyway]:checked").length)}
    >
      <input type="hidden" name="fileName" value={fileName} />
      <input type="hidden" name="csv" value={csv} />
      <section className="card" aria-labelledby="preview-heading">
        <div className="card__title">
          <h2 id="preview-heading">2. Check the preview</h2>
          <Link to="/vendors/import">Choose another file</Link>
        </div>
        <FormError message={formError} />
        <p>
          <strong>{fileName}</strong>: {plural(counts.rows, "row")} — {counts.ready} ready, {counts.errors} with errors,{" "}
          {plural(counts.duplicates, "possible duplicate")}.
        </p>
        {preview.ignoredColumns.length > 0 ? (
          <Alert tone="info">
            These columns are not part of the format and are ignored: {preview.ignoredColumns.join(", ")}.
          </Alert>
        ) : null}
        {counts.errors > 0 ? (
          <Alert tone="warning">
            Rows with errors are skipped. Fix them in your spreadsheet and import those rows again later.
          </Alert>
        ) : null}
      </section>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Rows of {fileName}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Status</th>
              <th scope="col">Company</th>
              <th scope="col">Country · size · industry</th>
              <th scope="col">Contact</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <PreviewTableRow key={row.row} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="confirm-heading">
        <div className="card__title">
          <h2 id="confirm-heading">3. Import</h2>
        </div>
        {importable ? (
          <>
            <p className="small">
              {plural(counts.ready, "ready row")} will be imported
              {counts.duplicates > 0
                ? `, plus the possible duplicates you ticked (${ticked} of ${counts.duplicates})`
                : ""}
              . Everything is stored in one step: if anything fails, nothing is imported.
            </p>
            <div className="form-actions">
              <Button type="submit" name="intent" value="import" pending={importing} pendingLabel="Importing…">
                Import vendors
              </Button>
              <Link to="/vendors/import">Cancel</Link>
            </div>
          </>
        ) : (
          <Alert tone="error">Nothing in this file can be imported. Fix the errors above and upload it again.</Alert>
        )}
      </section>
    </Form>
  );
}

function PreviewTableRow({ row }: { row: PreviewRow }) {
  const { values } = row;
  const status = STATUS[row.status];
  const details = [countryName(values.country?.toUpperCase()) ?? values.country, values.size, values.industry].filter(
    Boolean,
  );
  return (
    <tr data-status={row.status}>
      <td className="num">{row.row}</td>
      <td>
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td>
        {values.name || <span className="muted">(no name)</span>}
        {values.website ? <div className="muted small">{values.website}</div> : null}
      </td>
      <td className="small">{details.length > 0 ? details.join(" · ") : <span className="muted">—</span>}</td>
      <td className="small">
        {values.contact_name || values.contact_email ? (
          <>
            {values.contact_name}
            <div className="muted">{[values.contact_email, values.contact_phone].filter(Boolean).join(" · ")}</div>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="small">
        {row.errors.length > 0 ? (
          <ul className="problem-list">
            {row.errors.map((error) => (
              <li key={`${error.column}:${error.message}`}>
                {error.column !== "row" ? <code>{error.column}</code> : null} {error.message}
              </li>
            ))}
          </ul>
        ) : null}
        {row.status === "duplicate" ? (
          <>
            <ul className="problem-list">
              {row.directoryMatches.map((match) => (
                <li key={match.id}>
                  Like{" "}
                  <Link to={`/vendors/${match.id}`} target="_blank" rel="noreferrer">
                    {match.name}
                  </Link>{" "}
                  in the directory ({describeDuplicateReasons(match.reasons)})
                </li>
              ))}
              {row.fileMatch ? (
                <li>
                  Like row {row.fileMatch.row} of this file ({describeDuplicateReasons(row.fileMatch.reasons)})
                </li>
              ) : null}
            </ul>
            <label className="checkbox">
              <input type="checkbox" name="createAnyway" value={row.row} /> Create anyway
              <span className="visually-hidden"> (row {row.row})</span>
            </label>
          </>
        ) : null}
      </td>
    </tr>
  );
}
