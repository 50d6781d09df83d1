/**
 * Timings of the pure domain computations on benchmark-sized inputs, median and p95 of repeated
 * runs. Each evaluation/interview module adds its measurements here as it lands.
 */
import { performance } from "node:perf_hooks";
import { type CriterionNode, withEffectiveWeights } from "../../app/domain/criteria";

function time(name: string, runs: number, fn: () => unknown, goal?: number) {
  for (let warmup = 0; warmup < Math.min(20, runs); warmup++) fn();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { name, median: at(0.5), p95: at(0.95), goal };
}

/** 4 × 4 × 5 = 80 leaves, like the benchmark RFP. */
export function benchCriteria(): CriterionNode[] {
  const nodes: CriterionNode[] = [];
  for (let top = 0; top < 4; top++) {
    nodes.push({ id: `t${top}`, parentId: null, name: `T${top}`, weight: 25, stage: "WRITTEN", position: top });
    for (let middle = 0; middle < 4; middle++) {
      nodes.push({
        id: `t${top}m${middle}`,
        parentId: `t${top}`,
        name: `M${middle}`,
        weight: 25,
        stage: "WRITTEN",
        position: middle,
      });
      for (let leaf = 0; leaf < 5; leaf++) {
        nodes.push({
          id: `t${top}m${middle}l${leaf}`,
          parentId: `t${top}m${middle}`,
          name: `L${leaf}`,
          weight: 20,
          stage: "WRITTEN",
          position: leaf,
        });
      }
    }
  }
  return nodes;
}

export async function domainTimings() {
  const criteria = benchCriteria();
  return [time("effective weights, 80-leaf criteria tree", 500, () => withEffectiveWeights(criteria))];
}
