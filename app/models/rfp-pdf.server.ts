import { createRequire } from "node:module";
import path from "node:path";
import pdfmake from "pdfmake";
import { prisma } from "~/db.server";
import { rfpPdfDefinition, rfpPdfFilename } from "~/utils/rfp-pdf";
import { printableRfp } from "~/utils/rfp-print";
import { latestDocumentVersion, loadWorkingDocument } from "./document.server";
import { BUYER_NAME } from "./invitation-link.server";

/**
 * The printable RFP for staff (the latest frozen version; before publishing, the working copy
 * marked as a draft) and for vendors (the latest frozen version only), and its PDF.
 */
export async function getPrintableRfp(rfpId: string, options: { audience: "staff" | "vendor"; locale?: string }) {
  const latest = await latestDocumentVersion(rfpId);
  if (latest) {
    return printableRfp(latest.snapshot, {
      buyer: BUYER_NAME,
      version: { number: latest.number, frozenAt: latest.createdAt },
      locale: options.locale,
    });
  }
  if (options.audience === "vendor") return null;
  const rfp = await prisma.rfp.findUnique({ where: { id: rfpId }, select: { id: true } });
  if (!rfp) return null;
  return printableRfp(await loadWorkingDocument(rfpId), { buyer: BUYER_NAME, version: null, locale: options.locale });
}

// The fonts ship inside pdfmake; nothing is fetched from the network, and pdfmake may read no
// other file than these (the document definition never names files, but a policy makes it sure).
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")),
  "build",
  "fonts",
  "Roboto",
);
pdfmake.setFonts({
  Roboto: {
    normal: path.join(fontDir, "Roboto-Regular.ttf"),
    bold: path.join(fontDir, "Roboto-Medium.ttf"),
    italics: path.join(fontDir, "Roboto-Italic.ttf"),
    bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));

export async function renderRfpPdf(rfp: NonNullable<Awaited<ReturnType<typeof getPrintableRfp>>>) {
  const bytes = await pdfmake.createPdf(rfpPdfDefinition(rfp)).getBuffer();
  return { bytes, filename: rfpPdfFilename(rfp) };
}

/** The HTTP answer carrying a PDF download. */
export function pdfResponse(pdf: { bytes: Buffer; filename: string }) {
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.filename}"`,
      "Content-Length": String(pdf.bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
