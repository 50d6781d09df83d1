import { prisma, type TransactionClient } from "~/db.server";
import { type Direction, documentLockReason, isDocumentEditable, isReorderOf, moveInOrder } from "~/domain/authoring";
import { documentChanges, documentReadinessIssues } from "~/domain/document";
import type { RfpStage } from "~/domain/workflow";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { latestDocumentVersion, loadWorkingDocument } from "./document.server";

/**
 * Sections of the RFP's working copy. Each section carries its own version: two leads editing
 * the same section cannot overwrite each other, while editing different sections never conflicts.
 */
const requirementSelect = {
  id: true,
  code: true,
  text: true,
  kind: true,
  evidenceRequested: true,
  criterionId: true,
  criterion: { select: { id: true, name: true, stage: true } },
} as const;

export async function listSections(rfpId: string) {
  return prisma.rfpSection.findMany({
    where: { rfpId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      title: true,
      body: true,
      version: true,
      requirements: { orderBy: { position: "asc" }, select: requirementSelect },
    },
  });
}

/**
 * Where the document stands: what blocks publishing, and once published, how the working copy
 * differs from the version vendors are reading.
 */
export async function getDocumentStatus(rfpId: string, stage: RfpStage) {
  const [working, latest] = await Promise.all([loadWorkingDocument(rfpId), latestDocumentVersion(rfpId)]);
  const editable = isDocumentEditable(stage);
  return {
    stage,
    editable,
    lockReason: documentLockReason(stage),
    readiness: editable ? documentReadinessIssues(working) : [],
    latestVersion: latest ? { number: latest.number, createdAt: latest.createdAt } : null,
    changes: latest ? documentChanges(latest.snapshot, working) : null,
  };
}

