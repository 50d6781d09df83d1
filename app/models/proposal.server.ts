import { createHash } from "node:crypto";
import { prisma, type TransactionClient } from "~/db.server";
import type { DocumentSnapshot } from "~/domain/document";
import { type InvitationStatus, isOpen, PROPOSAL_LOCK_TEXT, type ProposalStatus, proposalLock } from "~/domain/portal";
import { formatScaled, PRICE_SCALE, parseDecimal, parseTermMonths, QUANTITY_SCALE } from "~/domain/pricing";
import {
  canonicalJson,
  isBlankCommitment,
  isBlankPriceLine,
  isBlankServiceTier,
  isBlankSlaTarget,
  type ProposalDraft,
  type SubmissionIssue,
  submissionIssues,
} from "~/domain/proposal-rules";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { proposalReceiptMessage } from "~/utils/messages";
import { recordAudit } from "./audit.server";
import { latestDocumentVersion } from "./document.server";
import { BUYER_NAME } from "./invitation-link.server";
import { queueMessage } from "./outbox.server";
import { isUniqueViolation } from "./portal.server";
import { type PortalVendor, vendorActor } from "./portal-session.server";

/**
 * A vendor's proposal: built in the portal, saved as a draft (automatically or on "Save"),
 * submitted, withdrawn and resubmitted until the proposal deadline. Sealed: nothing here is
 * readable by staff, and the audit trail records versions and a content hash, never content.
 * Every query is scoped by the portal session's invitation.
 */
export type DocumentRequirement = {
  id: string;
  code: string;
  text: string;
  kind: "MANDATORY" | "SCORED";
  evidenceRequested: string | null;
  sectionId: string;
  sectionTitle: string;
};

export function requirementsOf(snapshot: DocumentSnapshot | null | undefined): DocumentRequirement[] {
  if (!snapshot) return [];
  return snapshot.sections.flatMap((section) =>
    section.requirements.map((requirement) => ({
      id: requirement.id,
      code: requirement.code,
      text: requirement.text,
      kind: requirement.kind,
      evidenceRequested: requirement.evidenceRequested,
      sectionId: section.id,
      sectionTitle: section.title,
    })),
  );
}

const proposalContent = {
  id: true,
  status: true,
  version: true,
  currency: true,
  termMonths: true,
  executiveSummary: true,
  submittedAt: true,
  withdrawnAt: true,
  submissionCount: true,
  updatedAt: true,
  responses: { select: { requirementId: true, compliance: true, explanation: true } },
  priceLines: {
    orderBy: { position: "asc" },
    select: { description: true, kind: true, unit: true, quantity: true, unitPrice: true },
  },
  serviceTiers: {
    orderBy: { position: "asc" },
    select: {
      name: true,
      description: true,
      termsOfService: true,
      slaTargets: {
        orderBy: { position: "asc" },
        select: { metric: true, target: true, measurementWindow: true, serviceCredit: true },
      },
    },
  },
  commitments: { orderBy: { position: "asc" }, select: { kind: true, text: true } },
  attachments: {
    orderBy: { uploadedAt: "asc" },
    select: { id: true, originalName: true, mimeType: true, sizeBytes: true, sha256: true, uploadedAt: true },
  },
} as const;

type StoredProposal = NonNullable<
  Awaited<ReturnType<typeof prisma.proposal.findUnique<{ where: { id: string }; select: typeof proposalContent }>>>
>;

/** The stored proposal as the builder form holds it: one response row per requirement, in document order. */
export function draftOf(proposal: StoredProposal | null, requirements: DocumentRequirement[]): ProposalDraft {
  const responses = new Map(proposal?.responses.map((response) => [response.requirementId, response]));
  return {
    executiveSummary: proposal?.executiveSummary ?? "",
    termMonths: proposal?.termMonths ? String(proposal.termMonths) : "",
    responses: requirements.map((requirement) => ({
      requirementId: requirement.id,
      compliance: responses.get(requirement.id)?.compliance ?? "",
      explanation: responses.get(requirement.id)?.explanation ?? "",
    })),
    priceLines: (proposal?.priceLines ?? []).map((line) => ({
      description: line.description,
      kind: line.kind,
      unit: line.unit,
      quantity: line.quantity.toString(),
      unitPrice: line.unitPrice.toFixed(2),
    })),
    serviceTiers: (proposal?.serviceTiers ?? []).map((tier) => ({ ...tier, slaTargets: tier.slaTargets })),
    commitments: proposal?.commitments ?? [],
  };
}

