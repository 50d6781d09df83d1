import { prisma } from "~/db.server";
import {
  CONFLICT_DECISION_INFO,
  type ConflictDecision,
  declarationChangeProblem,
  isRecusedFromPanel,
  undeclaredVendors,
} from "~/domain/conflict";
import { scoringClosedReason } from "~/domain/sheet";
import type { DeclarationInput } from "~/schemas/conflict";
import { FieldError } from "~/utils/errors.server";
import { forbidden } from "~/utils/http.server";
import { conflictDecidedMessage, conflictDeclaredMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { queueMessage } from "./outbox.server";
import { evaluatedVendors, evaluationState, lockPanelMember, toDeclaration } from "./panel.server";

/**
 * Conflict-of-interest declarations (by panel members, before reading any proposal) and the
 * lead's decisions on them. Everything is audited; the lead and observers read the full list.
 */

const NOT_ON_PANEL = "You are not on this RFP's evaluation panel.";

/** The declaration form of one panel member. */
export async function getDeclarationForm(userId: string, rfpId: string) {
  const [state, vendors, member] = await Promise.all([
    evaluationState(prisma, rfpId),
    evaluatedVendors(prisma, rfpId),
    prisma.rfpMember.findFirst({
      where: { rfpId, userId, role: "PANEL" },
      select: {
        id: true,
        conflicts: {
          select: {
            invitationId: true,
            hasConflict: true,
            description: true,
            declaredAt: true,
            decision: true,
            decisionNote: true,
            decidedAt: true,
          },
        },
        _count: { select: { scoreSheets: true } },
      },
    }),
  ]);
  if (!member) throw forbidden(NOT_ON_PANEL);
  const declarations = new Map(member.conflicts.map((conflict) => [conflict.invitationId, conflict]));
  const scoringStarted = member._count.scoreSheets > 0;
  const closedReason = scoringClosedReason(state);
  return {
    timeZone: state.timeZone,
    closedReason,
    lockReason: closedReason ?? declarationChangeProblem(scoringStarted),
    recusedFromPanel: isRecusedFromPanel(member.conflicts.map(toDeclaration)),
    complete:
      undeclaredVendors(
        vendors.map((vendor) => vendor.invitationId),
        member.conflicts.map(toDeclaration),
      ).length === 0,
    vendors: vendors.map((vendor) => {
      const declaration = declarations.get(vendor.invitationId);
      return {
        ...vendor,
        declaration: declaration
          ? {
              hasConflict: declaration.hasConflict,
              description: declaration.description,
              declaredAt: declaration.declaredAt,
              decision: declaration.hasConflict ? (declaration.decision ?? "PENDING") : null,
              decisionNote: declaration.decisionNote,
              decidedAt: declaration.decidedAt,
            }
          : null,
      };
    }),
  };
}

/** The vendors a member declares for (the form's schema is built from them). */
export async function declarableVendorIds(rfpId: string) {
  return (await evaluatedVendors(prisma, rfpId)).map((vendor) => vendor.invitationId);
}

/**
 * Record a member's declarations for every vendor under evaluation. A changed answer replaces the
 * earlier one and any decision on it (the lead decides again); declarations are fixed once the
 * member has started scoring (domain/conflict). Each change is audited; each new conflict is
 * emailed to the RFP's leads.
 */
export async function declareConflicts(
  actor: UserActor,
  rfpId: string,
  declarations: DeclarationInput[],
  options: { origin: string; now?: Date },
) {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const memberId = await lockPanelMember(tx, rfpId, { userId: actor.id });
    if (!memberId) throw forbidden(NOT_ON_PANEL);
    const [state, vendors, member, rfp] = await Promise.all([
      evaluationState(tx, rfpId),
      evaluatedVendors(tx, rfpId),
      tx.rfpMember.findUniqueOrThrow({
        where: { id: memberId },
        select: {
          user: { select: { name: true } },
          conflicts: { select: { id: true, invitationId: true, hasConflict: true, description: true, decision: true } },
          _count: { select: { scoreSheets: true } },
        },
      }),
      tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true, title: true } }),
    ]);
    const closed = scoringClosedReason(state);
    if (closed) throw new FieldError("form", closed);
    const vendorIds = vendors.map((vendor) => vendor.invitationId).sort();
    const posted = declarations.map((declaration) => declaration.invitationId).sort();
    if (vendorIds.join() !== posted.join()) {
      throw new FieldError(
        "form",
        "The list of vendors changed since you opened this page. Reload it and declare again.",
      );
    }
    const existing = new Map(member.conflicts.map((conflict) => [conflict.invitationId, conflict]));
    const changes = declarations.filter((declaration) => {
      const before = existing.get(declaration.invitationId);
      return (
        !before || before.hasConflict !== declaration.hasConflict || before.description !== declaration.description
      );
    });
    if (changes.length === 0) return { changed: 0, conflicts: 0 };
    const locked = declarationChangeProblem(member._count.scoreSheets > 0);
    if (locked) throw new FieldError("form", locked);

    const vendorName = new Map(vendors.map((vendor) => [vendor.invitationId, vendor.vendorName]));
    const leads = await tx.rfpMember.findMany({
      where: { rfpId, role: "LEAD", user: { disabledAt: null } },
      select: { user: { select: { name: true, email: true } } },
    });
    for (const declaration of changes) {
      const before = existing.get(declaration.invitationId);
      const data = {
        hasConflict: declaration.hasConflict,
        description: declaration.description,
        declaredAt: now,
        decision: declaration.hasConflict ? ("PENDING" as const) : null,
        decisionNote: "",
        decidedById: null,
        decidedAt: null,
      };
      const saved = before
        ? await tx.conflictDeclaration.update({ where: { id: before.id }, data, select: { id: true } })
        : await tx.conflictDeclaration.create({
            data: { rfpId, memberId, invitationId: declaration.invitationId, ...data },
            select: { id: true },
          });
      const vendor = vendorName.get(declaration.invitationId) ?? "";
      await recordAudit(tx, {
        actor,
        action: "conflict.declared",
        entityType: "ConflictDeclaration",
        entityId: saved.id,
        rfpId,
        before: before
          ? { vendor, hasConflict: before.hasConflict, description: before.description, decision: before.decision }
          : undefined,
        after: {
          member: actor.label,
          vendor,
          hasConflict: declaration.hasConflict,
          description: declaration.description,
        },
      });
      if (!declaration.hasConflict) continue;
      for (const lead of leads) {
        await queueMessage(tx, {
          rfpId,
          kind: "conflict_declared",
          toEmail: lead.user.email,
          toName: lead.user.name,
          ...conflictDeclaredMessage({
            rfp,
            leadName: lead.user.name,
            memberName: member.user.name,
            vendorName: vendor,
            description: declaration.description,
            link: `${options.origin}/rfps/${rfpId}/panel#conflicts`,
          }),
        });
      }
    }
    return { changed: changes.length, conflicts: changes.filter((change) => change.hasConflict).length };
  });
}

