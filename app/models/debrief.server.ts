import { prisma, type TransactionClient } from "~/db.server";
import { scorableCriteria } from "~/domain/criteria";
import {
  type DebriefDraft,
  type DebriefStatus,
  debriefIssues,
  debriefPhase,
  debriefsRevealed,
  interviewedSoFar,
  type OralCriterion,
  oralScoreSummary,
  ownerNotesOpen,
  placeIsValid,
  placeMessage,
  placeSummary,
} from "~/domain/debrief";
import type { RfpAction } from "~/domain/policy";
import { formatDate, timeOfDay } from "~/utils/dates";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { forbidden, notFound } from "~/utils/http.server";
import { debriefReminderMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { queueMessage } from "./outbox.server";

/**
 * Debriefs right after an interview. Each attending panel member's view is sealed: until every
 * attending member has submitted, nobody else — other members, observers, the lead — gets its
 * contents from any loader; they see only who has and has not submitted. The owner's (lead's)
 * notes are sealed the same way from the panel, so they cannot anchor anyone's view.
 */
const AUTOSAVE_AUDIT_MINUTES = 10;

export type OralCriterionView = OralCriterion & { description: string | null; descriptors: string[] };

/** The ORAL-stage leaf criteria, with their scales and descriptors, in tree order. */
export async function oralCriteria(rfpId: string, db: TransactionClient | typeof prisma = prisma) {
  const nodes = await db.criterion.findMany({
    where: { rfpId },
    select: { ...scoredCriterionSelect, description: true, descriptors: true },
  });
  return scorableCriteria(
    nodes.map((node) => ({ ...node, weight: Number(node.weight) })),
    "ORAL",
  ).map(
    (leaf): OralCriterionView => ({
      id: leaf.id,
      name: leaf.name,
      description: leaf.description,
      scaleMin: leaf.scaleMin,
      scaleMax: leaf.scaleMax,
      descriptors: Array.isArray(leaf.descriptors) ? leaf.descriptors.map(String) : [],
    }),
  );
}

const viewSelect = {
  id: true,
  memberId: true,
  status: true,
  strengths: true,
  concerns: true,
  confidence: true,
  placeSoFar: true,
  version: true,
  submittedAt: true,
  updatedAt: true,
  oralScores: { select: { criterionId: true, value: true, comment: true } },
} as const;

async function panelAttendees(interviewId: string, db: TransactionClient | typeof prisma = prisma) {
  return db.interviewAttendee.findMany({
    where: { interviewId, member: { role: "PANEL" } },
    orderBy: { member: { user: { name: "asc" } } },
    select: {
      memberId: true,
      partial: true,
      member: { select: { userId: true, user: { select: { name: true, email: true } } } },
    },
  });
}

async function statusesOf(interviewId: string, memberIds: string[], db: TransactionClient | typeof prisma = prisma) {
  const rows = await db.debrief.findMany({
    where: { interviewId, memberId: { in: memberIds } },
    select: { memberId: true, status: true, submittedAt: true },
  });
  const byMember = new Map(rows.map((row) => [row.memberId, row]));
  return memberIds.map((memberId) => {
    const row = byMember.get(memberId);
    const status: DebriefStatus = row ? row.status : "NOT_STARTED";
    return { memberId, status, submittedAt: row?.submittedAt ?? null };
  });
}

/**
 * The debrief page as `viewer` may see it. Contents of other members' views (and the owner's
 * notes, for anyone but the lead) are loaded only once every attending member has submitted.
 */
export async function getDebriefPage(
  rfpId: string,
  interviewId: string,
  viewer: { userId: string; permissions: readonly RfpAction[] },
  now = new Date(),
) {
  const interview = await prisma.interview.findFirst({
    where: { id: interviewId, rfpId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      ownerNotes: true,
      version: true,
      invitation: { select: { vendor: { select: { name: true } } } },
    },
  });
  if (!interview) throw notFound("We could not find that interview.");
  const [attendees, criteria, starts] = await Promise.all([
    panelAttendees(interviewId),
    oralCriteria(rfpId),
    prisma.interview.findMany({ where: { rfpId }, select: { startsAt: true } }),
  ]);
  const statuses = await statusesOf(
    interviewId,
    attendees.map((attendee) => attendee.memberId),
  );
  const revealed = debriefsRevealed(statuses.map((entry) => entry.status));
  const isLead = viewer.permissions.includes("rfp.manage_interviews");
  const me = viewer.permissions.includes("rfp.debrief")
    ? attendees.find((attendee) => attendee.member.userId === viewer.userId)
    : undefined;
  const own = me
    ? await prisma.debrief.findUnique({
        where: { interviewId_memberId: { interviewId, memberId: me.memberId } },
        select: viewSelect,
      })
    : null;
  const nameOf = new Map(attendees.map((attendee) => [attendee.memberId, attendee.member.user.name]));
  const views = revealed
    ? (
        await prisma.debrief.findMany({
          where: { interviewId, status: "SUBMITTED", memberId: { in: [...nameOf.keys()] } },
          select: viewSelect,
        })
      )
        .map((view) => ({ ...view, memberName: nameOf.get(view.memberId) ?? "" }))
        .sort((a, b) => a.memberName.localeCompare(b.memberName))
    : null;
  return {
    interview: {
      id: interview.id,
      vendorName: interview.invitation.vendor.name,
      startsAt: interview.startsAt,
      endsAt: interview.endsAt,
      version: interview.version,
    },
    phase: debriefPhase(interview, now),
    criteria,
    placeBound: interviewedSoFar(
      starts.map((start) => start.startsAt),
      interview.startsAt,
    ),
    statuses: statuses.map((entry) => ({
      ...entry,
      name: nameOf.get(entry.memberId) ?? "",
      partial: attendees.find((attendee) => attendee.memberId === entry.memberId)?.partial ?? false,
    })),
    revealed,
    isLead,
    attendee: me ? { memberId: me.memberId, partial: me.partial } : null,
    own,
    ownerNotes: isLead || revealed ? interview.ownerNotes : null,
    views,
    summary: views ? { oral: oralScoreSummary(criteria, views), places: placeSummary(views) } : null,
  };
}

type LockedInterview = {
  id: string;
  rfpId: string;
  stage: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
  timeZone: string;
};

async function lockInterview(tx: TransactionClient, rfpId: string, interviewId: string) {
  const rows = await tx.$queryRaw<LockedInterview[]>`
    SELECT i."id", i."rfpId", r."stage"::text AS stage, i."startsAt", i."endsAt", i."version", r."timeZone"
    FROM "Interview" i JOIN "Rfp" r ON r."id" = i."rfpId"
    WHERE i."id" = ${interviewId} AND i."rfpId" = ${rfpId}
    FOR UPDATE OF i`;
  const interview = rows[0];
  if (!interview) throw notFound("We could not find that interview.");
  if (interview.stage !== "INTERVIEWS") {
    throw new FieldError("form", "Debriefs can only be written while the RFP is in its interview stage.");
  }
  return interview;
}

/** "11:30 CET (3 Mar 2027)": the time first, as people say it; the date so a later day is clear. */
function endTime(interview: LockedInterview) {
  const options = { timeZone: interview.timeZone, locale: "en-GB" };
  return `${timeOfDay(interview.endsAt, options)} (${formatDate(interview.endsAt, options)})`;
}

function requireOpen(interview: LockedInterview, now: Date) {
  if (debriefPhase(interview, now) !== "OPEN") {
    throw new FieldError("form", `The debrief opens when the interview ends at ${endTime(interview)}.`);
  }
}

export type SaveDebriefResult =
  | { submitted: true; version: number; savedAt: Date; revealed: boolean }
  | { submitted: false; version: number; savedAt: Date; issues: { path: string; message: string }[] };

/**
 * Save the member's draft (automatically, or on Save), or submit it. A refused submission still
 * saves the draft and lists what is missing. Submitting seals the view: it cannot change again.
 */
export async function saveDebrief(
  actor: UserActor,
  rfpId: string,
  interviewId: string,
  input: { draft: DebriefDraft; expectedVersion: number; intent: "autosave" | "save" | "submit" },
  now = new Date(),
): Promise<SaveDebriefResult> {
  return prisma.$transaction(async (tx) => {
    const interview = await lockInterview(tx, rfpId, interviewId);
    const attendee = await tx.interviewAttendee.findFirst({
      where: { interviewId, member: { userId: actor.id, role: "PANEL", rfpId } },
      select: { memberId: true, partial: true },
    });
    if (!attendee) throw forbidden("Only panel members who attended this interview give a debrief of it.");
    requireOpen(interview, now);
    const criteria = await oralCriteria(rfpId, tx);
    const starts = await tx.interview.findMany({ where: { rfpId }, select: { startsAt: true } });
    const placeBound = interviewedSoFar(
      starts.map((start) => start.startsAt),
      interview.startsAt,
    );
    checkFormats(input.draft, criteria, placeBound);
    const debrief = await claimVersion(tx, interviewId, attendee.memberId, input.expectedVersion);
    await writeDraft(tx, debrief.id, input.draft);
    const audit = (action: string, after: unknown) =>
      recordAudit(tx, { actor, action, entityType: "Debrief", entityId: debrief.id, rfpId, after });
    if (input.intent !== "submit") {
      await auditDraftSave(tx, debrief.id, input.intent === "autosave", now, () =>
        audit("debrief.draft_saved", { version: debrief.version, automatic: input.intent === "autosave" }),
      );
      return { submitted: false, version: debrief.version, savedAt: now, issues: [] };
    }
    const issues = debriefIssues(input.draft, { criteria, placeBound, partial: attendee.partial });
    if (issues.length > 0) {
      await audit("debrief.draft_saved", { version: debrief.version, automatic: false });
      return { submitted: false, version: debrief.version, savedAt: now, issues };
    }
    await tx.debrief.update({ where: { id: debrief.id }, data: { status: "SUBMITTED", submittedAt: now } });
    // Contents stay out of the audit log: it is readable by observers while views are sealed.
    await audit("debrief.submitted", { version: debrief.version });
    const attendees = await panelAttendees(interviewId, tx);
    const statuses = await statusesOf(
      interviewId,
      attendees.map((entry) => entry.memberId),
      tx,
    );
    const revealed = debriefsRevealed(statuses.map((entry) => entry.status));
    if (revealed) {
      await recordAudit(tx, {
        actor,
        action: "interview.debriefs_revealed",
        entityType: "Interview",
        entityId: interviewId,
        rfpId,
        after: { members: attendees.length },
      });
    }
    return { submitted: true, version: debrief.version, savedAt: now, revealed };
  });
}

/** Scores only on this RFP's oral criteria and within each scale; a place within the field so far. */
function checkFormats(draft: DebriefDraft, criteria: readonly OralCriterion[], placeBound: number) {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  draft.oralScores.forEach((score, index) => {
    const criterion = byId.get(score.criterionId);
    if (!criterion) {
      throw new FieldError("form", "The form mentions a criterion that is not scored in interviews. Reload the page.");
    }
    if (score.value !== null && !(score.value >= criterion.scaleMin && score.value <= criterion.scaleMax)) {
      throw new FieldError(
        `oralScores.${index}.value`,
        `Score ${criterion.name} from ${criterion.scaleMin} to ${criterion.scaleMax}.`,
      );
    }
  });
  if (new Set(draft.oralScores.map((score) => score.criterionId)).size !== draft.oralScores.length) {
    throw new FieldError("form", "A criterion appears twice in the form. Reload the page.");
  }
  if (draft.placeSoFar !== null && !placeIsValid(draft.placeSoFar, placeBound)) {
    throw new FieldError("placeSoFar", placeMessage(placeBound));
  }
}

async function claimVersion(tx: TransactionClient, interviewId: string, memberId: string, expectedVersion: number) {
  const conflict = () =>
    new ConflictError(
      "Your debrief was saved from another window or tab after you opened it, so this save was refused and nothing was overwritten.",
    );
  const existing = await tx.debrief.findUnique({
    where: { interviewId_memberId: { interviewId, memberId } },
    select: { id: true, status: true, version: true },
  });
  if (existing?.status === "SUBMITTED") {
    throw new FieldError("form", "You have submitted your debrief; it is sealed and can no longer change.");
  }
  if (!existing) {
    if (expectedVersion !== 0) throw conflict();
    return tx.debrief.create({ data: { interviewId, memberId }, select: { id: true, version: true } });
  }
  const { count } = await tx.debrief.updateMany({
    where: { id: existing.id, version: expectedVersion, status: "DRAFT" },
    data: { version: { increment: 1 } },
  });
  if (count === 0) throw conflict();
  return { id: existing.id, version: expectedVersion + 1 };
}

async function writeDraft(tx: TransactionClient, debriefId: string, draft: DebriefDraft) {
  await tx.debrief.update({
    where: { id: debriefId },
    data: {
      strengths: draft.strengths,
      concerns: draft.concerns,
      confidence: draft.confidence,
      placeSoFar: draft.placeSoFar,
    },
  });
  await tx.oralScore.deleteMany({ where: { debriefId } });
  const scored = draft.oralScores.filter((score) => score.value !== null || score.comment.trim());
  if (scored.length > 0) {
    await tx.oralScore.createMany({
      data: scored.map((score) => ({
        debriefId,
        criterionId: score.criterionId,
        value: score.value,
        comment: score.comment,
      })),
    });
  }
}

/** Autosaves are audited at most once every few minutes per debrief; explicit saves always. */
async function auditDraftSave(
  tx: TransactionClient,
  debriefId: string,
  automatic: boolean,
  now: Date,
  write: () => Promise<void>,
) {
  if (automatic) {
    const last = await tx.auditEvent.findFirst({
      where: { action: "debrief.draft_saved", entityType: "Debrief", entityId: debriefId },
      orderBy: { id: "desc" },
      select: { at: true },
    });
    if (last && now.getTime() - last.at.getTime() < AUTOSAVE_AUDIT_MINUTES * 60_000) return;
  }
  await write();
}

export async function currentDebriefVersion(interviewId: string, userId: string) {
  const debrief = await prisma.debrief.findFirst({
    where: { interviewId, member: { userId } },
    select: { version: true },
  });
  return debrief?.version ?? 0;
}

/** The owner's notes, taken during the interview and right after it. */
export async function saveOwnerNotes(
  actor: UserActor,
  rfpId: string,
  interviewId: string,
  input: { ownerNotes: string; version: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const interview = await lockInterview(tx, rfpId, interviewId);
    if (!ownerNotesOpen(debriefPhase(interview, now))) {
      throw new FieldError("ownerNotes", "Notes can be taken once the interview has started.");
    }
    const { count } = await tx.interview.updateMany({
      where: { id: interviewId, version: input.version },
      data: { ownerNotes: input.ownerNotes, version: { increment: 1 } },
    });
    if (count === 0) {
      throw new ConflictError(
        "This interview was changed by someone else since you opened the page (the notes or the schedule). Copy your notes, reload and save again.",
      );
    }
    await recordAudit(tx, {
      actor,
      action: "interview.owner_notes_saved",
      entityType: "Interview",
      entityId: interviewId,
      rfpId,
      after: { characters: input.ownerNotes.length },
    });
    return { version: input.version + 1 };
  });
}

