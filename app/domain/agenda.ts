/**
 * Interview agendas. Every participant gets an agenda with time allotments; vendors get the
 * questions in advance; subject-matter experts attend only the parts that match their expertise,
 * so their time (and the organisation's) is spent where it counts.
 */

/** The standard advance-question categories; each has a Q&A block in the standard agenda. */
export const STANDARD_QUESTION_CATEGORIES = [
  { key: "SIMILAR_ENGAGEMENTS", label: "Similar industry engagements" },
  { key: "SYSTEM_INTEGRATION", label: "System integration" },
  { key: "COMMUNICATION_CHANNELS", label: "Communication channels" },
  { key: "QUALITY_CONTROL", label: "Quality control" },
  { key: "BRANDING", label: "Branding" },
] as const;
export type QuestionCategoryKey = (typeof STANDARD_QUESTION_CATEGORIES)[number]["key"];

export type AgendaOwner = { kind: "LEAD" } | { kind: "VENDOR" } | { kind: "PANEL_MEMBER"; panelMemberId: string };

export type AgendaItem = {
  title: string;
  minutes: number;
  owner: AgendaOwner;
  /** Expertise a subject-matter expert needs to be invited to this item; null = core panel only. */
  requiredExpertise: string | null;
  questionCategory?: QuestionCategoryKey | null;
};

export type AgendaIssue =
  | { kind: "INVALID_SLOT_LENGTH"; slotMinutes: number }
  | { kind: "EMPTY_AGENDA" }
  | { kind: "TITLE_MISSING"; index: number }
  | { kind: "MINUTES_NOT_POSITIVE"; index: number; minutes: number }
  | { kind: "MINUTES_NOT_WHOLE"; index: number; minutes: number }
  | { kind: "OVERRUNS_SLOT"; totalMinutes: number; slotMinutes: number; overBy: number };

export type TimedAgendaItem = AgendaItem & {
  index: number;
  /** Minutes from the start of the interview. */
  startMinute: number;
  endMinute: number;
  /** Minutes used up to the end of this item, for the builder's running total. */
  runningTotal: number;
  /** True for the item that pushes the running total past the slot, and every item after it. */
  overruns: boolean;
};

export type AgendaSummary = {
  items: TimedAgendaItem[];
  totalMinutes: number;
  slotMinutes: number;
  /** Negative when the agenda overruns. */
  remainingMinutes: number;
  fits: boolean;
  issues: AgendaIssue[];
};

export function agendaIssues(items: readonly AgendaItem[], slotMinutes: number): AgendaIssue[] {
  const issues: AgendaIssue[] = [];
  if (!(Number.isInteger(slotMinutes) && slotMinutes > 0)) issues.push({ kind: "INVALID_SLOT_LENGTH", slotMinutes });
  if (items.length === 0) issues.push({ kind: "EMPTY_AGENDA" });
  items.forEach((item, index) => {
    if (!item.title.trim()) issues.push({ kind: "TITLE_MISSING", index });
    if (!(item.minutes > 0)) issues.push({ kind: "MINUTES_NOT_POSITIVE", index, minutes: item.minutes });
    else if (!Number.isInteger(item.minutes)) issues.push({ kind: "MINUTES_NOT_WHOLE", index, minutes: item.minutes });
  });
  const totalMinutes = total(items);
  if (slotMinutes > 0 && totalMinutes > slotMinutes) {
    issues.push({ kind: "OVERRUNS_SLOT", totalMinutes, slotMinutes, overBy: totalMinutes - slotMinutes });
  }
  return issues;
}

/** The builder's view: each item's offset and running total against the slot, and what is wrong. */
export function agendaSummary(items: readonly AgendaItem[], slotMinutes: number): AgendaSummary {
  let runningTotal = 0;
  const timed = items.map((item, index) => {
    const startMinute = runningTotal;
    runningTotal += validMinutes(item.minutes);
    return { ...item, index, startMinute, endMinute: runningTotal, runningTotal, overruns: runningTotal > slotMinutes };
  });
  const issues = agendaIssues(items, slotMinutes);
  return {
    items: timed,
    totalMinutes: runningTotal,
    slotMinutes,
    remainingMinutes: slotMinutes - runningTotal,
    fits: issues.length === 0,
    issues,
  };
}

