import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOpenedAttachment } from "~/models/opening.server";
import { requireRfpPermission } from "~/models/policy.server";
import { requireUser } from "~/utils/auth.server";

/**
 * A proposal attachment for staff: the same rules as reading the proposal (member with
 * "rfp.view_proposals", proposals opened, proposal submitted). Always a download, never rendered
 * in the app's origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_proposals");
  const attachment = await getOpenedAttachment(rfp.id, params.proposalId ?? "", params.attachmentId ?? "");
  return new Response(new Uint8Array(attachment.data), {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Disposition": contentDisposition(attachment.originalName),
      "Content-Length": String(attachment.data.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The vendor's file name, safely quoted: an ASCII fallback plus the exact UTF-8 name (RFC 6266). */
function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
