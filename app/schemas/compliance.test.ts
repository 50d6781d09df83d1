import { describe, expect, it } from "vitest";
import { decisionField, noteField, screeningSchema } from "./compliance";

describe("screeningSchema", () => {
  it("collects one decision per cell with its trimmed note", () => {
    const parsed = screeningSchema.parse({
      intent: "screen",
      [decisionField("p1", "r1")]: "FAIL",
      [noteField("p1", "r1")]: "  No certificate. ",
      [decisionField("p2", "r1")]: "PASS",
      [noteField("p2", "r1")]: "",
    });
    expect(parsed).toEqual([
      { proposalId: "p1", requirementId: "r1", decision: "FAIL", note: "No certificate." },
      { proposalId: "p2", requirementId: "r1", decision: "PASS", note: "" },
    ]);
  });

  it("leaves undecided cells out and refuses a note without a decision", () => {
    expect(screeningSchema.parse({ intent: "screen", [noteField("p1", "r1")]: " " })).toEqual([]);
    const result = screeningSchema.safeParse({ intent: "screen", [noteField("p1", "r1")]: "Looks fine" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: [noteField("p1", "r1")],
      message: "Choose pass or fail for this note.",
    });
  });

  it("refuses unknown decisions, foreign fields, long notes and another intent", () => {
    expect(screeningSchema.safeParse({ intent: "screen", [decisionField("p1", "r1")]: "MAYBE" }).success).toBe(false);
    expect(screeningSchema.safeParse({ intent: "screen", "decision:p1": "PASS" }).success).toBe(false);
    expect(screeningSchema.safeParse({ intent: "screen", "decision:../x:r1": "PASS" }).success).toBe(false);
    expect(
      screeningSchema.safeParse({
        intent: "screen",
        [decisionField("p1", "r1")]: "PASS",
        [noteField("p1", "r1")]: "x".repeat(1001),
      }).success,
    ).toBe(false);
    expect(screeningSchema.safeParse({ intent: "disqualify" }).success).toBe(false);
  });
});
