import { describe, expect, it } from "vitest";
import {
  assignedCriteria,
  commentProblem,
  commentRequired,
  type EvaluationState,
  incompleteSheetMessage,
  mayRemindAgain,
  panelProgressSentence,
  reopenProblem,
  type SheetEntry,
  scoreValueProblem,
  sheetChanges,
  sheetIssues,
  sheetLockReason,
  sheetProgress,
  whatIsLeft,
} from "./sheet";

const scale = { scaleMin: 0, scaleMax: 5 };
const criteria = [
  { id: "a", name: "Service desk", ...scale },
  { id: "b", name: "Security", ...scale },
];
const open: EvaluationState = { stage: "EVALUATION", proposalsOpened: true, consensusOpened: false };

describe("comments at the extremes", () => {
  it("are required at the lowest and highest points only", () => {
    expect(commentRequired(0, scale)).toBe(true);
    expect(commentRequired(5, scale)).toBe(true);
    expect(commentRequired(3, scale)).toBe(false);
    expect(commentRequired(null, scale)).toBe(false);
    expect(commentProblem(5, "  ", scale)).toMatch(/Explain your score of 5/);
    expect(commentProblem(5, "Strong references.", scale)).toBeNull();
    expect(commentProblem(3, "x".repeat(4001), scale)).toMatch(/under/);
  });

  it("follow the criterion's own scale", () => {
    const tenPoint = { scaleMin: 1, scaleMax: 10 };
    expect(commentRequired(5, tenPoint)).toBe(false);
    expect(commentRequired(1, tenPoint)).toBe(true);
    expect(scoreValueProblem(0, tenPoint)).toMatch(/from 1 to 10/);
    expect(scoreValueProblem(2.5, tenPoint)).toMatch(/from 1 to 10/);
  });
});

describe("a sheet's completeness", () => {
  it("lists every unscored criterion and missing comment", () => {
    const issues = sheetIssues(criteria, [{ criterionId: "a", value: 0, comment: "" }]);
    expect(issues).toEqual([
      { criterionId: "a", field: "comment", message: expect.stringMatching(/lowest/) },
      { criterionId: "b", field: "score", message: "Score this criterion." },
    ]);
    const progress = sheetProgress(criteria, [{ criterionId: "a", value: 0, comment: "" }]);
    expect(progress).toEqual({ total: 2, scored: 1, commentsMissing: 1, complete: false });
    expect(whatIsLeft(progress)).toBe("1 criterion to score and 1 required comment to write");
  });

  it("is complete when everything is scored and explained", () => {
    const entries = [
      { criterionId: "a", value: 5, comment: "Best in class." },
      { criterionId: "b", value: 3, comment: "" },
    ];
    expect(sheetIssues(criteria, entries)).toEqual([]);
    expect(whatIsLeft(sheetProgress(criteria, entries))).toBeNull();
  });
});

describe("assigned criteria", () => {
  it("default to every written leaf and ignore stale assignments", () => {
    expect(assignedCriteria(criteria, [])).toEqual(criteria);
    expect(assignedCriteria(criteria, ["b", "gone"])).toEqual([criteria[1]]);
  });
});

describe("locks", () => {
  it("seal a submitted sheet and close all sheets outside evaluation", () => {
    expect(sheetLockReason(open, "DRAFT")).toBeNull();
    expect(sheetLockReason(open, null)).toBeNull();
    expect(sheetLockReason(open, "SUBMITTED")).toMatch(/sealed/);
    expect(sheetLockReason({ ...open, proposalsOpened: false }, null)).toMatch(/opened the proposals/);
    expect(sheetLockReason({ ...open, consensusOpened: true }, "DRAFT")).toMatch(/Consensus/);
    expect(sheetLockReason({ ...open, stage: "SHORTLIST" }, "DRAFT")).toMatch(/no longer in evaluation/);
  });

  it("let the lead reopen only a submitted sheet while scoring is open", () => {
    expect(reopenProblem(open, "SUBMITTED")).toBeNull();
    expect(reopenProblem(open, "DRAFT")).toMatch(/nothing to reopen/);
    expect(reopenProblem({ ...open, consensusOpened: true }, "SUBMITTED")).toMatch(/Consensus/);
  });
});

