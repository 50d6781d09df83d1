import { prisma, type TransactionClient } from "~/db.server";
import type { RiskFlag } from "~/domain/contract-risk";
import {
  type NegotiatedContract,
  type NegotiationStatus,
  readiness,
  reviewNegotiation,
  staleFlagDecisions,
} from "~/domain/negotiation";
import type { Prisma } from "~/generated/prisma/client";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";

/**
 * What every negotiation model shares: which negotiation is the current one, the guard every change
 * passes (RFP in negotiation, negotiation open, version unchanged), and the contract as the risk
 * rules read it.
 */
export const NEGOTIATION_CONFLICT =
  "Someone else changed this negotiation after you opened it, so nothing was saved. Your input is kept below: review the page and save again.";

/** The negotiation being worked on: the newest one that has not broken down. */
export function findCurrentNegotiation(db: TransactionClient, rfpId: string) {
  return db.negotiation.findFirst({
    where: { rfpId, status: { not: "BROKEN_DOWN" } },
    orderBy: { openedAt: "desc" },
    select: { id: true },
  });
}

const CLOSED_MESSAGES: Record<NegotiationStatus, string> = {
  OPEN: "This negotiation is still open.",
  READY: "The contract is marked ready; reopen it for changes first.",
  BROKEN_DOWN: "This negotiation broke down; it is kept read-only as a record.",
  CONCLUDED: "This negotiation is concluded; the contract can no longer change.",
};

/**
 * Claim the negotiation for a change: it must belong to the RFP, the RFP must be in negotiation,
 * its status one of `statuses`, and its version the one the form was loaded with (which is then
 * incremented, so a second tab saving from the same version gets a conflict instead of
 * overwriting).
 */
export async function claimNegotiation(
  tx: TransactionClient,
  rfpId: string,
  negotiationId: string,
  expectedVersion: number | null,
  statuses: readonly NegotiationStatus[] = ["OPEN"],
) {
  const negotiation = await tx.negotiation.findFirst({
    where: { id: negotiationId, rfpId },
    select: {
      id: true,
      status: true,
      version: true,
      sponsorId: true,
      invitationId: true,
      rfp: { select: { stage: true, timeZone: true, reference: true, title: true } },
      invitation: { select: { vendor: { select: { name: true } } } },
    },
  });
  if (!negotiation) throw new FieldError("form", "This negotiation does not exist on this RFP.");
  if (negotiation.rfp.stage !== "NEGOTIATION") {
    throw new FieldError("form", "The RFP is no longer in negotiation, so its contract cannot change.");
  }
  if (!statuses.includes(negotiation.status)) throw new FieldError("form", CLOSED_MESSAGES[negotiation.status]);
  if (expectedVersion !== null) {
    const { count } = await tx.negotiation.updateMany({
      where: { id: negotiationId, version: expectedVersion },
      data: { version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(NEGOTIATION_CONFLICT);
  }
  return negotiation;
}

export const contractSelect = {
  termLengthMonths: true,
  renewal: true,
  noticePeriodDays: true,
  terminationForConvenience: true,
  exitOnChronicSlaFailure: true,
  termsOfService: true,
  priceChange: true,
  slaLines: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      metric: true,
      target: true,
      measurementWindow: true,
      reporting: true,
      serviceCredit: true,
      setBy: true,
    },
  },
  fees: { orderBy: { id: "asc" }, select: { id: true, kind: true, description: true } },
  obligations: { orderBy: { id: "asc" }, select: { id: true, party: true, text: true } },
  commitments: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      text: true,
      kind: true,
      disposition: true,
      obligationWording: true,
      dropReason: true,
      resolveBy: true,
    },
  },
} satisfies Prisma.NegotiationSelect;

export type StoredContract = NegotiatedContract & Prisma.NegotiationGetPayload<{ select: typeof contractSelect }>;

export async function loadContract(tx: TransactionClient, negotiationId: string): Promise<StoredContract> {
  return tx.negotiation.findUniqueOrThrow({ where: { id: negotiationId }, select: contractSelect });
}

/**
 * After the terms change: decisions on flags that no longer fire are removed (the change resolved
 * them; see domain/negotiation staleFlagDecisions). Returns the current flags.
 */
export async function refreshRiskReview(tx: TransactionClient, negotiationId: string): Promise<RiskFlag[]> {
  const contract = await loadContract(tx, negotiationId);
  const flags = reviewNegotiation(contract);
  const decisions = await tx.riskFlagDecision.findMany({ where: { negotiationId }, select: { flagKey: true } });
  const stale = staleFlagDecisions(flags, decisions).map((decision) => decision.flagKey);
  if (stale.length > 0) await tx.riskFlagDecision.deleteMany({ where: { negotiationId, flagKey: { in: stale } } });
  return flags;
}

/** Everything readiness reads, loaded in one go (inside a transaction or not). */
/** What readiness is computed from: the contract with its flag decisions and terms (one query). */
export const readinessSelect = {
  ...contractSelect,
  flagDecisions: {
    select: { flagKey: true, status: true, note: true, decidedAt: true, decidedBy: { select: { name: true } } },
  },
  terms: { orderBy: { position: "asc" }, select: { id: true, title: true, status: true } },
} satisfies Prisma.NegotiationSelect;

type ReadinessRow = Prisma.NegotiationGetPayload<{ select: typeof readinessSelect }>;

/** Readiness of a negotiation already loaded with `readinessSelect` (callers fold it into their query). */
export function readinessFromRow(row: ReadinessRow, now: Date) {
  const { flagDecisions: decisions, terms, ...contract } = row;
  const flags = reviewNegotiation(contract);
  const state = readiness({
    flags,
    resolutions: decisions.map((decision) => ({ key: decision.flagKey, status: decision.status, note: decision.note })),
    terms,
    commitments: contract.commitments,
    now,
  });
  return { contract, flags, decisions, terms, state };
}

