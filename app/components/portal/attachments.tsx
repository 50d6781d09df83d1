import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormError, type ServerFormResult } from "~/components/form";
import { Button } from "~/components/ui/button";
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_PROPOSAL_ATTACHMENT_BYTES,
} from "~/domain/proposal-rules";

type AttachmentRow = { id: string; originalName: string; mimeType: string; sizeBytes: number };

const ACTION = "/portal/proposal/attachments";
const ACCEPT = ATTACHMENT_EXTENSIONS.map((extension) => `.${extension}`).join(",");

/**
 * The proposal's attachments: download, delete while editable, upload. With JavaScript the forms
 * go through fetchers, so the proposal form around them keeps what was typed; without it they are
 * plain forms that come back to the proposal page.
 */
export function AttachmentsCard({
  attachments,
  editable,
  lastResult,
}: {
  attachments: AttachmentRow[];
  editable: boolean;
  lastResult?: ServerFormResult;
}) {
  const upload = useFetcher<{ fieldErrors?: Record<string, string> }>();
  const fileInput = useRef<HTMLInputElement>(null);
  const uploading = upload.state !== "idle";
  const [refusal, setRefusal] = useState<string | undefined>(lastResult?.fieldErrors?.file);
  const totalBytes = attachments.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);

  // Each upload's own answer: a refusal comes back as data; an accepted file redirects (and the
  // fetcher keeps its previous data), so "data unchanged" means success. Success clears the
  // chosen file, so the same file is not sent twice by accident.
  const answerBefore = useRef<unknown>(null);
  const busy = useRef(false);
  useEffect(() => {
    if (upload.state !== "idle") {
      if (!busy.current) answerBefore.current = upload.data;
      busy.current = true;
      return;
    }
    if (!busy.current) return;
    busy.current = false;
    const answer = upload.data !== answerBefore.current ? upload.data : undefined;
    setRefusal(answer?.fieldErrors?.file ?? answer?.fieldErrors?.form);
    if (!answer?.fieldErrors && fileInput.current) fileInput.current.value = "";
  }, [upload.state, upload.data]);
  const error = refusal;

  return (
    <section className="card" id="attachments" aria-labelledby="attachments-heading">
      <div className="card__title">
        <h2 id="attachments-heading">Attachments</h2>
        <span className="muted small">
          {attachments.length} of {MAX_ATTACHMENTS} · {formatBytes(totalBytes)} of{" "}
          {formatBytes(MAX_PROPOSAL_ATTACHMENT_BYTES)}
        </span>
      </div>
      <FormError message={lastResult?.fieldErrors?.form} />
      {attachments.length === 0 ? (
        <p className="muted">No attachments yet. Attach certificates, references or a detailed price breakdown.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Size
                </th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {attachments.map((attachment) => (
                <tr key={attachment.id}>
                  <td>
                    <a href={`/portal/attachments/${attachment.id}`} download>
                      {attachment.originalName}
                    </a>
                  </td>
                  <td>{ATTACHMENT_TYPES[attachment.mimeType]?.label ?? attachment.mimeType}</td>
                  <td className="num">{formatBytes(attachment.sizeBytes)}</td>
                  {editable ? (
                    <td className="num">
                      <DeleteAttachment attachment={attachment} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <upload.Form method="post" action={ACTION} encType="multipart/form-data" className="form attachments__upload">
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="attachment-file">Add a file</label>
            <input
              ref={fileInput}
              className="input"
              type="file"
              id="attachment-file"
              name="file"
              accept={ACCEPT}
              aria-invalid={error ? true : undefined}
              aria-describedby="attachment-file-hint attachment-file-error"
            />
            <span className="field__hint" id="attachment-file-hint">
              PDF, Word (DOCX), Excel (XLSX), PNG or JPEG; up to {formatBytes(MAX_ATTACHMENT_BYTES)} per file. The type
              is checked from the file's content.
            </span>
            <span className="field__error" id="attachment-file-error" role={error ? "alert" : undefined}>
              {error}
            </span>
          </div>
          <noscript>
            <p className="muted small">Save your draft before uploading: uploading reloads the page.</p>
          </noscript>
          <div className="form-actions">
            <Button type="submit" variant="secondary" pending={uploading} pendingLabel="Uploading…">
              Upload
            </Button>
          </div>
        </upload.Form>
      ) : null}
    </section>
  );
}

function DeleteAttachment({ attachment }: { attachment: AttachmentRow }) {
  const remove = useFetcher<{ fieldErrors?: Record<string, string> }>();
  return (
    <remove.Form
      method="post"
      action={ACTION}
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${attachment.originalName} from your proposal?`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="attachmentId" value={attachment.id} />
      <Button
        type="submit"
        name="intent"
        value="delete"
        variant="ghost"
        size="small"
        pending={remove.state !== "idle"}
        pendingLabel="Removing…"
      >
        Remove<span className="visually-hidden"> {attachment.originalName}</span>
      </Button>
      {remove.data?.fieldErrors?.form ? <span className="field__error">{remove.data.fieldErrors.form}</span> : null}
    </remove.Form>
  );
}
