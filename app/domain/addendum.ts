import { TIMELINE_FIELDS, type Timeline, type TimelineIssue, type TimelineKey, timelineOrderIssues } from "./timeline";

/**
 * After publishing, the RFP changes only through numbered addenda that every invited vendor
 * receives and acknowledges. These are the rules for what an addendum may change.
 */

/** "Addendum 3": how vendors and the log refer to it. */
export function addendumLabel(number: number) {
  return `Addendum ${number}`;
}

/**
 * Whether two document snapshots differ in anything at all. JSON stored in the database does not
 * keep key order, so both sides are compared in a canonical form (keys sorted, arrays in order).
 */
export function documentsDiffer(previous: unknown, next: unknown) {
  return canonicalJson(previous) !== canonicalJson(next);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The milestones whose moment differs between two timelines. */
export function changedTimelineFields(current: Timeline, proposed: Timeline): TimelineKey[] {
  return TIMELINE_FIELDS.filter(
    (field) => (current[field.key]?.getTime() ?? null) !== (proposed[field.key]?.getTime() ?? null),
  ).map((field) => field.key);
}

/**
 * What is wrong with moving a published RFP's timeline to `proposed`. Vendors plan their bids
 * around these dates, so: every milestone stays set, the issue date is history once it passed,
 * a changed milestone must lie in the future, the proposal deadline can be extended but never
 * brought forward, and the order still holds.
 */
export function publishedTimelineIssues(current: Timeline, proposed: Timeline, now: Date): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const changed = new Set(changedTimelineFields(current, proposed));
  for (const field of TIMELINE_FIELDS) {
    const before = current[field.key];
    const after = proposed[field.key];
    if (!after) {
      issues.push({ field: field.key, message: `${field.label} is required once the RFP is published.` });
      continue;
    }
    if (!changed.has(field.key)) continue;
    if (field.key === "issueDate" && before && before.getTime() <= now.getTime()) {
      issues.push({ field: field.key, message: "The RFP has been issued; its issue date cannot change." });
    } else if (after.getTime() <= now.getTime()) {
      issues.push({ field: field.key, message: `${field.label} must be in the future.` });
    } else if (field.key === "proposalDeadline" && before && after.getTime() < before.getTime()) {
      issues.push({
        field: field.key,
        message: "Vendors plan their bids around the published deadline: it can be extended, never brought forward.",
      });
    }
  }
  for (const issue of timelineOrderIssues(proposed)) {
    if (!issues.some((existing) => existing.field === issue.field)) {
      issues.push({ field: issue.field, message: `${issue.message}.` });
    }
  }
  return issues;
}

/**
 * What is wrong with extending the proposal deadline to `newDeadline`: it must move later than the
 * current deadline and into the future, and must still come before the interviews.
 */
export function extensionIssues(current: Timeline, newDeadline: Date, now: Date): string[] {
  const previous = current.proposalDeadline;
  if (previous && newDeadline.getTime() <= previous.getTime()) {
    return ["The new deadline must be after the current proposal deadline."];
  }
  if (newDeadline.getTime() <= now.getTime()) return ["The new deadline must be in the future."];
  const order = timelineOrderIssues({ ...current, proposalDeadline: newDeadline });
  return order.map((issue) =>
    issue.field === "proposalDeadline"
      ? `${issue.message}.`
      : `${issue.message}: issue an addendum that moves the later milestones first.`,
  );
}

export type AcknowledgementState = "ACKNOWLEDGED" | "PENDING" | "NOT_BIDDING";

/**
 * Where one vendor stands with one addendum. A vendor that declined to bid is still told about
 * every addendum but is not chased for an acknowledgement.
 */
export function acknowledgementState(input: { acknowledged: boolean; invitationStatus: string }): AcknowledgementState {
  if (input.acknowledged) return "ACKNOWLEDGED";
  return input.invitationStatus === "DECLINED" ? "NOT_BIDDING" : "PENDING";
}