export async function readinessOf(db: TransactionClient, negotiationId: string, now: Date) {
  const row = await db.negotiation.findUniqueOrThrow({ where: { id: negotiationId }, select: readinessSelect });
  return readinessFromRow(row, now);
}

/** What every change to a negotiation carries: which one, and the version the form was loaded with. */
export type NegotiationChange = { negotiationId: string; version: number };

type RowTable<Row extends { id: string }, Input> = {
  /** The row with this id, only if it belongs to this negotiation. */
  find(tx: TransactionClient, where: { id: string; negotiationId: string }): Promise<Row | null>;
  update(tx: TransactionClient, id: string, input: Input): Promise<Row>;
  remove(tx: TransactionClient, id: string): Promise<unknown>;
};

/**
 * How one table of a negotiation's child rows (service levels, fees, obligations, price lines) is
 * read and written: each method selects the same columns, so the row returned is the row audited.
 * Positioned rows keep an order, and a new one goes after the last (position = max + 1).
 */
export type ChildRowTable<Row extends { id: string }, Input> = RowTable<Row, Input> &
  (
    | { positioned: false; create(tx: TransactionClient, at: { negotiationId: string }, input: Input): Promise<Row> }
    | {
        positioned: true;
        lastPosition(tx: TransactionClient, negotiationId: string): Promise<number | null>;
        create(tx: TransactionClient, at: { negotiationId: string; position: number }, input: Input): Promise<Row>;
      }
  );

/**
 * Add, update and remove one kind of child row of the negotiation, each in one transaction: claim
 * the negotiation at the form's version, find the row on THIS negotiation (else "This <noun> was
 * removed by someone else." / "...was already removed."), change it, re-run the risk review (a
 * change may fix or raise a flag) and record `<actionPrefix>_added|_updated|_deleted` with the row
 * before and after, on the row itself or on the negotiation.
 */
export function negotiationChildRows<Row extends { id: string }, Input, IdKey extends string>(config: {
  /** As the user reads it: "service level". */
  noun: string;
  /** Where the row's id arrives in the form: "slaLineId". */
  idKey: IdKey;
  actionPrefix: string;
  /** Whose history the change is recorded in: the row's own (entityType, row id) or the negotiation's. */
  audit: { on: "row"; entityType: string } | { on: "negotiation" };
  table: ChildRowTable<Row, Input>;
}) {
  const { table } = config;

  async function insert(tx: TransactionClient, negotiationId: string, input: Input) {
    if (!table.positioned) return table.create(tx, { negotiationId }, input);
    const last = await table.lastPosition(tx, negotiationId);
    return table.create(tx, { negotiationId, position: (last ?? -1) + 1 }, input);
  }

  async function existing(tx: TransactionClient, negotiationId: string, id: string, missing: string) {
    const row = await table.find(tx, { id, negotiationId });
    if (!row) throw new FieldError("form", `This ${config.noun} ${missing}`);
    return row;
  }

  async function finish(
    tx: TransactionClient,
    actor: UserActor,
    rfpId: string,
    negotiationId: string,
    event: { action: "added" | "updated" | "deleted"; rowId: string; before?: Row; after?: Row },
  ) {
    await refreshRiskReview(tx, negotiationId);
    await recordAudit(tx, {
      actor,
      rfpId,
      action: `${config.actionPrefix}_${event.action}`,
      ...(config.audit.on === "row"
        ? { entityType: config.audit.entityType, entityId: event.rowId }
        : { entityType: "Negotiation", entityId: negotiationId }),
      before: event.before,
      after: event.after,
    });
  }

  return {
    add(actor: UserActor, rfpId: string, input: NegotiationChange & Input): Promise<Row> {
      return prisma.$transaction(async (tx) => {
        const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
        const row = await insert(tx, negotiation.id, input);
        await finish(tx, actor, rfpId, negotiation.id, { action: "added", rowId: row.id, after: row });
        return row;
      });
    },
    update(actor: UserActor, rfpId: string, input: NegotiationChange & Input & Record<IdKey, string>): Promise<Row> {
      return prisma.$transaction(async (tx) => {
        const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
        const before = await existing(tx, negotiation.id, input[config.idKey], "was removed by someone else.");
        const after = await table.update(tx, before.id, input);
        await finish(tx, actor, rfpId, negotiation.id, { action: "updated", rowId: before.id, before, after });
        return after;
      });
    },
    remove(actor: UserActor, rfpId: string, input: NegotiationChange & Record<IdKey, string>): Promise<Row> {
      return prisma.$transaction(async (tx) => {
        const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
        const before = await existing(tx, negotiation.id, input[config.idKey], "was already removed.");
        await table.remove(tx, before.id);
        await finish(tx, actor, rfpId, negotiation.id, { action: "deleted", rowId: before.id, before });
        return before;
      });
    },
  };
}

/** The versions a form should save against after a conflict (so saving again applies the user's input). */
export async function currentVersions(ids: { negotiationId?: string; termId?: string }) {
  const [negotiation, term] = await Promise.all([
    ids.negotiationId
      ? prisma.negotiation.findUnique({ where: { id: ids.negotiationId }, select: { version: true } })
      : null,
    ids.termId ? prisma.contractTerm.findUnique({ where: { id: ids.termId }, select: { version: true } }) : null,
  ]);
  return { negotiation: negotiation?.version ?? null, term: term?.version ?? null };
}
