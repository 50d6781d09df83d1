import { describe, expect, it } from "vitest";
import {
  acknowledgementState,
  addendumLabel,
  changedTimelineFields,
  documentsDiffer,
  extensionIssues,
  publishedTimelineIssues,
} from "./addendum";
import type { Timeline } from "./timeline";

const published: Timeline = {
  issueDate: new Date("2027-03-05T09:00:00Z"),
  questionsDeadline: new Date("2027-03-20T17:00:00Z"),
  proposalDeadline: new Date("2027-04-10T17:00:00Z"),
  interviewStart: new Date("2027-05-03T09:00:00Z"),
  interviewEnd: new Date("2027-05-07T17:00:00Z"),
  decisionTarget: new Date("2027-05-31T12:00:00Z"),
};
/** After the issue date, before questions close. */
const now = new Date("2027-03-10T12:00:00Z");

describe("addendumLabel", () => {
  it("names the addendum by its number", () => {
    expect(addendumLabel(3)).toBe("Addendum 3");
  });
});

describe("documentsDiffer", () => {
  it("ignores key order, which JSON columns do not keep", () => {
    expect(documentsDiffer({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 })).toBe(false);
  });

  it("sees a changed value, a reordered array and an added key", () => {
    expect(documentsDiffer({ a: 1 }, { a: 2 })).toBe(true);
    expect(documentsDiffer({ a: [1, 2] }, { a: [2, 1] })).toBe(true);
    expect(documentsDiffer({ a: 1 }, { a: 1, b: null })).toBe(true);
  });
});

describe("changedTimelineFields", () => {
  it("lists the milestones that moved", () => {
    const moved = { ...published, interviewStart: new Date("2027-05-04T09:00:00Z"), decisionTarget: null };
    expect(changedTimelineFields(published, moved)).toEqual(["interviewStart", "decisionTarget"]);
    expect(changedTimelineFields(published, { ...published })).toEqual([]);
  });
});

describe("publishedTimelineIssues", () => {
  it("accepts an unchanged timeline and moves of future milestones that keep the order", () => {
    expect(publishedTimelineIssues(published, { ...published }, now)).toEqual([]);
    const later = {
      ...published,
      proposalDeadline: new Date("2027-04-17T17:00:00Z"),
      interviewStart: new Date("2027-05-10T09:00:00Z"),
      interviewEnd: new Date("2027-05-12T17:00:00Z"),
    };
    expect(publishedTimelineIssues(published, later, now)).toEqual([]);
  });

  it("keeps the issue date once it has passed", () => {
    const moved = { ...published, issueDate: new Date("2027-03-12T09:00:00Z") };
    expect(publishedTimelineIssues(published, moved, now)).toEqual([
      { field: "issueDate", message: "The RFP has been issued; its issue date cannot change." },
    ]);
  });

  it("refuses a moved milestone in the past, a removed one, and a deadline brought forward", () => {
    const issues = publishedTimelineIssues(
      published,
      {
        ...published,
        questionsDeadline: new Date("2027-03-09T17:00:00Z"),
        proposalDeadline: new Date("2027-04-03T17:00:00Z"),
        decisionTarget: null,
      },
      now,
    );
    expect(issues).toEqual([
      { field: "questionsDeadline", message: "Clarification questions close must be in the future." },
      {
        field: "proposalDeadline",
        message: "Vendors plan their bids around the published deadline: it can be extended, never brought forward.",
      },
      { field: "decisionTarget", message: "Decision target is required once the RFP is published." },
    ]);
  });

  it("reports the order rule on the milestone that breaks it", () => {
    const issues = publishedTimelineIssues(
      published,
      { ...published, proposalDeadline: new Date("2027-05-05T17:00:00Z") },
      now,
    );
    expect(issues).toEqual([{ field: "interviewStart", message: "Interviews from must be after proposal deadline." }]);
  });
});

describe("extensionIssues", () => {
  it("accepts a later deadline that still comes before the interviews", () => {
    expect(extensionIssues(published, new Date("2027-04-17T17:00:00Z"), now)).toEqual([]);
  });

  it("refuses a date that is not after the current deadline", () => {
    for (const date of ["2027-04-10T17:00:00Z", "2027-04-09T17:00:00Z"]) {
      expect(extensionIssues(published, new Date(date), now)).toEqual([
        "The new deadline must be after the current proposal deadline.",
      ]);
    }
  });

  it("refuses a date in the past even after the deadline has passed", () => {
    const afterDeadline = new Date("2027-04-12T12:00:00Z");
    expect(extensionIssues(published, new Date("2027-04-11T17:00:00Z"), afterDeadline)).toEqual([
      "The new deadline must be in the future.",
    ]);
    expect(extensionIssues(published, new Date("2027-04-14T17:00:00Z"), afterDeadline)).toEqual([]);
  });

  it("refuses a date that breaks the timeline order, saying what to do", () => {
    expect(extensionIssues(published, new Date("2027-05-04T12:00:00Z"), now)).toEqual([
      "Interviews from must be after proposal deadline: issue an addendum that moves the later milestones first.",
    ]);
  });
});

describe("acknowledgementState", () => {
  it("chases bidders only", () => {
    expect(acknowledgementState({ acknowledged: true, invitationStatus: "DECLINED" })).toBe("ACKNOWLEDGED");
    expect(acknowledgementState({ acknowledged: false, invitationStatus: "INTENDS_TO_BID" })).toBe("PENDING");
    expect(acknowledgementState({ acknowledged: false, invitationStatus: "INVITED" })).toBe("PENDING");
    expect(acknowledgementState({ acknowledged: false, invitationStatus: "DECLINED" })).toBe("NOT_BIDDING");
  });
});
