import { prisma, type TransactionClient } from "~/db.server";
import {
  agendaAttendance,
  agendaIssues,
  agendaSummary,
  attends,
  describeAgendaIssue,
  expertiseMatches,
} from "~/domain/agenda";
import { timedAgenda, wallClock } from "~/domain/interview-calendar";
import { agendaWindows, type PlannedInterview } from "~/domain/interview-plan";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import {
  type AgendaRow,
  assertNoClashes,
  clashesOf,
  lockSchedule,
  standardAgendaRows,
  toAgendaItem,
} from "./interview-schedule-checks.server";

/**
 * An interview's agenda: items with minutes, an owner (a panel member, or the vendor) and the
 * expertise they need. It must fit the slot; subject-matter experts attend only their items.
 */
const AGENDA_SELECT = {
  id: true,
  rfpId: true,
  version: true,
  startsAt: true,
  endsAt: true,
  invitation: { select: { vendor: { select: { name: true } } } },
  agenda: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      title: true,
      minutes: true,
      ownerMemberId: true,
      requiredExpertise: true,
      attendees: { select: { attendeeId: true } },
    },
  },
  attendees: {
    select: {
      id: true,
      partial: true,
      member: { select: { id: true, userId: true, role: true, expertise: true, user: { select: { name: true } } } },
      items: { select: { itemId: true } },
    },
  },
} as const;

export async function getAgenda(rfpId: string, interviewId: string) {
  const interview = await prisma.interview.findFirst({
    where: { id: interviewId, rfpId },
    select: { ...AGENDA_SELECT, rfp: { select: { timeZone: true } } },
  });
  if (!interview) return null;
  const timeZone = interview.rfp.timeZone;
  const slotMinutes = Math.round((interview.endsAt.getTime() - interview.startsAt.getTime()) / 60_000);
  const summary = agendaSummary(interview.agenda.map(toAgendaItem), slotMinutes);
  const attendeeName = new Map(interview.attendees.map((attendee) => [attendee.id, attendee.member.user.name]));
  const ownerName = new Map(interview.attendees.map((attendee) => [attendee.member.id, attendee.member.user.name]));
  const whole = interview.attendees.filter((attendee) => !attendee.partial);
  const experts = interview.attendees.filter((attendee) => attendee.partial);
  const { itemsWithoutExpert } = agendaAttendance(
    interview.agenda.map(toAgendaItem),
    interview.attendees.map((attendee) => ({
      panelMemberId: attendee.member.id,
      role: attendee.partial ? ("EXPERT" as const) : ("CORE" as const),
      expertise: attendee.member.expertise,
    })),
    interview.startsAt,
  );
  const lead = whole.find((attendee) => attendee.member.role === "LEAD") ?? whole[0];
  const standard = standardAgendaOrNull(slotMinutes, lead?.member.id ?? null);
  return {
    version: interview.version,
    slotMinutes,
    startsAt: interview.startsAt,
    timeZone,
    items: timedAgenda(interview.agenda, interview.startsAt).map((item) => ({
      id: item.id,
      title: item.title,
      minutes: item.minutes,
      ownerMemberId: item.ownerMemberId,
      ownerName: item.ownerMemberId ? (ownerName.get(item.ownerMemberId) ?? "") : null,
      requiredExpertise: item.requiredExpertise,
      from: wallClock(item.start, timeZone),
      to: wallClock(item.end, timeZone),
      experts: item.attendees.flatMap((row) => attendeeName.get(row.attendeeId) ?? []),
    })),
    totalMinutes: summary.totalMinutes,
    fits: summary.fits,
    problems: summary.issues.map(describeAgendaIssue),
    owners: interview.attendees.map((attendee) => ({ memberId: attendee.member.id, name: attendee.member.user.name })),
    whole: whole.map((attendee) => attendee.member.user.name),
    experts: experts.map((attendee) => ({
      attendeeId: attendee.id,
      memberId: attendee.member.id,
      name: attendee.member.user.name,
      expertise: attendee.member.expertise,
      itemIds: attendee.items.map((item) => item.itemId),
    })),
    itemsWithoutExpert: itemsWithoutExpert.map((index) => interview.agenda[index]?.title ?? ""),
    standard,
  };
}

function standardAgendaOrNull(minutes: number, leadMemberId: string | null): AgendaRow[] | null {
  try {
    return standardAgendaRows(minutes, leadMemberId);
  } catch {
    // A slot too short for the standard agenda simply has no "start from the standard agenda" button.
    return null;
  }
}

