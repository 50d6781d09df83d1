import { describe, expect, it } from "vitest";
import { parseDebriefForm } from "./debrief";

function formData(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

describe("parseDebriefForm", () => {
  it("nests the oral scores and turns empty answers into nulls (a draft may be incomplete)", () => {
    const parsed = parseDebriefForm(
      formData({
        intent: "autosave",
        version: "3",
        strengths: "  Clear plan ",
        placeSoFar: "",
        "oralScores.0.criterionId": "team",
        "oralScores.0.value": "4",
        "oralScores.1.criterionId": "demo",
        "oralScores.1.comment": "Not seen yet",
      }),
    );
    expect(parsed.success && parsed.data).toEqual({
      intent: "autosave",
      version: 3,
      strengths: "Clear plan",
      concerns: "",
      confidence: null,
      placeSoFar: null,
      oralScores: [
        { criterionId: "team", value: 4, comment: "" },
        { criterionId: "demo", value: null, comment: "Not seen yet" },
      ],
    });
  });

  it("refuses wrong formats by field", () => {
    const parsed = parseDebriefForm(
      formData({
        intent: "publish",
        version: "-1",
        confidence: "6",
        "oralScores.0.criterionId": "team",
        "oralScores.0.value": "2.5",
      }),
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["confidence", "intent", "oralScores.0.value", "version"]);
  });
});
