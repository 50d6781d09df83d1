import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { countUsers } from "~/models/user.server";
import { getOptionalUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) return redirect("/dashboard");
  return redirect((await countUsers()) === 0 ? "/setup" : "/login");
}
