import { prisma, type TransactionClient } from "~/db.server";
import {
  acknowledgementState,
  addendumLabel,
  changedTimelineFields,
  documentsDiffer,
  publishedTimelineIssues,
} from "~/domain/addendum";
import { type DocumentSnapshot, documentChanges } from "~/domain/document";
import { TIMELINE_FIELDS, type Timeline, timelineLabel, timelineOf } from "~/domain/timeline";
import type { Prisma } from "~/generated/prisma/client";
import { formatDateTime } from "~/utils/dates";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { addendumIssuedMessage, addendumReminderMessage, type Message } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { freezeDocument, latestDocumentVersion, loadWorkingDocument } from "./document.server";
import { BUYER_NAME } from "./invitation-link.server";
import { queueMessage } from "./outbox.server";

/**
 * After publishing, the RFP changes only through numbered addenda. An addendum that changes the
 * document freezes a new version; every invited vendor is told and acknowledges it in the portal.
 */

const rfpFacts = {
  reference: true,
  title: true,
  timeZone: true,
  proposalDeadline: true,
  questionsDeadline: true,
} as const;

const timelineSelect = Object.fromEntries(TIMELINE_FIELDS.map((field) => [field.key, true])) as Record<
  (typeof TIMELINE_FIELDS)[number]["key"],
  true
>;

export const NOT_PUBLISHED = "Addenda can only be issued while the RFP is published, before the proposals are opened.";
const STALE = "This RFP changed after you opened the page (another addendum or an extension). Review it and try again.";

export type Recipient = { invitationId: string; status: string; vendorName: string; contactName: string | null };

/**
 * Queue one email per invited vendor whose link is not revoked (and that has a contact), inside
 * the caller's transaction. Returns how many were queued.
 */
export async function notifyInvitedVendors(
  tx: TransactionClient,
  rfpId: string,
  kind: string,
  compose: (recipient: Recipient) => Message,
  include: (recipient: Recipient) => boolean = () => true,
) {
  const invitations = await tx.invitation.findMany({
    where: { rfpId, revokedAt: null },
    select: {
      id: true,
      status: true,
      vendor: { select: { name: true } },
      contact: { select: { name: true, email: true } },
    },
  });
  let queued = 0;
  for (const invitation of invitations) {
    if (!invitation.contact) continue;
    const recipient = {
      invitationId: invitation.id,
      status: invitation.status,
      vendorName: invitation.vendor.name,
      contactName: invitation.contact.name,
    };
    if (!include(recipient)) continue;
    await queueMessage(tx, {
      rfpId,
      invitationId: invitation.id,
      kind,
      toEmail: invitation.contact.email,
      toName: invitation.contact.name,
      ...compose(recipient),
    });
    queued++;
  }
  return queued;
}

export type AddendumDocument =
  /** The lead's working copy, as it is now (document edits and timeline). */
  | "working-copy"
  /** The latest frozen version with only the timeline brought up to date (a deadline extension). */
  | "timeline-only";

/**
 * Number and record an addendum inside the caller's transaction. If the document vendors would
 * now read differs from the latest frozen version, a new version is frozen and linked to it.
 */
