import { describe, expect, it } from "vitest";
import { choiceIssues, draftRecommendationMemo, expectedRunnersUp, noticeKindFor, roundOutcome } from "./award";
import type { ExecutiveReview } from "./award-review";

function review(overrides: Partial<ExecutiveReview> = {}): ExecutiveReview {
  const part = (score: number, weight: number) => ({ score, weight, contribution: (score * weight) / 100 });
  const row = (vendorId: string, place: number, total: number) => ({
    vendorId,
    place,
    total,
    tiedWith: [],
    parts: { WRITTEN: part(total, 50), ORAL: part(total, 20), PRICE: part(total, 30) },
  });
  return {
    names: { a: "Contoso", b: "Fabrikam", c: "Northwind" },
    weights: { WRITTEN: 50, ORAL: 20, PRICE: 30 },
    weightsSource: "FINAL",
    notes: [],
    ranking: { ok: true, rows: [row("a", 1, 90), row("b", 2, 80), row("c", 3, 70)] },
    recommendedId: "a",
    runnerUpId: "b",
    tiedFirst: [],
    tiedSecond: [],
    margin: 10,
    agreement: { concordance: null, rankings: 2, summary: "The panel shows strong agreement (W = 0.75)." },
    stability: { tippingPoint: null, probabilityFirst: 1, draws: 2000, summary: "Contoso stays first." },
    price: { termMonths: 36, currency: "EUR", budget: 1000, rows: [{ vendorId: "a", total: 900, overBudget: -100 }] },
    compliance: [],
    conflicts: [],
    overrides: [],
    limitations: [],
    risks: [],
    ...overrides,
  };
}

describe("choiceIssues", () => {
  it("accepts the ranking's winner and runner-up", () => {
    expect(choiceIssues(review(), { recommendedId: "a", runnerUpId: "b" })).toEqual([]);
  });

  it("refuses to recommend anyone but the first-ranked vendor, or to skip the runner-up", () => {
    expect(choiceIssues(review(), { recommendedId: "b", runnerUpId: "a" })[0]?.field).toBe("recommendedId");
    expect(choiceIssues(review(), { recommendedId: "a", runnerUpId: "c" })[0]).toEqual({
      field: "runnerUpId",
      message: "The runner-up is the next vendor in the ranking: Fabrikam.",
    });
    expect(choiceIssues(review(), { recommendedId: "a", runnerUpId: null })[0]?.field).toBe("runnerUpId");
  });

  it("lets the lead choose between vendors sharing first place; the other becomes runner-up", () => {
    const tied = review({ recommendedId: null, runnerUpId: null, tiedFirst: ["a", "b"] });
    expect(choiceIssues(tied, { recommendedId: "b", runnerUpId: "a" })).toEqual([]);
    expect(expectedRunnersUp(tied, "b")).toEqual(["a"]);
    expect(choiceIssues(tied, { recommendedId: "c", runnerUpId: "a" })[0]?.field).toBe("recommendedId");
  });

  it("accepts no runner-up only when nobody else is ranked, and nothing without a ranking", () => {
    const alone = review({ runnerUpId: null });
    expect(choiceIssues(alone, { recommendedId: "a", runnerUpId: null })).toEqual([]);
    expect(choiceIssues(alone, { recommendedId: "a", runnerUpId: "b" })[0]?.field).toBe("runnerUpId");
    expect(
      choiceIssues(review({ ranking: { ok: false, problems: [] } }), { recommendedId: "a", runnerUpId: "b" }),
    ).toEqual([{ field: "form", message: "The final ranking cannot be computed yet." }]);
  });
});

describe("roundOutcome", () => {
  it("needs every approval; one return sends it back", () => {
    expect(roundOutcome(["APPROVED", "APPROVED"])).toBe("APPROVED");
    expect(roundOutcome(["APPROVED", "PENDING"])).toBe("PENDING");
    expect(roundOutcome(["PENDING", "RETURNED"])).toBe("RETURNED");
    expect(roundOutcome([])).toBe("PENDING");
  });
});

describe("noticeKindFor", () => {
  it("tells the winner, the reserve and everyone else apart", () => {
    const choice = { recommendedId: "a", runnerUpId: "b" };
    expect(["a", "b", "c"].map((id) => noticeKindFor(id, choice))).toEqual(["INTENT_TO_AWARD", "RESERVE", "REGRET"]);
  });
});

describe("draftRecommendationMemo", () => {
  const money = (amount: number) => `€${amount}`;
  const rfp = { reference: "RFP-1", title: "Service desk" };

  it("states the recommendation, the ranking, the evidence and the risks in the review's numbers", () => {
    const memo = draftRecommendationMemo(review({ risks: [{ level: "HIGH", text: "Over budget." }] }), {
      rfp,
      choice: { recommendedId: "a", runnerUpId: "b" },
      money,
    });
    expect(memo).toContain("# Award recommendation: Service desk (RFP-1)");
    expect(memo).toContain(
      "We recommend awarding the contract to **Contoso**, ranked first with 90.0 points out of 100.",
    );
    expect(memo).toContain("Fabrikam is runner-up and is held in reserve");
    expect(memo).toContain("1. Contoso: 90.0 points (written 90.0, oral 90.0, price 90.0)");
    expect(memo).toContain("- Price: €900 over 36 months, within the budget of €1000.");
    expect(memo).toContain("- Panel agreement: The panel shows strong agreement (W = 0.75).");
  });

  it("leaves the lead a place for the reason when breaking a tie", () => {
    const memo = draftRecommendationMemo(review({ tiedFirst: ["a", "b"] }), {
      rfp,
      choice: { recommendedId: "b", runnerUpId: "a" },
      money,
    });
    expect(memo).toContain("Contoso and Fabrikam share first place. Reason for choosing Fabrikam:");
  });
});
