import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPortalInterview } from "~/models/interview-publish-portal.server";
import { BUYER_NAME } from "~/models/invitation-link.server";
import { invariantResponse } from "~/utils/http.server";
import { requirePortalVendor } from "~/utils/portal.server";
import { vendorInterviewIcs } from "~/utils/vendor-interview-ics";

/** The vendor's own interview as a calendar file; nothing before it is published. */
export async function loader({ request }: LoaderFunctionArgs) {
  const vendor = await requirePortalVendor(request, { resource: true });
  const interview = await getPortalInterview(vendor);
  invariantResponse(interview, "There is no published interview for your company yet.");
  const body = vendorInterviewIcs(
    {
      interviewId: interview.id,
      startsAt: interview.startsAt,
      endsAt: interview.endsAt,
      mode: interview.mode,
      location: interview.location,
      meetingLink: interview.meetingLink,
      buyer: BUYER_NAME,
      rfp: { reference: vendor.rfp.reference, title: vendor.rfp.title },
      agenda: interview.agenda,
      questionCount: interview.questions.length,
    },
    { timeZone: vendor.rfp.timeZone, host: new URL(request.url).hostname },
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="interview-${vendor.rfp.reference}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
