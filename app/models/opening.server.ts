import { prisma, type TransactionClient } from "~/db.server";
import { priceScheduleTotals } from "~/domain/price-schedule";
import { notFound } from "~/utils/http.server";
import { recordAudit, type UserActor } from "./audit.server";
import { latestDocumentVersion } from "./document.server";

/**
 * Sealed opening. Until the lead opens the proposals (the PUBLISHED → EVALUATION transition,
 * after the deadline), nobody inside the organisation can read any proposal content: the only
 * proposal query available before then returns statuses and times, never content. Every content
 * query below checks the opening first.
 */
export const SEALED = "Proposals stay sealed until the lead opens them after the proposal deadline.";

/** The opening itself, inside the stage transition's transaction: who, when, how many. */
export async function recordProposalsOpened(tx: TransactionClient, actor: UserActor, rfpId: string, now: Date) {
  const submitted = await tx.proposal.findMany({
    where: { rfpId, status: "SUBMITTED" },
    orderBy: { submittedAt: "asc" },
    select: { invitation: { select: { vendor: { select: { name: true } } } } },
  });
  await tx.rfp.update({ where: { id: rfpId }, data: { proposalsOpenedAt: now, proposalsOpenedById: actor.id } });
  await recordAudit(tx, {
    actor,
    action: "proposals.opened",
    entityType: "Rfp",
    entityId: rfpId,
    rfpId,
    after: {
      openedAt: now,
      openedBy: actor.label,
      proposals: submitted.length,
      vendors: submitted.map((proposal) => proposal.invitation.vendor.name),
    },
  });
  return { proposals: submitted.length };
}

/**
 * Where each invited vendor stands: intends to bid, declined, submitted at, withdrawn at. Safe
 * before the opening: it selects no proposal content, and the proposal's id (the key to its
 * content) is only handed out once the proposals are open.
 */
export async function listProposalStatuses(rfpId: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      stage: true,
      version: true,
      timeZone: true,
      proposalDeadline: true,
      proposalsOpenedAt: true,
      proposalsOpenedBy: { select: { name: true } },
      invitations: {
        orderBy: { vendor: { name: "asc" } },
        select: {
          id: true,
          status: true,
          declineReason: true,
          disqualifiedReason: true,
          revokedAt: true,
          vendor: { select: { name: true } },
          proposal: {
            select: { id: true, status: true, submittedAt: true, withdrawnAt: true, submissionCount: true },
          },
        },
      },
    },
  });
  const opened = rfp.proposalsOpenedAt !== null;
  const { invitations, ...facts } = rfp;
  return {
    ...facts,
    opened,
    vendors: invitations.map(({ proposal, ...invitation }) => ({
      invitationId: invitation.id,
      vendorName: invitation.vendor.name,
      invitationStatus: invitation.status,
      declineReason: invitation.declineReason,
      disqualifiedReason: invitation.disqualifiedReason,
      revoked: invitation.revokedAt !== null,
      proposalStatus: proposal && proposal.status !== "DRAFT" ? proposal.status : null,
      submittedAt: proposal?.status === "SUBMITTED" ? proposal.submittedAt : null,
      withdrawnAt: proposal?.status === "WITHDRAWN" ? proposal.withdrawnAt : null,
      submissionCount: proposal?.submissionCount ?? 0,
      proposalId: opened && proposal?.status === "SUBMITTED" ? proposal.id : null,
    })),
  };
}

/** 404 unless the RFP's proposals have been opened (the same answer as "no such proposal"). */
export async function requireOpened(rfpId: string) {
  const rfp = await prisma.rfp.findUnique({ where: { id: rfpId }, select: { proposalsOpenedAt: true } });
  if (!rfp?.proposalsOpenedAt) throw notFound(SEALED);
}

/** A submitted proposal, read-only, after the opening. */
export async function getOpenedProposal(rfpId: string, proposalId: string) {
  await requireOpened(rfpId);
  const proposal = await prisma.proposal.findFirst({
    where: { id: proposalId, rfpId, status: "SUBMITTED" },
    select: {
      id: true,
      currency: true,
      termMonths: true,
      executiveSummary: true,
      submittedAt: true,
      submissionCount: true,
      invitation: {
        select: {
          status: true,
          disqualifiedReason: true,
          vendor: { select: { name: true, website: true, country: true } },
        },
      },
      responses: { select: { requirementId: true, compliance: true, explanation: true } },
      priceLines: {
        orderBy: { position: "asc" },
        select: { id: true, description: true, kind: true, unit: true, quantity: true, unitPrice: true },
      },
      serviceTiers: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          termsOfService: true,
          slaTargets: {
            orderBy: { position: "asc" },
            select: { id: true, metric: true, target: true, measurementWindow: true, serviceCredit: true },
          },
        },
      },
      commitments: { orderBy: { position: "asc" }, select: { id: true, kind: true, text: true } },
      attachments: {
        orderBy: { uploadedAt: "asc" },
        select: { id: true, originalName: true, mimeType: true, sizeBytes: true, uploadedAt: true },
      },
    },
  });
  if (!proposal) throw notFound("We could not find that proposal among the submitted ones.");
  // Requirements as the vendor answered them: the latest frozen version, in document order.
  const version = await latestDocumentVersion(rfpId);
  const responses = new Map(proposal.responses.map((response) => [response.requirementId, response]));
  const requirements = (version?.snapshot.sections ?? []).flatMap((section) =>
    section.requirements.map((requirement) => ({
      id: requirement.id,
      code: requirement.code,
      text: requirement.text,
      kind: requirement.kind,
      section: section.title,
      compliance: responses.get(requirement.id)?.compliance ?? null,
      explanation: responses.get(requirement.id)?.explanation ?? "",
    })),
  );
  const { responses: _responses, priceLines, ...rest } = proposal;
  const prices = priceScheduleTotals(
    priceLines.map((line) => ({
      ...line,
      quantity: line.quantity.toString(),
      unitPrice: line.unitPrice.toString(),
    })),
    proposal.termMonths,
  );
  return { ...rest, requirements, prices };
}

/** One attachment's bytes, under the same rules as the proposal it belongs to. */
export async function getOpenedAttachment(rfpId: string, proposalId: string, attachmentId: string) {
  await requireOpened(rfpId);
  const attachment = await prisma.attachment.findFirst({
    where: { id: attachmentId, proposalId, proposal: { rfpId, status: "SUBMITTED" } },
    select: { originalName: true, mimeType: true, sizeBytes: true, blob: { select: { data: true } } },
  });
  if (!attachment?.blob) throw notFound("We could not find that attachment.");
  return { originalName: attachment.originalName, mimeType: attachment.mimeType, data: attachment.blob.data };
}