async function loadForAgendaChange(
  tx: TransactionClient,
  rfpId: string,
  interviewId: string,
  expectedVersion: number,
  now: Date,
) {
  const interview = await tx.interview.findFirst({ where: { id: interviewId, rfpId }, select: AGENDA_SELECT });
  if (!interview) throw new FieldError("form", "This interview no longer exists.");
  if (interview.version !== expectedVersion) {
    throw new ConflictError("Someone else changed this interview after you opened it. Review it and try again.");
  }
  if (interview.startsAt.getTime() <= now.getTime()) {
    throw new FieldError("form", "This interview has already begun; its agenda can no longer change.");
  }
  return interview;
}
type AgendaInterview = Awaited<ReturnType<typeof loadForAgendaChange>>;

/** The experts only, with the windows their items give them (whole attendees are unaffected by the agenda). */
function expertsPlan(
  interview: AgendaInterview,
  items: readonly { minutes: number }[],
  itemsOf: (attendeeId: string) => number[],
): PlannedInterview {
  return {
    id: interview.id,
    start: interview.startsAt,
    end: interview.endsAt,
    wholeAttendeeIds: [],
    experts: interview.attendees
      .filter((attendee) => attendee.partial)
      .map((attendee) => ({
        personId: attendee.member.userId,
        windows: agendaWindows(
          items.map((item) => item.minutes),
          itemsOf(attendee.id),
          interview.startsAt,
        ),
      })),
  };
}

function currentItemsOf(interview: AgendaInterview) {
  return (attendeeId: string) => {
    const attended = new Set(
      interview.attendees.find((attendee) => attendee.id === attendeeId)?.items.map((item) => item.itemId),
    );
    return interview.agenda.flatMap((item, index) => (attended.has(item.id) ? [index] : []));
  };
}

export type AgendaItemInput = {
  id: string | null;
  title: string;
  minutes: number;
  ownerMemberId: string | null;
  requiredExpertise?: string;
};

/**
 * Saves the whole agenda if it fits the slot and every owner is invited. Experts keep their
 * place on items whose required expertise did not change; new or changed items go to the
 * experts whose expertise matches (and owners always attend what they run).
 */
export async function saveAgenda(
  actor: Actor,
  rfpId: string,
  interviewId: string,
  input: { expectedVersion: number; items: AgendaItemInput[] },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockSchedule(tx, rfpId);
    const interview = await loadForAgendaChange(tx, rfpId, interviewId, input.expectedVersion, now);
    const slotMinutes = Math.round((interview.endsAt.getTime() - interview.startsAt.getTime()) / 60_000);
    const rows: AgendaRow[] = input.items.map((item) => ({
      title: item.title,
      minutes: item.minutes,
      ownerMemberId: item.ownerMemberId,
      requiredExpertise: item.requiredExpertise ?? "",
    }));
    const issue = agendaIssues(rows.map(toAgendaItem), slotMinutes)[0];
    if (issue) throw new FieldError("items", describeAgendaIssue(issue));
    const invited = new Set(interview.attendees.map((attendee) => attendee.member.id));
    rows.forEach((row, index) => {
      if (row.ownerMemberId && !invited.has(row.ownerMemberId)) {
        throw new FieldError(`items.${index}.ownerMemberId`, "Choose someone invited to this interview.");
      }
    });

    const previous = new Map(interview.agenda.map((item) => [item.id, item]));
    const keptIds = new Set<string>();
    const ids = input.items.map((item) => {
      const id = item.id && previous.has(item.id) && !keptIds.has(item.id) ? item.id : null;
      if (id) keptIds.add(id);
      return id;
    });
    const expertItems = new Map<string, number[]>();
    for (const attendee of interview.attendees.filter((candidate) => candidate.partial)) {
      const had = new Set(attendee.items.map((item) => item.itemId));
      const expert = {
        panelMemberId: attendee.member.id,
        role: "EXPERT" as const,
        expertise: attendee.member.expertise,
      };
      expertItems.set(
        attendee.id,
        rows.flatMap((row, index) => {
          const id = ids[index];
          const before = id ? previous.get(id) : undefined;
          const sameNeed =
            before !== undefined &&
            (before.requiredExpertise.trim() === "" && row.requiredExpertise.trim() === ""
              ? true
              : expertiseMatches(before.requiredExpertise, row.requiredExpertise));
          const owner = row.ownerMemberId === attendee.member.id;
          const attendsItem = owner || (sameNeed && id ? had.has(id) : attends(expert, toAgendaItem(row)));
          return attendsItem ? [index] : [];
        }),
      );
    }
    const existing = new Set(
      (await clashesOf(tx, rfp, expertsPlan(interview, interview.agenda, currentItemsOf(interview)))).map(
        (problem) => problem.key,
      ),
    );
    await assertNoClashes(
      tx,
      rfp,
      expertsPlan(interview, rows, (attendeeId) => expertItems.get(attendeeId) ?? []),
      existing,
    );

    const removed = interview.agenda.filter((item) => !keptIds.has(item.id)).map((item) => item.id);
    if (removed.length > 0) await tx.agendaItem.deleteMany({ where: { id: { in: removed } } });
    const savedIds: string[] = [];
    for (const [position, row] of rows.entries()) {
      const id = ids[position];
      const data = { ...row, position };
      const saved = id
        ? await tx.agendaItem.update({ where: { id }, data, select: { id: true } })
        : await tx.agendaItem.create({ data: { ...data, interviewId: interview.id }, select: { id: true } });
      savedIds.push(saved.id);
    }
    const expertIds = [...expertItems.keys()];
    if (expertIds.length > 0) await tx.agendaItemAttendee.deleteMany({ where: { attendeeId: { in: expertIds } } });
    const attendance = [...expertItems].flatMap(([attendeeId, indexes]) =>
      indexes.flatMap((index) => (savedIds[index] ? [{ attendeeId, itemId: savedIds[index] }] : [])),
    );
    if (attendance.length > 0) await tx.agendaItemAttendee.createMany({ data: attendance });
    await tx.interview.update({ where: { id: interview.id }, data: { version: { increment: 1 } } });
    await recordAudit(tx, {
      actor,
      action: "interview.agenda_saved",
      entityType: "Interview",
      entityId: interview.id,
      rfpId,
      before: { items: interview.agenda.map((item) => `${item.title} (${item.minutes} min)`) },
      after: { items: rows.map((row) => `${row.title} (${row.minutes} min)`) },
    });
    return {
      vendorName: interview.invitation.vendor.name,
      totalMinutes: rows.reduce((sum, row) => sum + row.minutes, 0),
    };
  });
}

