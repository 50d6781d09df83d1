import { prisma, type TransactionClient } from "~/db.server";
import { type CommitmentKind, dispositionProblems } from "~/domain/negotiation";
import type { DecideCommitmentInput } from "~/schemas/commitment";
import { zonedLocalToUtc } from "~/utils/dates";
import { FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import { claimNegotiation, findCurrentNegotiation, refreshRiskReview } from "./negotiation-core.server";

/**
 * The commitments register — promises vs. reality. Every claim, commitment and limitation the
 * vendor made in its proposal (its own words, kept as written) and in the interview (as the panel
 * noted them, one item per debrief for the lead to split and edit) is turned into a contract
 * obligation, dropped with a reason, or — a limitation — accepted with a resolve-by date.
 */
export async function getCommitmentsRegister(rfpId: string) {
  const current = await findCurrentNegotiation(prisma, rfpId);
  if (!current) return null;
  const negotiation = await prisma.negotiation.findUniqueOrThrow({
    where: { id: current.id },
    select: {
      id: true,
      status: true,
      version: true,
      rfp: { select: { stage: true, timeZone: true } },
      invitation: { select: { vendor: { select: { name: true } } } },
      commitments: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          source: true,
          sourceRef: true,
          kind: true,
          text: true,
          disposition: true,
          obligationWording: true,
          dropReason: true,
          resolveBy: true,
        },
      },
    },
  });
  const { rfp, invitation, ...rest } = negotiation;
  return {
    ...rest,
    timeZone: rfp.timeZone,
    vendorName: invitation.vendor.name,
    editable: rfp.stage === "NEGOTIATION" && negotiation.status === "OPEN",
  };
}

const itemSelect = {
  id: true,
  position: true,
  source: true,
  sourceRef: true,
  kind: true,
  text: true,
  disposition: true,
  obligationWording: true,
  dropReason: true,
  resolveBy: true,
} as const;

async function loadItem(tx: TransactionClient, negotiationId: string, itemId: string) {
  const item = await tx.commitmentItem.findFirst({ where: { id: itemId, negotiationId }, select: itemSelect });
  if (!item) throw new FieldError("form", "This item is not in the register (it may have been removed).");
  return item;
}

export async function decideCommitment(
  actor: UserActor,
  rfpId: string,
  input: DecideCommitmentInput,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await loadItem(tx, negotiation.id, input.itemId);
    const resolveBy = input.resolveBy ? zonedLocalToUtc(`${input.resolveBy}T00:00`, negotiation.rfp.timeZone) : null;
    // Only what the chosen disposition uses is kept, so the register never shows a stale reason.
    const decision = {
      kind: before.kind,
      disposition: input.disposition,
      obligationWording:
        input.disposition === "OBLIGATION" || input.disposition === "ACCEPTED_LIMITATION"
          ? input.obligationWording
          : "",
      dropReason: input.disposition === "DROPPED" ? input.dropReason : "",
      resolveBy: input.disposition === "ACCEPTED_LIMITATION" ? resolveBy : null,
    };
    const problem = dispositionProblems(decision, now)[0];
    if (problem) throw new FieldError(problem.field, problem.message);
    const after = await tx.commitmentItem.update({
      where: { id: before.id },
      data: {
        disposition: decision.disposition,
        obligationWording: decision.obligationWording,
        dropReason: decision.dropReason,
        resolveBy: decision.resolveBy,
      },
      select: itemSelect,
    });
    await refreshRiskReview(tx, negotiation.id);
    await recordAudit(tx, {
      actor,
      action: "commitment.decided",
      entityType: "CommitmentItem",
      entityId: before.id,
      rfpId,
      before: pickDecision(before),
      after: pickDecision(after),
    });
    return after;
  });
}

function pickDecision(item: {
  text: string;
  disposition: string;
  obligationWording: string;
  dropReason: string;
  resolveBy: Date | null;
}) {
  return {
    text: item.text,
    disposition: item.disposition,
    obligationWording: item.obligationWording || undefined,
    dropReason: item.dropReason || undefined,
    resolveBy: item.resolveBy ?? undefined,
  };
}

/** Interview notes are the panel's summary, so the lead may reword and reclassify them; the proposal's words stay as written. */
async function requireInterviewItem(tx: TransactionClient, negotiationId: string, itemId: string) {
  const item = await loadItem(tx, negotiationId, itemId);
  if (item.source !== "INTERVIEW") {
    throw new FieldError("text", "Promises from the proposal are kept in the vendor's own words; decide them instead.");
  }
  return item;
}

export async function editCommitment(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; itemId: string; kind: CommitmentKind; text: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const before = await requireInterviewItem(tx, negotiation.id, input.itemId);
    if (before.disposition === "ACCEPTED_LIMITATION" && input.kind !== "LIMITATION") {
      throw new FieldError("kind", "This item is an accepted limitation; change its decision before reclassifying it.");
    }
    await tx.commitmentItem.update({ where: { id: before.id }, data: { kind: input.kind, text: input.text } });
    await recordAudit(tx, {
      actor,
      action: "commitment.edited",
      entityType: "CommitmentItem",
      entityId: before.id,
      rfpId,
      before: { kind: before.kind, text: before.text },
      after: { kind: input.kind, text: input.text },
    });
  });
}

/** Split one promise out of an interview item: a new item from the same debrief, right below it. */
export async function splitCommitment(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; itemId: string; kind: CommitmentKind; text: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const from = await requireInterviewItem(tx, negotiation.id, input.itemId);
    await tx.commitmentItem.updateMany({
      where: { negotiationId: negotiation.id, position: { gt: from.position } },
      data: { position: { increment: 1 } },
    });
    const item = await tx.commitmentItem.create({
      data: {
        negotiationId: negotiation.id,
        position: from.position + 1,
        source: "INTERVIEW",
        sourceRef: from.sourceRef,
        kind: input.kind,
        text: input.text,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "commitment.split",
      entityType: "CommitmentItem",
      entityId: item.id,
      rfpId,
      after: { from: from.id, kind: input.kind, text: input.text },
    });
    return item;
  });
}
