import { createHash } from "node:crypto";
import { prisma, type TransactionClient } from "~/db.server";
import { formatTimeRange } from "~/domain/interview-calendar";
import {
  agendaWindows,
  defaultAttendance,
  interviewLoad,
  type PlannedInterview,
  planConflicts,
} from "~/domain/interview-plan";
import { autoSchedule, type Unavailability, type UnplacedReason } from "~/domain/scheduling";
import type { InterviewModeValue } from "~/schemas/interview";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import {
  assertNoClashes,
  expertItemIndexes,
  interviewWindow,
  lockSchedule,
  PLAN_SELECT,
  plannedFromRow,
  standardAgendaRows,
} from "./interview-schedule-checks.server";

/**
 * The interview schedule of an RFP: one slot per shortlisted vendor inside the interview window,
 * each with its panel (whole interview) and subject-matter experts (their agenda items only).
 * Every change is checked against everyone's other interviews and unavailable times, and audited.
 */
type Db = typeof prisma | TransactionClient;
type Attendance = "WHOLE" | "EXPERT" | "NONE";

export type SlotInput = {
  startsAt: Date;
  endsAt: Date;
  mode: InterviewModeValue;
  location?: string;
  meetingLink?: string;
  travelNote?: string;
  /** By RfpMember id; members left out get their default (whole, or expert when they have expertise). */
  attendance: Record<string, Attendance>;
};

/** Panel members who can be invited to interviews: the leads and the panel (observers watch the record). */
async function eligibleMembers(db: Db, rfpId: string) {
  const members = await db.rfpMember.findMany({
    where: { rfpId, role: { in: ["LEAD", "PANEL"] } },
    orderBy: [{ role: "asc" }, { addedAt: "asc" }],
    select: { id: true, userId: true, role: true, expertise: true, user: { select: { name: true, email: true } } },
  });
  return members.map((member) => ({ ...member, defaultAttendance: defaultAttendance(member) }));
}
type EligibleMember = Awaited<ReturnType<typeof eligibleMembers>>[number];

function resolveAttendance(members: EligibleMember[], chosen: Record<string, Attendance>) {
  const unknown = Object.keys(chosen).filter((id) => !members.some((member) => member.id === id));
  if (unknown.length > 0)
    throw new FieldError("attendance", "Someone in this list is no longer on the panel; reload the page.");
  const attendance = members.map((member) => ({ member, choice: chosen[member.id] ?? member.defaultAttendance }));
  if (!attendance.some((entry) => entry.choice === "WHOLE")) {
    throw new FieldError("attendance", "Invite at least one panel member for the whole interview.");
  }
  return attendance.filter((entry) => entry.choice !== "NONE") as {
    member: EligibleMember;
    choice: "WHOLE" | "EXPERT";
  }[];
}

function assertFuture(startsAt: Date, now: Date) {
  if (startsAt.getTime() <= now.getTime()) throw new FieldError("date", "Choose a time in the future.");
}

