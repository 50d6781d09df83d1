import { describe, expect, it } from "vitest";
import {
  publicationState,
  publishDaysValid,
  publishDueAt,
  questionsEditable,
  vendorMayConfirm,
} from "./interview-publish";

const startsAt = new Date("2027-03-10T09:00:00Z");
const day = 86_400_000;

describe("publication timing", () => {
  it("is due exactly the chosen number of days before the start", () => {
    expect(publishDueAt(startsAt, 5).toISOString()).toBe("2027-03-05T09:00:00.000Z");
  });

  it("moves from scheduled to due, and is missed once the interview starts unpublished", () => {
    const facts = { startsAt, publishDaysBefore: 5, publishedAt: null };
    expect(publicationState(facts, new Date(startsAt.getTime() - 6 * day))).toEqual({
      kind: "SCHEDULED",
      dueAt: publishDueAt(startsAt, 5),
    });
    expect(publicationState(facts, new Date(startsAt.getTime() - 5 * day)).kind).toBe("DUE");
    expect(publicationState(facts, startsAt)).toEqual({ kind: "MISSED" });
    const publishedAt = new Date(startsAt.getTime() - 9 * day);
    expect(publicationState({ ...facts, publishedAt }, startsAt)).toEqual({ kind: "PUBLISHED", at: publishedAt });
  });

  it("keeps the questions editable until published or started", () => {
    const before = new Date(startsAt.getTime() - day);
    expect(questionsEditable({ startsAt, publishDaysBefore: 5, publishedAt: null }, before)).toBe(true);
    expect(questionsEditable({ startsAt, publishDaysBefore: 5, publishedAt: before }, before)).toBe(false);
    expect(questionsEditable({ startsAt, publishDaysBefore: 5, publishedAt: null }, startsAt)).toBe(false);
  });

  it("lets the vendor confirm between publication and the start", () => {
    const before = new Date(startsAt.getTime() - day);
    expect(vendorMayConfirm({ startsAt, publishedAt: null }, before)).toBe(false);
    expect(vendorMayConfirm({ startsAt, publishedAt: before }, before)).toBe(true);
    expect(vendorMayConfirm({ startsAt, publishedAt: before }, startsAt)).toBe(false);
  });

  it("accepts whole days from 1 to 30", () => {
    expect([0, 1, 5.5, 30, 31].map(publishDaysValid)).toEqual([false, true, false, true, false]);
  });
});
