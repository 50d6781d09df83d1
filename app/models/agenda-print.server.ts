import { prisma } from "~/db.server";
import { formatTimeRange, timedAgenda, wallClock } from "~/domain/interview-calendar";

/**
 * The agenda for the room, on paper: times per item, who runs it, who is there, and the advance
 * questions sent to the vendor (edited on the questions part of the interview page).
 */
export async function getPrintableAgenda(rfpId: string, interviewId: string) {
  const row = await prisma.interview.findFirst({
    where: { id: interviewId, rfpId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      meetingLink: true,
      vendorPresenters: true,
      rfp: { select: { reference: true, title: true, timeZone: true } },
      invitation: { select: { vendor: { select: { name: true } } } },
      agenda: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          minutes: true,
          requiredExpertise: true,
          owner: { select: { user: { select: { name: true } } } },
          attendees: { select: { attendee: { select: { member: { select: { user: { select: { name: true } } } } } } } },
        },
      },
      attendees: {
        select: {
          partial: true,
          member: { select: { role: true, user: { select: { name: true } } } },
          items: { select: { item: { select: { title: true, position: true } } } },
        },
      },
      questions: { orderBy: { position: "asc" }, select: { id: true, category: true, text: true } },
    },
  });
  if (!row) return null;
  const timeZone = row.rfp.timeZone;
  const panel = row.attendees.filter((attendee) => !attendee.partial).map((attendee) => attendee.member.user.name);
  return {
    rfp: row.rfp,
    vendorName: row.invitation.vendor.name,
    when: formatTimeRange({ start: row.startsAt, end: row.endsAt }, timeZone),
    mode: row.mode,
    place: row.mode === "VIRTUAL" ? row.meetingLink : row.location,
    vendorPresenters: row.vendorPresenters,
    panel,
    experts: row.attendees
      .filter((attendee) => attendee.partial)
      .map((attendee) => ({
        name: attendee.member.user.name,
        items: attendee.items
          .map((entry) => entry.item)
          .sort((a, b) => a.position - b.position)
          .map((item) => item.title),
      })),
    items: timedAgenda(row.agenda, row.startsAt).map((item) => ({
      id: item.id,
      from: wallClock(item.start, timeZone),
      to: wallClock(item.end, timeZone),
      title: item.title,
      minutes: item.minutes,
      owner: item.owner?.user.name ?? `${row.invitation.vendor.name} (vendor)`,
      requiredExpertise: item.requiredExpertise,
      attendees: [...panel, ...item.attendees.map((entry) => entry.attendee.member.user.name)],
    })),
    questions: row.questions,
  };
}
