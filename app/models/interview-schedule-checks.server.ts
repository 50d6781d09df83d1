import type { TransactionClient } from "~/db.server";
import { type AgendaItem, attends, standardAgenda } from "~/domain/agenda";
import { formatTimeRange } from "~/domain/interview-calendar";
import { agendaWindows, interviewProblems, type PlannedInterview } from "~/domain/interview-plan";
import { DEFAULT_BUSINESS_HOURS, type InterviewWindow, type SlotIssue, type Unavailability } from "~/domain/scheduling";
import type { Prisma } from "~/generated/prisma/client";
import { FieldError } from "~/utils/errors.server";

/**
 * What scheduling and agenda changes share: the lock that serializes them per RFP, the shape an
 * interview is loaded in to check clashes, and the one check every change passes (window,
 * business hours, nobody in two places, nobody booked while unavailable).
 */
export type ScheduleRfp = {
  id: string;
  stage: string;
  timeZone: string;
  interviewStart: Date | null;
  interviewEnd: Date | null;
};

/** Locks the RFP row (one schedule change at a time per RFP) and checks interviews can be scheduled. */
export async function lockSchedule(
  tx: TransactionClient,
  rfpId: string,
): Promise<ScheduleRfp & { window: InterviewWindow }> {
  await tx.$queryRaw`SELECT "id" FROM "Rfp" WHERE "id" = ${rfpId} FOR UPDATE`;
  const rfp = await tx.rfp.findUnique({
    where: { id: rfpId },
    select: { id: true, stage: true, timeZone: true, interviewStart: true, interviewEnd: true },
  });
  if (!rfp) throw new FieldError("form", "This RFP no longer exists.");
  if (rfp.stage !== "INTERVIEWS") {
    throw new FieldError(
      "form",
      "Interviews can be scheduled and prepared only while the RFP is in the Interviews stage.",
    );
  }
  const window = interviewWindow(rfp);
  if (!window)
    throw new FieldError("form", "The RFP has no interview window; it needs one before interviews are scheduled.");
  return { ...rfp, window };
}

export function interviewWindow(rfp: Pick<ScheduleRfp, "timeZone" | "interviewStart" | "interviewEnd">) {
  if (!rfp.interviewStart || !rfp.interviewEnd) return null;
  return {
    start: rfp.interviewStart,
    end: rfp.interviewEnd,
    timeZone: rfp.timeZone,
    businessHours: DEFAULT_BUSINESS_HOURS,
  } satisfies InterviewWindow;
}

/** An interview as the clash check needs it. */
export const PLAN_SELECT = {
  id: true,
  rfpId: true,
  startsAt: true,
  endsAt: true,
  invitation: { select: { vendor: { select: { name: true } } } },
  agenda: { orderBy: { position: "asc" }, select: { id: true, minutes: true } },
  attendees: {
    select: {
      id: true,
      partial: true,
      member: { select: { id: true, userId: true } },
      items: { select: { itemId: true } },
    },
  },
} satisfies Prisma.InterviewSelect;
export type PlanRow = Prisma.InterviewGetPayload<{ select: typeof PLAN_SELECT }>;

export function plannedFromRow(row: PlanRow): PlannedInterview {
  const minutes = row.agenda.map((item) => item.minutes);
  return {
    id: row.id,
    start: row.startsAt,
    end: row.endsAt,
    wholeAttendeeIds: row.attendees.filter((attendee) => !attendee.partial).map((attendee) => attendee.member.userId),
    experts: row.attendees
      .filter((attendee) => attendee.partial)
      .map((attendee) => {
        const attended = new Set(attendee.items.map((item) => item.itemId));
        const indexes = row.agenda.flatMap((item, index) => (attended.has(item.id) ? [index] : []));
        return { personId: attendee.member.userId, windows: agendaWindows(minutes, indexes, row.startsAt) };
      }),
  };
}

function personIds(interview: PlannedInterview) {
  return [...new Set([...interview.wholeAttendeeIds, ...interview.experts.map((expert) => expert.personId)])];
}

/**
 * Refuses (FieldError on "form") an interview that breaks the window or business hours, puts
 * someone in two interviews at once (on any RFP) or books someone while they are unavailable.
 * The message names who and when; another RFP's vendor and unavailability notes stay private.
 */
export async function assertNoClashes(
  tx: TransactionClient,
  rfp: ScheduleRfp & { window: InterviewWindow },
  proposed: PlannedInterview,
  /** Clashes that existed before this change (see clashesOf) and are not its doing. */
  existing: ReadonlySet<string> = new Set(),
) {
  const problems = (await clashesOf(tx, rfp, proposed)).filter((problem) => !existing.has(problem.key));
  if (problems.length > 0) {
    throw new FieldError("form", `Not scheduled: ${problems.map((problem) => problem.message).join(" ")}`);
  }
}

