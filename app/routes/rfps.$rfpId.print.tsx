import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintableRfpDocument } from "~/components/rfp-print";
import { Alert } from "~/components/ui/alert";
import { requireRfpPermission } from "~/models/policy.server";
import { getPrintableRfp } from "~/models/rfp-pdf.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { preferredLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.rfp.reference} ${data.rfp.title} (${data.rfp.versionLabel}) · Shortlist` : "RFP · Shortlist",
  },
];

/** The RFP as vendors read it, styled for paper: the latest frozen version, or a draft before publishing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  const printable = await getPrintableRfp(rfp.id, { audience: "staff", locale: preferredLocale(request) });
  invariantResponse(printable, "We could not find that RFP.");
  return { rfp: printable, pdfHref: `/rfps/${rfp.id}/rfp.pdf` };
}

export default function PrintRfpPage() {
  const { rfp, pdfHref } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {rfp.draft ? (
        <div className="no-print">
          <Alert tone="warning" title="Draft">
            Not published: this is the working copy. Vendors receive version 1 when the RFP is published.
          </Alert>
        </div>
      ) : null}
      <PrintableRfpDocument rfp={rfp} pdfHref={pdfHref} />
    </div>
  );
}
