import { prisma, type TransactionClient } from "~/db.server";
import { publicationState, publishDueAt } from "~/domain/interview-publish";
import { FieldError } from "~/utils/errors.server";
import { logger } from "~/utils/logger.server";
import { interviewPublishedMessage } from "~/utils/messages";
import { type Actor, recordAudit, SYSTEM_ACTOR, type UserActor } from "./audit.server";
import { BUYER_NAME } from "./invitation-link.server";
import { queueMessage } from "./outbox.server";

/**
 * Publishing an interview's agenda and advance questions to the vendor's portal: automatically
 * `publishDaysBefore` days before it starts (a background run in every app instance), or at once
 * when the lead chooses. Publishing happens once per interview, whichever comes first; it is
 * audited and the vendor's contact is emailed in the same transaction.
 */
type LockedInterview = {
  id: string;
  rfpId: string;
  stage: string;
  invitationStatus: string;
  startsAt: Date;
  publishedAt: Date | null;
  publishDaysBefore: number;
};

async function lockInterview(tx: TransactionClient, interviewId: string, options: { skipLocked?: boolean } = {}) {
  const rows = options.skipLocked
    ? await tx.$queryRaw<LockedInterview[]>`
        SELECT i."id", i."rfpId", r."stage"::text AS stage, v."status"::text AS "invitationStatus",
               i."startsAt", i."publishedAt", i."publishDaysBefore"
        FROM "Interview" i JOIN "Rfp" r ON r."id" = i."rfpId" JOIN "Invitation" v ON v."id" = i."invitationId"
        WHERE i."id" = ${interviewId} FOR UPDATE OF i SKIP LOCKED`
    : await tx.$queryRaw<LockedInterview[]>`
        SELECT i."id", i."rfpId", r."stage"::text AS stage, v."status"::text AS "invitationStatus",
               i."startsAt", i."publishedAt", i."publishDaysBefore"
        FROM "Interview" i JOIN "Rfp" r ON r."id" = i."rfpId" JOIN "Invitation" v ON v."id" = i."invitationId"
        WHERE i."id" = ${interviewId} FOR UPDATE OF i`;
  return rows[0] ?? null;
}

/** Why this interview cannot be published now, or null. */
function publishProblem(interview: LockedInterview, now: Date) {
  if (interview.stage !== "INTERVIEWS")
    return "Interviews can only be published while the RFP is in its interview stage.";
  if (interview.invitationStatus !== "SHORTLISTED") return "This vendor is no longer shortlisted.";
  const state = publicationState(interview, now);
  if (state.kind === "PUBLISHED") return "This interview is already published to the vendor.";
  if (state.kind === "MISSED") return "The interview has started; there is nothing left to publish.";
  return null;
}

/** Set publishedAt, audit, and email the vendor's contact; the interview row is locked by the caller. */
async function publishLocked(
  tx: TransactionClient,
  interview: LockedInterview,
  actor: Actor,
  now: Date,
  trigger: "lead" | "schedule",
) {
  const published = await tx.interview.update({
    where: { id: interview.id },
    data: { publishedAt: now },
    select: {
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      invitationId: true,
      _count: { select: { questions: true, agenda: true } },
      rfp: { select: { reference: true, title: true, timeZone: true } },
      invitation: { select: { vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } } },
    },
  });
  const { invitation } = published;
  await recordAudit(tx, {
    actor,
    action: "interview.published",
    entityType: "Interview",
    entityId: interview.id,
    rfpId: interview.rfpId,
    after: {
      vendor: invitation.vendor.name,
      trigger,
      questions: published._count.questions,
      agendaItems: published._count.agenda,
      emailedTo: invitation.contact?.email ?? null,
    },
  });
  if (!invitation.contact) return;
  await queueMessage(tx, {
    rfpId: interview.rfpId,
    invitationId: published.invitationId,
    kind: "interview_published",
    toEmail: invitation.contact.email,
    toName: invitation.contact.name,
    ...interviewPublishedMessage({
      buyer: BUYER_NAME,
      vendorName: invitation.vendor.name,
      contactName: invitation.contact.name,
      rfp: published.rfp,
      interview: { ...published, questionCount: published._count.questions },
    }),
  });
}

/** The lead publishes now instead of waiting for the scheduled moment. */
export async function publishInterviewNow(actor: UserActor, rfpId: string, interviewId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const interview = await lockInterview(tx, interviewId);
    if (!interview || interview.rfpId !== rfpId) throw new FieldError("form", "This interview no longer exists.");
    const problem = publishProblem(interview, now);
    if (problem) throw new FieldError("form", problem);
    await publishLocked(tx, interview, actor, now, "lead");
  });
}

/**
 * Change how many days ahead the vendor gets the agenda and questions. If the new moment has
 * already passed, the interview is published at once (the vendor is owed that notice).
 */
export async function setPublishDaysBefore(
  actor: UserActor,
  rfpId: string,
  interviewId: string,
  days: number,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const interview = await lockInterview(tx, interviewId);
    if (!interview || interview.rfpId !== rfpId) throw new FieldError("form", "This interview no longer exists.");
    const problem = publishProblem(interview, now);
    if (problem) throw new FieldError("publishDaysBefore", problem);
    await tx.interview.update({ where: { id: interviewId }, data: { publishDaysBefore: days } });
    await recordAudit(tx, {
      actor,
      action: "interview.publish_days_changed",
      entityType: "Interview",
      entityId: interviewId,
      rfpId,
      before: { publishDaysBefore: interview.publishDaysBefore },
      after: { publishDaysBefore: days },
    });
    const dueAt = publishDueAt(interview.startsAt, days);
    if (dueAt.getTime() > now.getTime()) return { publishedNow: false, dueAt };
    await publishLocked(tx, { ...interview, publishDaysBefore: days }, actor, now, "schedule");
    return { publishedNow: true, dueAt };
  });
}

/**
 * Publish every interview whose moment has come. Several app instances may run this at once:
 * each interview is claimed with FOR UPDATE SKIP LOCKED and published only if still unpublished,
 * so it is published (and emailed) exactly once.
 */
export async function publishDueInterviews(now = new Date()) {
  const candidates = await prisma.interview.findMany({
    where: {
      publishedAt: null,
      startsAt: { gt: now },
      rfp: { stage: "INTERVIEWS" },
      invitation: { status: "SHORTLISTED" },
    },
    select: { id: true, startsAt: true, publishDaysBefore: true },
  });
  const due = candidates.filter(
    (interview) => publishDueAt(interview.startsAt, interview.publishDaysBefore).getTime() <= now.getTime(),
  );
  let published = 0;
  for (const { id } of due) {
    const done = await prisma.$transaction(async (tx) => {
      const interview = await lockInterview(tx, id, { skipLocked: true });
      if (!interview || publishProblem(interview, now)) return false;
      if (publicationState(interview, now).kind !== "DUE") return false;
      await publishLocked(tx, interview, SYSTEM_ACTOR, now, "schedule");
      return true;
    });
    if (done) published++;
  }
  return { published };
}

export type PublishWorker = { stop(): Promise<void> };

/** Publish due interviews every `intervalMs` (a minute by default); one run at a time. */
export function startInterviewPublishWorker(options: { intervalMs?: number } = {}): PublishWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = publishDueInterviews()
      .then((result) => {
        if (result.published > 0) logger.info(result, "interviews published to vendors");
      })
      .catch((error: unknown) => logger.error({ err: error }, "publishing due interviews failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