/** Everything the proposal page shows, for this vendor only. */
export async function getProposalBuilder(vendor: PortalVendor, now = new Date()) {
  const [version, invitation] = await Promise.all([
    latestDocumentVersion(vendor.rfpId),
    prisma.invitation.findUniqueOrThrow({
      where: { id: vendor.id },
      select: {
        status: true,
        rfp: { select: { stage: true, proposalDeadline: true, currency: true, timeZone: true } },
        proposal: { select: proposalContent },
      },
    }),
  ]);
  const requirements = requirementsOf(version?.snapshot);
  const proposal = invitation.proposal;
  const lock = proposalLock({
    stage: invitation.rfp.stage,
    proposalDeadline: invitation.rfp.proposalDeadline,
    invitationStatus: invitation.status as InvitationStatus,
    proposalStatus: (proposal?.status as ProposalStatus | undefined) ?? null,
    now,
  });
  return {
    rfp: invitation.rfp,
    invitationStatus: invitation.status,
    documentVersion: version?.number ?? null,
    requirements,
    proposal: proposal
      ? {
          status: proposal.status,
          version: proposal.version,
          submittedAt: proposal.submittedAt,
          withdrawnAt: proposal.withdrawnAt,
          submissionCount: proposal.submissionCount,
          updatedAt: proposal.updatedAt,
        }
      : null,
    draft: draftOf(proposal, requirements),
    attachments: proposal?.attachments ?? [],
    lock,
    canWithdraw:
      proposal?.status === "SUBMITTED" &&
      isOpen({ stage: invitation.rfp.stage, deadline: invitation.rfp.proposalDeadline, now }),
  };
}

/**
 * The invitation, RFP and proposal as they are inside this transaction: the deadline and the
 * statuses are read at the moment of the change, not when the page was loaded.
 */
export async function proposalContext(tx: TransactionClient, vendor: PortalVendor, now: Date) {
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { id: vendor.id },
    select: {
      status: true,
      contact: { select: { name: true, email: true } },
      rfp: {
        select: {
          reference: true,
          title: true,
          stage: true,
          currency: true,
          timeZone: true,
          proposalDeadline: true,
          questionsDeadline: true,
        },
      },
      proposal: { select: { id: true, status: true, version: true } },
    },
  });
  const lock = proposalLock({
    stage: invitation.rfp.stage,
    proposalDeadline: invitation.rfp.proposalDeadline,
    invitationStatus: invitation.status as InvitationStatus,
    proposalStatus: (invitation.proposal?.status as ProposalStatus | undefined) ?? null,
    now,
  });
  return { ...invitation, lock };
}

function assertUnlocked(lock: ReturnType<typeof proposalLock>) {
  if (lock) throw new FieldError("form", PROPOSAL_LOCK_TEXT[lock]);
}

/** The proposal row, created on first use with version 1; or a conflict if the version moved on. */
async function claimVersion(
  tx: TransactionClient,
  vendor: PortalVendor,
  context: Awaited<ReturnType<typeof proposalContext>>,
  expectedVersion: number,
) {
  const conflict = () =>
    new ConflictError(
      "This proposal was saved from another window or tab after you opened it, so this save was refused and nothing was overwritten.",
    );
  if (!context.proposal) {
    if (expectedVersion !== 0) throw conflict();
    return tx.proposal.create({
      data: { rfpId: vendor.rfpId, invitationId: vendor.id, currency: context.rfp.currency },
      select: { id: true, version: true },
    });
  }
  const { count } = await tx.proposal.updateMany({
    where: { id: context.proposal.id, version: expectedVersion },
    data: { version: { increment: 1 } },
  });
  if (count === 0) throw conflict();
  return { id: context.proposal.id, version: expectedVersion + 1 };
}

/**
 * Replace the proposal's content with the draft. Responses may only name requirements of the
 * RFP's frozen document: a tampered form naming anything else is refused before anything is written.
 */