export function describeAgendaIssue(issue: AgendaIssue): string {
  switch (issue.kind) {
    case "INVALID_SLOT_LENGTH":
      return "The interview slot must last a whole number of minutes.";
    case "EMPTY_AGENDA":
      return "Add at least one agenda item.";
    case "TITLE_MISSING":
      return `Item ${issue.index + 1} needs a title.`;
    case "MINUTES_NOT_POSITIVE":
      return `Item ${issue.index + 1} must last at least one minute.`;
    case "MINUTES_NOT_WHOLE":
      return `Item ${issue.index + 1} must last a whole number of minutes.`;
    case "OVERRUNS_SLOT":
      return `The agenda takes ${issue.totalMinutes} minutes but the slot is ${issue.slotMinutes}; cut ${issue.overBy} minutes.`;
  }
}

function validMinutes(minutes: number) {
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

function total(items: readonly AgendaItem[]) {
  return items.reduce((sum, item) => sum + validMinutes(item.minutes), 0);
}

// ---------------------------------------------------------------------------------------------
// The standard agenda.

/** The standard agenda for a two-hour slot; other lengths scale it. */
export const STANDARD_AGENDA: readonly AgendaItem[] = [
  { title: "Introductions", minutes: 10, owner: { kind: "LEAD" }, requiredExpertise: null },
  { title: "Vendor presentation", minutes: 25, owner: { kind: "VENDOR" }, requiredExpertise: null },
  ...STANDARD_QUESTION_CATEGORIES.map((category) => ({
    title: `Q&A: ${category.label}`,
    minutes: 10,
    owner: { kind: "LEAD" } as const,
    requiredExpertise: category.label,
    questionCategory: category.key,
  })),
  { title: "Demonstration", minutes: 25, owner: { kind: "VENDOR" }, requiredExpertise: null },
  { title: "Wrap-up and next steps", minutes: 10, owner: { kind: "LEAD" }, requiredExpertise: null },
];

/** Agenda items are sized in blocks of this many minutes, so calendar times stay round. */
export const AGENDA_BLOCK_MINUTES = 5;

export type StandardAgendaResult =
  | { ok: true; items: AgendaItem[]; spareMinutes: number }
  | { ok: false; reason: "SLOT_TOO_SHORT"; minimumMinutes: number };

/**
 * The standard agenda scaled to the slot: each item keeps its share of the time, in whole
 * 5-minute blocks, at least one block each. Blocks are shared out by the largest-remainder
 * method (ties go to the earlier item), so the agenda fills the slot to the last whole block;
 * minutes left below one block are reported as spare.
 */
export function standardAgenda(slotMinutes: number): StandardAgendaResult {
  const template = STANDARD_AGENDA;
  const minimumMinutes = template.length * AGENDA_BLOCK_MINUTES;
  if (!(slotMinutes >= minimumMinutes)) return { ok: false, reason: "SLOT_TOO_SHORT", minimumMinutes };
  const blocks = Math.floor(slotMinutes / AGENDA_BLOCK_MINUTES);
  const templateTotal = total(template);
  const ideal = template.map((item) => (item.minutes / templateTotal) * blocks);
  const allocated = ideal.map((share) => Math.max(1, Math.floor(share)));
  let surplus = blocks - allocated.reduce((sum, count) => sum + count, 0);
  const byRemainder = ideal
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let step = 0; surplus > 0; step++, surplus--) {
    const index = byRemainder[step % byRemainder.length]?.index ?? 0;
    allocated[index] = (allocated[index] ?? 0) + 1;
  }
  // Minimums can overshoot on short slots: take back from the largest items, later ones first.
  while (surplus < 0) {
    let largest = allocated.length - 1;
    for (let index = allocated.length - 1; index >= 0; index--) {
      if ((allocated[index] ?? 0) > (allocated[largest] ?? 0)) largest = index;
    }
    allocated[largest] = (allocated[largest] ?? 0) - 1;
    surplus++;
  }
  const items = template.map((item, index) => ({ ...item, minutes: (allocated[index] ?? 1) * AGENDA_BLOCK_MINUTES }));
  return { ok: true, items, spareMinutes: slotMinutes - total(items) };
}

