import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayDoAccountAction } from "~/domain/policy";
import { SAMPLE_VENDOR_CSV } from "~/schemas/vendor-import";
import { requireUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/http.server";

/** The sample file linked from the import page: the format by example. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  if (!mayDoAccountAction(user.role, "vendor.manage")) throw forbidden();
  return new Response(`${SAMPLE_VENDOR_CSV}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="vendors-sample.csv"',
      "Cache-Control": "private, max-age=3600",
    },
  });
}
