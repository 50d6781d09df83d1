import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { userActor } from "~/models/audit.server";
import { exportFile, exportResponse } from "~/models/exports.server";
import { requireRfpPermission } from "~/models/policy.server";
import { requireUser } from "~/utils/auth.server";
import { appOrigin, invariantResponse } from "~/utils/http.server";
import { preferredLocale } from "~/utils/locale.server";

/**
 * The term sheet of the negotiation as a Word document, for legal teams to redline.
 * Downloads are POSTs from the Exports page, because each one is audited and a GET never writes;
 * a GET (a bookmarked or shared link) lands on the Exports page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.export");
  return redirect(`/rfps/${rfp.id}/exports`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.export");
  const file = await exportFile(userActor(user), rfp.id, "term-sheet-docx", {
    locale: preferredLocale(request),
    packageUri: `${appOrigin(request)}/rfps/${rfp.id}/exports/ocds.json`,
  });
  invariantResponse(file, "There is nothing to export yet: see the Exports page for what becomes available when.");
  return exportResponse(file);
}
