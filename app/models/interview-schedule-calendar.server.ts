import { prisma } from "~/db.server";
import type { InterviewCalendarData } from "~/domain/interview-calendar";

/**
 * What an interview's calendar entries are built from (domain/interview-calendar turns it into
 * events). Found by RFP and interview for staff, or by invitation for the vendor's portal.
 */
export async function getInterviewCalendar(where: { rfpId: string; interviewId: string } | { invitationId: string }) {
  const row = await prisma.interview.findFirst({
    where:
      "invitationId" in where ? { invitationId: where.invitationId } : { id: where.interviewId, rfpId: where.rfpId },
    select: {
      id: true,
      version: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      meetingLink: true,
      rfp: {
        select: {
          reference: true,
          title: true,
          timeZone: true,
          members: {
            where: { role: "LEAD" },
            orderBy: { addedAt: "asc" },
            take: 1,
            select: { user: { select: { name: true, email: true } } },
          },
        },
      },
      invitation: { select: { vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } } },
      agenda: {
        orderBy: { position: "asc" },
        select: { id: true, title: true, minutes: true, owner: { select: { user: { select: { name: true } } } } },
      },
      attendees: {
        select: {
          partial: true,
          member: { select: { id: true, userId: true, user: { select: { name: true, email: true } } } },
          items: { select: { itemId: true } },
        },
      },
    },
  });
  if (!row) return null;
  const data: InterviewCalendarData = {
    interviewId: row.id,
    rfpReference: row.rfp.reference,
    rfpTitle: row.rfp.title,
    vendorName: row.invitation.vendor.name,
    timeZone: row.rfp.timeZone,
    start: row.startsAt,
    end: row.endsAt,
    mode: row.mode,
    location: row.location,
    meetingLink: row.meetingLink,
    version: row.version,
    agenda: row.agenda.map((item) => ({
      title: item.title,
      minutes: item.minutes,
      ownerName: item.owner?.user.name ?? null,
    })),
    organizer: row.rfp.members[0]?.user ?? null,
  };
  const attendees = row.attendees.map((attendee) => {
    const attended = new Set(attendee.items.map((item) => item.itemId));
    return {
      memberId: attendee.member.id,
      userId: attendee.member.userId,
      name: attendee.member.user.name,
      email: attendee.member.user.email,
      whole: !attendee.partial,
      itemIndexes: row.agenda.flatMap((item, index) => (attended.has(item.id) ? [index] : [])),
    };
  });
  return { data, attendees, vendorContact: row.invitation.contact };
}
