import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAttachmentDownload } from "~/models/attachment.server";
import { requirePortalVendor } from "~/utils/portal.server";

/**
 * Download one of the vendor's own attachments. Always as a download (never rendered inline),
 * with the type detected at upload and no sniffing, so a file can never run as a page here.
 * Another vendor's id answers exactly like an id that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request, { resource: true });
  const attachment = await getAttachmentDownload(vendor, params.attachmentId ?? "");
  if (!attachment?.blob) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(attachment.blob.data, {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(attachment.sizeBytes),
      "Content-Disposition": contentDisposition(attachment.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/** RFC 6266: an ASCII fallback name plus the exact name in UTF-8. */
function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
