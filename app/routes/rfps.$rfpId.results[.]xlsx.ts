import type { LoaderFunctionArgs } from "@remix-run/node";
import { getResultsExport, requireResultsAccess } from "~/models/results.server";
import { resultMethodOf } from "~/schemas/results";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { exportFileName, toXlsx } from "~/utils/spreadsheet.server";

/** The score matrix and results as one workbook, one sheet per view; same access as the results page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const access = await requireResultsAccess(user, params.rfpId ?? "");
  const method = resultMethodOf(new URL(request.url));
  const exported = await getResultsExport(access, method);
  invariantResponse(exported, "There are no submitted scores to export yet.");
  const body = await toXlsx(exported.sheets, { title: `${exported.rfp.reference} results`, creator: "Shortlist" });
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${exportFileName(exported.rfp.reference, `results-${method}`, "xlsx")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