/** The lead's decision on one declared conflict; the member is told by email. */
export async function decideConflict(
  actor: UserActor,
  rfpId: string,
  input: { declarationId: string; decision: ConflictDecision; note: string },
  options: { origin: string; now?: Date },
) {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const declaration = await tx.conflictDeclaration.findFirst({
      where: { id: input.declarationId, rfpId },
      select: {
        id: true,
        memberId: true,
        hasConflict: true,
        decision: true,
        decisionNote: true,
        member: { select: { user: { select: { name: true, email: true } } } },
        invitation: { select: { vendor: { select: { name: true } } } },
      },
    });
    if (!declaration) throw new FieldError("form", "That declaration no longer exists. Reload the page.");
    if (!declaration.hasConflict) throw new FieldError("form", "No conflict was declared there: nothing to decide.");
    await lockPanelMember(tx, rfpId, { memberId: declaration.memberId });
    const state = await evaluationState(tx, rfpId);
    const closed = scoringClosedReason(state);
    if (closed) throw new FieldError("form", closed);
    if (declaration.decision === input.decision && declaration.decisionNote === input.note) {
      return {
        changed: false,
        memberName: declaration.member.user.name,
        vendorName: declaration.invitation.vendor.name,
      };
    }
    await tx.conflictDeclaration.update({
      where: { id: declaration.id },
      data: { decision: input.decision, decisionNote: input.note, decidedById: actor.id, decidedAt: now },
    });
    const rfp = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true, title: true } });
    const names = { member: declaration.member.user.email, vendor: declaration.invitation.vendor.name };
    await recordAudit(tx, {
      actor,
      action: "conflict.decided",
      entityType: "ConflictDeclaration",
      entityId: declaration.id,
      rfpId,
      before: { ...names, decision: declaration.decision ?? "PENDING", note: declaration.decisionNote || undefined },
      after: { ...names, decision: input.decision, note: input.note || undefined },
    });
    await queueMessage(tx, {
      rfpId,
      kind: "conflict_decided",
      toEmail: declaration.member.user.email,
      toName: declaration.member.user.name,
      ...conflictDecidedMessage({
        rfp,
        memberName: declaration.member.user.name,
        vendorName: declaration.invitation.vendor.name,
        decision: CONFLICT_DECISION_INFO[input.decision].label.toLowerCase(),
        note: input.note,
        link: `${options.origin}/rfps/${rfpId}/scoring`,
      }),
    });
    return { changed: true, memberName: declaration.member.user.name, vendorName: declaration.invitation.vendor.name };
  });
}

