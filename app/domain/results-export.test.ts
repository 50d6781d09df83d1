import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleGroups, exampleScores, exampleVendors } from "./evaluation.fixture";
import { computeResults, type ResultsView } from "./evaluation-results";
import { EXPORT_VIEWS, exportSheets } from "./results-export";

function view(method: "raw" | "normalized"): ResultsView {
  const result = computeResults(
    {
      criteria: exampleCriteria,
      vendorIds: exampleVendors,
      evaluators: exampleGroups.map((entry) => ({ id: entry.evaluatorId, group: entry.group })),
      scores: exampleScores,
      consensus: [],
      priceShares: null,
    },
    method,
  );
  if (!result.ok) throw new Error("example does not compute");
  return result.view;
}

const names: Record<string, string> = { acme: "Acme", birch: "Birch", cobalt: "Cobalt", ines: "Ines", farid: "Farid" };
const nameOf = (id: string) => names[id] ?? id;

const sheets = (prices: Parameters<typeof exportSheets>[0]["prices"] = null) =>
  exportSheets({
    raw: view("raw"),
    normalized: view("normalized"),
    method: "raw",
    evaluators: exampleGroups.map((entry) => ({
      id: entry.evaluatorId,
      name: nameOf(entry.evaluatorId),
      group: entry.group,
    })),
    prices,
    currency: "EUR",
    nameOf,
  });

describe("exportSheets", () => {
  it("gives one table per view, prices only when they are part of the results", () => {
    expect(sheets().map((sheet) => sheet.view)).toEqual(EXPORT_VIEWS.filter((view) => view !== "prices"));
    const priced = sheets([
      {
        vendorId: "acme",
        currency: "EUR",
        oneTime: 1,
        monthly: 2,
        recurringOverTerm: 24,
        total: 25,
        points: 100,
        share: 1,
        rank: 1,
        tied: false,
        problem: null,
      },
    ]);
    expect(priced.at(-1)?.rows).toEqual([["Acme", 1, 2, 24, 25, 100, 1]]);
  });

  it("lists the results best first and names the method on every row", () => {
    const [raw, normalized] = sheets();
    expect(raw?.rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ["1", "Birch", 73.78],
      ["2", "Acme", 67.56],
      ["3", "Cobalt", 65.78],
    ]);
    expect(raw?.rows.every((row) => row.at(-1) === "Raw scores")).toBe(true);
    expect(normalized?.rows.every((row) => row.at(-1) === "Normalized per evaluator")).toBe(true);
    // Farid did not score Birch's transition plan, but the item has two other scores: fully covered.
    expect(raw?.rows.map((row) => row[3])).toEqual([100, 100, 100]);
  });

  it("writes the score matrix item by item, with an empty cell (not a zero) for a missing score", () => {
    const matrix = sheets().find((sheet) => sheet.view === "matrix");
    expect(matrix?.columns.slice(0, 6)).toEqual(["Vendor", "Criterion", "Scale", "Ines", "Farid", "olga"]);
    const birchTransition = matrix?.rows.find((row) => row[0] === "Birch" && row[1] === "transition");
    expect(birchTransition?.slice(3, 7)).toEqual([4, null, 6, 2]);
    // Cobalt integration (1, 4, 1): range 3 ≥ 2.5 (half the 0–5 scale), and Farid's 4 is 3 points
    // from two colleagues who agree (spread floored at one point): z = 3.
    const cobaltIntegration = matrix?.rows.find((row) => row[0] === "Cobalt" && row[1] === "integration");
    expect(cobaltIntegration?.at(-1)).toBe("range 3 ≥ 2.5; Farid z = 3.0");
  });
});
