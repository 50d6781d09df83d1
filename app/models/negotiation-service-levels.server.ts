import { prisma, type TransactionClient } from "~/db.server";
import { hasServiceCredit, measurabilityGaps } from "~/domain/contract-risk";
import type { FeeInput, ObligationInput, SlaInput } from "~/schemas/negotiation";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import { claimNegotiation, findCurrentNegotiation, refreshRiskReview } from "./negotiation-core.server";

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

type Change = { negotiationId: string; version: number };

async function finish(
  tx: TransactionClient,
  actor: UserActor,
  rfpId: string,
  negotiationId: string,
  event: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
) {
  await refreshRiskReview(tx, negotiationId);
  await recordAudit(tx, { actor, rfpId, ...event });
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
} as const;

export async function addSlaLine(actor: UserActor, rfpId: string, input: Change & SlaInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const last = await tx.slaLine.aggregate({ where: { negotiationId: negotiation.id }, _max: { position: true } });
    const line = await tx.slaLine.create({
      data: { negotiationId: negotiation.id, position: (last._max.position ?? -1) + 1, ...slaData(input) },
      select: slaSelect,
    });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.sla_added",
      entityType: "SlaLine",
      entityId: line.id,
      after: line,
    });
    return line;
  });
}

export async function updateSlaLine(actor: UserActor, rfpId: string, input: Change & SlaInput & { slaLineId: string }) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.slaLine.findFirst({
      where: { id: input.slaLineId, negotiationId: negotiation.id },
      select: slaSelect,
    });
    if (!before) throw new FieldError("form", "This service level was removed by someone else.");
    const after = await tx.slaLine.update({ where: { id: before.id }, data: slaData(input), select: slaSelect });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.sla_updated",
      entityType: "SlaLine",
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteSlaLine(actor: UserActor, rfpId: string, input: Change & { slaLineId: string }) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.slaLine.findFirst({
      where: { id: input.slaLineId, negotiationId: negotiation.id },
      select: slaSelect,
    });
    if (!before) throw new FieldError("form", "This service level was already removed.");
    await tx.slaLine.delete({ where: { id: before.id } });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.sla_deleted",
      entityType: "SlaLine",
      entityId: before.id,
      before,
    });
    return before;
  });
}

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

// Fees -------------------------------------------------------------------------------------------

const feeSelect = { id: true, kind: true, description: true } as const;

export async function addFee(actor: UserActor, rfpId: string, input: Change & FeeInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const fee = await tx.contractFee.create({
      data: { negotiationId: negotiation.id, kind: input.kind, description: input.description },
      select: feeSelect,
    });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.fee_added",
      entityType: "ContractFee",
      entityId: fee.id,
      after: fee,
    });
    return fee;
  });
}

export async function updateFee(actor: UserActor, rfpId: string, input: Change & FeeInput & { feeId: string }) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.contractFee.findFirst({
      where: { id: input.feeId, negotiationId: negotiation.id },
      select: feeSelect,
    });
    if (!before) throw new FieldError("form", "This fee was removed by someone else.");
    const after = await tx.contractFee.update({
      where: { id: before.id },
      data: { kind: input.kind, description: input.description },
      select: feeSelect,
    });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.fee_updated",
      entityType: "ContractFee",
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteFee(actor: UserActor, rfpId: string, input: Change & { feeId: string }) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.contractFee.findFirst({
      where: { id: input.feeId, negotiationId: negotiation.id },
      select: feeSelect,
    });
    if (!before) throw new FieldError("form", "This fee was already removed.");
    await tx.contractFee.delete({ where: { id: before.id } });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.fee_deleted",
      entityType: "ContractFee",
      entityId: before.id,
      before,
    });
    return before;
  });
}

// Obligations ------------------------------------------------------------------------------------

const obligationSelect = { id: true, party: true, text: true } as const;

export async function addObligation(actor: UserActor, rfpId: string, input: Change & ObligationInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const obligation = await tx.contractObligation.create({
      data: { negotiationId: negotiation.id, party: input.party, text: input.text },
      select: obligationSelect,
    });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.obligation_added",
      entityType: "ContractObligation",
      entityId: obligation.id,
      after: obligation,
    });
    return obligation;
  });
}

export async function updateObligation(
  actor: UserActor,
  rfpId: string,
  input: Change & ObligationInput & { obligationId: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.contractObligation.findFirst({
      where: { id: input.obligationId, negotiationId: negotiation.id },
      select: obligationSelect,
    });
    if (!before) throw new FieldError("form", "This obligation was removed by someone else.");
    const after = await tx.contractObligation.update({
      where: { id: before.id },
      data: { party: input.party, text: input.text },
      select: obligationSelect,
    });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.obligation_updated",
      entityType: "ContractObligation",
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteObligation(actor: UserActor, rfpId: string, input: Change & { obligationId: string }) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.contractObligation.findFirst({
      where: { id: input.obligationId, negotiationId: negotiation.id },
      select: obligationSelect,
    });
    if (!before) throw new FieldError("form", "This obligation was already removed.");
    await tx.contractObligation.delete({ where: { id: before.id } });
    await finish(tx, actor, rfpId, negotiation.id, {
      action: "negotiation.obligation_deleted",
      entityType: "ContractObligation",
      entityId: before.id,
      before,
    });
    return before;
  });
}