async function writeDraft(tx: TransactionClient, vendor: PortalVendor, proposalId: string, draft: ProposalDraft) {
  const version = await latestDocumentVersion(vendor.rfpId, tx);
  const documentIds = new Set(requirementsOf(version?.snapshot).map((requirement) => requirement.id));
  const answered = draft.responses.filter((response) => response.compliance || response.explanation.trim());
  if (draft.responses.some((response) => !documentIds.has(response.requirementId))) {
    throw new FieldError(
      "form",
      "The form mentions a requirement that is not in this RFP. Reload the page and try again.",
    );
  }
  // A requirement can only be answered while its row exists (an addendum being drafted may have removed it).
  const existing = new Set(
    (
      await tx.requirement.findMany({
        where: { rfpId: vendor.rfpId, id: { in: answered.map((response) => response.requirementId) } },
        select: { id: true },
      })
    ).map((requirement) => requirement.id),
  );
  await tx.requirementResponse.deleteMany({ where: { proposalId } });
  await tx.requirementResponse.createMany({
    data: answered
      .filter((response) => existing.has(response.requirementId))
      .map((response) => ({
        proposalId,
        requirementId: response.requirementId,
        compliance: response.compliance || null,
        explanation: response.explanation.trim(),
      })),
  });
  await tx.priceLine.deleteMany({ where: { proposalId } });
  await tx.priceLine.createMany({
    data: draft.priceLines
      .filter((line) => !isBlankPriceLine(line))
      .map((line, position) => ({
        proposalId,
        position,
        description: line.description.trim(),
        kind: line.kind,
        unit: line.unit.trim(),
        // A started line without a number is kept as zero; submitting asks for the real figure.
        quantity: formatScaled(parseDecimal(line.quantity, QUANTITY_SCALE) ?? BigInt(0), QUANTITY_SCALE),
        unitPrice: formatScaled(parseDecimal(line.unitPrice, PRICE_SCALE) ?? BigInt(0), PRICE_SCALE),
      })),
  });
  await tx.serviceTier.deleteMany({ where: { proposalId } });
  const tiers = draft.serviceTiers.filter((tier) => !isBlankServiceTier(tier));
  for (const [position, tier] of tiers.entries()) {
    await tx.serviceTier.create({
      data: {
        proposalId,
        position,
        name: tier.name.trim(),
        description: tier.description.trim(),
        termsOfService: tier.termsOfService.trim(),
        slaTargets: {
          create: tier.slaTargets
            .filter((target) => !isBlankSlaTarget(target))
            .map((target, targetPosition) => ({ position: targetPosition, ...trimAll(target) })),
        },
      },
      select: { id: true },
    });
  }
  await tx.commitment.deleteMany({ where: { proposalId } });
  await tx.commitment.createMany({
    data: draft.commitments
      .filter((commitment) => !isBlankCommitment(commitment))
      .map((commitment, position) => ({ proposalId, position, kind: commitment.kind, text: commitment.text.trim() })),
  });
  await tx.proposal.update({
    where: { id: proposalId },
    data: { executiveSummary: draft.executiveSummary.trim(), termMonths: parseTermMonths(draft.termMonths) },
    select: { id: true },
  });
  return requirementsOf(version?.snapshot);
}

function trimAll<T extends Record<string, string>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value.trim()])) as T;
}

/** Autosaves are audited at most once per this many minutes per proposal; explicit saves always. */
const AUTOSAVE_AUDIT_MINUTES = 10;

async function auditDraftSave(
  tx: TransactionClient,
  vendor: PortalVendor,
  proposalId: string,
  input: { version: number; automatic: boolean; now: Date },
) {
  if (input.automatic) {
    const last = await tx.auditEvent.findFirst({
      where: { action: "proposal.draft_saved", entityType: "Proposal", entityId: proposalId },
      orderBy: { id: "desc" },
      select: { at: true },
    });
    if (last && input.now.getTime() - last.at.getTime() < AUTOSAVE_AUDIT_MINUTES * 60_000) return;
  }
  await recordAudit(tx, {
    actor: vendorActor(vendor),
    action: "proposal.draft_saved",
    entityType: "Proposal",
    entityId: proposalId,
    rfpId: vendor.rfpId,
    after: { version: input.version, automatic: input.automatic },
  });
}

function mapUniqueViolation(error: unknown): never {
  // Two tabs creating the proposal at the same moment: one wins, the other is told.
  if (isUniqueViolation(error)) {
    throw new ConflictError("This proposal was just saved from another window or tab. Reload the page.");
  }
  throw error;
}

/** Save the draft if nobody saved since `expectedVersion`; returns the new version. */
export async function saveProposalDraft(
  vendor: PortalVendor,
  input: { draft: ProposalDraft; expectedVersion: number; automatic: boolean },
  now = new Date(),
) {
  return prisma
    .$transaction(async (tx) => {
      const context = await proposalContext(tx, vendor, now);
      assertUnlocked(context.lock);
      const proposal = await claimVersion(tx, vendor, context, input.expectedVersion);
      await writeDraft(tx, vendor, proposal.id, input.draft);
      await auditDraftSave(tx, vendor, proposal.id, { version: proposal.version, automatic: input.automatic, now });
      return { version: proposal.version, savedAt: now };
    })
    .catch(mapUniqueViolation);
}

/** SHA-256 of the proposal's whole content as stored, attachments by their own hashes. */
async function contentHash(tx: TransactionClient, proposalId: string) {
  const {
    id: _id,
    status: _status,
    version: _version,
    updatedAt: _updatedAt,
    submittedAt: _s,
    withdrawnAt: _w,
    submissionCount: _c,
    ...content
  } = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: proposalContent });
  const normalized = {
    ...content,
    responses: [...content.responses].sort((a, b) => a.requirementId.localeCompare(b.requirementId)),
    priceLines: content.priceLines.map((line) => ({
      ...line,
      quantity: line.quantity.toFixed(QUANTITY_SCALE),
      unitPrice: line.unitPrice.toFixed(PRICE_SCALE),
    })),
    attachments: content.attachments.map(({ originalName, mimeType, sizeBytes, sha256 }) => ({
      originalName,
      mimeType,
      sizeBytes,
      sha256,
    })),
  };
  return {
    hash: createHash("sha256").update(canonicalJson(normalized)).digest("hex"),
    attachments: content.attachments.length,
  };
}

