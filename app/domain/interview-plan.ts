import {
  type InterviewSlot,
  type InterviewWindow,
  localDate,
  type MemberLoad,
  panelLoad,
  type SlotIssue,
  scheduleConflicts,
  slotIssues,
  type TimeRange,
  type Unavailability,
} from "./scheduling";

/**
 * Interviews as the scheduler sees them once people are attached: the core panel sits through
 * the whole slot, a subject-matter expert only through the agenda items they were invited to.
 * The people ids are accounts (not RFP memberships), so one person booked on two RFPs' panels
 * at the same time is still one person in two places.
 */
export type ExpertWindows = { personId: string; windows: readonly TimeRange[] };

export type PlannedInterview = TimeRange & {
  id: string;
  wholeAttendeeIds: readonly string[];
  experts: readonly ExpertWindows[];
};

export type InterviewAttendance = "WHOLE" | "EXPERT" | "NONE";

/**
 * How a panel member attends a new interview unless the lead says otherwise. Expertise is what
 * the lead records for the people brought in as subject-matter experts (the core panel attends
 * everything, so theirs would change nothing); the lead runs the room and attends whole.
 */
export function defaultAttendance(member: { role: string; expertise: readonly string[] }): "WHOLE" | "EXPERT" {
  if (member.role === "LEAD") return "WHOLE";
  return member.expertise.some((label) => label.trim() !== "") ? "EXPERT" : "WHOLE";
}

/** "System integration, branding " → ["System integration", "branding"], without blanks or repeats (ignoring case). */
export function parseExpertise(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const label = raw.trim().replace(/\s+/g, " ");
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    labels.push(label);
  }
  return labels;
}

/**
 * The expertise worth printing under an agenda item: none when the title already names it
 * ("Q&A: Branding" needing "Branding" says it twice).
 */
export function expertiseNote(title: string, expertise: string | null | undefined): string | null {
  const needed = expertise?.trim() ?? "";
  if (!needed) return null;
  return title.toLowerCase().includes(needed.toLowerCase()) ? null : needed;
}

/**
 * The clock times of the attended agenda items, back-to-back items merged: an expert invited to
 * items 3 and 4 of a 10/25/10/10 agenda starting at 10:00 is busy 10:35–10:55.
 */
export function agendaWindows(
  itemMinutes: readonly number[],
  attendedIndexes: Iterable<number>,
  start: Date,
): TimeRange[] {
  const attended = new Set(attendedIndexes);
  const windows: TimeRange[] = [];
  let minute = 0;
  itemMinutes.forEach((minutes, index) => {
    const length = Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
    const from = new Date(start.getTime() + minute * 60_000);
    minute += length;
    const to = new Date(start.getTime() + minute * 60_000);
    if (!attended.has(index) || length === 0) return;
    const last = windows.at(-1);
    if (last && last.end.getTime() === from.getTime()) last.end = to;
    else windows.push({ start: from, end: to });
  });
  return windows;
}

const SEPARATOR = "#";

/** The interview as scheduler slots: one for the whole-interview attendees, one per expert window. */
export function busySlots(interview: PlannedInterview): InterviewSlot[] {
  const main: InterviewSlot = {
    id: interview.id,
    vendorId: interview.id,
    start: interview.start,
    end: interview.end,
    panelMemberIds: interview.wholeAttendeeIds,
  };
  const expertSlots = interview.experts.flatMap((expert) =>
    expert.windows.map((window, index) => {
      const id = [interview.id, expert.personId, index].join(SEPARATOR);
      // Each window is its own "vendor", so two experts' windows of one interview never clash as a vendor would.
      return { id, vendorId: id, start: window.start, end: window.end, panelMemberIds: [expert.personId] };
    }),
  );
  return [main, ...expertSlots];
}

function interviewOf(slotId: string) {
  return slotId.split(SEPARATOR)[0] ?? slotId;
}

export type PlanConflict =
  | { kind: "DOUBLE_BOOKED"; personId: string; interviewIds: [string, string]; when: TimeRange }
  | { kind: "UNAVAILABLE"; personId: string; interviewId: string; period: Unavailability; when: TimeRange };

function intersection(a: TimeRange, b: TimeRange): TimeRange {
  return {
    start: new Date(Math.max(a.start.getTime(), b.start.getTime())),
    end: new Date(Math.min(a.end.getTime(), b.end.getTime())),
  };
}

function hull(a: TimeRange, b: TimeRange): TimeRange {
  return {
    start: new Date(Math.min(a.start.getTime(), b.start.getTime())),
    end: new Date(Math.max(a.end.getTime(), b.end.getTime())),
  };
}

