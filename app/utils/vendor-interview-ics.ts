import { createEvent } from "ics";

/**
 * The vendor's calendar entry for its interview (RFC 5545, built with `ics`). Times go out in
 * UTC, so every calendar shows them in its own zone. The UID is stable per interview: downloading
 * again after a change updates the entry instead of adding a second one.
 */
export type VendorInterviewEvent = {
  interviewId: string;
  startsAt: Date;
  endsAt: Date;
  mode: "IN_PERSON" | "VIRTUAL";
  location: string;
  meetingLink: string;
  buyer: string;
  rfp: { reference: string; title: string };
  agenda: { title: string; startsAt: Date; endsAt: Date }[];
  questionCount: number;
};

export function vendorInterviewIcs(event: VendorInterviewEvent, options: { timeZone: string; host: string }): string {
  const time = (at: Date) =>
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: options.timeZone }).format(at);
  const description = [
    `Oral interview for ${event.rfp.title} (${event.rfp.reference}) with ${event.buyer}.`,
    event.mode === "VIRTUAL" && event.meetingLink ? `Join: ${event.meetingLink}` : null,
    event.agenda.length > 0 ? "" : null,
    ...event.agenda.map((item) => `${time(item.startsAt)}–${time(item.endsAt)} ${item.title}`),
    "",
    `${event.questionCount} advance questions: see the Interview page of your vendor portal.`,
  ].filter((line) => line !== null);
  const { error, value } = createEvent({
    uid: `interview-${event.interviewId}@${options.host}`,
    productId: "shortlist/interviews",
    title: `Interview: ${event.rfp.title} (${event.rfp.reference})`,
    description: description.join("\n"),
    location: event.mode === "VIRTUAL" ? event.meetingLink || "Online" : event.location,
    ...(event.mode === "VIRTUAL" && isWebLink(event.meetingLink) ? { url: event.meetingLink } : {}),
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: "CONFIRMED",
    busyStatus: "BUSY",
  });
  if (error || !value) throw error ?? new Error("the calendar entry could not be built");
  return value;
}

function isWebLink(text: string) {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
