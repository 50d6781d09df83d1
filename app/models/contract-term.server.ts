import { prisma, type TransactionClient } from "~/db.server";
import { escalationProblems, type TermStatus, termUpdateProblems } from "~/domain/negotiation";
import type { Prisma } from "~/generated/prisma/client";
import type { AddTermInput, DecideEscalationInput, UpdateTermInput } from "~/schemas/contract-term";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { forbidden } from "~/utils/http.server";
import { escalationDecidedMessage, termEscalatedMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { claimNegotiation, findCurrentNegotiation } from "./negotiation-core.server";
import { queueMessage } from "./outbox.server";

/**
 * The term-by-term tracker: each clause with both positions, the agreed wording, a status and an
 * owner, and its history (ContractTermChange, one row per save). A term the lead cannot settle is
 * escalated to the negotiation's executive sponsor, who decides it from their own queue.
 */
export const TERM_CONFLICT =
  "Someone else saved this term after you opened it, so your changes were not saved. They are kept below: compare with the saved version and save again.";

/** Change rows: field → { before, after }, with readable values (names, not ids). */
type TermChanges = Record<string, { before: unknown; after: unknown }>;

const termSelect = {
  id: true,
  position: true,
  title: true,
  ourPosition: true,
  vendorPosition: true,
  agreedWording: true,
  status: true,
  escalationDecision: true,
  version: true,
  owner: { select: { id: true, name: true } },
  changes: {
    orderBy: { changedAt: "desc" },
    select: { id: true, changedAt: true, changes: true, changedBy: { select: { name: true } } },
  },
} satisfies Prisma.ContractTermSelect;

export async function getTermTracker(rfpId: string) {
  const current = await findCurrentNegotiation(prisma, rfpId);
  if (!current) return null;
  const [negotiation, owners] = await Promise.all([
    prisma.negotiation.findUniqueOrThrow({
      where: { id: current.id },
      select: {
        id: true,
        status: true,
        sponsor: { select: { name: true } },
        rfp: { select: { stage: true } },
        terms: { orderBy: { position: "asc" }, select: termSelect },
      },
    }),
    termOwnerOptions(prisma, rfpId),
  ]);
  const { rfp, ...rest } = negotiation;
  return { ...rest, owners, editable: rfp.stage === "NEGOTIATION" && negotiation.status === "OPEN" };
}

/** A term is owned by someone who works the negotiation: the RFP's leads and panel members. */
function termOwnerOptions(db: TransactionClient, rfpId: string) {
  return db.rfpMember
    .findMany({
      where: { rfpId, role: { in: ["LEAD", "PANEL"] } },
      orderBy: [{ role: "asc" }, { addedAt: "asc" }],
      select: { role: true, user: { select: { id: true, name: true } } },
    })
    .then((members) => members.map((member) => ({ id: member.user.id, name: member.user.name, role: member.role })));
}

async function requireOwner(tx: TransactionClient, rfpId: string, ownerId: string) {
  const owner = (await termOwnerOptions(tx, rfpId)).find((option) => option.id === ownerId);
  if (!owner) throw new FieldError("ownerId", "Choose a lead or panel member of this RFP as the owner.");
  return owner;
}

export async function addContractTerm(actor: UserActor, rfpId: string, input: AddTermInput) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, null);
    const owner = await requireOwner(tx, rfpId, input.ownerId);
    const last = await tx.contractTerm.aggregate({
      where: { negotiationId: negotiation.id },
      _max: { position: true },
    });
    const term = await tx.contractTerm.create({
      data: {
        negotiationId: negotiation.id,
        position: (last._max.position ?? -1) + 1,
        title: input.title,
        ourPosition: input.ourPosition,
        vendorPosition: input.vendorPosition,
        ownerId: owner.id,
      },
      select: { id: true, title: true },
    });
    const changes: TermChanges = {
      title: { before: null, after: input.title },
      ourPosition: { before: null, after: input.ourPosition },
      vendorPosition: { before: null, after: input.vendorPosition },
      owner: { before: null, after: owner.name },
    };
    await recordChange(tx, term.id, actor, changes);
    await recordAudit(tx, {
      actor,
      action: "contract_term.added",
      entityType: "ContractTerm",
      entityId: term.id,
      rfpId,
      after: { title: term.title, owner: owner.name },
    });
    return term;
  });
}