/** Creates an interview with the standard agenda, after the clash check. */
async function insertInterview(
  tx: TransactionClient,
  actor: Actor,
  rfp: Awaited<ReturnType<typeof lockSchedule>>,
  invitationId: string,
  input: SlotInput,
  source: "manual" | "automatic",
) {
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, rfpId: rfp.id },
    select: { id: true, status: true, vendor: { select: { name: true } }, interview: { select: { id: true } } },
  });
  if (invitation?.status !== "SHORTLISTED") {
    throw new FieldError("invitationId", "Only shortlisted vendors are interviewed.");
  }
  if (invitation.interview) {
    throw new FieldError("invitationId", `${invitation.vendor.name} already has an interview; move it instead.`);
  }
  const members = await eligibleMembers(tx, rfp.id);
  const attendance = resolveAttendance(members, input.attendance);
  const minutes = Math.round((input.endsAt.getTime() - input.startsAt.getTime()) / 60_000);
  const runner =
    attendance.find((entry) => entry.member.role === "LEAD" && entry.choice === "WHOLE") ??
    attendance.find((entry) => entry.choice === "WHOLE");
  const agenda = standardAgendaRows(minutes, runner?.member.id ?? null);
  const expertItems = new Map(
    attendance
      .filter((entry) => entry.choice === "EXPERT")
      .map((entry) => [entry.member.id, expertItemIndexes(agenda, entry.member)]),
  );
  await assertNoClashes(tx, rfp, {
    id: "new",
    start: input.startsAt,
    end: input.endsAt,
    wholeAttendeeIds: attendance.filter((entry) => entry.choice === "WHOLE").map((entry) => entry.member.userId),
    experts: [...expertItems].map(([memberId, indexes]) => ({
      personId: members.find((member) => member.id === memberId)?.userId ?? memberId,
      windows: agendaWindows(
        agenda.map((item) => item.minutes),
        indexes,
        input.startsAt,
      ),
    })),
  });
  const interview = await tx.interview.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      mode: input.mode,
      location: input.location ?? "",
      meetingLink: input.meetingLink ?? "",
      travelNote: input.travelNote ?? "",
      attendees: {
        create: attendance.map((entry) => ({ memberId: entry.member.id, partial: entry.choice === "EXPERT" })),
      },
      agenda: { create: agenda.map((item, position) => ({ ...item, position })) },
    },
    select: {
      id: true,
      attendees: { select: { id: true, memberId: true } },
      agenda: { select: { id: true, position: true } },
    },
  });
  const itemIdAt = new Map(interview.agenda.map((item) => [item.position, item.id]));
  const rows = interview.attendees.flatMap((attendee) =>
    (expertItems.get(attendee.memberId) ?? []).flatMap((index) => {
      const itemId = itemIdAt.get(index);
      return itemId ? [{ itemId, attendeeId: attendee.id }] : [];
    }),
  );
  if (rows.length > 0) await tx.agendaItemAttendee.createMany({ data: rows });
  await recordAudit(tx, {
    actor,
    action: "interview.scheduled",
    entityType: "Interview",
    entityId: interview.id,
    rfpId: rfp.id,
    after: {
      vendor: invitation.vendor.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      mode: input.mode,
      source,
      attendees: attendance.map((entry) => `${entry.member.user.email}${entry.choice === "EXPERT" ? " (expert)" : ""}`),
    },
  });
  return { id: interview.id, vendorName: invitation.vendor.name };
}

export async function createInterview(
  actor: Actor,
  rfpId: string,
  invitationId: string,
  input: SlotInput,
  now = new Date(),
) {
  assertFuture(input.startsAt, now);
  return prisma.$transaction(async (tx) => {
    const rfp = await lockSchedule(tx, rfpId);
    return insertInterview(tx, actor, rfp, invitationId, input, "manual");
  });
}

const EDIT_SELECT = {
  ...PLAN_SELECT,
  version: true,
  mode: true,
  location: true,
  meetingLink: true,
  travelNote: true,
  agenda: {
    orderBy: { position: "asc" },
    select: { id: true, minutes: true, title: true, ownerMemberId: true, requiredExpertise: true },
  },
} as const;

async function loadForChange(
  tx: TransactionClient,
  rfpId: string,
  interviewId: string,
  expectedVersion: number,
  now: Date,
) {
  const interview = await tx.interview.findFirst({ where: { id: interviewId, rfpId }, select: EDIT_SELECT });
  if (!interview) throw new FieldError("form", "This interview no longer exists.");
  if (interview.version !== expectedVersion) {
    throw new ConflictError("Someone else changed this interview after you opened it. Review it and try again.");
  }
  if (interview.startsAt.getTime() <= now.getTime()) {
    throw new FieldError("form", "This interview has already begun; it can no longer be changed.");
  }
  return interview;
}