/** The lead's adjustment of which items each invited expert attends (owners always attend their items). */
export async function saveExpertItems(
  actor: Actor,
  rfpId: string,
  interviewId: string,
  input: { expectedVersion: number; experts: Record<string, string[]> },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const rfp = await lockSchedule(tx, rfpId);
    const interview = await loadForAgendaChange(tx, rfpId, interviewId, input.expectedVersion, now);
    const experts = interview.attendees.filter((attendee) => attendee.partial);
    const unknown = Object.keys(input.experts).some((id) => !experts.some((expert) => expert.id === id));
    if (unknown) throw new FieldError("form", "The experts of this interview changed; reload the page.");
    const itemIndex = new Map(interview.agenda.map((item, index) => [item.id, index]));
    const chosen = new Map(
      experts.map((expert) => {
        const picked = new Set(input.experts[expert.id] ?? []);
        const indexes = interview.agenda.flatMap((item, index) =>
          picked.has(item.id) || item.ownerMemberId === expert.member.id ? [index] : [],
        );
        return [expert.id, indexes];
      }),
    );
    if ([...Object.values(input.experts)].flat().some((itemId) => !itemIndex.has(itemId))) {
      throw new FieldError("form", "The agenda changed; reload the page.");
    }
    const existing = new Set(
      (await clashesOf(tx, rfp, expertsPlan(interview, interview.agenda, currentItemsOf(interview)))).map(
        (problem) => problem.key,
      ),
    );
    await assertNoClashes(
      tx,
      rfp,
      expertsPlan(interview, interview.agenda, (attendeeId) => chosen.get(attendeeId) ?? []),
      existing,
    );
    if (experts.length > 0) {
      await tx.agendaItemAttendee.deleteMany({ where: { attendeeId: { in: experts.map((expert) => expert.id) } } });
    }
    const rows = [...chosen].flatMap(([attendeeId, indexes]) =>
      indexes.flatMap((index) => {
        const itemId = interview.agenda[index]?.id;
        return itemId ? [{ attendeeId, itemId }] : [];
      }),
    );
    if (rows.length > 0) await tx.agendaItemAttendee.createMany({ data: rows });
    await tx.interview.update({ where: { id: interview.id }, data: { version: { increment: 1 } } });
    const titlesOf = (indexes: number[]) => indexes.map((index) => interview.agenda[index]?.title ?? "");
    await recordAudit(tx, {
      actor,
      action: "interview.experts_changed",
      entityType: "Interview",
      entityId: interview.id,
      rfpId,
      before: Object.fromEntries(
        experts.map((expert) => [
          expert.member.user.name,
          currentItemsOf(interview)(expert.id).map((index) => interview.agenda[index]?.title ?? ""),
        ]),
      ),
      after: Object.fromEntries(
        experts.map((expert) => [expert.member.user.name, titlesOf(chosen.get(expert.id) ?? [])]),
      ),
    });
  });
}
