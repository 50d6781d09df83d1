import { prisma } from "~/db.server";
import { RFP_ROLE_INFO, type RfpRole, rfpRolesAllowedFor } from "~/domain/policy";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { normalizeEmail } from "./user.server";

export async function listMembers(rfpId: string) {
  return prisma.rfpMember.findMany({
    where: { rfpId },
    orderBy: [{ role: "asc" }, { addedAt: "asc" }],
    select: {
      id: true,
      role: true,
      functionalGroup: true,
      addedAt: true,
      user: { select: { id: true, name: true, email: true, role: true, disabledAt: true } },
    },
  });
}

export async function addMember(
  actor: Actor,
  rfpId: string,
  input: { email: string; role: RfpRole; functionalGroup?: string },
) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: normalizeEmail(input.email) },
      select: { id: true, name: true, email: true, role: true, disabledAt: true },
    });
    if (!user || user.disabledAt)
      throw new FieldError("email", "No active account has this email. Ask an administrator to create it.");
    if (!rfpRolesAllowedFor(user.role).includes(input.role)) {
      throw new FieldError(
        "role",
        `${user.name}'s account cannot be ${RFP_ROLE_INFO[input.role].label.toLowerCase()} on an RFP.`,
      );
    }
    const existing = await tx.rfpMember.findUnique({
      where: { rfpId_userId: { rfpId, userId: user.id } },
      select: { id: true },
    });
    if (existing) throw new FieldError("email", `${user.name} is already on this RFP's team.`);
    const member = await tx.rfpMember.create({
      data: { rfpId, userId: user.id, role: input.role, functionalGroup: input.functionalGroup ?? null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "rfp.member_added",
      entityType: "RfpMember",
      entityId: member.id,
      rfpId,
      after: { user: user.email, role: input.role, functionalGroup: input.functionalGroup ?? null },
    });
    return { ...member, name: user.name };
  });
}

export async function removeMember(actor: Actor, rfpId: string, memberId: string) {
  return prisma.$transaction(async (tx) => {
    const member = await tx.rfpMember.findFirst({
      where: { id: memberId, rfpId },
      select: { id: true, role: true, user: { select: { email: true, name: true } } },
    });
    if (!member) throw new FieldError("form", "That person is no longer on the team.");
    if (member.role === "LEAD" && (await tx.rfpMember.count({ where: { rfpId, role: "LEAD" } })) <= 1) {
      throw new FieldError("form", "An RFP always needs a lead. Add another lead before removing this one.");
    }
    await tx.rfpMember.delete({ where: { id: member.id } });
    await recordAudit(tx, {
      actor,
      action: "rfp.member_removed",
      entityType: "RfpMember",
      entityId: member.id,
      rfpId,
      before: { user: member.user.email, role: member.role },
    });
    return member;
  });
}