/** Move or edit one interview (slot, place, who attends); the agenda stays and must still fit. */
export async function updateInterview(
  actor: Actor,
  rfpId: string,
  interviewId: string,
  input: SlotInput & { expectedVersion: number },
  now = new Date(),
) {
  assertFuture(input.startsAt, now);
  return prisma.$transaction(async (tx) => {
    const rfp = await lockSchedule(tx, rfpId);
    const interview = await loadForChange(tx, rfpId, interviewId, input.expectedVersion, now);
    const minutes = Math.round((input.endsAt.getTime() - input.startsAt.getTime()) / 60_000);
    const agendaMinutes = interview.agenda.reduce((sum, item) => sum + item.minutes, 0);
    if (agendaMinutes > minutes) {
      throw new FieldError(
        "minutes",
        `The agenda takes ${agendaMinutes} minutes; shorten it before making the interview ${minutes} minutes long.`,
      );
    }
    const members = await eligibleMembers(tx, rfpId);
    const current = new Map(interview.attendees.map((attendee) => [attendee.member.id, attendee]));
    // Members not in the form keep how they attend now (a member added to the panel later is not invited silently).
    const chosen: Record<string, Attendance> = {};
    for (const member of members) {
      const attendee = current.get(member.id);
      chosen[member.id] = input.attendance[member.id] ?? (attendee ? (attendee.partial ? "EXPERT" : "WHOLE") : "NONE");
    }
    const attendance = resolveAttendance(members, chosen);
    const attending = new Set(attendance.map((entry) => entry.member.id));
    const orphan = interview.agenda.find((item) => item.ownerMemberId && !attending.has(item.ownerMemberId));
    if (orphan) {
      const owner = members.find((member) => member.id === orphan.ownerMemberId)?.user.name ?? "Someone";
      throw new FieldError(
        "attendance",
        `${owner} runs “${orphan.title}”; give that item another owner before uninviting them.`,
      );
    }
    // Experts keep the items they were given; a newly invited expert gets the items matching their expertise.
    const expertItems = new Map<string, string[]>();
    for (const entry of attendance.filter((candidate) => candidate.choice === "EXPERT")) {
      const attendee = current.get(entry.member.id);
      const ids =
        attendee?.partial === true
          ? attendee.items.map((item) => item.itemId)
          : expertItemIndexes(interview.agenda, entry.member).flatMap((index) => interview.agenda[index]?.id ?? []);
      expertItems.set(entry.member.id, ids);
    }
    await assertNoClashes(tx, rfp, {
      id: interview.id,
      start: input.startsAt,
      end: input.endsAt,
      wholeAttendeeIds: attendance.filter((entry) => entry.choice === "WHOLE").map((entry) => entry.member.userId),
      experts: attendance
        .filter((entry) => entry.choice === "EXPERT")
        .map((entry) => {
          const ids = new Set(expertItems.get(entry.member.id));
          const indexes = interview.agenda.flatMap((item, index) => (ids.has(item.id) ? [index] : []));
          return {
            personId: entry.member.userId,
            windows: agendaWindows(
              interview.agenda.map((item) => item.minutes),
              indexes,
              input.startsAt,
            ),
          };
        }),
    });

    await tx.interview.update({
      where: { id: interview.id },
      data: {
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        mode: input.mode,
        location: input.location ?? "",
        meetingLink: input.meetingLink ?? "",
        travelNote: input.travelNote ?? "",
        version: { increment: 1 },
      },
    });
    const removed = interview.attendees.filter((attendee) => !attending.has(attendee.member.id));
    if (removed.length > 0) {
      await tx.interviewAttendee.deleteMany({ where: { id: { in: removed.map((attendee) => attendee.id) } } });
    }
    for (const entry of attendance) {
      const partial = entry.choice === "EXPERT";
      const attendee = current.get(entry.member.id);
      if (attendee && attendee.partial === partial) continue;
      const saved = attendee
        ? await tx.interviewAttendee.update({ where: { id: attendee.id }, data: { partial }, select: { id: true } })
        : await tx.interviewAttendee.create({
            data: { interviewId: interview.id, memberId: entry.member.id, partial },
            select: { id: true },
          });
      if (attendee) await tx.agendaItemAttendee.deleteMany({ where: { attendeeId: saved.id } });
      const itemIds = expertItems.get(entry.member.id) ?? [];
      if (partial && itemIds.length > 0) {
        await tx.agendaItemAttendee.createMany({ data: itemIds.map((itemId) => ({ itemId, attendeeId: saved.id })) });
      }
    }
    await recordAudit(tx, {
      actor,
      action: "interview.updated",
      entityType: "Interview",
      entityId: interview.id,
      rfpId,
      before: {
        startsAt: interview.startsAt,
        endsAt: interview.endsAt,
        mode: interview.mode,
        location: interview.location,
        meetingLink: interview.meetingLink,
        attendees: interview.attendees.length,
      },
      after: {
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        mode: input.mode,
        location: input.location ?? "",
        meetingLink: input.meetingLink ?? "",
        attendees: attendance.length,
      },
    });
    return { vendorName: interview.invitation.vendor.name };
  });
}