/** Email the attending members who have not submitted (or one of them); returns how many were reminded. */
export async function remindDebriefs(
  actor: UserActor & { name: string },
  rfpId: string,
  interviewId: string,
  input: { memberId: string; origin: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const interview = await lockInterview(tx, rfpId, interviewId);
    requireOpen(interview, now);
    const attendees = await panelAttendees(interviewId, tx);
    const statuses = await statusesOf(
      interviewId,
      attendees.map((entry) => entry.memberId),
      tx,
    );
    const pending = new Set(statuses.filter((entry) => entry.status !== "SUBMITTED").map((entry) => entry.memberId));
    if (input.memberId && !attendees.some((entry) => entry.memberId === input.memberId)) {
      throw new FieldError("form", "That person is not on the panel of this interview.");
    }
    if (input.memberId && !pending.has(input.memberId)) {
      throw new FieldError("form", "That member has already submitted their debrief.");
    }
    const targets = attendees.filter((entry) =>
      input.memberId ? entry.memberId === input.memberId : pending.has(entry.memberId),
    );
    if (targets.length === 0) throw new FieldError("form", "Everyone who attended has submitted; nobody to remind.");
    const facts = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: {
        rfp: { select: { reference: true, title: true, timeZone: true } },
        invitation: { select: { vendor: { select: { name: true } } } },
      },
    });
    for (const target of targets) {
      await queueMessage(tx, {
        rfpId,
        kind: "debrief_reminder",
        toEmail: target.member.user.email,
        toName: target.member.user.name,
        ...debriefReminderMessage({
          rfp: facts.rfp,
          memberName: target.member.user.name,
          leadName: actor.name,
          vendorName: facts.invitation.vendor.name,
          endedAt: interview.endsAt,
          link: `${input.origin}/rfps/${rfpId}/interviews/${interviewId}/debrief`,
        }),
      });
    }
    await recordAudit(tx, {
      actor,
      action: "debrief.reminded",
      entityType: "Interview",
      entityId: interviewId,
      rfpId,
      after: { members: targets.map((target) => target.member.user.name) },
    });
    return targets.length;
  });
}
