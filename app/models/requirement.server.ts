import { createHash } from "node:crypto";
import { prisma, type TransactionClient } from "~/db.server";
import { type Direction, LINKABLE_STAGES, moveInOrder } from "~/domain/authoring";
import { requirementCode } from "~/domain/document";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { answeredRequirementCodes, lockEditableDocument } from "./section.server";

/**
 * Requirements vendors answer, inside a section. Codes (R-01, R-02, …) come from the RFP's
 * counter and are never reused, so "R-07" means the same thing in every addendum, question and
 * proposal. A requirement has no version column; an edit names the fingerprint of what the
 * editor saw, and is refused if the requirement changed since.
 */
export type RequirementContent = {
  text: string;
  kind: "MANDATORY" | "SCORED";
  criterionId: string | null;
  evidenceRequested?: string | null;
};

export function requirementFingerprint(requirement: RequirementContent) {
  const content = [requirement.text, requirement.kind, requirement.criterionId, requirement.evidenceRequested ?? null];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 20);
}

/** The criteria a scored requirement may be scored under, in tree order, with their effective weights. */
export async function listCriteriaForLinking(rfpId: string) {
  const criteria = await prisma.criterion.findMany({
    where: { rfpId },
    select: { id: true, parentId: true, name: true, weight: true, stage: true, position: true },
  });
  return criteria.map((criterion) => ({ ...criterion, weight: Number(criterion.weight) }));
}

async function checkCriterionLink(tx: TransactionClient, rfpId: string, input: RequirementContent) {
  if (input.kind !== "SCORED") return null;
  const criterion = input.criterionId
    ? await tx.criterion.findFirst({
        where: { id: input.criterionId, rfpId },
        select: { id: true, stage: true, _count: { select: { children: true } } },
      })
    : null;
  if (!criterion) throw new FieldError("criterionId", "Choose the criterion this requirement is scored under.");
  if (criterion._count.children > 0 || !LINKABLE_STAGES.includes(criterion.stage)) {
    throw new FieldError(
      "criterionId",
      "Choose a criterion without sub-criteria that is scored from the written proposals or the interviews.",
    );
  }
  return criterion.id;
}

function auditView(requirement: RequirementContent & { code: string }) {
  return {
    code: requirement.code,
    text: requirement.text,
    kind: requirement.kind,
    criterionId: requirement.criterionId,
    evidenceRequested: requirement.evidenceRequested ?? null,
  };
}

export async function addRequirement(actor: Actor, rfpId: string, sectionId: string, input: RequirementContent) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const section = await tx.rfpSection.findFirst({ where: { id: sectionId, rfpId }, select: { id: true } });
    if (!section) throw new FieldError("form", "This section was deleted by someone else.");
    const criterionId = await checkCriterionLink(tx, rfpId, input);
    // Taking the number and bumping the counter in one UPDATE keeps codes unique under concurrency.
    const { nextRequirementNumber } = await tx.rfp.update({
      where: { id: rfpId },
      data: { nextRequirementNumber: { increment: 1 } },
      select: { nextRequirementNumber: true },
    });
    const code = requirementCode(nextRequirementNumber - 1);
    const last = await tx.requirement.findFirst({
      where: { sectionId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const requirement = await tx.requirement.create({
      data: {
        rfpId,
        sectionId,
        code,
        position: (last?.position ?? -1) + 1,
        text: input.text,
        kind: input.kind,
        criterionId,
        evidenceRequested: input.evidenceRequested ?? null,
      },
      select: { id: true, code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
    });
    await recordAudit(tx, {
      actor,
      action: "document.requirement_added",
      entityType: "Requirement",
      entityId: requirement.id,
      rfpId,
      after: auditView(requirement),
    });
    return requirement;
  });
}

export async function updateRequirement(
  actor: Actor,
  rfpId: string,
  requirementId: string,
  expectedFingerprint: string,
  input: RequirementContent,
) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const before = await tx.requirement.findFirst({
      where: { id: requirementId, rfpId },
      select: { code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
    });
    if (!before) throw new FieldError("form", "This requirement was deleted by someone else.");
    if (requirementFingerprint(before) !== expectedFingerprint) {
      throw new ConflictError(`Someone else changed ${before.code} after you opened it.`);
    }
    const criterionId = await checkCriterionLink(tx, rfpId, input);
    const after = await tx.requirement.update({
      where: { id: requirementId },
      data: {
        text: input.text,
        kind: input.kind,
        criterionId,
        evidenceRequested: input.evidenceRequested ?? null,
      },
      select: { code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
    });
    const beforeView: Record<string, unknown> = auditView(before);
    const afterView: Record<string, unknown> = auditView(after);
    const changed = Object.keys(afterView).filter((key) => beforeView[key] !== afterView[key]);
    await recordAudit(tx, {
      actor,
      action: "document.requirement_updated",
      entityType: "Requirement",
      entityId: requirementId,
      rfpId,
      before: { code: before.code, ...Object.fromEntries(changed.map((key) => [key, beforeView[key]])) },
      after: Object.fromEntries(changed.map((key) => [key, afterView[key]])),
    });
    return after;
  });
}

export async function deleteRequirement(actor: Actor, rfpId: string, requirementId: string) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const requirement = await tx.requirement.findFirst({
      where: { id: requirementId, rfpId },
      select: { code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
    });
    if (!requirement) throw new FieldError("form", "This requirement was already deleted.");
    if ((await answeredRequirementCodes(tx, { id: requirementId })).length > 0) {
      throw new FieldError(
        "form",
        `${requirement.code} cannot be deleted: vendors have already answered it in their proposals.`,
      );
    }
    await tx.requirement.delete({ where: { id: requirementId } });
    await recordAudit(tx, {
      actor,
      action: "document.requirement_deleted",
      entityType: "Requirement",
      entityId: requirementId,
      rfpId,
      before: auditView(requirement),
    });
    return requirement;
  });
}

export async function moveRequirement(actor: Actor, rfpId: string, requirementId: string, direction: Direction) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const requirement = await tx.requirement.findFirst({
      where: { id: requirementId, rfpId },
      select: { code: true, sectionId: true },
    });
    if (!requirement) throw new FieldError("form", "This requirement was deleted by someone else.");
    const siblings = await tx.requirement.findMany({
      where: { sectionId: requirement.sectionId },
      orderBy: { position: "asc" },
      select: { id: true, code: true },
    });
    const order = moveInOrder(
      siblings.map((sibling) => sibling.id),
      requirementId,
      direction,
    );
    if (!order) return requirement;
    for (const [position, id] of order.entries()) {
      await tx.requirement.update({ where: { id }, data: { position } });
    }
    const codes = new Map(siblings.map((sibling) => [sibling.id, sibling.code]));
    await recordAudit(tx, {
      actor,
      action: "document.requirements_reordered",
      entityType: "RfpSection",
      entityId: requirement.sectionId,
      rfpId,
      before: { order: siblings.map((sibling) => sibling.code) },
      after: { order: order.map((id) => codes.get(id) ?? id) },
    });
    return requirement;
  });
}
