import { prisma } from "~/db.server";
import { frozenOutsideProduction } from "~/utils/freeze";
import { LruCache } from "~/utils/lru-cache";
import { singleton } from "~/utils/singleton.server";

/**
 * Names the state of an RFP's evaluation inputs: the count of committed changes to them, kept by
 * database triggers (EvaluationVersion, prisma/schema.prisma), with the id of the transaction that
 * made the last one. The count alone names a state in one database; the transaction id keeps an
 * app instance that outlives a restore of the database (same RFP ids, counts from the backup on)
 * from mistaking a new state for an old one. The count is read before the rows it names, so the
 * rows are never older than the state their key says (at worst newer, for a request racing a
 * change — which a read a moment later would have shown anyway).
 */
export async function evaluationState(rfpId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ state: string }[]>`
    SELECT version::text || '.' || xmin::text AS state FROM "EvaluationVersion" WHERE "rfpId" = ${rfpId}`;
  return row?.state ?? "0";
}

/**
 * What is computed from one RFP's evaluation at one state (frame, scores, panel summary, results),
 * kept in process: the one place that says how such a value is keyed, shared and bypassed.
 *
 * - Keyed by RFP, state and the caller's qualifiers (method, price visibility…): a state that moved
 *   on is never asked for again and leaves by the LRU rule.
 * - Loaded once however many requests ask at the same time (the pending promise is shared).
 * - Shared between requests, so frozen outside production: a change to it throws in the tests.
 * - A state of `null` (a value read inside a transaction, with its own writes) is computed and
 *   not kept.
 */
export class StateCache<V> {
  readonly #entries: LruCache<Promise<V>>;

  constructor(capacity: number) {
    this.#entries = new LruCache(capacity);
  }

  get(rfpId: string, state: string | null, qualifiers: readonly string[], load: () => Promise<V>): Promise<V> {
    if (state === null) return load();
    return this.#entries.getOrLoad([rfpId, state, ...qualifiers].join(":"), async () =>
      frozenOutsideProduction(await load()),
    );
  }
}

/** One cache per purpose and process (the server bundle and the Remix build share it). */
export function stateCache<V>(name: string, capacity: number) {
  return singleton(`state-cache:${name}`, () => new StateCache<V>(capacity));
}
