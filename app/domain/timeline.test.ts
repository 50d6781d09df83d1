import { describe, expect, it } from "vitest";
import {
  missingTimelineFields,
  TIMELINE_FIELDS,
  type Timeline,
  timelineLabel,
  timelineOf,
  timelineOrderIssues,
  timelineProgress,
} from "./timeline";

const ordered: Timeline = {
  issueDate: new Date("2027-03-05T09:00:00Z"),
  questionsDeadline: new Date("2027-03-20T17:00:00Z"),
  proposalDeadline: new Date("2027-04-10T17:00:00Z"),
  interviewStart: new Date("2027-05-03T09:00:00Z"),
  interviewEnd: new Date("2027-05-07T17:00:00Z"),
  decisionTarget: new Date("2027-05-31T12:00:00Z"),
};

const empty: Timeline = {
  issueDate: null,
  questionsDeadline: null,
  proposalDeadline: null,
  interviewStart: null,
  interviewEnd: null,
  decisionTarget: null,
};

function timeline(fields: Partial<Timeline>): Timeline {
  return { ...empty, ...fields };
}

describe("TIMELINE_FIELDS", () => {
  it("lists the moments of a tender in chronological order", () => {
    expect(TIMELINE_FIELDS.map((field) => field.key)).toEqual([
      "issueDate",
      "questionsDeadline",
      "proposalDeadline",
      "interviewStart",
      "interviewEnd",
      "decisionTarget",
    ]);
  });
});

describe("timelineOrderIssues", () => {
  it("finds nothing wrong with an ordered timeline", () => {
    expect(timelineOrderIssues(ordered)).toEqual([]);
  });

  it("finds nothing wrong with an empty or single-moment timeline", () => {
    expect(timelineOrderIssues(empty)).toEqual([]);
    expect(timelineOrderIssues(timeline({ proposalDeadline: new Date("2027-04-10T17:00:00Z") }))).toEqual([]);
  });

  it("accepts moments one millisecond apart", () => {
    const tight = timeline({
      issueDate: new Date("2027-03-05T09:00:00.000Z"),
      questionsDeadline: new Date("2027-03-05T09:00:00.001Z"),
    });
    expect(timelineOrderIssues(tight)).toEqual([]);
  });

  it("reports a moment before the previous one on the later field", () => {
    const issues = timelineOrderIssues({ ...ordered, questionsDeadline: new Date("2027-03-01T17:00:00Z") });
    expect(issues).toEqual([
      { field: "questionsDeadline", message: "Clarification questions close must be after issue date" },
    ]);
  });

  it.each([
    ["questionsDeadline", "issueDate", "Clarification questions close must be after issue date"],
    ["proposalDeadline", "questionsDeadline", "Proposal deadline must be after clarification questions close"],
    ["interviewStart", "proposalDeadline", "Interviews from must be after proposal deadline"],
    ["interviewEnd", "interviewStart", "Interviews until must be after interviews from"],
    ["decisionTarget", "interviewEnd", "Decision target must be after interviews until"],
  ] as const)("refuses %s on the same instant as %s", (field, previous, message) => {
    const equal = { ...ordered, [field]: new Date(ordered[previous]?.getTime() ?? Number.NaN) };
    expect(timelineOrderIssues(equal)).toEqual([{ field, message }]);
  });

  it("compares across missing fields with the nearest earlier filled moment", () => {
    const gappy = timeline({
      issueDate: new Date("2027-03-10T09:00:00Z"),
      proposalDeadline: new Date("2027-03-05T17:00:00Z"),
    });
    expect(timelineOrderIssues(gappy)).toEqual([
      { field: "proposalDeadline", message: "Proposal deadline must be after issue date" },
    ]);
  });

  it("accepts a partial timeline whose filled moments are in order", () => {
    const partial = timeline({
      questionsDeadline: new Date("2027-03-20T17:00:00Z"),
      decisionTarget: new Date("2027-05-31T12:00:00Z"),
    });
    expect(timelineOrderIssues(partial)).toEqual([]);
  });

  it("reports several independent issues in timeline order", () => {
    const messy = {
      ...ordered,
      questionsDeadline: new Date("2027-03-05T09:00:00Z"),
      interviewEnd: new Date("2027-05-02T09:00:00Z"),
      decisionTarget: new Date("2027-06-01T09:00:00Z"),
    };
    expect(timelineOrderIssues(messy)).toEqual([
      { field: "questionsDeadline", message: "Clarification questions close must be after issue date" },
      { field: "interviewEnd", message: "Interviews until must be after interviews from" },
    ]);
  });
});

