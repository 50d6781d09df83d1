import { describe, expect, it } from "vitest";
import {
  criteriaReplacementIssues,
  documentLockReason,
  isDocumentEditable,
  isQuestionBankEditable,
  isReorderOf,
  linkableCriteria,
  moveInOrder,
  scaleIssue,
} from "./authoring";
import type { CriterionNode } from "./criteria";
import { RFP_STAGES } from "./workflow";

describe("when the document may change", () => {
  it("is editable as a draft and after publishing (through addenda), read-only from evaluation on", () => {
    const editable = RFP_STAGES.filter(isDocumentEditable);
    expect(editable).toEqual(["DRAFT", "PUBLISHED"]);
    expect(documentLockReason("DRAFT")).toBeNull();
    expect(documentLockReason("EVALUATION")).toMatch(/evaluated against this document/);
    expect(documentLockReason("CANCELLED")).toMatch(/cancelled/);
  });

  it("keeps the interview question bank editable until the interviews begin", () => {
    expect(RFP_STAGES.filter(isQuestionBankEditable)).toEqual(["DRAFT", "PUBLISHED", "EVALUATION", "SHORTLIST"]);
  });
});

describe("moveInOrder", () => {
  const ids = ["a", "b", "c"];
  it("swaps with the neighbour", () => {
    expect(moveInOrder(ids, "b", "up")).toEqual(["b", "a", "c"]);
    expect(moveInOrder(ids, "b", "down")).toEqual(["a", "c", "b"]);
    expect(ids).toEqual(["a", "b", "c"]);
  });
  it("refuses to move past either end or an unknown item", () => {
    expect(moveInOrder(ids, "a", "up")).toBeNull();
    expect(moveInOrder(ids, "c", "down")).toBeNull();
    expect(moveInOrder(ids, "z", "up")).toBeNull();
  });
});

describe("isReorderOf", () => {
  it("accepts exactly the same items in any order", () => {
    expect(isReorderOf(["a", "b", "c"], ["c", "a", "b"])).toBe(true);
  });
  it("refuses missing, extra, repeated or foreign items", () => {
    expect(isReorderOf(["a", "b", "c"], ["a", "b"])).toBe(false);
    expect(isReorderOf(["a", "b"], ["a", "b", "c"])).toBe(false);
    expect(isReorderOf(["a", "b", "c"], ["a", "a", "b"])).toBe(false);
    expect(isReorderOf(["a", "b", "c"], ["a", "b", "x"])).toBe(false);
  });
});

describe("linkableCriteria", () => {
  const node = (id: string, parentId: string | null, weight: number, stage: CriterionNode["stage"], position = 0) => ({
    id,
    parentId,
    name: id,
    weight,
    stage,
    position,
  });
  it("offers only leaves scored in the written or oral stage, in display order", () => {
    const nodes = [
      node("technical", null, 50, "WRITTEN", 0),
      node("integration", "technical", 40, "WRITTEN", 0),
      node("service", "technical", 60, "ORAL", 1),
      node("price", null, 50, "PRICE", 1),
    ];
    expect(linkableCriteria(nodes).map((criterion) => [criterion.id, criterion.effectiveWeight])).toEqual([
      ["integration", 20],
      ["service", 30],
    ]);
  });
});

describe("scaleIssue", () => {
  it("accepts 0–5, 1–5 and 1–10", () => {
    expect(scaleIssue(0, 5)).toBeNull();
    expect(scaleIssue(1, 5)).toBeNull();
    expect(scaleIssue(1, 10)).toBeNull();
  });
  it("refuses scales that start elsewhere, are too short or too long", () => {
    expect(scaleIssue(2, 5)).toBe("The scale starts at 0 or 1.");
    expect(scaleIssue(0, 1)).toBe("The scale needs at least three points.");
    expect(scaleIssue(0, 11)).toBe("The scale ends at 10 at most.");
    expect(scaleIssue(0, 4.5)).toBe("The scale ends at 10 at most.");
  });
});

describe("criteriaReplacementIssues", () => {
  const existing = [
    { id: "c1", name: "Integration", linkedRequirementCodes: ["R-03", "R-01"] },
    { id: "c2", name: "Service management", linkedRequirementCodes: [] },
    { id: "c3", name: "Security", linkedRequirementCodes: ["R-04"] },
  ];
  it("accepts renames, reweighting, new criteria and deleting unlinked ones", () => {
    expect(
      criteriaReplacementIssues(existing, [
        { id: "c1", name: "Systems integration", stage: "ORAL", isLeaf: true },
        { id: "c3", name: "Security", stage: "WRITTEN", isLeaf: true },
        { id: null, name: "Relationship", stage: "ORAL", isLeaf: true },
      ]),
    ).toEqual([]);
  });
  it("refuses deleting a criterion that requirements are scored under, naming them", () => {
    expect(
      criteriaReplacementIssues(existing, [
        { id: "c2", name: "Service management", stage: "WRITTEN", isLeaf: true },
        { id: "c3", name: "Security", stage: "WRITTEN", isLeaf: true },
      ]),
    ).toEqual([
      "“Integration” cannot be deleted: requirements R-01, R-03 are scored under it. Link them to another criterion or delete them first.",
    ]);
  });
  it("refuses turning a linked criterion into a parent or a price criterion", () => {
    expect(
      criteriaReplacementIssues(existing, [
        { id: "c1", name: "Integration", stage: "WRITTEN", isLeaf: false },
        { id: "c3", name: "Security", stage: "PRICE", isLeaf: true },
      ]),
    ).toEqual([
      expect.stringMatching(/^“Integration” scores requirements R-01, R-03, so it cannot have sub-criteria/),
      expect.stringMatching(/^“Security” scores requirement R-04, so it must stay a written or oral criterion/),
    ]);
  });
  it("refuses ids that belong elsewhere or appear twice", () => {
    expect(
      criteriaReplacementIssues(existing, [
        { id: "c1", name: "Integration", stage: "WRITTEN", isLeaf: true },
        { id: "c1", name: "Integration again", stage: "WRITTEN", isLeaf: true },
        { id: "other-rfp", name: "Stolen", stage: "WRITTEN", isLeaf: true },
        { id: "c3", name: "Security", stage: "WRITTEN", isLeaf: true },
      ]),
    ).toEqual([
      "“Integration again” refers to a criterion that is not part of this RFP; reload the page.",
      "“Stolen” refers to a criterion that is not part of this RFP; reload the page.",
    ]);
  });
});
