import { prisma, type TransactionClient } from "~/db.server";
import type { PriceChangeClause } from "~/domain/contract-risk";
import { parsePriceChange } from "~/domain/negotiation";
import { priceScheduleTotals } from "~/domain/price-schedule";
import { Prisma } from "~/generated/prisma/client";
import type { ContractTermInput, PriceChangeInput, PriceLineInput } from "~/schemas/negotiation";
import { zonedLocalToUtc } from "~/utils/dates";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import {
  type ChildRowTable,
  claimNegotiation,
  findCurrentNegotiation,
  type NegotiationChange,
  negotiationChildRows,
  refreshRiskReview,
} from "./negotiation-core.server";

/**
 * The contract's commercial frame: term and renewal, the service tier bought and its terms of
 * service, the price schedule (total cost of ownership over the term) and how prices may change.
 * Every change re-runs the risk review, so a flag fixed by changing the terms disappears.
 */
export async function getNegotiationContract(rfpId: string) {
  const current = await findCurrentNegotiation(prisma, rfpId);
  if (!current) return null;
  const negotiation = await prisma.negotiation.findUniqueOrThrow({
    where: { id: current.id },
    select: {
      id: true,
      status: true,
      version: true,
      currency: true,
      termLengthMonths: true,
      startDate: true,
      renewal: true,
      noticePeriodDays: true,
      terminationForConvenience: true,
      exitOnChronicSlaFailure: true,
      serviceTier: true,
      termsOfService: true,
      priceChange: true,
      rfp: { select: { timeZone: true, stage: true } },
      priceLines: {
        orderBy: { position: "asc" },
        select: { id: true, description: true, kind: true, unit: true, quantity: true, unitPrice: true },
      },
      invitation: {
        select: {
          proposal: {
            select: {
              termMonths: true,
              serviceTiers: {
                orderBy: { position: "asc" },
                select: {
                  id: true,
                  name: true,
                  description: true,
                  termsOfService: true,
                  _count: { select: { slaTargets: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  const { priceLines, invitation, priceChange, rfp, ...rest } = negotiation;
  const lines = priceLines.map((line) => ({
    ...line,
    quantity: line.quantity.toString(),
    unitPrice: line.unitPrice.toString(),
  }));
  return {
    ...rest,
    timeZone: rfp.timeZone,
    editable: rfp.stage === "NEGOTIATION" && negotiation.status === "OPEN",
    priceChange: parsePriceChange(priceChange),
    prices: priceScheduleTotals(lines, negotiation.termLengthMonths),
    proposalTermMonths: invitation.proposal?.termMonths ?? null,
    tiers: (invitation.proposal?.serviceTiers ?? []).map(({ _count, ...tier }) => ({
      ...tier,
      slaTargets: _count.slaTargets,
    })),
  };
}

async function audited(
  tx: TransactionClient,
  actor: UserActor,
  rfpId: string,
  negotiationId: string,
  action: string,
  before: unknown,
  after: unknown,
) {
  await refreshRiskReview(tx, negotiationId);
  await recordAudit(tx, { actor, action, entityType: "Negotiation", entityId: negotiationId, rfpId, before, after });
}

const termFields = {
  termLengthMonths: true,
  startDate: true,
  renewal: true,
  noticePeriodDays: true,
  terminationForConvenience: true,
  exitOnChronicSlaFailure: true,
} as const;

export async function saveContractPeriod(actor: UserActor, rfpId: string, input: ContractTermInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const startDate = input.startDate ? zonedLocalToUtc(`${input.startDate}T00:00`, negotiation.rfp.timeZone) : null;
    if (input.startDate && !startDate) throw new FieldError("startDate", "Enter a real date.");
    const before = await tx.negotiation.findUniqueOrThrow({ where: { id: negotiation.id }, select: termFields });
    const after = await tx.negotiation.update({
      where: { id: negotiation.id },
      data: {
        termLengthMonths: input.termLengthMonths ?? null,
        startDate,
        renewal: input.renewal,
        noticePeriodDays: input.noticePeriodDays ?? null,
        terminationForConvenience: input.terminationForConvenience,
        exitOnChronicSlaFailure: input.exitOnChronicSlaFailure,
      },
      select: termFields,
    });
    await audited(tx, actor, rfpId, negotiation.id, "negotiation.term_updated", before, after);
  });
}

/**
 * Buy another of the proposal's tiers: its name and terms of service replace the current ones, and
 * its service levels replace those the vendor set (levels we or both sides wrote stay).
 */
export async function chooseServiceTier(
  actor: UserActor,
  rfpId: string,
  input: NegotiationChange & { tierId: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const tier = await tx.serviceTier.findFirst({
      where: { id: input.tierId, proposal: { invitationId: negotiation.invitationId } },
      select: { name: true, termsOfService: true, slaTargets: { orderBy: { position: "asc" } } },
    });
    if (!tier) throw new FieldError("tierId", "Choose one of the tiers in this vendor's proposal.");
    const before = await tx.negotiation.findUniqueOrThrow({
      where: { id: negotiation.id },
      select: { serviceTier: true, _count: { select: { slaLines: { where: { setBy: "VENDOR" } } } } },
    });
    await tx.slaLine.deleteMany({ where: { negotiationId: negotiation.id, setBy: "VENDOR" } });
    const kept = await tx.slaLine.aggregate({ where: { negotiationId: negotiation.id }, _max: { position: true } });
    const next = (kept._max.position ?? -1) + 1;
    await tx.slaLine.createMany({
      data: tier.slaTargets.map((target, index) => ({
        negotiationId: negotiation.id,
        position: next + index,
        metric: target.metric,
        target: target.target,
        measurementWindow: target.measurementWindow,
        serviceCredit: target.serviceCredit,
        setBy: "VENDOR" as const,
      })),
    });
    await tx.negotiation.update({
      where: { id: negotiation.id },
      data: { serviceTier: tier.name, termsOfService: tier.termsOfService },
    });
    await audited(
      tx,
      actor,
      rfpId,
      negotiation.id,
      "negotiation.tier_chosen",
      { serviceTier: before.serviceTier, vendorSlaLines: before._count.slaLines },
      { serviceTier: tier.name, vendorSlaLines: tier.slaTargets.length },
    );
    return { name: tier.name };
  });
}

export async function saveTermsOfService(
  actor: UserActor,
  rfpId: string,
  input: NegotiationChange & { termsOfService: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.negotiation.findUniqueOrThrow({
      where: { id: negotiation.id },
      select: { termsOfService: true },
    });
    await tx.negotiation.update({ where: { id: negotiation.id }, data: { termsOfService: input.termsOfService } });
    await audited(tx, actor, rfpId, negotiation.id, "negotiation.terms_of_service_updated", before, {
      termsOfService: input.termsOfService,
    });
  });
}

function clauseFrom(input: PriceChangeInput): PriceChangeClause | null {
  switch (input.kind) {
    case "UNSTATED":
      return null;
    case "INDEXED":
      return { kind: "INDEXED", index: input.index ?? "", capPercent: input.capPercent ?? null };
    case "VENDOR_DISCRETION":
      return { kind: "VENDOR_DISCRETION", noticeDays: input.noticeDays ?? null };
    default:
      return { kind: input.kind };
  }
}

export async function savePriceChange(actor: UserActor, rfpId: string, input: PriceChangeInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.negotiation.findUniqueOrThrow({
      where: { id: negotiation.id },
      select: { priceChange: true },
    });
    const clause = clauseFrom(input);
    await tx.negotiation.update({
      where: { id: negotiation.id },
      data: { priceChange: clause ?? Prisma.DbNull },
    });
    await audited(tx, actor, rfpId, negotiation.id, "negotiation.price_change_updated", before, {
      priceChange: clause,
    });
  });
}

// Price schedule -------------------------------------------------------------------------------

const lineSelect = {
  id: true,
  description: true,
  kind: true,
  unit: true,
  quantity: true,
  unitPrice: true,
} as const satisfies Prisma.NegotiationPriceLineSelect;

function priceData(input: PriceLineInput) {
  return {
    description: input.description,
    kind: input.kind,
    unit: input.unit,
    quantity: new Prisma.Decimal(input.quantity),
    unitPrice: new Prisma.Decimal(input.unitPrice),
  };
}

/** Price lines are part of the negotiation's commercial terms: their changes are audited on the negotiation. */
const priceLineRows = negotiationChildRows({
  noun: "price line",
  idKey: "lineId",
  actionPrefix: "negotiation.price_line",
  audit: { on: "negotiation" },
  table: {
    positioned: true,
    find: (tx, where) => tx.negotiationPriceLine.findFirst({ where, select: lineSelect }),
    lastPosition: async (tx, negotiationId) =>
      (await tx.negotiationPriceLine.aggregate({ where: { negotiationId }, _max: { position: true } }))._max.position,
    create: (tx, at, input) =>
      tx.negotiationPriceLine.create({ data: { ...at, ...priceData(input) }, select: lineSelect }),
    update: (tx, id, input) =>
      tx.negotiationPriceLine.update({ where: { id }, data: priceData(input), select: lineSelect }),
    remove: (tx, id) => tx.negotiationPriceLine.delete({ where: { id } }),
  } satisfies ChildRowTable<Prisma.NegotiationPriceLineGetPayload<{ select: typeof lineSelect }>, PriceLineInput>,
});

export const addPriceLine = priceLineRows.add;
export const updatePriceLine = priceLineRows.update;
export const deletePriceLine = priceLineRows.remove;