describe("missingTimelineFields", () => {
  it("lists every field of an empty timeline in order", () => {
    expect(missingTimelineFields(empty)).toEqual([
      "issueDate",
      "questionsDeadline",
      "proposalDeadline",
      "interviewStart",
      "interviewEnd",
      "decisionTarget",
    ]);
  });

  it("lists nothing for a complete timeline", () => {
    expect(missingTimelineFields(ordered)).toEqual([]);
  });

  it("lists only the gaps", () => {
    expect(missingTimelineFields({ ...ordered, questionsDeadline: null, decisionTarget: null })).toEqual([
      "questionsDeadline",
      "decisionTarget",
    ]);
  });
});

describe("timelineOf", () => {
  it("keeps only the timeline columns of a larger record", () => {
    const record = { ...ordered, id: "rfp_1", title: "Managed print services", questionsDeadline: null };
    expect(timelineOf(record)).toEqual({
      issueDate: new Date("2027-03-05T09:00:00Z"),
      questionsDeadline: null,
      proposalDeadline: new Date("2027-04-10T17:00:00Z"),
      interviewStart: new Date("2027-05-03T09:00:00Z"),
      interviewEnd: new Date("2027-05-07T17:00:00Z"),
      decisionTarget: new Date("2027-05-31T12:00:00Z"),
    });
    expect(Object.keys(timelineOf(record))).toEqual(TIMELINE_FIELDS.map((field) => field.key));
  });
});

describe("timelineLabel", () => {
  it("gives each field its human label", () => {
    expect(TIMELINE_FIELDS.map((field) => timelineLabel(field.key))).toEqual([
      "Issue date",
      "Clarification questions close",
      "Proposal deadline",
      "Interviews from",
      "Interviews until",
      "Decision target",
    ]);
  });
});

describe("timelineProgress", () => {
  it("has nothing passed before the issue date", () => {
    expect(timelineProgress(ordered, new Date("2027-03-01T12:00:00Z"))).toEqual({
      last: null,
      next: { key: "issueDate", label: "Issue date", at: new Date("2027-03-05T09:00:00Z") },
    });
  });

  it("counts a milestone as passed at its exact instant", () => {
    expect(timelineProgress(ordered, new Date("2027-04-10T17:00:00Z"))).toEqual({
      last: { key: "proposalDeadline", label: "Proposal deadline", at: new Date("2027-04-10T17:00:00Z") },
      next: { key: "interviewStart", label: "Interviews from", at: new Date("2027-05-03T09:00:00Z") },
    });
  });

  it("sits between two milestones", () => {
    expect(timelineProgress(ordered, new Date("2027-03-25T12:00:00Z"))).toEqual({
      last: {
        key: "questionsDeadline",
        label: "Clarification questions close",
        at: new Date("2027-03-20T17:00:00Z"),
      },
      next: { key: "proposalDeadline", label: "Proposal deadline", at: new Date("2027-04-10T17:00:00Z") },
    });
  });

  it("has nothing ahead after the decision target", () => {
    expect(timelineProgress(ordered, new Date("2027-07-01T12:00:00Z"))).toEqual({
      last: { key: "decisionTarget", label: "Decision target", at: new Date("2027-05-31T12:00:00Z") },
      next: null,
    });
  });

  it("skips missing milestones", () => {
    const partial = timeline({
      issueDate: new Date("2027-03-05T09:00:00Z"),
      decisionTarget: new Date("2027-05-31T12:00:00Z"),
    });
    expect(timelineProgress(partial, new Date("2027-04-01T12:00:00Z"))).toEqual({
      last: { key: "issueDate", label: "Issue date", at: new Date("2027-03-05T09:00:00Z") },
      next: { key: "decisionTarget", label: "Decision target", at: new Date("2027-05-31T12:00:00Z") },
    });
  });

  it("has neither for an empty timeline", () => {
    expect(timelineProgress(empty, new Date("2027-04-01T12:00:00Z"))).toEqual({ last: null, next: null });
  });
});

describe("timelineOrderIssues: every earlier milestone counts", () => {
  it("flags a date before any earlier milestone, naming the latest one it must follow", () => {
    const at = (day: number) => new Date(Date.UTC(2027, 2, day, 12));
    const issues = timelineOrderIssues({
      issueDate: at(10),
      questionsDeadline: at(1),
      proposalDeadline: at(5),
      interviewStart: null,
      interviewEnd: null,
      decisionTarget: null,
    });
    expect(issues).toEqual([
      { field: "questionsDeadline", message: "Clarification questions close must be after issue date" },
      { field: "proposalDeadline", message: "Proposal deadline must be after issue date" },
    ]);
  });
});
