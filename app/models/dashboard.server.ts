import { prisma } from "~/db.server";
import { timelineOf, timelineProgress } from "~/domain/timeline";
import { isTerminal } from "~/domain/workflow";

/** "My work": the RFPs the user is on, each with its next milestone, grouped by their role. */
export async function getDashboard(userId: string, now = new Date()) {
  const memberships = await prisma.rfpMember.findMany({
    where: { userId },
    orderBy: { rfp: { updatedAt: "desc" } },
    select: {
      role: true,
      rfp: {
        select: {
          id: true,
          reference: true,
          title: true,
          stage: true,
          timeZone: true,
          issueDate: true,
          questionsDeadline: true,
          proposalDeadline: true,
          interviewStart: true,
          interviewEnd: true,
          decisionTarget: true,
        },
      },
    },
  });
  const rows = memberships.map(({ role, rfp }) => ({
    role,
    id: rfp.id,
    reference: rfp.reference,
    title: rfp.title,
    stage: rfp.stage,
    timeZone: rfp.timeZone,
    next: timelineProgress(timelineOf(rfp), now).next,
  }));
  const active = rows.filter((row) => !isTerminal(row.stage));
  return {
    leading: active.filter((row) => row.role === "LEAD"),
    panel: active.filter((row) => row.role !== "LEAD"),
    closedCount: rows.length - active.length,
    upcoming: active
      .filter((row) => row.next)
      .sort((a, b) => (a.next?.at.getTime() ?? 0) - (b.next?.at.getTime() ?? 0))
      .slice(0, 5),
  };
}

export async function getAdminOverview() {
  const [users, disabled, rfps, events] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { disabledAt: { not: null } } }),
    prisma.rfp.count(),
    prisma.auditEvent.count({ where: { at: { gte: new Date(Date.now() - 86_400_000) } } }),
  ]);
  return { users, disabled, rfps, eventsLastDay: events };
}
