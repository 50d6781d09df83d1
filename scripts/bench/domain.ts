/**
 * Timings of the pure domain computations on benchmark-sized inputs, median and p95 of repeated
 * runs. Each evaluation/interview module adds its measurements here as it lands.
 *
 * `npm run bench` reports them with everything else; `npx tsx scripts/bench/domain.ts` runs only
 * these, and `BENCH_ONLY=results npx tsx scripts/bench/domain.ts` only the rows whose name
 * contains that word.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { kendallsW } from "../../app/domain/agreement";
import { type CriterionNode, withEffectiveWeights } from "../../app/domain/criteria";
import { computeResults, type ResultsInput } from "../../app/domain/evaluation-results";
import { normalizeEvaluators } from "../../app/domain/normalization";
import { mulberry32 } from "../../app/domain/random";
import { aggregateRankings, type PanelRanking } from "../../app/domain/ranking";
import {
  buildScoreMatrix,
  itemStatistics,
  type ScoreEntry,
  type ScoreMatrix,
  scoreTable,
  scoringCriteria,
  weightedTotals,
} from "../../app/domain/scoring";
import { buildSensitivityModel, monteCarlo } from "../../app/domain/sensitivity";

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

const VENDORS = 40;
const EVALUATORS = 12;

/** 40 vendors × 80 criteria × 12 evaluators = 38,400 scores on a 0–5 scale, seeded. */
export function benchMatrix(): { nodes: CriterionNode[]; matrix: ScoreMatrix } {
  const nodes = benchCriteria();
  const criteria = scoringCriteria(nodes.map((node) => ({ ...node, scaleMin: 0, scaleMax: 5 })));
  const vendorIds = Array.from({ length: VENDORS }, (_, index) => `v${index}`);
  const evaluatorIds = Array.from({ length: EVALUATORS }, (_, index) => `e${index}`);
  const random = mulberry32(7);
  const scores: ScoreEntry[] = [];
  for (const vendorId of vendorIds) {
    for (const criterion of criteria) {
      for (const evaluatorId of evaluatorIds) {
        scores.push({ vendorId, criterionId: criterion.id, evaluatorId, score: Math.floor(random() * 6) });
      }
    }
  }
  const built = buildScoreMatrix({ vendorIds, criteria, evaluatorIds, scores });
  if (!built.ok) throw new Error("bench: the score matrix did not build");
  return { nodes, matrix: built.matrix };
}

/** 12 full rankings of 40 vendors, with a few ties, seeded. */
export function benchRankings(): { candidates: string[]; rankings: PanelRanking[] } {
  const candidates = Array.from({ length: VENDORS }, (_, index) => `v${index}`);
  const random = mulberry32(11);
  const rankings = Array.from({ length: EVALUATORS }, (_, member): PanelRanking => {
    const order = [...candidates].sort(() => random() - 0.5);
    const tiers: string[][] = [];
    for (const candidate of order) {
      const last = tiers[tiers.length - 1];
      if (last && random() < 0.1) last.push(candidate);
      else tiers.push([candidate]);
    }
    return { panelMemberId: `m${member}`, tiers };
  });
  return { candidates, rankings };
}

/** The benchmark RFP's written evaluation as the results page gets it: score entries, four functional groups. */
export function benchResultsInput(): ResultsInput {
  const nodes = benchCriteria().map((node) => ({ ...node, scaleMin: 0, scaleMax: 5 }));
  const criteria = scoringCriteria(nodes);
  const vendorIds = Array.from({ length: VENDORS }, (_, index) => `v${index}`);
  const groups = ["IT", "Finance", "Operations", "Legal"];
  const evaluators = Array.from({ length: EVALUATORS }, (_, index) => ({
    id: `e${index}`,
    group: groups[index % groups.length] ?? null,
  }));
  const random = mulberry32(7);
  const scores: ScoreEntry[] = [];
  for (const vendorId of vendorIds) {
    for (const criterion of criteria) {
      for (const { id: evaluatorId } of evaluators) {
        scores.push({ vendorId, criterionId: criterion.id, evaluatorId, score: Math.floor(random() * 6) });
      }
    }
  }
  const agreed = { vendorId: "v0", criterionId: criteria[0]?.id ?? "", score: 3 };
  return { criteria: nodes, vendorIds, evaluators, scores, consensus: [agreed], priceShares: null };
}

/** `only`: measure just the rows whose name contains it (all by default). */
export async function domainTimings(only = "") {
  const criteria = benchCriteria();
  const { nodes, matrix } = benchMatrix();
  const model = buildSensitivityModel(nodes, scoreTable(matrix));
  const { candidates, rankings } = benchRankings();
  const resultsInput = benchResultsInput();
  const rows: { name: string; runs: number; fn: () => unknown; goal?: number }[] = [
    { name: "effective weights, 80-leaf criteria tree", runs: 500, fn: () => withEffectiveWeights(criteria) },
    {
      name: "results: totals + normalization + disagreement flags (40 × 80 × 12)",
      runs: 100,
      fn: () => {
        itemStatistics(matrix);
        weightedTotals(scoreTable(matrix));
        weightedTotals(scoreTable(normalizeEvaluators(matrix).matrix));
      },
      goal: 5,
    },
    {
      name: "results page: computeResults, normalized, from 38,400 score entries",
      runs: 100,
      fn: () => computeResults(resultsInput, "normalized"),
    },
    {
      name: "Monte Carlo sensitivity, 10,000 draws",
      runs: 20,
      fn: () => monteCarlo(model, { draws: 10_000 }),
      goal: 250,
    },
    {
      name: "Schulze + Borda + Kendall's W, 40 vendors × 12 rankings",
      runs: 100,
      fn: () => {
        const aggregated = aggregateRankings(candidates, rankings);
        if (aggregated.ok) kendallsW(aggregated.aggregation.profile);
      },
      goal: 5,
    },
  ];
  return rows.filter((row) => row.name.includes(only)).map((row) => time(row.name, row.runs, row.fn, row.goal));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await domainTimings(process.env.BENCH_ONLY ?? "");
  const cells = rows.map((row) => [row.name, row.median.toFixed(2), row.p95.toFixed(2), String(row.goal ?? "—")]);
  process.stdout.write(`${["computation", "median ms", "p95 ms", "goal ms"].join("\t")}\n`);
  for (const line of cells) process.stdout.write(`${line.join("\t")}\n`);
}
