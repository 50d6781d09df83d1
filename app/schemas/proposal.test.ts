import { describe, expect, it } from "vitest";
import { draftFromValues, nestFormValues, parseProposalForm, parseRowChange, proposalDraftSchema } from "./proposal";

function formData(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

describe("nestFormValues", () => {
  it("turns react-hook-form paths back into the nested draft, arrays in index order", () => {
    expect(
      nestFormValues({
        executiveSummary: "Hi",
        "priceLines.1.unit": "seat",
        "priceLines.0.unit": "project",
        "serviceTiers.0.slaTargets.0.metric": "Uptime",
      }),
    ).toEqual({
      executiveSummary: "Hi",
      priceLines: [{ unit: "project" }, { unit: "seat" }],
      serviceTiers: [{ slaTargets: [{ metric: "Uptime" }] }],
    });
  });

  it("drops prototype keys, absurd indexes and over-deep paths from untrusted input", () => {
    const nested = nestFormValues({
      "__proto__.polluted": "yes",
      "constructor.prototype.x": "1",
      "priceLines.100000.unit": "x",
      "a.b.c.d.e.f.g": "deep",
      "priceLines.0.unit": "ok",
    });
    expect(nested).toEqual({ priceLines: [{ unit: "ok" }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseProposalForm", () => {
  it("parses a draft with blanks (drafts may be incomplete) and the version", () => {
    const result = parseProposalForm(
      formData({
        intent: "autosave",
        version: "3",
        "responses.0.requirementId": "r1",
        "responses.0.compliance": "",
        "priceLines.0.kind": "RECURRING",
        "priceLines.0.quantity": "1 800",
        "priceLines.0.unitPrice": "",
      }),
    );
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data).toMatchObject({
      intent: "autosave",
      version: 3,
      executiveSummary: "",
      termMonths: "",
      responses: [{ requirementId: "r1", compliance: "", explanation: "" }],
      priceLines: [{ kind: "RECURRING", quantity: "1 800", unitPrice: "", description: "", unit: "" }],
      serviceTiers: [],
      commitments: [],
    });
  });

  it("reports format errors against the field paths the form uses", () => {
    const result = parseProposalForm(
      formData({
        intent: "save",
        version: "0",
        termMonths: "0",
        "priceLines.0.quantity": "1,5",
        "priceLines.0.kind": "WEEKLY",
        "commitments.0.kind": "PROMISE",
      }),
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      "commitments.0.kind",
      "priceLines.0.kind",
      "priceLines.0.quantity",
      "termMonths",
    ]);
  });

  it("accepts only the known intents", () => {
    for (const intent of ["save", "autosave", "submit", "add:priceLines", "remove:slaTargets:0:1"]) {
      expect(parseProposalForm(formData({ intent, version: "1" })).success, intent).toBe(true);
    }
    for (const intent of ["", "delete", "add:priceLines:1", "remove:priceLines", "add:rfp"]) {
      expect(parseProposalForm(formData({ intent, version: "1" })).success, intent).toBe(false);
    }
  });
});

describe("parseRowChange", () => {
  it("reads the row buttons' values", () => {
    expect(parseRowChange("add:commitments")).toEqual({ op: "add", list: "commitments" });
    expect(parseRowChange("add:slaTargets:2")).toEqual({ op: "add", list: "slaTargets", tier: 2 });
    expect(parseRowChange("remove:priceLines:4")).toEqual({ op: "remove", list: "priceLines", index: 4 });
    expect(parseRowChange("remove:slaTargets:1:0")).toEqual({ op: "remove", list: "slaTargets", tier: 1, index: 0 });
    expect(parseRowChange("add:slaTargets")).toBeNull();
    expect(parseRowChange("remove:slaTargets:1")).toBeNull();
  });
});

describe("draftFromValues", () => {
  it("gives back what was typed, invalid values included, for showing a refused save again", () => {
    const draft = draftFromValues({ "priceLines.0.quantity": "1,5", "priceLines.0.kind": "WEEKLY", termMonths: "abc" });
    expect(draft.termMonths).toBe("abc");
    expect(draft.priceLines[0]).toEqual({
      description: "",
      kind: "ONE_TIME",
      unit: "",
      quantity: "1,5",
      unitPrice: "",
    });
    expect(proposalDraftSchema.safeParse(draft).success).toBe(false);
  });
});
