import type { ScaledCriterionNode, ScoreEntry } from "./scoring";

/**
 * A small but realistic written evaluation, shared by the unit tests of the evaluation maths
 * (scoring, groups, normalization, sensitivity). Expected values are worked out by hand in
 * scoring.test.ts.
 *
 *   1 Technical 60%            2 Service 40%
 *     1.1 Integration 50% (0–5)    2.1 Support model 75% (1–10)
 *     1.2 Security    50% (0–5)    2.2 Transition plan 25% (1–10)
 *
 * Effective weights: integration 30, security 30, support 30, transition 10.
 * Panel: Ines (IT), Farid (Finance), Olga (IT). Farid did not score Birch on the transition plan.
 */
export const exampleCriteria: ScaledCriterionNode[] = [
  node("technical", null, "Technical", 60, 0, 0, 5),
  node("integration", "technical", "Integration", 50, 0, 0, 5),
  node("security", "technical", "Security", 50, 1, 0, 5),
  node("service", null, "Service", 40, 1, 1, 10),
  node("support", "service", "Support model", 75, 0, 1, 10),
  node("transition", "service", "Transition plan", 25, 1, 1, 10),
];

export const exampleVendors = ["acme", "birch", "cobalt"];
export const exampleEvaluators = ["ines", "farid", "olga"];
export const exampleGroups = [
  { evaluatorId: "ines", group: "IT" },
  { evaluatorId: "farid", group: "Finance" },
  { evaluatorId: "olga", group: "IT" },
];

/** Scores per vendor and leaf, in the order Ines, Farid, Olga; null = not scored. */
const table: Record<string, Record<string, (number | null)[]>> = {
  acme: { integration: [4, 3, 5], security: [3, 3, 3], support: [7, 8, 6], transition: [5, 6, 7] },
  birch: { integration: [5, 4, 5], security: [2, 4, 3], support: [9, 8, 7], transition: [4, null, 6] },
  cobalt: { integration: [1, 4, 1], security: [4, 5, 4], support: [6, 6, 9], transition: [8, 8, 8] },
};

export const exampleScores: ScoreEntry[] = Object.entries(table).flatMap(([vendorId, byCriterion]) =>
  Object.entries(byCriterion).flatMap(([criterionId, scores]) =>
    scores.flatMap((score, e) =>
      score === null ? [] : [{ vendorId, criterionId, evaluatorId: exampleEvaluators[e] ?? "", score }],
    ),
  ),
);

function node(
  id: string,
  parentId: string | null,
  name: string,
  weight: number,
  position: number,
  scaleMin: number,
  scaleMax: number,
): ScaledCriterionNode {
  return { id, parentId, name, weight, stage: "WRITTEN", position, scaleMin, scaleMax };
}
