/**
 * When an interview's agenda and advance questions reach the vendor's portal. Vendors prepare
 * against them (and book travel), so they arrive a set number of days before the interview, or
 * earlier if the lead publishes at once. Once published the questions stay as they are: every
 * vendor gets a fixed list with the same notice.
 */
export const PUBLISH_DAYS_MIN = 1;
export const PUBLISH_DAYS_MAX = 30;
const DAY_MS = 86_400_000;

export type PublicationFacts = { startsAt: Date; publishDaysBefore: number; publishedAt: Date | null };

export type PublicationState =
  | { kind: "PUBLISHED"; at: Date }
  /** Will be published automatically at `dueAt`. */
  | { kind: "SCHEDULED"; dueAt: Date }
  /** Due now: the background publisher picks it up within a minute. */
  | { kind: "DUE"; dueAt: Date }
  /** The interview has started without ever being published. */
  | { kind: "MISSED" };

/** Exactly `days` × 24 hours before the start: the vendor gets the full notice it was promised. */
export function publishDueAt(startsAt: Date, days: number) {
  return new Date(startsAt.getTime() - days * DAY_MS);
}

export function publicationState(interview: PublicationFacts, now: Date): PublicationState {
  if (interview.publishedAt) return { kind: "PUBLISHED", at: interview.publishedAt };
  if (interview.startsAt.getTime() <= now.getTime()) return { kind: "MISSED" };
  const dueAt = publishDueAt(interview.startsAt, interview.publishDaysBefore);
  return dueAt.getTime() <= now.getTime() ? { kind: "DUE", dueAt } : { kind: "SCHEDULED", dueAt };
}

/** The advance questions may change until they are published and while the interview is ahead. */
export function questionsEditable(interview: PublicationFacts, now: Date) {
  return interview.publishedAt === null && interview.startsAt.getTime() > now.getTime();
}

export function publishDaysValid(days: number) {
  return Number.isInteger(days) && days >= PUBLISH_DAYS_MIN && days <= PUBLISH_DAYS_MAX;
}

/** The vendor confirms attendance and names its presenters until the interview starts. */
export function vendorMayConfirm(interview: { startsAt: Date; publishedAt: Date | null }, now: Date) {
  return interview.publishedAt !== null && interview.startsAt.getTime() > now.getTime();
}
