import { unsettledItems } from "~/domain/consensus";
import { type GroupViews, groupViews } from "~/domain/groups";
import {
  type EvaluationFacts,
  type EvaluationFrame,
  evaluationAt,
  hasEvaluationFacts,
  loadEvaluationFrame,
  NO_EVALUATION_FACTS,
  statisticsOf,
} from "./consensus-data.server";
import { stateCache } from "./evaluation-cache.server";

/**
 * What the consensus page needs from every vendor's scores, not just the one on screen: how many
 * items each vendor has flagged and still to settle (the vendor picker, the default vendor, the
 * status line) and the functional groups' rankings. At benchmark scale that is 38,400 scores —
 * tens of milliseconds to read and compute — so the result is kept per RFP and reused for as long
 * as none of its inputs changes.
 *
 * The key is the state of the evaluation the frame was read at (`evaluationState`, counted by
 * database triggers on every input: criteria, vendors, seats, recusals, submitted sheets, consensus
 * scores). A submitted sheet's scores change only by reopening it and submitting it again, and
 * both move the state. Each app instance keeps its own copy; none can serve a stale one.
 */
export type VendorProgress = {
  vendorId: string;
  /** Items with a disagreement flag (range or outlier rule). */
  flagged: number;
  /** Flagged items with the panel's agreed score. */
  agreed: number;
  /** Flagged items still to settle. */
  remaining: number;
};

export type PanelSummary =
  | { ok: false; matrixErrors: string[] }
  | {
      ok: true;
      vendors: VendorProgress[];
      /** Each vendor's flagged items (criterion ids): the per-section counts of a long list. */
      flaggedItems: ReadonlyMap<string, readonly string[]>;
      flagged: number;
      unsettled: number;
      groups: GroupViews;
    };

/** One entry per RFP and state of its evaluation; an RFP whose evaluation moved on misses. */
const summaryCache = stateCache<PanelSummary>("consensus-summary", 32);

export async function panelSummary(frame: EvaluationFrame): Promise<PanelSummary> {
  return summaryCache.get(frame.rfp.id, frame.version, [], () => computeSummary(frame));
}

async function computeSummary(frame: EvaluationFrame): Promise<PanelSummary> {
  // The matrix of the cached evaluation at the same state (shortlist and stage moves use it too).
  const { matrix, matrixErrors } = await evaluationAt(frame);
  if (!matrix) return { ok: false, matrixErrors };
  const statistics = statisticsOf(matrix);
  const flaggedItems = new Map<string, string[]>();
  const vendors = matrix.vendorIds.map((vendorId, v): VendorProgress => {
    const flagged = (statistics[v] ?? []).filter((item) => item.flags.length > 0);
    const agreed = flagged.filter((item) => item.consensus !== null).length;
    flaggedItems.set(
      vendorId,
      flagged.map((item) => item.criterionId),
    );
    return { vendorId, flagged: flagged.length, agreed, remaining: flagged.length - agreed };
  });
  const membership = frame.evaluators.flatMap((seat) =>
    seat.group ? [{ evaluatorId: seat.memberId, group: seat.group }] : [],
  );
  return {
    ok: true,
    vendors,
    flaggedItems,
    flagged: vendors.reduce((sum, vendor) => sum + vendor.flagged, 0),
    unsettled: unsettledItems(statistics).length,
    groups: groupViews(matrix, membership),
  };
}

/**
 * The evaluation facts of the stage guards (consensus-data `evaluationFacts`) for offering the
 * moves on a page, without reading every score on every view: whether consensus is complete comes
 * from the panel summary, computed once per change of the scores. The same facts: the summary's
 * matrix is built from the same sheets, seats and consensus scores. The move itself checks them
 * again from every score in its own transaction.
 */
export async function offeredEvaluationFacts(rfpId: string, stage: string): Promise<EvaluationFacts> {
  if (!hasEvaluationFacts(stage)) return NO_EVALUATION_FACTS;
  const frame = await loadEvaluationFrame(rfpId);
  const summary = frame.rfp.consensusOpenedAt ? await panelSummary(frame) : null;
  return {
    scoring: {
      sheetsPending: frame.pending.length,
      consensusComplete: summary?.ok === true && summary.unsettled === 0,
    },
    shortlist: { decided: frame.rfp.shortlistDecidedAt !== null, size: frame.rfp._count.shortlist },
  };
}