async function recordChange(tx: TransactionClient, termId: string, actor: UserActor, changes: TermChanges) {
  await tx.contractTermChange.create({
    data: { termId, changedById: actor.id, changes: changes as Prisma.InputJsonObject },
  });
}

/** The term as the form may change it, loaded with its negotiation for the guard. */
async function loadTerm(tx: TransactionClient, rfpId: string, termId: string) {
  const term = await tx.contractTerm.findFirst({
    where: { id: termId, negotiation: { rfpId } },
    select: {
      id: true,
      negotiationId: true,
      title: true,
      ourPosition: true,
      vendorPosition: true,
      agreedWording: true,
      status: true,
      version: true,
      escalationDecision: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!term) throw new FieldError("form", "This term does not exist (it may have been removed).");
  return term;
}

async function bumpTerm(
  tx: TransactionClient,
  termId: string,
  expectedVersion: number,
  data: Prisma.ContractTermUpdateManyMutationInput & { ownerId?: string },
) {
  const { count } = await tx.contractTerm.updateMany({
    where: { id: termId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(TERM_CONFLICT);
}

export async function updateContractTerm(actor: UserActor, rfpId: string, input: UpdateTermInput) {
  return prisma.$transaction(async (tx) => {
    const term = await loadTerm(tx, rfpId, input.termId);
    await claimNegotiation(tx, rfpId, term.negotiationId, null);
    const problem = termUpdateProblems({
      status: input.status,
      agreedWording: input.agreedWording,
      note: input.note,
      previousStatus: term.status,
    })[0];
    if (problem) throw new FieldError(problem.field, problem.message);
    const owner = await requireOwner(tx, rfpId, input.ownerId);
    await bumpTerm(tx, term.id, input.version, {
      title: input.title,
      ourPosition: input.ourPosition,
      vendorPosition: input.vendorPosition,
      agreedWording: input.agreedWording,
      status: input.status,
      ownerId: owner.id,
    });
    const changes: TermChanges = {};
    for (const field of ["title", "ourPosition", "vendorPosition", "agreedWording", "status"] as const) {
      if (term[field] !== input[field]) changes[field] = { before: term[field], after: input[field] };
    }
    if (term.owner?.id !== owner.id) changes.owner = { before: term.owner?.name ?? null, after: owner.name };
    if (input.note) changes.note = { before: null, after: input.note };
    if (Object.keys(changes).length === 0) return { title: input.title, changed: false };
    await recordChange(tx, term.id, actor, changes);
    await recordAudit(tx, {
      actor,
      action: "contract_term.updated",
      entityType: "ContractTerm",
      entityId: term.id,
      rfpId,
      before: Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.before])),
      after: Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.after])),
    });
    return { title: input.title, changed: true };
  });
}

/** Put an open term in the executive sponsor's queue, with the question to decide; the sponsor is emailed. */
export async function escalateTerm(
  actor: UserActor,
  rfpId: string,
  input: { termId: string; version: number; question: string; origin: string },
) {
  return prisma.$transaction(async (tx) => {
    const term = await loadTerm(tx, rfpId, input.termId);
    const negotiation = await claimNegotiation(tx, rfpId, term.negotiationId, null);
    const problems = escalationProblems(term, negotiation.sponsorId);
    if (problems.length > 0) throw new FieldError("question", problems.join(" "));
    await bumpTerm(tx, term.id, input.version, { status: "ESCALATED", escalationDecision: null });
    await recordChange(tx, term.id, actor, {
      status: { before: term.status, after: "ESCALATED" },
      escalationQuestion: { before: null, after: input.question },
    });
    await recordAudit(tx, {
      actor,
      action: "contract_term.escalated",
      entityType: "ContractTerm",
      entityId: term.id,
      rfpId,
      before: { status: term.status },
      after: { status: "ESCALATED", question: input.question },
    });
    const sponsor = await tx.user.findUniqueOrThrow({
      where: { id: negotiation.sponsorId ?? "" },
      select: { name: true, email: true },
    });
    await queueMessage(tx, {
      rfpId,
      kind: "negotiation_escalation",
      toEmail: sponsor.email,
      toName: sponsor.name,
      ...termEscalatedMessage({
        rfp: negotiation.rfp,
        vendorName: negotiation.invitation.vendor.name,
        sponsorName: sponsor.name,
        leadName: actor.label,
        termTitle: term.title,
        question: input.question,
        ourPosition: term.ourPosition,
        vendorPosition: term.vendorPosition,
        link: `${input.origin}/negotiations/escalations`,
      }),
    });
    return { title: term.title, sponsorName: sponsor.name };
  });
}

