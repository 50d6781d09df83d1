import { TZDate } from "@date-fns/tz";

/**
 * Interview scheduling. Interviews happen inside the RFP's interview window, during business
 * hours where the buyer is (the RFP's time zone). Getting decision makers and subject-matter
 * experts into the same room is the hard part, so a panel member booked into two interviews at
 * once, or booked while marked unavailable, is a conflict. All intervals are half-open
 * [start, end): an interview ending at 11:00 does not clash with one starting at 11:00.
 */
export type TimeRange = { start: Date; end: Date };

export type BusinessHours = {
  /** Wall-clock "HH:mm" in the RFP's time zone. */
  opens: string;
  closes: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
};

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { opens: "09:00", closes: "17:00", weekdays: [1, 2, 3, 4, 5] };

export type InterviewWindow = TimeRange & { timeZone: string; businessHours: BusinessHours };

export type InterviewSlot = TimeRange & { id: string; vendorId: string; panelMemberIds: readonly string[] };

export type Unavailability = TimeRange & { panelMemberId: string; note?: string };

export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

// ---------------------------------------------------------------------------------------------
// Wall-clock helpers in the RFP's time zone.

const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(time: string): number | null {
  const match = WALL_CLOCK.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function isValidTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return Boolean(timeZone);
  } catch {
    return false;
  }
}

function zoned(instant: Date, timeZone: string) {
  return new TZDate(instant.getTime(), timeZone);
}

