/**
 * The RFP timeline: the legal moments of a tender. Stored as UTC instants, entered and shown in
 * the RFP's own time zone (a deadline is 17:00 where the buyer is, not where the reader is).
 */
export const TIMELINE_FIELDS = [
  { key: "issueDate", label: "Issue date", hint: "RFP sent to invited vendors" },
  { key: "questionsDeadline", label: "Clarification questions close", hint: "Last moment vendors may ask" },
  { key: "proposalDeadline", label: "Proposal deadline", hint: "Sealed; late proposals are refused" },
  { key: "interviewStart", label: "Interviews from", hint: "Oral interviews window opens" },
  { key: "interviewEnd", label: "Interviews until", hint: "Oral interviews window closes" },
  { key: "decisionTarget", label: "Decision target", hint: "Executive award decision" },
] as const;

export type TimelineKey = (typeof TIMELINE_FIELDS)[number]["key"];
export type Timeline = Record<TimelineKey, Date | null>;
export type TimelineIssue = { field: TimelineKey; message: string };

/**
 * Each moment must come after the ones before it. The interview window may start and end on the
 * same instant only if it is empty, so start must be strictly before end.
 */
export function timelineOrderIssues(timeline: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const earlier: { label: string; at: Date }[] = [];
  for (const field of TIMELINE_FIELDS) {
    const at = timeline[field.key];
    if (!at) continue;
    // Compared with every earlier milestone, so fixing one problem does not reveal the next;
    // the message names the latest milestone it must follow.
    const violated = earlier.filter((milestone) => at.getTime() <= milestone.at.getTime()).at(-1);
    if (violated)
      issues.push({ field: field.key, message: `${field.label} must be after ${violated.label.toLowerCase()}` });
    earlier.push({ label: field.label, at });
  }
  return issues;
}

/** Just the timeline of a record that has the timeline columns (and more). */
export function timelineOf(record: Timeline): Timeline {
  return Object.fromEntries(TIMELINE_FIELDS.map((field) => [field.key, record[field.key]])) as Timeline;
}

export function missingTimelineFields(timeline: Timeline): TimelineKey[] {
  return TIMELINE_FIELDS.filter((field) => !timeline[field.key]).map((field) => field.key);
}

export function timelineLabel(key: TimelineKey) {
  return TIMELINE_FIELDS.find((field) => field.key === key)?.label ?? key;
}

/** Where "now" sits on the timeline: the last milestone passed and the next one ahead. */
export function timelineProgress(timeline: Timeline, now: Date) {
  const dated = TIMELINE_FIELDS.flatMap((field) => {
    const at = timeline[field.key];
    return at ? [{ key: field.key, label: field.label, at }] : [];
  });
  const passed = dated.filter((milestone) => milestone.at.getTime() <= now.getTime());
  const upcoming = dated.filter((milestone) => milestone.at.getTime() > now.getTime());
  return { last: passed.at(-1) ?? null, next: upcoming[0] ?? null };
}