export async function getSection(rfpId: string, sectionId: string) {
  const sections = await prisma.rfpSection.findMany({
    where: { rfpId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const index = sections.findIndex((section) => section.id === sectionId);
  if (index < 0) return null;
  const section = await prisma.rfpSection.findUniqueOrThrow({
    where: { id: sectionId },
    select: {
      id: true,
      title: true,
      body: true,
      version: true,
      updatedAt: true,
      requirements: { orderBy: { position: "asc" }, select: requirementSelect },
    },
  });
  return { ...section, number: index + 1, count: sections.length };
}

/**
 * Lock the RFP row for this transaction and check the document may change in its stage. The lock
 * orders document edits against publishing (which freezes the document) on PostgreSQL; PGlite
 * runs one transaction at a time anyway.
 */
export async function lockEditableDocument(tx: TransactionClient, rfpId: string) {
  const rows = await tx.$queryRaw<{ stage: string }[]>`
    SELECT "stage"::text AS stage FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
  const stage = rows[0]?.stage;
  if (!stage) throw new FieldError("form", "This RFP no longer exists.");
  const reason = documentLockReason(stage as Parameters<typeof documentLockReason>[0]);
  if (reason) throw new FieldError("form", reason);
}

export async function addSection(actor: Actor, rfpId: string, title: string) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const last = await tx.rfpSection.findFirst({
      where: { rfpId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const section = await tx.rfpSection.create({
      data: { rfpId, title, position: (last?.position ?? -1) + 1 },
      select: { id: true, title: true },
    });
    await recordAudit(tx, {
      actor,
      action: "document.section_added",
      entityType: "RfpSection",
      entityId: section.id,
      rfpId,
      after: { title },
    });
    return section;
  });
}

/** Save title and body if nobody saved this section since `expectedVersion`; ConflictError otherwise. */
export async function updateSection(
  actor: Actor,
  rfpId: string,
  sectionId: string,
  expectedVersion: number,
  input: { title: string; body: string },
) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const before = await tx.rfpSection.findFirst({
      where: { id: sectionId, rfpId },
      select: { title: true, body: true },
    });
    if (!before) throw new FieldError("form", "This section was deleted by someone else.");
    const { count } = await tx.rfpSection.updateMany({
      where: { id: sectionId, rfpId, version: expectedVersion },
      data: { title: input.title, body: input.body, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("Someone else saved this section after you opened it.");
    const changedBefore: Record<string, string> = {};
    const changedAfter: Record<string, string> = {};
    for (const field of ["title", "body"] as const) {
      if (before[field] !== input[field]) {
        changedBefore[field] = before[field];
        changedAfter[field] = input[field];
      }
    }
    await recordAudit(tx, {
      actor,
      action: "document.section_updated",
      entityType: "RfpSection",
      entityId: sectionId,
      rfpId,
      before: changedBefore,
      after: changedAfter,
    });
    return { version: expectedVersion + 1 };
  });
}

/** Delete a section and its requirements (their codes are not reused). */
export async function deleteSection(actor: Actor, rfpId: string, sectionId: string, expectedVersion: number) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const section = await tx.rfpSection.findFirst({
      where: { id: sectionId, rfpId },
      select: { title: true, version: true, requirements: { orderBy: { position: "asc" }, select: { code: true } } },
    });
    if (!section) throw new FieldError("form", "This section was already deleted.");
    if (section.version !== expectedVersion) {
      throw new ConflictError(
        `Someone else changed “${section.title}” after you opened this page; review it before deleting.`,
      );
    }
    const answered = await answeredRequirementCodes(tx, { sectionId });
    if (answered.length > 0) {
      throw new FieldError(
        "form",
        `“${section.title}” cannot be deleted: vendors have already answered ${answered.join(", ")} in their proposals.`,
      );
    }
    await tx.rfpSection.delete({ where: { id: sectionId } });
    await recordAudit(tx, {
      actor,
      action: "document.section_deleted",
      entityType: "RfpSection",
      entityId: sectionId,
      rfpId,
      before: { title: section.title, requirements: section.requirements.map((requirement) => requirement.code) },
    });
    return section;
  });
}

/** Codes of requirements (matching `where`) that some vendor has answered in a proposal. */
export async function answeredRequirementCodes(
  tx: TransactionClient,
  where: { sectionId?: string; id?: string },
): Promise<string[]> {
  const requirements = await tx.requirement.findMany({
    where: { ...where, responses: { some: {} } },
    orderBy: { position: "asc" },
    select: { code: true },
  });
  return requirements.map((requirement) => requirement.code);
}

export async function moveSection(actor: Actor, rfpId: string, sectionId: string, direction: Direction) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const sections = await sectionOrder(tx, rfpId);
    const order = moveInOrder(
      sections.map((section) => section.id),
      sectionId,
      direction,
    );
    if (!order) {
      if (!sections.some((section) => section.id === sectionId)) {
        throw new FieldError("form", "This section was deleted by someone else.");
      }
      return sections.find((section) => section.id === sectionId);
    }
    await writeSectionOrder(tx, actor, rfpId, sections, order);
    return sections.find((section) => section.id === sectionId);
  });
}

/** Apply a whole new order (drag and drop). Refused if sections were added or removed meanwhile. */
export async function reorderSections(actor: Actor, rfpId: string, order: string[]) {
  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const sections = await sectionOrder(tx, rfpId);
    if (
      !isReorderOf(
        sections.map((section) => section.id),
        order,
      )
    ) {
      throw new ConflictError(
        "The sections changed while you were reordering them. Review the new list and try again.",
      );
    }
    await writeSectionOrder(tx, actor, rfpId, sections, order);
  });
}

function sectionOrder(tx: TransactionClient, rfpId: string) {
  return tx.rfpSection.findMany({
    where: { rfpId },
    orderBy: { position: "asc" },
    select: { id: true, title: true },
  });
}

async function writeSectionOrder(
  tx: TransactionClient,
  actor: Actor,
  rfpId: string,
  sections: { id: string; title: string }[],
  order: string[],
) {
  if (order.join() === sections.map((section) => section.id).join()) return;
  for (const [position, id] of order.entries()) {
    await tx.rfpSection.update({ where: { id }, data: { position } });
  }
  const titles = new Map(sections.map((section) => [section.id, section.title]));
  await recordAudit(tx, {
    actor,
    action: "document.sections_reordered",
    entityType: "Rfp",
    entityId: rfpId,
    rfpId,
    before: { order: sections.map((section) => section.title) },
    after: { order: order.map((id) => titles.get(id) ?? id) },
  });
}
