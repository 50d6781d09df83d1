import { prisma } from "~/db.server";
import { vendorMayConfirm } from "~/domain/interview-publish";
import { FieldError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { type PortalVendor, vendorActor } from "./portal-session.server";

/**
 * The vendor's side of its interview, in the portal. Every query is scoped by the portal
 * session's invitation and by publication: a vendor sees its own interview once it is
 * published, never anyone else's, and never how its questions were chosen (no criteria, no
 * scores, no bank ids).
 */
const publishedOf = (vendor: PortalVendor) => ({
  invitationId: vendor.id,
  rfpId: vendor.rfpId,
  publishedAt: { not: null },
});

export async function hasPublishedInterview(vendor: PortalVendor) {
  return (await prisma.interview.count({ where: publishedOf(vendor) })) > 0;
}

export async function getPortalInterview(vendor: PortalVendor) {
  const interview = await prisma.interview.findFirst({
    where: publishedOf(vendor),
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      meetingLink: true,
      publishedAt: true,
      vendorConfirmedAt: true,
      vendorPresenters: true,
      agenda: { orderBy: { position: "asc" }, select: { title: true, minutes: true } },
      questions: { orderBy: { position: "asc" }, select: { id: true, category: true, text: true } },
    },
  });
  if (!interview) return null;
  // Agenda items run back to back from the start.
  let minute = 0;
  const agenda = interview.agenda.map((item) => {
    const startsAt = new Date(interview.startsAt.getTime() + minute * 60_000);
    minute += item.minutes;
    return {
      title: item.title,
      minutes: item.minutes,
      startsAt,
      endsAt: new Date(interview.startsAt.getTime() + minute * 60_000),
    };
  });
  return { ...interview, agenda };
}

/** The vendor confirms it will attend and names its presenters; it may correct them until the start. */
export async function confirmInterviewAttendance(
  vendor: PortalVendor,
  input: { presenters: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: string;
        startsAt: Date;
        publishedAt: Date | null;
        vendorPresenters: string;
        vendorConfirmedAt: Date | null;
      }[]
    >`
      SELECT "id", "startsAt", "publishedAt", "vendorPresenters", "vendorConfirmedAt" FROM "Interview"
      WHERE "invitationId" = ${vendor.id} AND "rfpId" = ${vendor.rfpId} AND "publishedAt" IS NOT NULL
      FOR UPDATE`;
    const interview = rows[0];
    if (!interview) throw new FieldError("form", "There is no interview to confirm.");
    if (!vendorMayConfirm(interview, now)) {
      throw new FieldError("form", "The interview has started; attendance can no longer be changed here.");
    }
    await tx.interview.update({
      where: { id: interview.id },
      data: { vendorConfirmedAt: now, vendorPresenters: input.presenters },
    });
    await recordAudit(tx, {
      actor: vendorActor(vendor),
      action: interview.vendorConfirmedAt ? "interview.vendor_presenters_changed" : "interview.vendor_confirmed",
      entityType: "Interview",
      entityId: interview.id,
      rfpId: vendor.rfpId,
      before: interview.vendorConfirmedAt ? { presenters: interview.vendorPresenters } : undefined,
      after: { presenters: input.presenters },
    });
    return { confirmedAt: now, first: interview.vendorConfirmedAt === null };
  });
}