/**
 * Every clash in a set of interviews: a person in two interviews at once (an expert only for
 * their windows), a person booked while unavailable. One entry per person and pair (or period),
 * `when` spanning the clashing time; earliest first.
 */
export function planConflicts(
  interviews: readonly PlannedInterview[],
  unavailability: readonly Unavailability[],
): PlanConflict[] {
  const slots = interviews.flatMap(busySlots);
  const byId = new Map(slots.map((slot) => [slot.id, slot]));
  const found = new Map<string, PlanConflict>();
  const keep = (key: string, conflict: PlanConflict) => {
    const earlier = found.get(key);
    found.set(key, earlier ? { ...earlier, when: hull(earlier.when, conflict.when) } : conflict);
  };
  for (const conflict of scheduleConflicts(slots, unavailability)) {
    if (conflict.kind === "DOUBLE_BOOKED") {
      const [first, second] = conflict.slotIds.map((id) => byId.get(id));
      if (!first || !second) continue;
      const interviewIds: [string, string] = [interviewOf(first.id), interviewOf(second.id)];
      if (interviewIds[0] === interviewIds[1]) continue;
      keep(`D${SEPARATOR}${conflict.panelMemberId}${SEPARATOR}${interviewIds.join(SEPARATOR)}`, {
        kind: "DOUBLE_BOOKED",
        personId: conflict.panelMemberId,
        interviewIds,
        when: intersection(first, second),
      });
    } else if (conflict.kind === "UNAVAILABLE") {
      const slot = byId.get(conflict.slotId);
      if (!slot) continue;
      const interviewId = interviewOf(slot.id);
      keep(
        `U${SEPARATOR}${conflict.panelMemberId}${SEPARATOR}${interviewId}${SEPARATOR}${unavailability.indexOf(conflict.period)}`,
        {
          kind: "UNAVAILABLE",
          personId: conflict.panelMemberId,
          interviewId,
          period: conflict.period,
          when: intersection(slot, conflict.period),
        },
      );
    }
    // VENDOR_DOUBLE_BOOKED cannot happen: every slot above has its own vendor key.
  }
  return [...found.values()].sort((a, b) => a.when.start.getTime() - b.when.start.getTime());
}

/**
 * What stands in the way of this interview (new or moved): its own slot issues (window, business
 * hours) and the clashes it causes. Double bookings name the proposed interview first.
 */
export function interviewProblems(
  proposed: PlannedInterview,
  others: readonly PlannedInterview[],
  unavailability: readonly Unavailability[],
  window: InterviewWindow,
): { issues: SlotIssue[]; conflicts: PlanConflict[] } {
  const rest = others.filter((other) => other.id !== proposed.id);
  const conflicts = planConflicts([proposed, ...rest], unavailability).flatMap((conflict): PlanConflict[] => {
    if (conflict.kind === "UNAVAILABLE") return conflict.interviewId === proposed.id ? [conflict] : [];
    const [first, second] = conflict.interviewIds;
    if (first === proposed.id) return [conflict];
    if (second === proposed.id) return [{ ...conflict, interviewIds: [second, first] }];
    return [];
  });
  const slot = { id: proposed.id, vendorId: proposed.id, start: proposed.start, end: proposed.end, panelMemberIds: [] };
  return { issues: slotIssues(slot, window), conflicts };
}

/**
 * Each person's load: interviews (an expert with two windows in one interview still counts one),
 * the minutes they actually sit in, per day in the RFP's time zone.
 */
export function interviewLoad(interviews: readonly PlannedInterview[], timeZone: string): MemberLoad[] {
  const slots = interviews.flatMap(busySlots);
  const loads = panelLoad(slots, timeZone);
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const slot of slots) {
    const date = localDate(slot.start, timeZone);
    for (const personId of slot.panelMemberIds) {
      const days = seen.get(personId) ?? new Map<string, Set<string>>();
      const ids = days.get(date) ?? new Set<string>();
      ids.add(interviewOf(slot.id));
      days.set(date, ids);
      seen.set(personId, days);
    }
  }
  return loads.map((load) => {
    const days = seen.get(load.panelMemberId) ?? new Map<string, Set<string>>();
    const all = new Set([...days.values()].flatMap((ids) => [...ids]));
    return {
      ...load,
      interviews: all.size,
      byDay: load.byDay.map((day) => ({ ...day, interviews: days.get(day.date)?.size ?? 0 })),
    };
  });
}
