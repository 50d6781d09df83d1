import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPrintableRfp, pdfResponse, renderRfpPdf } from "~/models/rfp-pdf.server";
import { invariantResponse } from "~/utils/http.server";
import { requirePortalVendor } from "~/utils/portal.server";

/**
 * The RFP as a PDF for the vendor behind this portal session: its own RFP (never one named in the
 * URL), the latest frozen version only — nothing exists for vendors before publishing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request, { resource: true });
  const printable = await getPrintableRfp(vendor.rfpId, { audience: "vendor" });
  invariantResponse(printable, "The RFP has not been published yet.");
  return pdfResponse(await renderRfpPdf(printable));
}
