import type { LoaderFunctionArgs } from "@remix-run/node";
import { panelMemberEvents } from "~/domain/interview-calendar";
import { getInterviewCalendar } from "~/models/interview-schedule-calendar.server";
import { requireRfpPermission } from "~/models/policy.server";
import { requireUser } from "~/utils/auth.server";
import { calendarResponse } from "~/utils/calendar.server";
import { forbidden, invariantResponse } from "~/utils/http.server";

/**
 * A panel member's calendar entry for one interview: their own, or (for the lead, with
 * ?member=<id>) any attendee's. Experts get one entry per stretch of their agenda items.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { resource: true });
  const { rfp, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view_interviews");
  const calendar = await getInterviewCalendar({ rfpId: rfp.id, interviewId: params.interviewId ?? "" });
  invariantResponse(calendar, "We could not find that interview.");
  const memberId = new URL(request.url).searchParams.get("member");
  const attendee = memberId
    ? calendar.attendees.find((candidate) => candidate.memberId === memberId)
    : calendar.attendees.find((candidate) => candidate.userId === user.id);
  if (attendee && attendee.userId !== user.id && !permissions.includes("rfp.manage_interviews")) {
    throw forbidden("You can download only your own calendar entry.");
  }
  invariantResponse(
    attendee,
    memberId ? "That person is not invited to this interview." : "You are not invited to this interview.",
  );
  const events = panelMemberEvents(calendar.data, attendee);
  invariantResponse(events.length > 0, "This expert is not invited to any item of the agenda yet.");
  return calendarResponse(events, `interview-${calendar.data.vendorName}-${attendee.name}.ics`);
}
