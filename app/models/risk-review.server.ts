import { prisma } from "~/db.server";
import type { RiskFlag } from "~/domain/contract-risk";
import { COMMITMENT_OBLIGATION_PREFIX, readinessBlockers } from "~/domain/negotiation";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import {
  claimNegotiation,
  findCurrentNegotiation,
  readinessOf,
  refreshRiskReview,
  type StoredContract,
} from "./negotiation-core.server";

/**
 * The term risk review: domain/contract-risk run on the negotiation's current terms. Each flag is
 * resolved (the terms changed so it no longer fires — it simply disappears — or marked RESOLVED
 * with a note when it was fixed in wording the rules cannot read) or accepted with a note.
 */
export async function getRiskReview(rfpId: string, now = new Date()) {
  const current = await findCurrentNegotiation(prisma, rfpId);
  if (!current) return null;
  const [negotiation, { contract, flags, decisions, state }] = await Promise.all([
    prisma.negotiation.findUniqueOrThrow({
      where: { id: current.id },
      select: { id: true, status: true, version: true, rfp: { select: { stage: true, timeZone: true } } },
    }),
    readinessOf(prisma, current.id, now),
  ]);
  const byKey = new Map(decisions.map((decision) => [decision.flagKey, decision]));
  const outstanding = new Set(state.flags.map((riskFlag) => riskFlag.key));
  return {
    id: negotiation.id,
    status: negotiation.status,
    version: negotiation.version,
    timeZone: negotiation.rfp.timeZone,
    editable: negotiation.rfp.stage === "NEGOTIATION" && negotiation.status === "OPEN",
    flags: flags.map((riskFlag) => ({
      ...riskFlag,
      subjectLabel: subjectLabel(riskFlag, contract),
      decision: byKey.get(riskFlag.key) ?? null,
      outstanding: outstanding.has(riskFlag.key),
    })),
    blockers: readinessBlockers(state),
  };
}

/** What the flag is about, in words: the SLA line's metric, the fee, the obligation. */
function subjectLabel(riskFlag: RiskFlag, contract: StoredContract) {
  const { subject } = riskFlag;
  switch (subject.kind) {
    case "CONTRACT":
      return "The contract as a whole";
    case "SLA_LINE":
      return `Service level: ${contract.slaLines.find((line) => line.id === subject.slaLineId)?.metric ?? "removed"}`;
    case "FEE":
      return `Fee: ${contract.fees.find((fee) => fee.id === subject.feeId)?.description ?? "removed"}`;
    case "OBLIGATION": {
      if (subject.obligationId.startsWith(COMMITMENT_OBLIGATION_PREFIX))
        return "Obligation from the commitments register";
      return "Obligation";
    }
  }
}

export async function decideFlag(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; flagKey: string; status: "RESOLVED" | "ACCEPTED"; note: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const flags = await refreshRiskReview(tx, negotiation.id);
    const riskFlag = flags.find((candidate) => candidate.key === input.flagKey);
    if (!riskFlag) {
      throw new FieldError("form", "This flag no longer applies: the terms were changed so the rule is satisfied.");
    }
    const before = await tx.riskFlagDecision.findUnique({
      where: { negotiationId_flagKey: { negotiationId: negotiation.id, flagKey: input.flagKey } },
      select: { status: true, note: true },
    });
    const data = { status: input.status, note: input.note, decidedById: actor.id, decidedAt: new Date() };
    await tx.riskFlagDecision.upsert({
      where: { negotiationId_flagKey: { negotiationId: negotiation.id, flagKey: input.flagKey } },
      create: { negotiationId: negotiation.id, flagKey: input.flagKey, ...data },
      update: data,
    });
    await recordAudit(tx, {
      actor,
      action: input.status === "ACCEPTED" ? "risk_flag.accepted" : "risk_flag.resolved",
      entityType: "RiskFlagDecision",
      entityId: input.flagKey,
      rfpId,
      before: before ?? undefined,
      after: { flag: riskFlag.title, status: input.status, note: input.note },
    });
    return riskFlag;
  });
}

export async function reopenFlag(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; flagKey: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await tx.riskFlagDecision.findUnique({
      where: { negotiationId_flagKey: { negotiationId: negotiation.id, flagKey: input.flagKey } },
      select: { status: true, note: true },
    });
    if (!before) throw new FieldError("form", "This flag has no decision to withdraw.");
    await tx.riskFlagDecision.delete({
      where: { negotiationId_flagKey: { negotiationId: negotiation.id, flagKey: input.flagKey } },
    });
    await recordAudit(tx, {
      actor,
      action: "risk_flag.reopened",
      entityType: "RiskFlagDecision",
      entityId: input.flagKey,
      rfpId,
      before,
    });
  });
}