describe("progress and reminders", () => {
  it("says how far the panel is as a whole", () => {
    expect(panelProgressSentence(3, 12)).toBe("3 of 12 sheets submitted");
    expect(panelProgressSentence(0, 1)).toBe("0 of 1 sheet submitted");
  });

  it("reminds the same person at most once a day", () => {
    const now = new Date("2027-03-10T12:00:00Z");
    expect(mayRemindAgain(null, now)).toBe(true);
    expect(mayRemindAgain(new Date("2027-03-10T01:00:00Z"), now)).toBe(false);
    expect(mayRemindAgain(new Date("2027-03-09T12:00:00Z"), now)).toBe(true);
  });
});

describe("what a save changes", () => {
  const three = [{ id: "a" }, { id: "b" }, { id: "c" }];
  const stored = [
    { criterionId: "a", value: 3, comment: "Solid" },
    { criterionId: "b", value: 2, comment: "" },
  ];

  it("writes only the posted entries that differ; the others keep their stored values", () => {
    const changes = sheetChanges(three, stored, [{ criterionId: "b", value: 4, comment: "Better on a second read" }]);
    expect(changes.entries).toEqual([
      { criterionId: "a", value: 3, comment: "Solid" },
      { criterionId: "b", value: 4, comment: "Better on a second read" },
      { criterionId: "c", value: null, comment: "" },
    ]);
    expect(changes.write).toEqual([{ criterionId: "b", value: 4, comment: "Better on a second read" }]);
    expect(changes.remove).toEqual([]);
  });

  it("writes nothing for a whole form that matches what is stored (comments compared trimmed)", () => {
    const whole = [
      { criterionId: "a", value: 3, comment: "Solid  " },
      { criterionId: "b", value: 2, comment: "" },
      { criterionId: "c", value: null, comment: "   " },
    ];
    expect(sheetChanges(three, stored, whole)).toMatchObject({ write: [], remove: [] });
  });

  it("adds new rows, changes a comment alone, and deletes emptied rows and rows off the sheet", () => {
    const changes = sheetChanges(
      [{ id: "a" }, { id: "c" }],
      [...stored, { criterionId: "gone", value: 1, comment: "" }],
      [
        { criterionId: "a", value: 3, comment: "Solid, and well evidenced" },
        { criterionId: "c", value: 0, comment: " Nothing offered " },
      ],
    );
    expect(changes.write).toEqual([
      { criterionId: "a", value: 3, comment: "Solid, and well evidenced" },
      { criterionId: "c", value: 0, comment: "Nothing offered" },
    ]);
    expect(changes.remove).toEqual(["b", "gone"]);
    expect(sheetChanges(three, stored, [{ criterionId: "a", value: null, comment: "" }]).remove).toEqual(["a"]);
  });
});

describe("incompleteSheetMessage", () => {
  const leaf = (id: string, outline: string, section: string) => ({ id, name: id, outline, section, ...scale });
  const long = [
    ...Array.from({ length: 16 }, (_, index) => leaf(`t${index}`, `1.${index + 1}`, "Technical")),
    ...Array.from({ length: 16 }, (_, index) => leaf(`o${index}`, `3.${index + 1}`, "Operations")),
  ];

  it("names what is left and the sections it is in on a sheet shown a section at a time", () => {
    const entries = long.map((criterion): SheetEntry => ({ criterionId: criterion.id, value: 3, comment: "" }));
    entries[0] = { criterionId: "t0", value: null, comment: "" };
    entries[20] = { criterionId: "o4", value: 5, comment: "" };
    entries[21] = { criterionId: "o5", value: null, comment: "" };
    expect(incompleteSheetMessage(long, sheetIssues(long, entries))).toBe(
      "The sheet is not complete: 2 criteria to score and 1 required comment to write, in 1. Technical and 3. Operations.",
    );
  });

  it("points at the marked criteria on a one-page sheet", () => {
    const short = long.slice(0, 4);
    expect(incompleteSheetMessage(short, sheetIssues(short, []))).toBe(
      "The sheet is not complete: see the marked criteria.",
    );
  });
});
