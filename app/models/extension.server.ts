import { prisma } from "~/db.server";
import { extensionIssues } from "~/domain/addendum";
import { timelineOf } from "~/domain/timeline";
import { formatDateTime } from "~/utils/dates";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { deadlineExtendedMessage } from "~/utils/messages";
import { NOT_PUBLISHED, recordAddendum } from "./addendum.server";
import { recordAudit, type UserActor } from "./audit.server";
import { BUYER_NAME } from "./invitation-link.server";

const STALE = "This RFP changed after you opened the page. Review the current deadline and try again.";

/**
 * Extend the proposal deadline for every vendor at once (never for one: that would be unequal
 * treatment). Allowed while the RFP is published, including shortly after the deadline passed as
 * long as the proposals are still sealed. Records the extension, moves the deadline, issues an
 * addendum saying so (a new frozen version with only the date changed) and emails every vendor.
 */
export async function grantExtension(
  actor: UserActor,
  rfpId: string,
  input: { newDeadline: Date; reason: string; expectedVersion: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: {
        stage: true,
        version: true,
        reference: true,
        title: true,
        timeZone: true,
        issueDate: true,
        questionsDeadline: true,
        proposalDeadline: true,
        interviewStart: true,
        interviewEnd: true,
        decisionTarget: true,
      },
    });
    if (rfp.stage !== "PUBLISHED") {
      throw new FieldError(
        "form",
        "The deadline can only be extended while the RFP is published and the proposals are sealed.",
      );
    }
    if (rfp.version !== input.expectedVersion) throw new ConflictError(STALE);
    const previousDeadline = rfp.proposalDeadline;
    if (!previousDeadline) throw new FieldError("form", NOT_PUBLISHED);
    const [problem] = extensionIssues(timelineOf(rfp), input.newDeadline, now);
    if (problem) throw new FieldError("newDeadline", problem);

    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, version: input.expectedVersion },
      data: { proposalDeadline: input.newDeadline, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    const extension = await tx.deadlineExtension.create({
      data: {
        rfpId,
        previousDeadline,
        newDeadline: input.newDeadline,
        reason: input.reason,
        grantedById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "rfp.deadline_extended",
      entityType: "DeadlineExtension",
      entityId: extension.id,
      rfpId,
      before: { proposalDeadline: previousDeadline },
      after: { proposalDeadline: input.newDeadline, reason: input.reason },
    });
    const format = (date: Date) => formatDateTime(date, { timeZone: rfp.timeZone, locale: "en-GB" });
    const facts = { ...rfp, proposalDeadline: input.newDeadline };
    const addendum = await recordAddendum(tx, actor, rfpId, {
      title: "Proposal deadline extended",
      summary: `The proposal deadline moves from ${format(previousDeadline)} to ${format(input.newDeadline)} (${rfp.timeZone}), for all vendors.`,
      reason: input.reason,
      document: "timeline-only",
      message: (recipient, { number }) =>
        deadlineExtendedMessage({
          rfp: facts,
          buyer: BUYER_NAME,
          vendorName: recipient.vendorName,
          contactName: recipient.contactName,
          previousDeadline,
          addendumNumber: number,
          reason: input.reason,
        }),
    });
    return { previousDeadline, newDeadline: input.newDeadline, addendumNumber: addendum.number };
  });
}
