import { prisma, type TransactionClient } from "~/db.server";
import type { CriterionStage } from "~/domain/criteria";
import type { DocumentSnapshot } from "~/domain/document";
import { TIMELINE_FIELDS, type TimelineKey } from "~/domain/timeline";
import type { Prisma } from "~/generated/prisma/client";
import { type Actor, recordAudit } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";

/**
 * The RFP document has two forms: the working copy (sections, requirements and criteria rows the
 * lead edits) and frozen versions (RfpDocumentVersion, what vendors saw). Vendors only ever read
 * a frozen version; before publishing there is none.
 */
export async function loadWorkingDocument(
  rfpId: string,
  client: TransactionClient = prisma,
): Promise<DocumentSnapshot> {
  const rfp = await client.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      reference: true,
      title: true,
      summary: true,
      category: true,
      currency: true,
      timeZone: true,
      issueDate: true,
      questionsDeadline: true,
      proposalDeadline: true,
      interviewStart: true,
      interviewEnd: true,
      decisionTarget: true,
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          body: true,
          requirements: {
            orderBy: { position: "asc" },
            select: { id: true, code: true, text: true, kind: true, criterionId: true, evidenceRequested: true },
          },
        },
      },
      criteria: {
        orderBy: [{ parentId: "asc" }, { position: "asc" }],
        select: { ...scoredCriterionSelect, description: true, descriptors: true },
      },
    },
  });
  const timeline = Object.fromEntries(
    TIMELINE_FIELDS.map((field) => [field.key, rfp[field.key]?.toISOString() ?? null]),
  ) as Record<TimelineKey, string | null>;
  return {
    rfp: {
      reference: rfp.reference,
      title: rfp.title,
      summary: rfp.summary,
      category: rfp.category,
      currency: rfp.currency,
      timeZone: rfp.timeZone,
      timeline,
    },
    sections: rfp.sections,
    criteria: rfp.criteria.map((criterion) => ({
      ...criterion,
      weight: Number(criterion.weight),
      stage: criterion.stage as CriterionStage,
      descriptors: Array.isArray(criterion.descriptors) ? criterion.descriptors.map(String) : [],
    })),
  };
}

export async function latestDocumentVersion(rfpId: string, client: TransactionClient = prisma) {
  const version = await client.rfpDocumentVersion.findFirst({
    where: { rfpId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, snapshot: true, createdAt: true },
  });
  return version ? { ...version, snapshot: version.snapshot as unknown as DocumentSnapshot } : null;
}

/**
 * Freeze the working copy as the next version, inside the caller's transaction (publishing, an
 * addendum). Returns the new version.
 */
export async function freezeDocument(tx: TransactionClient, rfpId: string, actor: Actor & { id: string }) {
  const snapshot = await loadWorkingDocument(rfpId, tx);
  const previous = await tx.rfpDocumentVersion.findFirst({
    where: { rfpId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const number = (previous?.number ?? 0) + 1;
  const version = await tx.rfpDocumentVersion.create({
    data: { rfpId, number, snapshot: snapshot as unknown as Prisma.InputJsonValue, createdById: actor.id },
    select: { id: true, number: true },
  });
  await recordAudit(tx, {
    actor,
    action: "rfp.document_frozen",
    entityType: "RfpDocumentVersion",
    entityId: version.id,
    rfpId,
    after: {
      number,
      sections: snapshot.sections.length,
      requirements: snapshot.sections.reduce((sum, section) => sum + section.requirements.length, 0),
    },
  });
  return { ...version, snapshot };
}