export type SubmitResult =
  | { submitted: true; version: number; submittedAt: Date; contentHash: string; submission: number }
  | { submitted: false; version: number; issues: SubmissionIssue[] };

/**
 * Save the draft and, when it is complete, submit it — one transaction, so the submitted
 * version is exactly what was on screen. When something is missing the draft is still saved
 * and the missing items are returned. Refused (and nothing written) after the deadline.
 */
export async function submitProposal(
  vendor: PortalVendor,
  input: { draft: ProposalDraft; expectedVersion: number },
  now = new Date(),
): Promise<SubmitResult> {
  return prisma
    .$transaction(async (tx): Promise<SubmitResult> => {
      const context = await proposalContext(tx, vendor, now);
      assertUnlocked(context.lock);
      const proposal = await claimVersion(tx, vendor, context, input.expectedVersion);
      const requirements = await writeDraft(tx, vendor, proposal.id, input.draft);
      const issues = submissionIssues(input.draft, requirements);
      if (issues.length > 0) {
        await auditDraftSave(tx, vendor, proposal.id, { version: proposal.version, automatic: false, now });
        return { submitted: false, version: proposal.version, issues };
      }
      const updated = await tx.proposal.update({
        where: { id: proposal.id },
        data: { status: "SUBMITTED", submittedAt: now, withdrawnAt: null, submissionCount: { increment: 1 } },
        select: { submissionCount: true },
      });
      await tx.invitation.updateMany({
        where: { id: vendor.id, status: { in: ["INVITED", "INTENDS_TO_BID"] } },
        data: { status: "SUBMITTED" },
      });
      const { hash, attachments } = await contentHash(tx, proposal.id);
      await recordAudit(tx, {
        actor: vendorActor(vendor),
        action: "proposal.submitted",
        entityType: "Proposal",
        entityId: proposal.id,
        rfpId: vendor.rfpId,
        before: { invitationStatus: context.status },
        after: { submission: updated.submissionCount, version: proposal.version, contentHash: hash, attachments },
      });
      if (context.contact) {
        await queueMessage(tx, {
          rfpId: vendor.rfpId,
          invitationId: vendor.id,
          kind: "proposal_receipt",
          toEmail: context.contact.email,
          toName: context.contact.name,
          ...proposalReceiptMessage({
            rfp: context.rfp,
            buyer: BUYER_NAME,
            vendorName: vendor.vendor.name,
            contactName: context.contact.name,
            submittedAt: now,
            submission: updated.submissionCount,
            contentHash: hash,
            attachments,
          }),
        });
      }
      return {
        submitted: true,
        version: proposal.version,
        submittedAt: now,
        contentHash: hash,
        submission: updated.submissionCount,
      };
    })
    .catch(mapUniqueViolation);
}

/** The version a refused save should be retried on (0 when there is no proposal yet). */
export async function currentProposalVersion(vendor: PortalVendor) {
  const proposal = await prisma.proposal.findUnique({ where: { invitationId: vendor.id }, select: { version: true } });
  return proposal?.version ?? 0;
}

/** Take a submitted proposal back before the deadline; it becomes an editable draft again. */
export async function withdrawProposal(vendor: PortalVendor, input: { expectedVersion: number }, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const context = await proposalContext(tx, vendor, now);
    if (!isOpen({ stage: context.rfp.stage, deadline: context.rfp.proposalDeadline, now })) {
      throw new FieldError(
        "form",
        "The proposal deadline has passed: a submitted proposal can no longer be withdrawn.",
      );
    }
    if (context.proposal?.status !== "SUBMITTED") {
      throw new FieldError("form", "There is no submitted proposal to withdraw.");
    }
    const { count } = await tx.proposal.updateMany({
      where: { id: context.proposal.id, version: input.expectedVersion, status: "SUBMITTED" },
      data: { status: "WITHDRAWN", withdrawnAt: now, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("The proposal changed in another window or tab. Reload the page.");
    await tx.invitation.updateMany({
      where: { id: vendor.id, status: "SUBMITTED" },
      data: { status: "INTENDS_TO_BID" },
    });
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: "proposal.withdrawn",
      entityType: "Proposal",
      entityId: context.proposal.id,
      rfpId: vendor.rfpId,
      before: { status: "SUBMITTED" },
      after: { status: "WITHDRAWN", version: input.expectedVersion + 1 },
    });
    return { version: input.expectedVersion + 1 };
  });
}