/** "2027-05-03": the calendar date of an instant where the buyer is. */
export function localDate(instant: Date, timeZone: string): string {
  const local = zoned(instant, timeZone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

function isoWeekday(local: TZDate) {
  const day = local.getDay();
  return day === 0 ? 7 : day;
}

export function businessHoursIssues(hours: BusinessHours): string[] {
  const issues: string[] = [];
  const opens = minutesOfDay(hours.opens);
  const closes = minutesOfDay(hours.closes);
  if (opens === null) issues.push(`Opening time “${hours.opens}” is not a time like 09:00.`);
  if (closes === null) issues.push(`Closing time “${hours.closes}” is not a time like 17:00.`);
  if (opens !== null && closes !== null && closes <= opens) issues.push("Business hours must close after they open.");
  if (hours.weekdays.length === 0) issues.push("Choose at least one working day.");
  if (hours.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    issues.push("Working days are numbered 1 (Monday) to 7 (Sunday).");
  }
  return issues;
}

/** The business day containing this instant's local date, or null on a non-working day. */
function businessDayOf(local: TZDate, hours: BusinessHours, timeZone: string): TimeRange | null {
  if (!hours.weekdays.includes(isoWeekday(local))) return null;
  const opens = minutesOfDay(hours.opens) ?? 0;
  const closes = minutesOfDay(hours.closes) ?? 0;
  const at = (minutes: number) =>
    new Date(
      new TZDate(
        local.getFullYear(),
        local.getMonth(),
        local.getDate(),
        Math.floor(minutes / 60),
        minutes % 60,
        0,
        timeZone,
      ).getTime(),
    );
  return { start: at(opens), end: at(closes) };
}

/** The business days that intersect the window, clipped to it, in order. */
export function businessTime(window: InterviewWindow): TimeRange[] {
  const days: TimeRange[] = [];
  const first = zoned(window.start, window.timeZone);
  for (let offset = 0; ; offset++) {
    const local = new TZDate(
      first.getFullYear(),
      first.getMonth(),
      first.getDate() + offset,
      12,
      0,
      0,
      window.timeZone,
    );
    if (local.getTime() - 12 * 3_600_000 >= window.end.getTime()) break;
    const day = businessDayOf(local, window.businessHours, window.timeZone);
    if (!day) continue;
    const start = Math.max(day.start.getTime(), window.start.getTime());
    const end = Math.min(day.end.getTime(), window.end.getTime());
    if (start < end) days.push({ start: new Date(start), end: new Date(end) });
  }
  return days;
}

// ---------------------------------------------------------------------------------------------
// Checking slots.

export type SlotIssue =
  | { kind: "ENDS_BEFORE_START"; slotId: string }
  | { kind: "OUTSIDE_WINDOW"; slotId: string }
  | { kind: "OUTSIDE_BUSINESS_HOURS"; slotId: string };

export type ScheduleConflict =
  | { kind: "DOUBLE_BOOKED"; panelMemberId: string; slotIds: [string, string] }
  | { kind: "UNAVAILABLE"; panelMemberId: string; slotId: string; period: Unavailability }
  | { kind: "VENDOR_DOUBLE_BOOKED"; vendorId: string; slotIds: [string, string] };

/** Is the slot inside the interview window and inside one business day? */
export function slotIssues(slot: InterviewSlot, window: InterviewWindow): SlotIssue[] {
  if (slot.end.getTime() <= slot.start.getTime()) return [{ kind: "ENDS_BEFORE_START", slotId: slot.id }];
  const issues: SlotIssue[] = [];
  if (slot.start.getTime() < window.start.getTime() || slot.end.getTime() > window.end.getTime()) {
    issues.push({ kind: "OUTSIDE_WINDOW", slotId: slot.id });
  }
  const day = businessDayOf(zoned(slot.start, window.timeZone), window.businessHours, window.timeZone);
  if (!day || slot.start.getTime() < day.start.getTime() || slot.end.getTime() > day.end.getTime()) {
    issues.push({ kind: "OUTSIDE_BUSINESS_HOURS", slotId: slot.id });
  }
  return issues;
}

/**
 * Every clash in a schedule: a panel member in two overlapping interviews, a panel member booked
 * while unavailable, a vendor in two overlapping interviews. Pairs are reported once, in slot order.
 */
export function scheduleConflicts(
  slots: readonly InterviewSlot[],
  unavailability: readonly Unavailability[],
): ScheduleConflict[] {
  const conflicts: ScheduleConflict[] = [];
  slots.forEach((slot, index) => {
    for (const other of slots.slice(index + 1)) {
      if (!overlaps(slot, other)) continue;
      for (const panelMemberId of slot.panelMemberIds) {
        if (other.panelMemberIds.includes(panelMemberId)) {
          conflicts.push({ kind: "DOUBLE_BOOKED", panelMemberId, slotIds: [slot.id, other.id] });
        }
      }
      if (slot.vendorId === other.vendorId) {
        conflicts.push({ kind: "VENDOR_DOUBLE_BOOKED", vendorId: slot.vendorId, slotIds: [slot.id, other.id] });
      }
    }
    for (const period of unavailability) {
      if (slot.panelMemberIds.includes(period.panelMemberId) && overlaps(slot, period)) {
        conflicts.push({ kind: "UNAVAILABLE", panelMemberId: period.panelMemberId, slotId: slot.id, period });
      }
    }
  });
  return conflicts;
}

/**
 * What stands in the way of adding or moving one slot: its own issues, and the conflicts it would
 * create with the rest of the schedule (a slot with the same id is the one being moved).
 */
export function proposedSlotProblems(
  proposed: InterviewSlot,
  schedule: readonly InterviewSlot[],
  unavailability: readonly Unavailability[],
  window: InterviewWindow,
): { issues: SlotIssue[]; conflicts: ScheduleConflict[] } {
  const others = schedule.filter((slot) => slot.id !== proposed.id);
  const involvesProposed = (conflict: ScheduleConflict) =>
    conflict.kind === "UNAVAILABLE" ? conflict.slotId === proposed.id : conflict.slotIds.includes(proposed.id);
  return {
    issues: slotIssues(proposed, window),
    conflicts: scheduleConflicts([proposed, ...others], unavailability).filter(involvesProposed),
  };
}

export function describeConflict(conflict: ScheduleConflict, nameOf: (id: string) => string = (id) => id): string {
  switch (conflict.kind) {
    case "DOUBLE_BOOKED":
      return `${nameOf(conflict.panelMemberId)} would be in two interviews at once.`;
    case "UNAVAILABLE":
      return `${nameOf(conflict.panelMemberId)} is unavailable then${conflict.period.note ? ` (${conflict.period.note})` : ""}.`;
    case "VENDOR_DOUBLE_BOOKED":
      return `${nameOf(conflict.vendorId)} would have two interviews at once.`;
  }
}

// ---------------------------------------------------------------------------------------------
// Load.

export type MemberLoad = {
  panelMemberId: string;
  interviews: number;
  minutes: number;
  hours: number;
  /** Per local calendar day in the RFP's time zone, in date order. */
  byDay: { date: string; interviews: number; minutes: number }[];
};

/** Each panel member's interviews and hours, in order of first appearance in the schedule. */
export function panelLoad(slots: readonly InterviewSlot[], timeZone: string): MemberLoad[] {
  const loads = new Map<string, MemberLoad>();
  const ordered = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const slot of ordered) {
    const minutes = Math.max(0, (slot.end.getTime() - slot.start.getTime()) / 60_000);
    const date = localDate(slot.start, timeZone);
    for (const panelMemberId of new Set(slot.panelMemberIds)) {
      const load = loads.get(panelMemberId) ?? { panelMemberId, interviews: 0, minutes: 0, hours: 0, byDay: [] };
      load.interviews += 1;
      load.minutes += minutes;
      load.hours = load.minutes / 60;
      const day = load.byDay.find((entry) => entry.date === date);
      if (day) {
        day.interviews += 1;
        day.minutes += minutes;
      } else {
        load.byDay.push({ date, interviews: 1, minutes });
      }
      loads.set(panelMemberId, load);
    }
  }
  return [...loads.values()];
}

// ---------------------------------------------------------------------------------------------
// The greedy auto-scheduler.

export type AutoScheduleRequest = {
  /** Vendors still needing a slot, in the order they should be offered the earliest times. */
  vendorIds: readonly string[];
  /** Who sits on every interview. */
  panelMemberIds: readonly string[];
  slotMinutes: number;
  /**
   * Minutes kept free after each interview for the panel's immediate debrief (and before the
   * next interview that shares a panel member).
   */
  bufferMinutes: number;
  window: InterviewWindow;
  unavailability: readonly Unavailability[];
  /** Interviews already fixed; they stay where they are. */
  fixedSlots?: readonly InterviewSlot[];
  /** Start times are tried on this grid from each day's opening time. Default 15. */
  stepMinutes?: number;
};

export type UnplacedReason =
  | { kind: "INVALID_REQUEST"; problems: string[] }
  | { kind: "LONGER_THAN_BUSINESS_DAY"; slotMinutes: number; businessDayMinutes: number }
  | { kind: "NO_BUSINESS_TIME_IN_WINDOW" }
  /**
   * Every remaining start time is taken or blocked. `blockedBy` names the members whose
   * unavailability alone blocks at least one start that would otherwise be free: asking them
   * is the quickest way to make room.
   */
  | { kind: "NO_FREE_TIME"; blockedBy: string[] };

export type ProposedSlot = TimeRange & { vendorId: string; panelMemberIds: string[] };

export type AutoSchedule = {
  slots: ProposedSlot[];
  unplaced: { vendorId: string; reason: UnplacedReason }[];
};

/**
 * Proposes a slot for each vendor, greedily: vendors in the given order, each at the earliest
 * start on the grid that lies inside one business day of the window, keeps the buffer from every
 * interview sharing a panel member, and avoids everyone's unavailability. Deterministic: the
 * same request always gives the same schedule. The lead adjusts it afterwards.
 */
export function autoSchedule(request: AutoScheduleRequest): AutoSchedule {
  const vendorIds = [...new Set(request.vendorIds)];
  const fail = (reason: UnplacedReason): AutoSchedule => ({
    slots: [],
    unplaced: vendorIds.map((vendorId) => ({ vendorId, reason })),
  });
  const problems = requestProblems(request);
  if (problems.length > 0) return fail({ kind: "INVALID_REQUEST", problems });

  const { window, slotMinutes, bufferMinutes } = request;
  const step = (request.stepMinutes ?? 15) * 60_000;
  const length = slotMinutes * 60_000;
  const buffer = bufferMinutes * 60_000;
  const opens = minutesOfDay(window.businessHours.opens) ?? 0;
  const closes = minutesOfDay(window.businessHours.closes) ?? 0;
  if (slotMinutes > closes - opens) {
    return fail({ kind: "LONGER_THAN_BUSINESS_DAY", slotMinutes, businessDayMinutes: closes - opens });
  }
  const days = businessTime(window);
  if (days.length === 0) return fail({ kind: "NO_BUSINESS_TIME_IN_WINDOW" });

  const panel = [...new Set(request.panelMemberIds)];
  const booked: TimeRange[] = (request.fixedSlots ?? [])
    .filter((slot) => slot.panelMemberIds.some((id) => panel.includes(id)))
    .map((slot) => ({ start: slot.start, end: slot.end }));
  const away = request.unavailability.filter((period) => panel.includes(period.panelMemberId));
  const candidates = candidateStarts(days, window, step, length);

  const result: AutoSchedule = { slots: [], unplaced: [] };
  for (const vendorId of vendorIds) {
    const blockedBy = new Set<string>();
    let placed: TimeRange | null = null;
    for (const start of candidates) {
      const range = { start: new Date(start), end: new Date(start + length) };
      const padded = { start: new Date(start - buffer), end: new Date(start + length + buffer) };
      if (booked.some((slot) => overlaps(padded, slot))) continue;
      const absent = new Set(away.filter((period) => overlaps(range, period)).map((period) => period.panelMemberId));
      if (absent.size === 0) {
        placed = range;
        break;
      }
      if (absent.size === 1) for (const id of absent) blockedBy.add(id);
    }
    if (placed) {
      booked.push(placed);
      result.slots.push({ vendorId, ...placed, panelMemberIds: panel });
    } else {
      result.unplaced.push({
        vendorId,
        reason: { kind: "NO_FREE_TIME", blockedBy: panel.filter((id) => blockedBy.has(id)) },
      });
    }
  }
  return result;
}

/** Start instants on the step grid from each day's opening, where a whole interview fits. */
function candidateStarts(days: TimeRange[], window: InterviewWindow, step: number, length: number): number[] {
  const starts: number[] = [];
  for (const day of days) {
    const local = zoned(day.start, window.timeZone);
    const opening = businessDayOf(local, window.businessHours, window.timeZone)?.start.getTime() ?? day.start.getTime();
    const first = opening + Math.ceil((day.start.getTime() - opening) / step) * step;
    for (let start = first; start + length <= day.end.getTime(); start += step) starts.push(start);
  }
  return starts;
}

function requestProblems(request: AutoScheduleRequest): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(request.slotMinutes) && request.slotMinutes > 0)) {
    problems.push("The interview length must be a positive whole number of minutes.");
  }
  if (!(Number.isInteger(request.bufferMinutes) && request.bufferMinutes >= 0)) {
    problems.push("The buffer must be a whole number of minutes, zero or more.");
  }
  const step = request.stepMinutes ?? 15;
  if (!(Number.isInteger(step) && step > 0))
    problems.push("The start-time grid must be a positive whole number of minutes.");
  if (!(request.window.end.getTime() > request.window.start.getTime())) {
    problems.push("The interview window must end after it starts.");
  }
  if (!isValidTimeZone(request.window.timeZone)) problems.push(`Unknown time zone “${request.window.timeZone}”.`);
  else problems.push(...businessHoursIssues(request.window.businessHours));
  if (request.panelMemberIds.length === 0) problems.push("Name at least one panel member.");
  return problems;
}