export async function deleteInterview(
  actor: Actor,
  rfpId: string,
  interviewId: string,
  expectedVersion: number,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    await lockSchedule(tx, rfpId);
    const interview = await loadForChange(tx, rfpId, interviewId, expectedVersion, now);
    await tx.interview.delete({ where: { id: interview.id } });
    await recordAudit(tx, {
      actor,
      action: "interview.cancelled",
      entityType: "Interview",
      entityId: interview.id,
      rfpId,
      before: { vendor: interview.invitation.vendor.name, startsAt: interview.startsAt, endsAt: interview.endsAt },
    });
    return { vendorName: interview.invitation.vendor.name };
  });
}

/** The subject-matter areas a panel member is invited for (agenda items needing them). */
export async function setMemberExpertise(actor: Actor, rfpId: string, memberId: string, expertise: string[]) {
  return prisma.$transaction(async (tx) => {
    const member = await tx.rfpMember.findFirst({
      where: { id: memberId, rfpId, role: { in: ["LEAD", "PANEL"] } },
      select: { id: true, expertise: true, user: { select: { name: true, email: true } } },
    });
    if (!member) throw new FieldError("form", "That person is no longer on the panel.");
    await tx.rfpMember.update({ where: { id: member.id }, data: { expertise } });
    await recordAudit(tx, {
      actor,
      action: "rfp.member_expertise_set",
      entityType: "RfpMember",
      entityId: member.id,
      rfpId,
      before: { user: member.user.email, expertise: member.expertise },
      after: { user: member.user.email, expertise },
    });
    return { name: member.user.name };
  });
}

// ───────────────────────────── The automatic proposal ─────────────────────────────

export type ScheduleParams = {
  minutes: number;
  bufferMinutes: number;
  mode: InterviewModeValue;
  location?: string;
  meetingLink?: string;
};

const STEP_MINUTES = 15;

/**
 * A proposed schedule for every shortlisted vendor still without an interview (alphabetical
 * order gets the earliest times): the greedy scheduler over the core panel's free time. Nothing
 * is saved; the fingerprint lets "apply" check that it applies what the lead saw.
 */
