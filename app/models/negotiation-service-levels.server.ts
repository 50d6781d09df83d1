import { prisma } from "~/db.server";
import { hasServiceCredit, measurabilityGaps } from "~/domain/contract-risk";
import type { Prisma } from "~/generated/prisma/client";
import type { FeeInput, ObligationInput, SlaInput } from "~/schemas/negotiation";
import { type ChildRowTable, findCurrentNegotiation, negotiationChildRows } from "./negotiation-core.server";

/**
 * What the vendor commits to perform: service levels (metric, target, window, reporting, credit,
 * who set it), fees, and each party's obligations. Every change re-runs the risk review.
 */
export async function getServiceLevels(rfpId: string) {
  const current = await findCurrentNegotiation(prisma, rfpId);
  if (!current) return null;
  const negotiation = await prisma.negotiation.findUniqueOrThrow({
    where: { id: current.id },
    select: {
      id: true,
      status: true,
      version: true,
      serviceTier: true,
      exitOnChronicSlaFailure: true,
      rfp: { select: { stage: true } },
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
        where: { disposition: "OBLIGATION" },
        orderBy: { position: "asc" },
        select: { id: true, obligationWording: true },
      },
    },
  });
  const { rfp, slaLines, ...rest } = negotiation;
  return {
    ...rest,
    editable: rfp.stage === "NEGOTIATION" && negotiation.status === "OPEN",
    slaLines: slaLines.map((line) => {
      const asRead = { ...line, measurementWindow: line.measurementWindow || null, serviceCredit: line.serviceCredit };
      return { ...line, gaps: measurabilityGaps(asRead), credit: hasServiceCredit(asRead) };
    }),
  };
}

// Service levels ----------------------------------------------------------------------------------

const slaSelect = {
  id: true,
  metric: true,
  target: true,
  measurementWindow: true,
  reporting: true,
  serviceCredit: true,
  setBy: true,
} as const satisfies Prisma.SlaLineSelect;

function slaData(input: SlaInput) {
  return {
    metric: input.metric,
    target: input.target,
    measurementWindow: input.measurementWindow,
    reporting: input.reporting,
    serviceCredit: input.serviceCredit,
    setBy: input.setBy,
  };
}

const slaLineRows = negotiationChildRows({
  noun: "service level",
  idKey: "slaLineId",
  actionPrefix: "negotiation.sla",
  audit: { on: "row", entityType: "SlaLine" },
  table: {
    positioned: true,
    find: (tx, where) => tx.slaLine.findFirst({ where, select: slaSelect }),
    lastPosition: async (tx, negotiationId) =>
      (await tx.slaLine.aggregate({ where: { negotiationId }, _max: { position: true } }))._max.position,
    create: (tx, at, input) => tx.slaLine.create({ data: { ...at, ...slaData(input) }, select: slaSelect }),
    update: (tx, id, input) => tx.slaLine.update({ where: { id }, data: slaData(input), select: slaSelect }),
    remove: (tx, id) => tx.slaLine.delete({ where: { id } }),
  } satisfies ChildRowTable<Prisma.SlaLineGetPayload<{ select: typeof slaSelect }>, SlaInput>,
});

export const addSlaLine = slaLineRows.add;
export const updateSlaLine = slaLineRows.update;
export const deleteSlaLine = slaLineRows.remove;

// Fees -------------------------------------------------------------------------------------------

const feeSelect = { id: true, kind: true, description: true } as const satisfies Prisma.ContractFeeSelect;

const feeRows = negotiationChildRows({
  noun: "fee",
  idKey: "feeId",
  actionPrefix: "negotiation.fee",
  audit: { on: "row", entityType: "ContractFee" },
  table: {
    positioned: false,
    find: (tx, where) => tx.contractFee.findFirst({ where, select: feeSelect }),
    create: (tx, at, input) =>
      tx.contractFee.create({ data: { ...at, kind: input.kind, description: input.description }, select: feeSelect }),
    update: (tx, id, input) =>
      tx.contractFee.update({
        where: { id },
        data: { kind: input.kind, description: input.description },
        select: feeSelect,
      }),
    remove: (tx, id) => tx.contractFee.delete({ where: { id } }),
  } satisfies ChildRowTable<Prisma.ContractFeeGetPayload<{ select: typeof feeSelect }>, FeeInput>,
});

export const addFee = feeRows.add;
export const updateFee = feeRows.update;
export const deleteFee = feeRows.remove;

// Obligations ------------------------------------------------------------------------------------

const obligationSelect = { id: true, party: true, text: true } as const satisfies Prisma.ContractObligationSelect;

const obligationRows = negotiationChildRows({
  noun: "obligation",
  idKey: "obligationId",
  actionPrefix: "negotiation.obligation",
  audit: { on: "row", entityType: "ContractObligation" },
  table: {
    positioned: false,
    find: (tx, where) => tx.contractObligation.findFirst({ where, select: obligationSelect }),
    create: (tx, at, input) =>
      tx.contractObligation.create({ data: { ...at, party: input.party, text: input.text }, select: obligationSelect }),
    update: (tx, id, input) =>
      tx.contractObligation.update({
        where: { id },
        data: { party: input.party, text: input.text },
        select: obligationSelect,
      }),
    remove: (tx, id) => tx.contractObligation.delete({ where: { id } }),
  } satisfies ChildRowTable<Prisma.ContractObligationGetPayload<{ select: typeof obligationSelect }>, ObligationInput>,
});

export const addObligation = obligationRows.add;
export const updateObligation = obligationRows.update;
export const deleteObligation = obligationRows.remove;