export async function recordAddendum(
  tx: TransactionClient,
  actor: UserActor,
  rfpId: string,
  input: {
    title: string;
    summary: string;
    reason: string;
    document: AddendumDocument;
    /** The email each vendor gets; by default "an addendum was issued, please acknowledge". */
    message?: (recipient: Recipient, addendum: { number: number }) => Message;
  },
) {
  const latest = await latestDocumentVersion(rfpId, tx);
  if (!latest) throw new FieldError("form", NOT_PUBLISHED);
  const working = await loadWorkingDocument(rfpId, tx);
  const next: DocumentSnapshot =
    input.document === "working-copy"
      ? working
      : { ...latest.snapshot, rfp: { ...latest.snapshot.rfp, timeline: working.rfp.timeline } };
  let version: { id: string; number: number } | null = null;
  if (documentsDiffer(latest.snapshot, next)) {
    version =
      input.document === "working-copy"
        ? await freezeDocument(tx, rfpId, actor)
        : await freezeSnapshot(tx, rfpId, actor, next, latest.number + 1);
  }
  const previous = await tx.addendum.findFirst({
    where: { rfpId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const number = (previous?.number ?? 0) + 1;
  const addendum = await tx.addendum.create({
    data: {
      rfpId,
      number,
      title: input.title,
      summary: input.summary,
      reason: input.reason,
      documentVersionId: version?.id ?? null,
      issuedById: actor.id,
    },
    select: { id: true, number: true, issuedAt: true },
  });
  const rfp = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: rfpFacts });
  const notified = await notifyInvitedVendors(tx, rfpId, "addendum", (recipient) =>
    input.message
      ? input.message(recipient, addendum)
      : addendumIssuedMessage({
          rfp,
          buyer: BUYER_NAME,
          vendorName: recipient.vendorName,
          contactName: recipient.contactName,
          addendum: { number, title: input.title, summary: input.summary, reason: input.reason },
        }),
  );
  await recordAudit(tx, {
    actor,
    action: "addendum.issued",
    entityType: "Addendum",
    entityId: addendum.id,
    rfpId,
    after: {
      number,
      title: input.title,
      reason: input.reason,
      documentVersion: version?.number ?? null,
      vendorsNotified: notified,
    },
  });
  return { ...addendum, documentVersion: version?.number ?? null, notified };
}

/** A frozen version made from a given snapshot (not the working copy); audited like any freeze. */
async function freezeSnapshot(
  tx: TransactionClient,
  rfpId: string,
  actor: UserActor,
  snapshot: DocumentSnapshot,
  number: number,
) {
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
    after: { number, timelineOnly: true },
  });
  return version;
}

/** "Proposal deadline: 10 Apr 2027, 17:00 CEST → 17 Apr 2027, 17:00 CEST", one line per moved milestone. */
export function timelineChangeLines(current: Timeline, proposed: Timeline, timeZone: string) {
  const format = (date: Date | null) => (date ? formatDateTime(date, { timeZone, locale: "en-GB" }) : "not set");
  return changedTimelineFields(current, proposed).map(
    (key) => `- ${timelineLabel(key)}: ${format(current[key])} → ${format(proposed[key])}`,
  );
}

/**
 * Issue an addendum: optional timeline changes (checked against the rules for a published RFP),
 * a new frozen version if the working copy changed, and an email to every invited vendor.
 * A proposal deadline moved later is also recorded as a deadline extension.
 */
export async function issueAddendum(
  actor: UserActor,
  rfpId: string,
  input: { title: string; summary: string; reason: string; timeline: Timeline; expectedVersion: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { stage: true, version: true, timeZone: true, ...timelineSelect },
    });
    if (rfp.stage !== "PUBLISHED") throw new FieldError("form", NOT_PUBLISHED);
    if (rfp.version !== input.expectedVersion) throw new ConflictError(STALE);
    const current = timelineOf(rfp);
    const [issue] = publishedTimelineIssues(current, input.timeline, now);
    if (issue) throw new FieldError(issue.field, issue.message);
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, version: input.expectedVersion },
      data: { ...input.timeline, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    const lines = timelineChangeLines(current, input.timeline, rfp.timeZone);
    const summary =
      lines.length > 0 ? `${input.summary}\n\nTimeline changes (${rfp.timeZone}):\n${lines.join("\n")}` : input.summary;
    const previousDeadline = current.proposalDeadline;
    const newDeadline = input.timeline.proposalDeadline;
    if (previousDeadline && newDeadline && newDeadline.getTime() !== previousDeadline.getTime()) {
      await tx.deadlineExtension.create({
        data: { rfpId, previousDeadline, newDeadline, reason: input.reason, grantedById: actor.id },
      });
      await recordAudit(tx, {
        actor,
        action: "rfp.deadline_extended",
        entityType: "Rfp",
        entityId: rfpId,
        rfpId,
        before: { proposalDeadline: previousDeadline },
        after: { proposalDeadline: newDeadline, reason: input.reason },
      });
    }
    return recordAddendum(tx, actor, rfpId, {
      title: input.title,
      summary,
      reason: input.reason,
      document: "working-copy",
    });
  });
}

