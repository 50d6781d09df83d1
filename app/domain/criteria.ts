/**
 * The weighted criteria tree. Each criterion's weight is a percentage of its parent; siblings sum
 * to 100. The effective (global) weight of a criterion is the product of the weights on its path,
 * e.g. Technical 50% → Integration 40% gives Integration an effective weight of 20%.
 */
export const CRITERION_STAGES = ["WRITTEN", "ORAL", "PRICE"] as const;
export type CriterionStage = (typeof CRITERION_STAGES)[number];

export const CRITERION_STAGE_INFO: Record<CriterionStage, { label: string; description: string }> = {
  WRITTEN: { label: "Written", description: "Scored from the written proposals" },
  ORAL: { label: "Oral", description: "Scored in the oral interviews" },
  PRICE: { label: "Price", description: "Scored from the price schedule (price envelope)" },
};

export type CriterionNode = {
  id: string;
  parentId: string | null;
  name: string;
  /** Percent of the parent, 0–100, two decimals. */
  weight: number;
  stage: CriterionStage;
  position: number;
};

export type CriterionWithEffectiveWeight<T extends CriterionNode = CriterionNode> = T & {
  /** Percent of the whole evaluation. */
  effectiveWeight: number;
  depth: number;
  /** "1.2.3"-style outline number. */
  outline: string;
  isLeaf: boolean;
};

export const WEIGHT_TOLERANCE = 0.005;

/** Weights are stored with two decimals; sums are compared in hundredths to avoid float drift. */
export function weightSum(weights: number[]) {
  return Math.round(weights.reduce((sum, weight) => sum + Math.round(weight * 100), 0)) / 100;
}

export type TreeIssue = { parentId: string | null; message: string };

/** Every group of siblings must sum to exactly 100; every weight must be within 0–100. */
export function criteriaTreeIssues(
  nodes: CriterionNode[],
  nameOf: (id: string | null) => string = defaultName(nodes),
): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const ids = new Set(nodes.map((node) => node.id));
  for (const node of nodes) {
    if (node.parentId !== null && !ids.has(node.parentId)) {
      issues.push({ parentId: node.parentId, message: `“${node.name}” belongs to a criterion that does not exist.` });
    }
    if (!(node.weight >= 0 && node.weight <= 100)) {
      issues.push({ parentId: node.parentId, message: `“${node.name}” must weigh between 0 and 100%.` });
    }
  }
  for (const [parentId, siblings] of groupByParent(nodes)) {
    const sum = weightSum(siblings.map((sibling) => sibling.weight));
    if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
      issues.push({ parentId, message: `The weights under ${nameOf(parentId)} add up to ${sum}%, not 100%.` });
    }
  }
  if (hasCycle(nodes)) issues.push({ parentId: null, message: "The criteria tree has a loop." });
  return issues;
}

function defaultName(nodes: CriterionNode[]) {
  return (id: string | null) =>
    id === null ? "the top level" : `“${nodes.find((node) => node.id === id)?.name ?? id}”`;
}

function groupByParent<T extends CriterionNode>(nodes: T[]) {
  const groups = new Map<string | null, T[]>();
  for (const node of nodes) {
    const siblings = groups.get(node.parentId) ?? [];
    siblings.push(node);
    groups.set(node.parentId, siblings);
  }
  for (const siblings of groups.values()) siblings.sort((a, b) => a.position - b.position);
  return groups;
}

function hasCycle(nodes: CriterionNode[]) {
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  for (const node of nodes) {
    const seen = new Set<string>();
    let current: string | null = node.id;
    while (current) {
      if (seen.has(current)) return true;
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
  }
  return false;
}

/**
 * The tree in display order (depth first) with each node's effective weight, depth and outline
 * number. Effective weights of the leaves sum to 100 when the tree is valid.
 */
export function withEffectiveWeights<T extends CriterionNode>(nodes: T[]): CriterionWithEffectiveWeight<T>[] {
  const groups = groupByParent(nodes);
  const result: CriterionWithEffectiveWeight<T>[] = [];
  const visit = (parentId: string | null, parentShare: number, depth: number, prefix: string) => {
    (groups.get(parentId) ?? []).forEach((node, index) => {
      const effectiveWeight = (parentShare * node.weight) / 100;
      const outline = prefix ? `${prefix}.${index + 1}` : `${index + 1}`;
      const isLeaf = (groups.get(node.id) ?? []).length === 0;
      // Object.assign, not `{ ...node, effectiveWeight, … }`: on Node 20's V8 each property added
      // after a spread costs about a microsecond, and every criteria page walks the tree per request.
      result.push(Object.assign({}, node, { effectiveWeight: round(effectiveWeight, 4), depth, outline, isLeaf }));
      visit(node.id, effectiveWeight, depth + 1, outline);
    });
  };
  visit(null, 100, 0, "");
  return result;
}

/** Leaves only: what evaluators actually score. */
export function scorableCriteria<T extends CriterionNode>(nodes: T[], stage?: CriterionStage) {
  return withEffectiveWeights(nodes).filter((node) => node.isLeaf && (!stage || node.stage === stage));
}

/** Share of the total weight carried by each stage (written, oral, price). */
export function stageShares(nodes: CriterionNode[]): Record<CriterionStage, number> {
  const shares: Record<CriterionStage, number> = { WRITTEN: 0, ORAL: 0, PRICE: 0 };
  for (const leaf of scorableCriteria(nodes)) shares[leaf.stage] += leaf.effectiveWeight;
  for (const stage of CRITERION_STAGES) shares[stage] = round(shares[stage], 2);
  return shares;
}

export function defaultDescriptors(scaleMin: number, scaleMax: number): string[] {
  const standard: Record<number, string[]> = {
    5: [
      "Not addressed",
      "Addressed poorly; major gaps or risks",
      "Partly meets the need; some gaps",
      "Meets the need",
      "Meets the need well, with evidence",
      "Exceeds the need, with strong evidence",
    ],
    10: Array.from({ length: 11 }, (_, point) =>
      point === 0 ? "Not addressed" : point === 10 ? "Exceeds with strong evidence" : `${point} of 10`,
    ),
  };
  const span = scaleMax - scaleMin;
  return standard[span] ?? Array.from({ length: span + 1 }, (_, index) => `${scaleMin + index}`);
}

function round(value: number, decimals: number) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
