import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgendaPrint } from "~/components/interviews/agenda-print";
import { getPrintableAgenda } from "~/models/agenda-print.server";
import { requireRfpPermission } from "~/models/policy.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Agenda: ${data.agenda.vendorName} · Shortlist` : "Agenda · Shortlist" },
];

/** The interview agenda on paper: times, owners, attendees and the questions for the room. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const agenda = await getPrintableAgenda(rfp.id, params.interviewId ?? "");
  invariantResponse(agenda, "We could not find that interview.");
  return { agenda, back: `/rfps/${rfp.id}/interviews/${params.interviewId}` };
}

export default function PrintAgendaPage() {
  const { agenda, back } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Link to={back} className="no-print">
        ← Back to the interview
      </Link>
      <AgendaPrint agenda={agenda} />
    </div>
  );
}