async function computeProposal(db: Db, rfpId: string, input: ScheduleParams, now: Date) {
  const params = {
    minutes: input.minutes,
    bufferMinutes: input.bufferMinutes,
    mode: input.mode,
    location: input.location ?? "",
    meetingLink: input.meetingLink ?? "",
  };
  const rfp = await db.rfp.findUnique({
    where: { id: rfpId },
    select: { id: true, timeZone: true, interviewStart: true, interviewEnd: true },
  });
  const window = rfp ? interviewWindow(rfp) : null;
  if (!rfp || !window) throw new FieldError("form", "The RFP has no interview window to schedule in.");
  const [members, invitations] = await Promise.all([
    eligibleMembers(db, rfpId),
    db.invitation.findMany({
      where: { rfpId, status: "SHORTLISTED", interview: null },
      orderBy: { vendor: { name: "asc" } },
      select: { id: true, vendor: { select: { name: true } } },
    }),
  ]);
  const panel = members.filter((member) => member.defaultAttendance === "WHOLE").map((member) => member.userId);
  const step = STEP_MINUTES * 60_000;
  const earliest = Math.max(window.start.getTime(), Math.ceil((now.getTime() + 1) / step) * step);
  const [booked, away] = await Promise.all([
    db.interview.findMany({
      where: {
        endsAt: { gt: new Date(earliest) },
        startsAt: { lt: window.end },
        attendees: { some: { member: { userId: { in: panel } } } },
      },
      select: PLAN_SELECT,
    }),
    db.memberUnavailability.findMany({
      where: { member: { userId: { in: panel } }, endsAt: { gt: new Date(earliest) }, startsAt: { lt: window.end } },
      select: { startsAt: true, endsAt: true, member: { select: { userId: true } } },
    }),
  ]);
  const unavailability: Unavailability[] = away.map((period) => ({
    panelMemberId: period.member.userId,
    start: period.startsAt,
    end: period.endsAt,
  }));
  const schedule =
    earliest < window.end.getTime()
      ? autoSchedule({
          vendorIds: invitations.map((invitation) => invitation.id),
          panelMemberIds: panel,
          slotMinutes: params.minutes,
          bufferMinutes: params.bufferMinutes,
          window: { ...window, start: new Date(earliest) },
          unavailability,
          fixedSlots: booked.flatMap((row) => busyOf(plannedFromRow(row))),
          stepMinutes: STEP_MINUTES,
        })
      : {
          slots: [],
          unplaced: invitations.map((invitation) => ({
            vendorId: invitation.id,
            reason: { kind: "NO_BUSINESS_TIME_IN_WINDOW" } as UnplacedReason,
          })),
        };
  const vendorName = new Map(invitations.map((invitation) => [invitation.id, invitation.vendor.name]));
  const nameOf = new Map(members.map((member) => [member.userId, member.user.name]));
  const slots = schedule.slots.map((slot) => ({
    invitationId: slot.vendorId,
    vendorName: vendorName.get(slot.vendorId) ?? "",
    startsAt: slot.start,
    endsAt: slot.end,
    when: formatTimeRange(slot, rfp.timeZone),
  }));
  const unplaced = schedule.unplaced.map((entry) => ({
    invitationId: entry.vendorId,
    vendorName: vendorName.get(entry.vendorId) ?? "",
    reason: describeUnplaced(entry.reason, (id) => nameOf.get(id) ?? "a panel member"),
  }));
  const fingerprint = createHash("sha256")
    .update(
      JSON.stringify({
        params,
        slots: slots.map((slot) => [slot.invitationId, slot.startsAt.toISOString(), slot.endsAt.toISOString()]),
        unplaced: unplaced.map((entry) => entry.invitationId),
      }),
    )
    .digest("hex");
  return {
    slots,
    unplaced,
    fingerprint,
    panel: panel.map((id) => nameOf.get(id) ?? ""),
    experts: members.filter((member) => member.defaultAttendance === "EXPERT").map((member) => member.user.name),
  };
}
export type ScheduleProposal = Awaited<ReturnType<typeof computeProposal>>;

/** Whole-interview busy time for the scheduler (experts' windows count as the person's busy time too). */
function busyOf(interview: PlannedInterview) {
  return [
    {
      id: interview.id,
      vendorId: interview.id,
      start: interview.start,
      end: interview.end,
      panelMemberIds: [...interview.wholeAttendeeIds],
    },
    ...interview.experts.flatMap((expert) =>
      expert.windows.map((window, index) => ({
        id: `${interview.id}-${index}`,
        vendorId: `${interview.id}-${expert.personId}-${index}`,
        ...window,
        panelMemberIds: [expert.personId],
      })),
    ),
  ];
}

export function describeUnplaced(reason: UnplacedReason, nameOf: (id: string) => string) {
  switch (reason.kind) {
    case "INVALID_REQUEST":
      return reason.problems.join(" ");
    case "LONGER_THAN_BUSINESS_DAY":
      return `A ${reason.slotMinutes}-minute interview does not fit in a ${reason.businessDayMinutes / 60}-hour business day.`;
    case "NO_BUSINESS_TIME_IN_WINDOW":
      return "No business hours are left in the interview window.";
    case "NO_FREE_TIME":
      return reason.blockedBy.length > 0
        ? `No free time left: times that ${reason.blockedBy.map(nameOf).join(" and ")} marked unavailable block otherwise free slots — ask them, or shorten the interviews.`
        : "No free time left in the interview window; shorten the interviews or the break, or schedule this vendor by hand.";
  }
}

export function proposeSchedule(rfpId: string, params: ScheduleParams, now = new Date()) {
  return computeProposal(prisma, rfpId, params, now);
}

/**
 * Schedules every proposed interview in one transaction: all of them, or (if anything changed
 * since the proposal, or an expert clashes) none.
 */
