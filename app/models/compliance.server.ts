import { prisma } from "~/db.server";
import { type ComplianceDecision, complianceCell, vendorScreening } from "~/domain/compliance";
import { FieldError } from "~/utils/errors.server";
import { disqualificationMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { latestDocumentVersion } from "./document.server";
import { BUYER_NAME } from "./invitation-link.server";
import { requireOpened } from "./opening.server";
import { queueMessage } from "./outbox.server";

/**
 * Compliance screening after the opening: every submitted proposal against every mandatory
 * requirement of the document the vendors answered, pass or fail with a note, decided by the lead.
 */

const NOT_EVALUATING = "Compliance is screened while the RFP is in evaluation.";

/** The mandatory requirements vendors answered (latest frozen version, document order). */
async function mandatoryRequirements(rfpId: string) {
  const version = await latestDocumentVersion(rfpId);
  const frozen = (version?.snapshot.sections ?? []).flatMap((section) =>
    section.requirements.filter((requirement) => requirement.kind === "MANDATORY"),
  );
  // Screening decisions refer to live requirement rows; a row deleted since the freeze cannot be screened.
  const existing = new Set(
    (
      await prisma.requirement.findMany({
        where: { rfpId, id: { in: frozen.map((requirement) => requirement.id) } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  return frozen
    .filter((requirement) => existing.has(requirement.id))
    .map(({ id, code, text, evidenceRequested }) => ({ id, code, text, evidenceRequested }));
}

/** The matrix of submitted proposals × mandatory requirements; null while the proposals are sealed. */
export async function getComplianceMatrix(rfpId: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { stage: true, timeZone: true, proposalsOpenedAt: true },
  });
  if (!rfp.proposalsOpenedAt) return null;
  const [requirements, proposals] = await Promise.all([
    mandatoryRequirements(rfpId),
    prisma.proposal.findMany({
      where: { rfpId, status: "SUBMITTED" },
      orderBy: { invitation: { vendor: { name: "asc" } } },
      select: {
        id: true,
        invitation: {
          select: { id: true, status: true, disqualifiedReason: true, vendor: { select: { name: true } } },
        },
        responses: { select: { requirementId: true, compliance: true, explanation: true } },
        checks: {
          select: {
            requirementId: true,
            decision: true,
            note: true,
            decidedAt: true,
            decidedBy: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  const vendors = proposals.map((proposal) => {
    const responses = new Map(proposal.responses.map((response) => [response.requirementId, response]));
    const checks = new Map(proposal.checks.map((check) => [check.requirementId, check]));
    const cells = requirements.map((requirement) => {
      const response = responses.get(requirement.id);
      const check = checks.get(requirement.id);
      return {
        requirementId: requirement.id,
        explanation: response?.explanation ?? "",
        decidedBy: check?.decidedBy.name ?? null,
        decidedAt: check?.decidedAt ?? null,
        ...complianceCell(response?.compliance ?? null, check ? { decision: check.decision, note: check.note } : null),
      };
    });
    return {
      proposalId: proposal.id,
      invitationId: proposal.invitation.id,
      vendorName: proposal.invitation.vendor.name,
      disqualified: proposal.invitation.status === "DISQUALIFIED",
      disqualifiedReason: proposal.invitation.disqualifiedReason,
      cells,
      screening: vendorScreening(cells),
    };
  });
  return { rfp, requirements, vendors };
}

export type ScreeningDecision = {
  proposalId: string;
  requirementId: string;
  decision: ComplianceDecision;
  note: string;
};

/** Save the lead's decisions; only cells that changed are written (and listed in the audit event). */
export async function saveScreening(actor: UserActor, rfpId: string, decisions: ScreeningDecision[]) {
  await requireOpened(rfpId);
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { stage: true } });
    if (rfp.stage !== "EVALUATION") throw new FieldError("form", NOT_EVALUATING);
    const [proposals, requirements] = await Promise.all([
      tx.proposal.findMany({
        where: { rfpId, status: "SUBMITTED" },
        select: {
          id: true,
          invitation: { select: { status: true, vendor: { select: { name: true } } } },
          checks: { select: { requirementId: true, decision: true, note: true } },
        },
      }),
      tx.requirement.findMany({ where: { rfpId, kind: "MANDATORY" }, select: { id: true, code: true } }),
    ]);
    const proposalById = new Map(proposals.map((proposal) => [proposal.id, proposal]));
    const codeById = new Map(requirements.map((requirement) => [requirement.id, requirement.code]));
    const changes: { vendor: string; requirement: string; decision: ComplianceDecision; note: string }[] = [];
    for (const cell of decisions) {
      const proposal = proposalById.get(cell.proposalId);
      const code = codeById.get(cell.requirementId);
      if (!proposal || !code) throw new FieldError("form", "The matrix changed since you opened it. Reload the page.");
      const saved = proposal.checks.find((check) => check.requirementId === cell.requirementId);
      if (saved && saved.decision === cell.decision && saved.note === cell.note) continue;
      if (proposal.invitation.status === "DISQUALIFIED") {
        throw new FieldError("form", `${proposal.invitation.vendor.name} is disqualified; its screening is final.`);
      }
      await tx.complianceCheck.upsert({
        where: { proposalId_requirementId: { proposalId: cell.proposalId, requirementId: cell.requirementId } },
        create: { ...cell, decidedById: actor.id },
        update: { decision: cell.decision, note: cell.note, decidedById: actor.id, decidedAt: new Date() },
      });
      changes.push({
        vendor: proposal.invitation.vendor.name,
        requirement: code,
        decision: cell.decision,
        note: cell.note,
      });
    }
    if (changes.length > 0) {
      await recordAudit(tx, {
        actor,
        action: "compliance.screened",
        entityType: "Rfp",
        entityId: rfpId,
        rfpId,
        after: { decisions: changes.map((change) => `${change.vendor} · ${change.requirement}: ${change.decision}`) },
      });
    }
    return { changed: changes.length };
  });
}

/**
 * Disqualify a vendor that failed at least one mandatory requirement (a saved decision, not a
 * pre-fill). Its portal shows the status; the vendor gets a courteous email with the reason.
 */
export async function disqualifyVendor(actor: UserActor, rfpId: string, invitationId: string, reason: string) {
  await requireOpened(rfpId);
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, rfpId },
      select: {
        id: true,
        status: true,
        rfp: { select: { stage: true, reference: true, title: true } },
        vendor: { select: { name: true } },
        contact: { select: { name: true, email: true } },
        proposal: {
          select: {
            status: true,
            checks: { where: { decision: "FAIL" }, select: { requirement: { select: { code: true } } } },
          },
        },
      },
    });
    if (invitation?.proposal?.status !== "SUBMITTED") {
      throw new FieldError("invitationId", "Choose a vendor that submitted a proposal.");
    }
    if (invitation.rfp.stage !== "EVALUATION") throw new FieldError("form", NOT_EVALUATING);
    if (invitation.status === "DISQUALIFIED") {
      throw new FieldError("invitationId", `${invitation.vendor.name} is already disqualified.`);
    }
    const failed = invitation.proposal.checks.map((check) => check.requirement.code).sort();
    if (failed.length === 0) {
      throw new FieldError(
        "invitationId",
        `${invitation.vendor.name} has not failed any mandatory requirement in the saved screening. Save a fail first.`,
      );
    }
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { status: "DISQUALIFIED", disqualifiedReason: reason },
    });
    await recordAudit(tx, {
      actor,
      action: "invitation.disqualified",
      entityType: "Invitation",
      entityId: invitation.id,
      rfpId,
      before: { status: invitation.status },
      after: { status: "DISQUALIFIED", vendor: invitation.vendor.name, reason, failedRequirements: failed },
    });
    if (invitation.contact) {
      await queueMessage(tx, {
        rfpId,
        invitationId: invitation.id,
        kind: "disqualification",
        toEmail: invitation.contact.email,
        toName: invitation.contact.name,
        ...disqualificationMessage({
          rfp: invitation.rfp,
          buyer: BUYER_NAME,
          vendorName: invitation.vendor.name,
          contactName: invitation.contact.name,
          reason,
        }),
      });
    }
    return { vendorName: invitation.vendor.name };
  });
}