/** Remind every bidder that has not acknowledged this addendum yet (vendors that declined are left alone). */
export async function remindAddendum(actor: UserActor, rfpId: string, addendumId: string) {
  return prisma.$transaction(async (tx) => {
    const addendum = await tx.addendum.findFirst({
      where: { id: addendumId, rfpId },
      select: {
        id: true,
        number: true,
        title: true,
        issuedAt: true,
        acknowledgements: { select: { invitationId: true } },
        rfp: { select: { stage: true, ...rfpFacts } },
      },
    });
    if (!addendum) throw new FieldError("form", "That addendum does not exist.");
    if (addendum.rfp.stage !== "PUBLISHED") {
      throw new FieldError(
        "form",
        "Reminders are sent while the RFP is published; vendors can no longer change their proposals.",
      );
    }
    const acknowledged = new Set(addendum.acknowledgements.map((ack) => ack.invitationId));
    const reminded: string[] = [];
    await notifyInvitedVendors(
      tx,
      rfpId,
      "addendum_reminder",
      (recipient) => {
        reminded.push(recipient.vendorName);
        return addendumReminderMessage({
          rfp: addendum.rfp,
          buyer: BUYER_NAME,
          vendorName: recipient.vendorName,
          contactName: recipient.contactName,
          addendum,
        });
      },
      (recipient) =>
        acknowledgementState({
          acknowledged: acknowledged.has(recipient.invitationId),
          invitationStatus: recipient.status,
        }) === "PENDING",
    );
    if (reminded.length === 0) {
      throw new FieldError(
        "form",
        `Every bidder has acknowledged ${addendumLabel(addendum.number)}; nobody to remind.`,
      );
    }
    await recordAudit(tx, {
      actor,
      action: "addendum.reminded",
      entityType: "Addendum",
      entityId: addendum.id,
      rfpId,
      after: { number: addendum.number, vendors: reminded },
    });
    return { number: addendum.number, reminded: reminded.length };
  });
}

/**
 * Everything the Addenda page shows: the addenda with each vendor's acknowledgement, and for a
 * new addendum what changed in the working copy since the latest frozen version.
 */
export async function getAddendaPage(rfpId: string) {
  const [rfp, addenda, invitations, latest, working] = await Promise.all([
    prisma.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { stage: true, version: true, timeZone: true, proposalsOpenedAt: true, ...timelineSelect },
    }),
    prisma.addendum.findMany({
      where: { rfpId },
      orderBy: { number: "desc" },
      select: {
        id: true,
        number: true,
        title: true,
        summary: true,
        reason: true,
        issuedAt: true,
        issuedBy: { select: { name: true } },
        documentVersion: { select: { number: true } },
        acknowledgements: { select: { invitationId: true, acknowledgedBy: true, acknowledgedAt: true } },
      },
    }),
    prisma.invitation.findMany({
      where: { rfpId, revokedAt: null },
      orderBy: { vendor: { name: "asc" } },
      select: { id: true, status: true, vendor: { select: { name: true } } },
    }),
    latestDocumentVersion(rfpId),
    loadWorkingDocument(rfpId),
  ]);
  const changes = latest ? documentChanges(latest.snapshot, working) : [];
  const extensions = await prisma.deadlineExtension.findMany({
    where: { rfpId },
    orderBy: { grantedAt: "desc" },
    select: {
      id: true,
      previousDeadline: true,
      newDeadline: true,
      reason: true,
      grantedAt: true,
      grantedBy: { select: { name: true } },
    },
  });
  return {
    rfp,
    latestVersion: latest?.number ?? null,
    workingCopyChanged: latest ? documentsDiffer(latest.snapshot, working) : false,
    changes,
    extensions,
    addenda: addenda.map(({ acknowledgements, ...addendum }) => {
      const byInvitation = new Map(acknowledgements.map((ack) => [ack.invitationId, ack]));
      const vendors = invitations.map((invitation) => {
        const ack = byInvitation.get(invitation.id);
        return {
          invitationId: invitation.id,
          vendorName: invitation.vendor.name,
          state: acknowledgementState({ acknowledged: Boolean(ack), invitationStatus: invitation.status }),
          acknowledgedBy: ack?.acknowledgedBy ?? null,
          acknowledgedAt: ack?.acknowledgedAt ?? null,
        };
      });
      return { ...addendum, vendors, pending: vendors.filter((vendor) => vendor.state === "PENDING").length };
    }),
  };
}
