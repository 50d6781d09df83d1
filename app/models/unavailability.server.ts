import { prisma } from "~/db.server";
import { formatTimeRange } from "~/domain/interview-calendar";
import { isTerminal, type RfpStage } from "~/domain/workflow";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";

/**
 * Times a panel member cannot attend interviews. Each member marks their own; the lead sees
 * everyone's (the scheduler must), other members see only their own (notes can be personal).
 */
const MAX_PERIOD_DAYS = 31;

export async function listUnavailability(rfpId: string, viewer: { userId: string; everyone: boolean }) {
  const rows = await prisma.memberUnavailability.findMany({
    where: { member: { rfpId, ...(viewer.everyone ? {} : { userId: viewer.userId }) } },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      note: true,
      member: { select: { userId: true, user: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    note: row.note,
    name: row.member.user.name,
    mine: row.member.userId === viewer.userId,
  }));
}

async function ownMembership(rfpId: string, userId: string) {
  const member = await prisma.rfpMember.findUnique({
    where: { rfpId_userId: { rfpId, userId } },
    select: { id: true, rfp: { select: { stage: true, timeZone: true } } },
  });
  if (!member) throw new FieldError("form", "You are not on this RFP's team.");
  if (isTerminal(member.rfp.stage as RfpStage)) {
    throw new FieldError("form", "This RFP is closed; there are no interviews left to plan around.");
  }
  return member;
}

/**
 * Marks the user's own unavailable time. It is saved even when they are already booked then
 * (it is their reality); the interviews it clashes with are returned so they can tell the lead.
 */
export async function addUnavailability(
  actor: Actor,
  rfpId: string,
  userId: string,
  input: { startsAt: Date; endsAt: Date; note?: string },
) {
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw new FieldError("until", "Until must be after from.");
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new FieldError("until", `Mark at most ${MAX_PERIOD_DAYS} days at a time.`);
  }
  const member = await ownMembership(rfpId, userId);
  return prisma.$transaction(async (tx) => {
    const period = await tx.memberUnavailability.create({
      data: { memberId: member.id, startsAt: input.startsAt, endsAt: input.endsAt, note: input.note ?? "" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "interview.unavailability_added",
      entityType: "MemberUnavailability",
      entityId: period.id,
      rfpId,
      after: { startsAt: input.startsAt, endsAt: input.endsAt },
    });
    const booked = await tx.interview.findMany({
      where: {
        rfpId,
        startsAt: { lt: input.endsAt },
        endsAt: { gt: input.startsAt },
        attendees: { some: { memberId: member.id } },
      },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, endsAt: true, invitation: { select: { vendor: { select: { name: true } } } } },
    });
    return {
      clashes: booked.map(
        (interview) =>
          `${interview.invitation.vendor.name} (${formatTimeRange({ start: interview.startsAt, end: interview.endsAt }, member.rfp.timeZone)})`,
      ),
    };
  });
}

export async function removeUnavailability(actor: Actor, rfpId: string, userId: string, unavailabilityId: string) {
  const member = await ownMembership(rfpId, userId);
  return prisma.$transaction(async (tx) => {
    const period = await tx.memberUnavailability.findFirst({
      where: { id: unavailabilityId, memberId: member.id },
      select: { id: true, startsAt: true, endsAt: true },
    });
    // Someone else's period answers like a missing one: members manage only their own.
    if (!period) throw new FieldError("form", "That unavailable time is no longer there.");
    await tx.memberUnavailability.delete({ where: { id: period.id } });
    await recordAudit(tx, {
      actor,
      action: "interview.unavailability_removed",
      entityType: "MemberUnavailability",
      entityId: period.id,
      rfpId,
      before: { startsAt: period.startsAt, endsAt: period.endsAt },
    });
  });
}
