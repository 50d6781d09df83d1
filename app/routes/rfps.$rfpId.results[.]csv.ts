import type { LoaderFunctionArgs } from "@remix-run/node";
import { getResultsExport, requireResultsAccess } from "~/models/results.server";
import { exportViewSchema, resultMethodOf } from "~/schemas/results";
import { requireUser } from "~/utils/auth.server";
import { errorResponse, invariantResponse } from "~/utils/http.server";
import { exportFileName, toCsv } from "~/utils/spreadsheet.server";

/** One view of the results (?view=…) as CSV; same access as the results page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const access = await requireResultsAccess(user, params.rfpId ?? "");
  const url = new URL(request.url);
  const view = exportViewSchema.safeParse(url.searchParams.get("view") ?? "results-raw");
  if (!view.success) throw errorResponse(400, "Choose a view to export, e.g. ?view=results-raw or ?view=matrix.");
  const method = resultMethodOf(url);
  const exported = await getResultsExport(access, method);
  invariantResponse(exported, "There are no submitted scores to export yet.");
  const sheet = exported.sheets.find((entry) => entry.view === view.data);
  invariantResponse(sheet, "That view is not available for this RFP (prices are not part of these results).");
  const suffix = view.data === "criteria" || view.data === "groups" ? `${view.data}-${method}` : view.data;
  return new Response(toCsv(sheet), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(exported.rfp.reference, suffix, "csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
