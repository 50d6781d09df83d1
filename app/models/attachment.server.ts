import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { prisma } from "~/db.server";
import { ATTACHMENT_TYPES, attachmentProblem, cleanFileName } from "~/domain/proposal-rules";
import { FieldError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { type PortalVendor, vendorActor } from "./portal-session.server";
import { proposalContext } from "./proposal.server";

/**
 * Proposal attachments. The type is decided by the file's content (file-type), never by its name
 * or the browser's claim; the bytes live in AttachmentBlob (same transaction and backups as the
 * rest), under a generated id; the original name is kept only to show and to name the download.
 */
export async function addAttachment(vendor: PortalVendor, file: { name: string; bytes: Uint8Array }, now = new Date()) {
  const detected = await fileTypeFromBuffer(file.bytes);
  const mimeType = detected?.mime ?? null;
  const originalName = cleanFileName(file.name);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  return prisma.$transaction(async (tx) => {
    const context = await proposalContext(tx, vendor, now);
    if (context.lock) {
      // Same rule as editing the proposal: after the deadline or once submitted, nothing changes.
      throw new FieldError("file", lockText(context.lock));
    }
    // Attaching before the first save creates the proposal at version 0 ("nothing saved yet"), so
    // the form's first save (made at version 0) still fits.
    const proposal =
      context.proposal ??
      (await tx.proposal.create({
        data: { rfpId: vendor.rfpId, invitationId: vendor.id, currency: context.rfp.currency, version: 0 },
        select: { id: true, status: true, version: true },
      }));
    const existing = await tx.attachment.aggregate({
      where: { proposalId: proposal.id },
      _count: { _all: true },
      _sum: { sizeBytes: true },
    });
    const problem = attachmentProblem({
      fileName: originalName,
      sizeBytes: file.bytes.byteLength,
      detectedMime: mimeType,
      existing: { count: existing._count._all, totalBytes: existing._sum.sizeBytes ?? 0 },
    });
    if (problem || !mimeType) throw new FieldError("file", problem ?? "This file cannot be attached.");
    const attachment = await tx.attachment.create({
      data: {
        proposalId: proposal.id,
        originalName,
        mimeType,
        sizeBytes: file.bytes.byteLength,
        sha256,
        blob: { create: { data: new Uint8Array(file.bytes) } },
      },
      select: { id: true, originalName: true },
    });
    // The audit trail is readable inside the organisation before opening: type and size only.
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: "proposal.attachment_added",
      entityType: "Attachment",
      entityId: attachment.id,
      rfpId: vendor.rfpId,
      after: { type: ATTACHMENT_TYPES[mimeType]?.label ?? mimeType, sizeBytes: file.bytes.byteLength, sha256 },
    });
    return attachment;
  });
}

function lockText(lock: NonNullable<Awaited<ReturnType<typeof proposalContext>>["lock"]>) {
  if (lock === "closed") return "The proposal deadline has passed: attachments can no longer change.";
  if (lock === "submitted") return "Your proposal is submitted. Withdraw it first to change its attachments.";
  if (lock === "declined") return "You declined to bid. Change your answer on the portal home page first.";
  return "Your invitation no longer allows changes to the proposal.";
}

/** Remove one of this vendor's own attachments while the proposal is editable. */
export async function deleteAttachment(vendor: PortalVendor, attachmentId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const context = await proposalContext(tx, vendor, now);
    if (context.lock) throw new FieldError("form", lockText(context.lock));
    const attachment = await tx.attachment.findFirst({
      where: { id: attachmentId, proposal: { invitationId: vendor.id } },
      select: { id: true, originalName: true, sizeBytes: true, sha256: true },
    });
    if (!attachment) throw new FieldError("form", "That attachment does not exist (any more). Reload the page.");
    await tx.attachment.delete({ where: { id: attachment.id } });
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: "proposal.attachment_deleted",
      entityType: "Attachment",
      entityId: attachment.id,
      rfpId: vendor.rfpId,
      before: { sizeBytes: attachment.sizeBytes, sha256: attachment.sha256 },
    });
    return attachment;
  });
}

/** One of this vendor's own attachments with its bytes, or null (someone else's looks exactly like a missing one). */
export async function getAttachmentDownload(vendor: PortalVendor, attachmentId: string) {
  if (attachmentId.length > 64) return null;
  return prisma.attachment.findFirst({
    where: { id: attachmentId, proposal: { invitationId: vendor.id } },
    select: { originalName: true, mimeType: true, sizeBytes: true, blob: { select: { data: true } } },
  });
}
