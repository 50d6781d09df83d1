import type { LoaderFunctionArgs } from "@remix-run/node";
import { vendorEvent } from "~/domain/interview-calendar";
import { getInterviewCalendar } from "~/models/interview-schedule-calendar.server";
import { requireRfpPermission } from "~/models/policy.server";
import { requireUser } from "~/utils/auth.server";
import { calendarResponse } from "~/utils/calendar.server";
import { forbidden, invariantResponse } from "~/utils/http.server";

/**
 * The vendor contact's calendar entry, for the lead (to send) and the interview's attendees.
 * The vendor's own download in its portal builds the same entry (domain/interview-calendar).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const calendar = await getInterviewCalendar({ rfpId: rfp.id, interviewId: params.interviewId ?? "" });
  invariantResponse(calendar, "We could not find that interview.");
  const attends = calendar.attendees.some((attendee) => attendee.userId === user.id);
  if (!attends && !permissions.includes("rfp.manage_interviews")) {
    throw forbidden("Only the lead and the interview's attendees can download the vendor's entry.");
  }
  return calendarResponse(
    [vendorEvent(calendar.data, calendar.vendorContact)],
    `interview-${calendar.data.vendorName}-vendor.ics`,
  );
}