export async function applySchedule(
  actor: Actor,
  rfpId: string,
  params: ScheduleParams,
  fingerprint: string,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockSchedule(tx, rfpId);
    const proposal = await computeProposal(tx, rfpId, params, now);
    if (proposal.fingerprint !== fingerprint) {
      throw new ConflictError(
        "The schedule changed since this proposal was made (an interview or an unavailable time was added). Nothing was applied; review the new proposal.",
      );
    }
    if (proposal.slots.length === 0) throw new FieldError("form", "The proposal has no interviews to schedule.");
    const created = [];
    for (const slot of proposal.slots) {
      created.push(
        await insertInterview(
          tx,
          actor,
          rfp,
          slot.invitationId,
          {
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            mode: params.mode,
            location: params.location,
            meetingLink: params.meetingLink,
            attendance: {},
          },
          "automatic",
        ),
      );
    }
    await recordAudit(tx, {
      actor,
      action: "interview.schedule_applied",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        interviews: proposal.slots.map((slot) => ({ vendor: slot.vendorName, startsAt: slot.startsAt })),
        minutes: params.minutes,
        bufferMinutes: params.bufferMinutes,
      },
    });
    return { created, proposal };
  });
}

// ───────────────────────────── Reading the schedule ─────────────────────────────

/** Everything the schedule page shows: interviews, vendors still to schedule, clashes, load, panel. */
export async function getInterviewSchedule(rfpId: string) {
  const [rfp, members, invitations, interviews, away] = await Promise.all([
    prisma.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { id: true, stage: true, timeZone: true, interviewStart: true, interviewEnd: true },
    }),
    eligibleMembers(prisma, rfpId),
    prisma.invitation.findMany({
      // Shortlisted by the lead's decision: after the interviews the status moves on (eliminated,
      // reserve, awarded) but the vendor was still one of those interviewed.
      where: { rfpId, OR: [{ status: "SHORTLISTED" }, { shortlistDecision: { outcome: "SHORTLISTED" } }] },
      orderBy: { vendor: { name: "asc" } },
      select: { id: true, vendor: { select: { name: true, country: true } }, interview: { select: { id: true } } },
    }),
    prisma.interview.findMany({
      where: { rfpId },
      orderBy: { startsAt: "asc" },
      select: {
        ...PLAN_SELECT,
        mode: true,
        location: true,
        meetingLink: true,
        travelNote: true,
        agenda: { orderBy: { position: "asc" }, select: { id: true, minutes: true } },
      },
    }),
    prisma.memberUnavailability.findMany({
      where: { member: { rfpId } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, endsAt: true, note: true, member: { select: { userId: true } } },
    }),
  ]);
  const planned = interviews.map(plannedFromRow);
  const names = new Map(members.map((member) => [member.userId, member.user.name]));
  const vendorOf = new Map(interviews.map((row) => [row.id, row.invitation.vendor.name]));
  const periods: Unavailability[] = away.map((period) => ({
    panelMemberId: period.member.userId,
    start: period.startsAt,
    end: period.endsAt,
    note: period.note,
  }));
  const clashes = planConflicts(planned, periods).map((conflict) => {
    const name = names.get(conflict.personId) ?? "A panel member";
    const when = formatTimeRange(conflict.when, rfp.timeZone);
    return {
      personId: conflict.personId,
      message:
        conflict.kind === "DOUBLE_BOOKED"
          ? `${name} is in the interviews with ${vendorOf.get(conflict.interviewIds[0])} and ${vendorOf.get(conflict.interviewIds[1])} at once (${when}).`
          : `${name} is booked for ${vendorOf.get(conflict.interviewId)} but unavailable ${formatTimeRange(conflict.period, rfp.timeZone)}.`,
    };
  });
  const loads = new Map(interviewLoad(planned, rfp.timeZone).map((load) => [load.panelMemberId, load]));
  return {
    rfp: { ...rfp, window: interviewWindow(rfp) },
    interviews: interviews.map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      vendorName: row.invitation.vendor.name,
      mode: row.mode,
      location: row.location,
      meetingLink: row.meetingLink,
      travelNote: row.travelNote,
      agendaMinutes: row.agenda.reduce((sum, item) => sum + item.minutes, 0),
      whole: row.attendees
        .filter((attendee) => !attendee.partial)
        .map((attendee) => names.get(attendee.member.userId) ?? ""),
      experts: row.attendees
        .filter((attendee) => attendee.partial)
        .map((attendee) => names.get(attendee.member.userId) ?? ""),
    })),
    unscheduled: invitations
      .filter((invitation) => !invitation.interview)
      .map((invitation) => ({
        id: invitation.id,
        vendorName: invitation.vendor.name,
        country: invitation.vendor.country,
      })),
    shortlisted: invitations.length,
    clashes,
    panel: members.map((member) => {
      const load = loads.get(member.userId);
      return {
        id: member.id,
        userId: member.userId,
        name: member.user.name,
        role: member.role,
        expertise: member.expertise,
        defaultAttendance: member.defaultAttendance,
        interviews: load?.interviews ?? 0,
        minutes: load?.minutes ?? 0,
        byDay: load?.byDay ?? [],
      };
    }),
  };
}

