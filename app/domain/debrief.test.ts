import { describe, expect, it } from "vitest";
import {
  commentRequired,
  type DebriefDraft,
  debriefIssues,
  debriefPhase,
  debriefsRevealed,
  interviewedSoFar,
  oralScoreSummary,
  ownerNotesOpen,
  placeSummary,
} from "./debrief";

const at = (time: string) => new Date(`2027-03-03T${time}:00Z`);
const interview = { startsAt: at("10:00"), endsAt: at("11:30") };

describe("debriefPhase", () => {
  it("opens the members' debrief only when the slot has ended; the owner's notes from the start", () => {
    expect(debriefPhase(interview, at("09:59"))).toBe("BEFORE_START");
    expect(debriefPhase(interview, at("10:00"))).toBe("IN_PROGRESS");
    expect(debriefPhase(interview, new Date(at("11:30").getTime() - 1))).toBe("IN_PROGRESS");
    expect(debriefPhase(interview, at("11:30"))).toBe("OPEN");
    expect(ownerNotesOpen("BEFORE_START")).toBe(false);
    expect(ownerNotesOpen("IN_PROGRESS")).toBe(true);
    expect(ownerNotesOpen("OPEN")).toBe(true);
  });
});

describe("commentRequired", () => {
  it("asks for a comment at both ends of the criterion's own scale only", () => {
    const scale = { scaleMin: 1, scaleMax: 10 };
    expect([null, 1, 2, 9, 10].map((value) => commentRequired(value, scale))).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(commentRequired(0, { scaleMin: 0, scaleMax: 5 })).toBe(true);
  });
});

describe("interviewedSoFar", () => {
  it("counts this interview and the ones that started before it, whenever the debrief is written", () => {
    const starts = [at("09:00"), at("14:00"), at("11:00"), at("16:00")];
    expect(interviewedSoFar(starts, at("09:00"))).toBe(1);
    expect(interviewedSoFar(starts, at("11:00"))).toBe(2);
    expect(interviewedSoFar(starts, at("16:00"))).toBe(4);
    expect(interviewedSoFar([], at("16:00"))).toBe(1);
  });
});

const criteria = [
  { id: "team", name: "Team", scaleMin: 0, scaleMax: 5 },
  { id: "demo", name: "Demonstration", scaleMin: 0, scaleMax: 5 },
];
const complete: DebriefDraft = {
  strengths: "Clear transition plan.",
  concerns: "",
  confidence: 4,
  placeSoFar: 2,
  oralScores: [
    { criterionId: "team", value: 3, comment: "" },
    { criterionId: "demo", value: 5, comment: "Live demo on our data." },
  ],
};

describe("debriefIssues", () => {
  const context = { criteria, placeBound: 2, partial: false };

  it("accepts a complete view", () => {
    expect(debriefIssues(complete, context)).toEqual([]);
  });

  it("lists everything missing from an empty draft, by field", () => {
    const empty: DebriefDraft = { strengths: " ", concerns: "", confidence: null, placeSoFar: null, oralScores: [] };
    expect(debriefIssues(empty, context).map((issue) => issue.path)).toEqual([
      "strengths",
      "confidence",
      "placeSoFar",
      "oralScores.0.value",
      "oralScores.1.value",
    ]);
  });

  it("requires a comment for a score at either end of the scale", () => {
    const issues = debriefIssues(
      {
        ...complete,
        oralScores: [
          { criterionId: "team", value: 0, comment: "" },
          { criterionId: "demo", value: 5, comment: "  " },
        ],
      },
      context,
    );
    expect(issues).toEqual([
      { path: "oralScores.0.comment", message: "A score of 0 on Team needs a comment saying why." },
      { path: "oralScores.1.comment", message: "A score of 5 on Demonstration needs a comment saying why." },
    ]);
  });

  it("bounds the place by the number of vendors interviewed so far", () => {
    expect(debriefIssues({ ...complete, placeSoFar: 3 }, context)).toEqual([
      {
        path: "placeSoFar",
        message: "Choose a place from 1 (best) to 2: 2 vendors have been interviewed so far.",
      },
    ]);
    expect(debriefIssues({ ...complete, placeSoFar: 0 }, context)).toHaveLength(1);
    expect(debriefIssues({ ...complete, placeSoFar: 1 }, { ...context, placeBound: 1 })).toEqual([]);
  });

  it("refuses scores outside the criterion's scale", () => {
    const issues = debriefIssues(
      {
        ...complete,
        oralScores: [
          { criterionId: "team", value: 6, comment: "x" },
          { criterionId: "demo", value: 5, comment: "Live demo on our data." },
        ],
      },
      context,
    );
    expect(issues).toEqual([{ path: "oralScores.0.value", message: "Score Team from 0 to 5." }]);
  });

  it("lets a subject-matter expert leave criteria they did not see unscored", () => {
    const partialView = { ...complete, oralScores: [{ criterionId: "team", value: 3, comment: "" }] };
    expect(debriefIssues(partialView, { ...context, partial: true })).toEqual([]);
    expect(debriefIssues(partialView, context).map((issue) => issue.path)).toEqual(["oralScores.1.value"]);
  });
});

describe("sealing", () => {
  it("reveals only when every attending member has submitted", () => {
    expect(debriefsRevealed([])).toBe(false);
    expect(debriefsRevealed(["SUBMITTED", "DRAFT"])).toBe(false);
    expect(debriefsRevealed(["SUBMITTED", "NOT_STARTED"])).toBe(false);
    expect(debriefsRevealed(["SUBMITTED", "SUBMITTED"])).toBe(true);
  });
});

describe("revealed summary", () => {
  it("summarises oral scores per criterion and the places given", () => {
    const views = [
      { memberId: "a", confidence: 4, placeSoFar: 1, oralScores: [{ criterionId: "team", value: 4 }] },
      {
        memberId: "b",
        confidence: 2,
        placeSoFar: 2,
        oralScores: [
          { criterionId: "team", value: 2 },
          { criterionId: "demo", value: null },
        ],
      },
    ];
    expect(oralScoreSummary(criteria, views)).toEqual([
      { criterionId: "team", count: 2, mean: 3, min: 2, max: 4, range: 2, standardDeviation: Math.SQRT2 },
      { criterionId: "demo", count: 0, mean: null, min: null, max: null, range: null, standardDeviation: null },
    ]);
    expect(placeSummary(views)).toMatchObject({ count: 2, mean: 1.5, min: 1, max: 2 });
  });
});