/** Each problem with a key naming who and what it is about (not when), so one change's new clashes can be told apart. */
export async function clashesOf(
  tx: TransactionClient,
  rfp: ScheduleRfp & { window: InterviewWindow },
  proposed: PlannedInterview,
): Promise<{ key: string; message: string }[]> {
  const people = personIds(proposed);
  const [others, away, users] = await Promise.all([
    tx.interview.findMany({
      where: {
        id: { not: proposed.id },
        startsAt: { lt: proposed.end },
        endsAt: { gt: proposed.start },
        attendees: { some: { member: { userId: { in: people } } } },
      },
      select: PLAN_SELECT,
    }),
    tx.memberUnavailability.findMany({
      where: { member: { userId: { in: people } }, startsAt: { lt: proposed.end }, endsAt: { gt: proposed.start } },
      select: { id: true, startsAt: true, endsAt: true, note: true, member: { select: { userId: true, rfpId: true } } },
    }),
    tx.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(users.map((user) => [user.id, user.name]));
  const periods: Unavailability[] = away.map((period) => ({
    panelMemberId: period.member.userId,
    start: period.startsAt,
    end: period.endsAt,
    note: period.member.rfpId === rfp.id ? period.note : "",
  }));
  const byId = new Map(others.map((row) => [row.id, row]));
  const { issues, conflicts } = interviewProblems(proposed, others.map(plannedFromRow), periods, rfp.window);
  const when = (range: { start: Date; end: Date }) => formatTimeRange(range, rfp.timeZone);
  return [
    ...issues.map((issue) => ({ key: issue.kind, message: slotIssueMessage(issue, rfp.window) })),
    ...conflicts.map((conflict) => {
      const name = names.get(conflict.personId) ?? "A panel member";
      if (conflict.kind === "UNAVAILABLE") {
        const note = conflict.period.note ? ` (${conflict.period.note})` : "";
        const periodId = away[periods.indexOf(conflict.period)]?.id ?? "";
        return {
          key: `UNAVAILABLE:${conflict.personId}:${periodId}`,
          message: `${name} is unavailable ${when(conflict.period)}${note}.`,
        };
      }
      const other = byId.get(conflict.interviewIds[1]);
      const which =
        other?.rfpId === rfp.id ? `the interview with ${other.invitation.vendor.name}` : "an interview for another RFP";
      return {
        key: `DOUBLE_BOOKED:${conflict.personId}:${conflict.interviewIds[1]}`,
        message: `${name} is already in ${which} then (${when(conflict.when)}).`,
      };
    }),
  ];
}

export function slotIssueMessage(issue: SlotIssue, window: InterviewWindow) {
  switch (issue.kind) {
    case "ENDS_BEFORE_START":
      return "The interview must end after it starts.";
    case "OUTSIDE_WINDOW":
      return `Interviews take place within the interview window (${formatTimeRange(window, window.timeZone)}).`;
    case "OUTSIDE_BUSINESS_HOURS":
      return `Interviews run within business hours: ${window.businessHours.opens}–${window.businessHours.closes}, Monday to Friday (${window.timeZone}).`;
  }
}

// ───────────────────────────── Agendas and experts ─────────────────────────────

export type AgendaRow = { ownerMemberId: string | null; requiredExpertise: string; title: string; minutes: number };

/** A stored agenda item in the domain's terms (no owner: the vendor runs it). */
export function toAgendaItem(row: AgendaRow): AgendaItem {
  return {
    title: row.title,
    minutes: row.minutes,
    owner: row.ownerMemberId ? { kind: "PANEL_MEMBER", panelMemberId: row.ownerMemberId } : { kind: "VENDOR" },
    requiredExpertise: row.requiredExpertise.trim() || null,
  };
}

/** The items an expert is invited to by default: those needing their expertise, and those they run. */
export function expertItemIndexes(items: readonly AgendaRow[], member: { id: string; expertise: readonly string[] }) {
  const attendee = { panelMemberId: member.id, role: "EXPERT" as const, expertise: member.expertise };
  return items.flatMap((item, index) => (attends(attendee, toAgendaItem(item)) ? [index] : []));
}

/** The standard agenda for a new interview: the lead's items go to the lead, the vendor's to the vendor. */
export function standardAgendaRows(minutes: number, leadMemberId: string | null): AgendaRow[] {
  const standard = standardAgenda(minutes);
  if (!standard.ok) {
    throw new FieldError(
      "minutes",
      `An interview needs at least ${standard.minimumMinutes} minutes for the standard agenda.`,
    );
  }
  return standard.items.map((item) => ({
    title: item.title,
    minutes: item.minutes,
    ownerMemberId:
      item.owner.kind === "PANEL_MEMBER" ? item.owner.panelMemberId : item.owner.kind === "LEAD" ? leadMemberId : null,
    requiredExpertise: item.requiredExpertise ?? "",
  }));
}
