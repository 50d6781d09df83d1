import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttachmentsCard } from "~/components/portal/attachments";
import { PageHeader } from "~/components/ui/page-header";
import { formatBytes, MAX_ATTACHMENT_BYTES } from "~/domain/proposal-rules";
import { addAttachment, deleteAttachment } from "~/models/attachment.server";
import type { PortalVendor } from "~/models/portal-session.server";
import { getProposalBuilder } from "~/models/proposal.server";
import { deleteAttachmentSchema } from "~/schemas/portal";
import { invalid, invalidFromError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { requirePortalVendor } from "~/utils/portal.server";

/**
 * Upload and delete proposal attachments. The proposal page posts here (with JavaScript through a
 * fetcher, so the builder keeps its state); this page itself is what a browser without
 * JavaScript sees when an upload is refused.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const { attachments, lock } = await getProposalBuilder(vendor);
  return { attachments, editable: lock === null };
}

/**
 * The file part may be up to the per-file limit; the few text fields are tiny. Made per request
 * inside the action: module-level code would also run in the browser bundle.
 */
function uploadHandler() {
  return unstable_composeUploadHandlers(
    unstable_createMemoryUploadHandler({
      maxPartSize: MAX_ATTACHMENT_BYTES,
      filter: ({ name, filename }) => name === "file" && typeof filename === "string",
    }),
    unstable_createMemoryUploadHandler({ maxPartSize: 1_000, filter: ({ filename }) => filename === undefined }),
  );
}

const BACK = "/portal/proposal#attachments";

export async function action({ request }: ActionFunctionArgs) {
  const vendor = await requirePortalVendor(request);
  const read = await readForm(request);
  if ("refusal" in read) return read.refusal;
  const { formData } = read;
  if (formData.get("intent") === "upload") return upload(vendor, formData);
  const parsed = parseForm(formData, deleteAttachmentSchema);
  if (!parsed.success) return invalid(parsed.fieldErrors, parsed.values);
  try {
    const deleted = await deleteAttachment(vendor, parsed.data.attachmentId);
    return redirectWithFlash(BACK, { kind: "success", message: `${deleted.originalName} was removed.` });
  } catch (error) {
    return invalidFromError(error, parsed.values);
  }
}

/** Multipart (uploads) within the size limits, or a plain form (deleting); a refusal as a response. */
async function readForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return { formData: await request.formData() };
  }
  try {
    return { formData: await unstable_parseMultipartFormData(request, uploadHandler()) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      const message =
        error.field === "file"
          ? `The file is larger than ${formatBytes(MAX_ATTACHMENT_BYTES)}, the limit per file. Nothing was uploaded.`
          : "The form was not understood. Nothing was uploaded.";
      return { refusal: invalid({ file: message }, { intent: "upload" }, { status: 413 }) };
    }
    return {
      refusal: invalid({ file: "The upload was not understood. Choose the file again." }, { intent: "upload" }),
    };
  }
}

async function upload(vendor: PortalVendor, formData: FormData) {
  const file = formData.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
    return invalid({ file: "Choose a file to upload." }, { intent: "upload" });
  }
  try {
    const attachment = await addAttachment(vendor, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return redirectWithFlash(BACK, { kind: "success", message: `${attachment.originalName} was attached.` });
  } catch (error) {
    return invalidFromError(error, { intent: "upload" });
  }
}

export default function PortalAttachmentsPage() {
  const { attachments, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/portal/proposal">Proposal</Link> / Attachments
      </div>
      <PageHeader title="Attachments" />
      <AttachmentsCard attachments={attachments} editable={editable} lastResult={actionData} />
    </>
  );
}
