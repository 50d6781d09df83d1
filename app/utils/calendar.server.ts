import { createEvents, type EventAttributes } from "ics";
import type { CalendarEvent } from "~/domain/interview-calendar";

/** RFC 5545 text for calendar entries built by domain/interview-calendar (times in UTC). */
export function calendarFile(events: readonly CalendarEvent[]): string {
  const attributes = events.map(
    (event): EventAttributes => ({
      uid: event.uid,
      start: event.start.getTime(),
      startInputType: "utc",
      startOutputType: "utc",
      end: event.end.getTime(),
      endInputType: "utc",
      endOutputType: "utc",
      title: event.title,
      description: event.description,
      location: event.location || undefined,
      url: event.url ?? undefined,
      status: "CONFIRMED",
      busyStatus: "BUSY",
      sequence: event.sequence,
      organizer: event.organizer ?? undefined,
      attendees: event.attendees.map((person) => ({
        ...person,
        rsvp: true,
        partstat: "NEEDS-ACTION",
        role: "REQ-PARTICIPANT",
      })),
    }),
  );
  const { error, value } = createEvents(attributes, { productId: "-//Shortlist//Interviews//EN", method: "PUBLISH" });
  if (error || !value) throw error ?? new Error("The calendar file could not be generated.");
  return value;
}

export function calendarResponse(events: readonly CalendarEvent[], filename: string) {
  return new Response(calendarFile(events), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