// ---------------------------------------------------------------------------------------------
// Who attends what, and when.

export type PanelAttendee = {
  panelMemberId: string;
  /** The core panel attends everything; experts attend only the items matching their expertise. */
  role: "CORE" | "EXPERT";
  expertise: readonly string[];
};

export type ScheduledAgendaItem = TimedAgendaItem & { start: Date; end: Date; attendeeIds: string[] };

export type CalendarWindow = { start: Date; end: Date; itemTitles: string[] };

export type MemberAgenda = {
  panelMemberId: string;
  role: "CORE" | "EXPERT";
  itemIndexes: number[];
  /** Back-to-back items merged, one calendar entry each. */
  windows: CalendarWindow[];
  /** The line for the calendar entry: what this member is invited for. */
  note: string;
};

export type AgendaAttendance = {
  items: ScheduledAgendaItem[];
  members: MemberAgenda[];
  /** Items needing an expertise nobody on the panel (core or expert) has: invite an expert or drop it. */
  itemsWithoutExpert: number[];
};

/** Expertise labels match ignoring case and surrounding spaces ("System integration" = "system integration "). */
export function expertiseMatches(required: string, offered: string) {
  return required.trim().toLowerCase() === offered.trim().toLowerCase();
}

/** Does this member attend this item? Owners always attend the item they run. */
export function attends(member: PanelAttendee, item: AgendaItem): boolean {
  if (item.owner.kind === "PANEL_MEMBER" && item.owner.panelMemberId === member.panelMemberId) return true;
  if (member.role === "CORE") return true;
  const required = item.requiredExpertise;
  return (
    required !== null &&
    required.trim() !== "" &&
    member.expertise.some((offered) => expertiseMatches(required, offered))
  );
}

/**
 * The agenda laid on the clock from the interview's start, with each item's attendees, and each
 * member's calendar windows (experts get only their items, with a note saying which).
 */
export function agendaAttendance(
  items: readonly AgendaItem[],
  panel: readonly PanelAttendee[],
  interviewStart: Date,
): AgendaAttendance {
  const at = (minute: number) => new Date(interviewStart.getTime() + minute * 60_000);
  const timed = agendaSummary(items, Number.POSITIVE_INFINITY).items;
  const scheduled = timed.map((item) => ({
    ...item,
    overruns: false,
    start: at(item.startMinute),
    end: at(item.endMinute),
    attendeeIds: panel.filter((member) => attends(member, item)).map((member) => member.panelMemberId),
  }));
  const members = panel.map((member) => {
    const attended = scheduled.filter((item) => item.attendeeIds.includes(member.panelMemberId));
    const windows: CalendarWindow[] = [];
    for (const item of attended) {
      const last = windows.at(-1);
      if (last && last.end.getTime() === item.start.getTime()) {
        last.end = item.end;
        last.itemTitles.push(item.title);
      } else {
        windows.push({ start: item.start, end: item.end, itemTitles: [item.title] });
      }
    }
    const note =
      member.role === "CORE" || attended.length === scheduled.length
        ? "Panel member: the whole interview."
        : attended.length === 0
          ? "Not invited to any item of this interview."
          : `Subject-matter expert: invited only for ${attended.map((item) => item.title).join("; ")}.`;
    return {
      panelMemberId: member.panelMemberId,
      role: member.role,
      itemIndexes: attended.map((item) => item.index),
      windows,
      note,
    };
  });
  const itemsWithoutExpert = scheduled
    .filter((item) => {
      const required = item.requiredExpertise?.trim() ?? "";
      return (
        required !== "" &&
        !panel.some((member) => member.expertise.some((offered) => expertiseMatches(required, offered)))
      );
    })
    .map((item) => item.index);
  return { items: scheduled, members, itemsWithoutExpert };
}