/** Every declaration on the RFP and where each member stands, for the lead and observers. */
export async function listConflicts(rfpId: string) {
  const [vendors, members] = await Promise.all([
    evaluatedVendors(prisma, rfpId),
    prisma.rfpMember.findMany({
      where: { rfpId, role: "PANEL" },
      orderBy: { addedAt: "asc" },
      select: {
        id: true,
        user: { select: { name: true } },
        conflicts: {
          orderBy: { declaredAt: "asc" },
          select: {
            id: true,
            invitationId: true,
            hasConflict: true,
            description: true,
            declaredAt: true,
            decision: true,
            decisionNote: true,
            decidedAt: true,
            decidedBy: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  const vendorIds = vendors.map((vendor) => vendor.invitationId);
  const vendorName = new Map(vendors.map((vendor) => [vendor.invitationId, vendor.vendorName]));
  const conflicts = members.flatMap((member) =>
    member.conflicts
      .filter((conflict) => conflict.hasConflict && vendorName.has(conflict.invitationId))
      .map((conflict) => ({
        id: conflict.id,
        memberName: member.user.name,
        vendorName: vendorName.get(conflict.invitationId) ?? "",
        description: conflict.description,
        declaredAt: conflict.declaredAt,
        decision: conflict.decision ?? "PENDING",
        decisionNote: conflict.decisionNote,
        decidedAt: conflict.decidedAt,
        decidedBy: conflict.decidedBy?.name ?? null,
      })),
  );
  return {
    vendorCount: vendors.length,
    conflicts: conflicts.sort((a, b) => Number(b.decision === "PENDING") - Number(a.decision === "PENDING")),
    members: members.map((member) => {
      const declarations = member.conflicts.map(toDeclaration);
      const relevant = member.conflicts.filter((conflict) => vendorName.has(conflict.invitationId));
      return {
        id: member.id,
        name: member.user.name,
        undeclared: undeclaredVendors(vendorIds, declarations).length,
        noConflict: relevant.filter((conflict) => !conflict.hasConflict).length,
        conflicts: relevant.filter((conflict) => conflict.hasConflict).length,
        lastDeclaredAt: relevant.reduce<Date | null>(
          (latest, conflict) => (latest && latest > conflict.declaredAt ? latest : conflict.declaredAt),
          null,
        ),
      };
    }),
  };
}
