import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRfpPermission } from "~/models/policy.server";
import { getSheetAttachment } from "~/models/scoring.server";
import { requireUser } from "~/utils/auth.server";

/**
 * A proposal attachment for the panel member scoring it: the same rules as the score sheet
 * (declared, no undecided conflict, not recused). Always a download, never rendered in the app's
 * origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.score");
  const attachment = await getSheetAttachment(user.id, rfp.id, params.invitationId ?? "", params.attachmentId ?? "");
  const ascii = attachment.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(attachment.data), {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.originalName)}`,
      "Content-Length": String(attachment.data.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
