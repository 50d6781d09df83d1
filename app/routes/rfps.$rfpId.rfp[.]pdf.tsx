import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRfpPermission } from "~/models/policy.server";
import { getPrintableRfp, pdfResponse, renderRfpPdf } from "~/models/rfp-pdf.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";

/** The RFP as a PDF for the team: the latest frozen version, or the working copy marked DRAFT. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const printable = await getPrintableRfp(rfp.id, { audience: "staff" });
  invariantResponse(printable, "We could not find that RFP.");
  return pdfResponse(await renderRfpPdf(printable));
}
