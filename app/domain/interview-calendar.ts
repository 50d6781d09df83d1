import type { TimeRange } from "./scheduling";

/**
 * Calendar entries for an interview, as plain data: the staff download (.ics per panel member
 * and for the vendor contact) and the vendor's own download in its portal build on the same
 * functions, so everyone's calendar says the same thing. Times are instants; descriptions give
 * wall-clock times in the RFP's time zone, where the interview happens.
 */
export type CalendarPerson = { name: string; email: string };

export type CalendarEvent = {
  /** Stable per interview and recipient, so a newer download replaces the older entry. */
  uid: string;
  start: Date;
  end: Date;
  title: string;
  description: string;
  location: string;
  url: string | null;
  organizer: CalendarPerson | null;
  attendees: CalendarPerson[];
  /** Bumped with every change to the interview (its version). */
  sequence: number;
};

export type InterviewCalendarData = {
  interviewId: string;
  rfpReference: string;
  rfpTitle: string;
  vendorName: string;
  timeZone: string;
  start: Date;
  end: Date;
  mode: "IN_PERSON" | "VIRTUAL";
  location: string;
  meetingLink: string;
  version: number;
  /** In order; ownerName null means the vendor runs the item. */
  agenda: readonly { title: string; minutes: number; ownerName: string | null }[];
  organizer: CalendarPerson | null;
};

/** "14:05" on the wall clock where the interview happens. */
export function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(
    instant,
  );
}

/** "Mon, 3 May 2027, 10:00–12:00 CEST" (the end's date too if it falls on another day). */
export function formatTimeRange(range: TimeRange, timeZone: string, locale = "en-GB"): string {
  const day = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone,
  });
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(range.start)
      .find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  const sameDay = day.format(range.start) === day.format(range.end);
  const end = sameDay ? wallClock(range.end, timeZone) : `${day.format(range.end)}, ${wallClock(range.end, timeZone)}`;
  return `${day.format(range.start)}, ${wallClock(range.start, timeZone)}–${end} ${zoneName}`;
}

/** The agenda on the clock: each item's start and end from the interview's start. */
export function timedAgenda<Item extends { minutes: number }>(agenda: readonly Item[], start: Date) {
  let minute = 0;
  return agenda.map((item) => {
    const from = new Date(start.getTime() + minute * 60_000);
    minute += Math.max(0, item.minutes);
    return { ...item, start: from, end: new Date(start.getTime() + minute * 60_000) };
  });
}

function whereLines(data: InterviewCalendarData): string[] {
  if (data.mode === "VIRTUAL") return [`Online: ${data.meetingLink || "the meeting link follows"}`];
  return [`In person: ${data.location || "the location follows"}`];
}

function eventLocation(data: InterviewCalendarData) {
  return data.mode === "VIRTUAL" ? data.meetingLink : data.location;
}

function agendaLines(
  data: InterviewCalendarData,
  indexes: ReadonlySet<number> | null,
  ownerFor: (owner: string | null) => string,
) {
  return timedAgenda(data.agenda, data.start)
    .filter((_, index) => indexes === null || indexes.has(index))
    .map(
      (item) =>
        `${wallClock(item.start, data.timeZone)}–${wallClock(item.end, data.timeZone)} ${item.title} (${item.minutes} min, ${ownerFor(item.ownerName)})`,
    );
}

const panelOwner = (owner: string | null) => owner ?? "the vendor";

/**
 * A panel member's entries: the whole interview in one entry, or, for a subject-matter expert,
 * one entry per stretch of their items, each saying which items they are invited for.
 */
export function panelMemberEvents(
  data: InterviewCalendarData,
  member: { memberId: string; name: string; email: string; whole: boolean; itemIndexes: readonly number[] },
): CalendarEvent[] {
  const base = {
    location: eventLocation(data),
    url: data.mode === "VIRTUAL" && data.meetingLink ? data.meetingLink : null,
    organizer: data.organizer,
    attendees: [{ name: member.name, email: member.email }],
    sequence: data.version,
  };
  const intro = `Oral interview with ${data.vendorName} for ${data.rfpReference} ${data.rfpTitle}.`;
  if (member.whole) {
    return [
      {
        ...base,
        uid: `${data.interviewId}-${member.memberId}@shortlist`,
        start: data.start,
        end: data.end,
        title: `Interview: ${data.vendorName} (${data.rfpReference})`,
        description: [
          intro,
          "Panel member: the whole interview. The panel debriefs immediately afterwards.",
          ...whereLines(data),
          "",
          `Agenda (times in ${data.timeZone}):`,
          ...agendaLines(data, null, panelOwner),
        ].join("\n"),
      },
    ];
  }
  const timed = timedAgenda(data.agenda, data.start);
  const attended = new Set(member.itemIndexes);
  const allTitles = timed.filter((_, index) => attended.has(index)).map((item) => item.title);
  const stretches: { start: Date; end: Date; indexes: number[] }[] = [];
  timed.forEach((item, index) => {
    if (!attended.has(index) || item.minutes <= 0) return;
    const last = stretches.at(-1);
    if (last && last.end.getTime() === item.start.getTime()) {
      last.end = item.end;
      last.indexes.push(index);
    } else stretches.push({ start: item.start, end: item.end, indexes: [index] });
  });
  return stretches.map((stretch, number) => {
    const titles = stretch.indexes.map((index) => timed[index]?.title ?? "");
    return {
      ...base,
      uid: `${data.interviewId}-${member.memberId}-${number + 1}@shortlist`,
      start: stretch.start,
      end: stretch.end,
      title: `Interview: ${data.vendorName} (${data.rfpReference}) — ${titles.join(", ")}`,
      description: [
        intro,
        `Subject-matter expert: invited only for ${allTitles.join("; ")}.`,
        `This entry: ${titles.join("; ")}.`,
        ...whereLines(data),
        "",
        `Your items (times in ${data.timeZone}):`,
        ...agendaLines(data, new Set(stretch.indexes), panelOwner),
      ].join("\n"),
    };
  });
}

/** The vendor contact's entry: the whole interview, its agenda, and what to do before it. */
export function vendorEvent(data: InterviewCalendarData, contact: CalendarPerson | null): CalendarEvent {
  return {
    uid: `${data.interviewId}-vendor@shortlist`,
    start: data.start,
    end: data.end,
    title: `Oral interview: ${data.rfpReference} ${data.rfpTitle}`,
    description: [
      `Your oral interview for ${data.rfpReference} ${data.rfpTitle}.`,
      ...whereLines(data),
      "",
      `Agenda (times in ${data.timeZone}):`,
      ...agendaLines(data, null, (owner) => (owner === null ? "your team" : "the panel")),
      "",
      "Please confirm your attendance and name your presenters in the vendor portal.",
    ].join("\n"),
    location: eventLocation(data),
    url: data.mode === "VIRTUAL" && data.meetingLink ? data.meetingLink : null,
    organizer: data.organizer,
    attendees: contact ? [contact] : [],
    sequence: data.version,
  };
}