// The sponsor's queue ----------------------------------------------------------------------------

/** Escalated terms of open negotiations where `userId` is the sponsor — nobody else's. */
function escalatedWhere(userId: string): Prisma.ContractTermWhereInput {
  return { status: "ESCALATED", negotiation: { sponsorId: userId, status: "OPEN", rfp: { stage: "NEGOTIATION" } } };
}

/** For the dashboard: a short list of what waits for this executive. */
export async function listPendingEscalations(userId: string) {
  return prisma.contractTerm.findMany({
    where: escalatedWhere(userId),
    orderBy: { id: "asc" },
    take: 20,
    select: {
      id: true,
      title: true,
      negotiation: {
        select: {
          rfp: { select: { id: true, reference: true, title: true } },
          invitation: { select: { vendor: { select: { name: true } } } },
        },
      },
    },
  });
}

export async function getEscalationQueue(userId: string) {
  const [pending, decided] = await Promise.all([
    prisma.contractTerm.findMany({
      where: escalatedWhere(userId),
      orderBy: { id: "asc" },
      select: {
        ...termSelect,
        negotiation: {
          select: {
            currency: true,
            rfp: { select: { id: true, reference: true, title: true, timeZone: true } },
            invitation: { select: { vendor: { select: { name: true } } } },
          },
        },
      },
    }),
    prisma.contractTerm.findMany({
      where: { escalationDecision: { not: null }, negotiation: { sponsorId: userId } },
      orderBy: { id: "desc" },
      take: 10,
      select: {
        id: true,
        title: true,
        status: true,
        escalationDecision: true,
        negotiation: {
          select: {
            rfp: { select: { reference: true, title: true } },
            invitation: { select: { vendor: { select: { name: true } } } },
          },
        },
      },
    }),
  ]);
  return { pending, decided };
}

/**
 * The sponsor decides an escalated term: it returns to the lead AGREED (with the agreed wording)
 * or OPEN (to negotiate on), with the decision visible on the term. Only the negotiation's named
 * sponsor may decide; anyone else gets 403.
 */
export async function decideEscalation(actor: UserActor, input: DecideEscalationInput & { origin: string }) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.contractTerm.findUnique({
      where: { id: input.termId },
      select: { negotiation: { select: { rfpId: true, sponsorId: true } } },
    });
    if (!found || found.negotiation.sponsorId !== actor.id) {
      throw forbidden("Only the executive sponsor of this negotiation can decide its escalated terms.");
    }
    const rfpId = found.negotiation.rfpId;
    const term = await loadTerm(tx, rfpId, input.termId);
    const negotiation = await claimNegotiation(tx, rfpId, term.negotiationId, null);
    if (term.status !== "ESCALATED") {
      throw new FieldError("form", "This term is no longer escalated; the lead has taken it back.");
    }
    const status: TermStatus = input.outcome;
    const agreedWording = input.outcome === "AGREED" ? input.agreedWording : term.agreedWording;
    await bumpTerm(tx, term.id, input.version, { status, escalationDecision: input.decision, agreedWording });
    const changes: TermChanges = {
      status: { before: "ESCALATED", after: status },
      escalationDecision: { before: term.escalationDecision, after: input.decision },
    };
    if (agreedWording !== term.agreedWording)
      changes.agreedWording = { before: term.agreedWording, after: agreedWording };
    await recordChange(tx, term.id, actor, changes);
    await recordAudit(tx, {
      actor,
      action: "contract_term.escalation_decided",
      entityType: "ContractTerm",
      entityId: term.id,
      rfpId,
      before: { status: "ESCALATED" },
      after: { status, decision: input.decision },
    });
    const sponsor = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
    if (term.owner) {
      await queueMessage(tx, {
        rfpId,
        kind: "negotiation_escalation_decided",
        toEmail: term.owner.email,
        toName: term.owner.name,
        ...escalationDecidedMessage({
          rfp: negotiation.rfp,
          vendorName: negotiation.invitation.vendor.name,
          ownerName: term.owner.name,
          sponsorName: sponsor.name,
          termTitle: term.title,
          decision: input.decision,
          agreed: status === "AGREED",
          link: `${input.origin}/rfps/${rfpId}/negotiation/terms`,
        }),
      });
    }
    return { title: term.title, status };
  });
}