/** One interview's slot, place and people, for its page. */
export async function getInterviewSlot(rfpId: string, interviewId: string) {
  const interview = await prisma.interview.findFirst({
    where: { id: interviewId, rfpId },
    select: {
      id: true,
      version: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      meetingLink: true,
      travelNote: true,
      publishedAt: true,
      invitation: {
        select: {
          id: true,
          vendor: { select: { name: true, country: true } },
          contact: { select: { name: true, email: true } },
        },
      },
      attendees: {
        select: {
          id: true,
          partial: true,
          member: { select: { id: true, userId: true, role: true, user: { select: { name: true } } } },
        },
      },
    },
  });
  if (!interview) return null;
  const members = await eligibleMembers(prisma, rfpId);
  const attendance = Object.fromEntries(
    members.map((member) => {
      const attendee = interview.attendees.find((candidate) => candidate.member.id === member.id);
      return [member.id, attendee ? (attendee.partial ? "EXPERT" : "WHOLE") : "NONE"];
    }),
  );
  return {
    ...interview,
    minutes: Math.round((interview.endsAt.getTime() - interview.startsAt.getTime()) / 60_000),
    attendance,
    panel: members.map((member) => ({
      id: member.id,
      name: member.user.name,
      role: member.role,
      expertise: member.expertise,
    })),
  };
}

/** The signed-in user's interviews still to come, as an attendee or as the RFP's lead. */
export async function listUpcomingInterviews(userId: string, now = new Date(), take = 5) {
  const rows = await prisma.interview.findMany({
    where: {
      endsAt: { gt: now },
      rfp: { stage: { notIn: ["AWARDED", "CANCELLED"] } },
      OR: [{ attendees: { some: { member: { userId } } } }, { rfp: { members: { some: { userId, role: "LEAD" } } } }],
    },
    orderBy: { startsAt: "asc" },
    take,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      rfp: { select: { id: true, reference: true, title: true, timeZone: true } },
      invitation: { select: { vendor: { select: { name: true } } } },
      agenda: { orderBy: { position: "asc" }, select: { id: true, title: true, minutes: true } },
      attendees: { where: { member: { userId } }, select: { partial: true, items: { select: { itemId: true } } } },
    },
  });
  return rows.map((row) => {
    const mine = row.attendees[0];
    const attended = new Set(mine?.items.map((item) => item.itemId));
    const windows =
      mine?.partial === true
        ? agendaWindows(
            row.agenda.map((item) => item.minutes),
            row.agenda.flatMap((item, index) => (attended.has(item.id) ? [index] : [])),
            row.startsAt,
          )
        : [];
    return {
      id: row.id,
      rfp: row.rfp,
      vendorName: row.invitation.vendor.name,
      mode: row.mode,
      location: row.location,
      when: formatTimeRange({ start: row.startsAt, end: row.endsAt }, row.rfp.timeZone),
      startsAt: row.startsAt,
      role: !mine ? ("lead" as const) : mine.partial ? ("expert" as const) : ("panel" as const),
      expertItems: row.agenda.filter((item) => attended.has(item.id)).map((item) => item.title),
      expertWindows: windows.map((window) => formatTimeRange(window, row.rfp.timeZone)),
    };
  });
}
