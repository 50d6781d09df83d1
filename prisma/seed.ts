/**
 * Demo data: a believable buyer (Northwind Logistics) running its first outsourcing tender.
 * Seeded only in demo mode and only into an empty database (see shouldSeedDemo), so a real
 * installation never gets accounts with published passwords. Later issues extend it so every
 * stage has an example.
 */
import type { DatabaseConfig } from "../app/db/config.server";
import { prisma } from "../app/db.server";
import type { AccountRole } from "../app/domain/policy";
import { recordAudit, SYSTEM_ACTOR, userActor } from "../app/models/audit.server";
import { createRfp } from "../app/models/rfp.server";
import { addMember } from "../app/models/team.server";
import { hashPassword } from "../app/utils/password.server";
import { seedJourney } from "./seed-journey";
import { CONTACT_CENTRE_STORY, seedPublishedTender } from "./seed-tender";

/** Printed in the README; never used outside demo mode. */
export const DEMO_PASSWORD = "tender-lantern-2027";

export const DEMO_USERS: { name: string; email: string; role: AccountRole; title: string }[] = [
  { name: "Alex Morgan", email: "alex.morgan@northwind.example", role: "ADMIN", title: "IT administrator" },
  { name: "Priya Shah", email: "priya.shah@northwind.example", role: "LEAD", title: "Head of Procurement" },
  { name: "Tom Becker", email: "tom.becker@northwind.example", role: "LEAD", title: "Category manager, IT" },
  {
    name: "Helen Okafor",
    email: "helen.okafor@northwind.example",
    role: "EXECUTIVE",
    title: "Chief Financial Officer",
  },
  { name: "Marco Rossi", email: "marco.rossi@northwind.example", role: "EVALUATOR", title: "IT operations manager" },
  {
    name: "Sara Lindqvist",
    email: "sara.lindqvist@northwind.example",
    role: "EVALUATOR",
    title: "Finance business partner",
  },
  {
    name: "Jonas Weber",
    email: "jonas.weber@northwind.example",
    role: "EVALUATOR",
    title: "Customer operations manager",
  },
  {
    name: "Daniel Costa",
    email: "daniel.costa@northwind.example",
    role: "EVALUATOR",
    title: "Customer service director",
  },
  { name: "Amira Haddad", email: "amira.haddad@northwind.example", role: "EVALUATOR", title: "Legal counsel" },
  {
    name: "Grace Njoroge",
    email: "grace.njoroge@northwind.example",
    role: "EXECUTIVE",
    title: "Chief Operating Officer",
  },
];

/**
 * Demo mode: on by default with the embedded database (`npm start` on a laptop), off with
 * PostgreSQL (a real installation); DEMO_DATA=1 or 0 overrides either way.
 */
export function shouldSeedDemo(config: DatabaseConfig, env: NodeJS.ProcessEnv = process.env) {
  if (env.DEMO_DATA === "1" || env.DEMO_DATA === "true") return true;
  if (env.DEMO_DATA === "0" || env.DEMO_DATA === "false") return false;
  return config.kind === "pglite";
}

const DAY = 86_400_000;

/** Seeds the demo organisation if the database has no users yet. Returns whether it did. */
export async function seedDemoIfFresh(now = new Date()): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = await prisma.$transaction(async (tx) => {
    await tx.setting.create({ data: { key: "demo.seededAt", value: now.toISOString() } });
    const created = [];
    for (const demoUser of DEMO_USERS) {
      created.push(
        await tx.user.create({
          data: { name: demoUser.name, email: demoUser.email, role: demoUser.role, passwordHash },
          select: { id: true, email: true, name: true },
        }),
      );
    }
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "demo.seeded",
      entityType: "Setting",
      entityId: "demo.seededAt",
      after: { users: DEMO_USERS.map((user) => user.email) },
    });
    return created;
  });
  const byEmail = (email: string) => {
    const user = users.find((candidate) => candidate.email === email);
    if (!user) throw new Error(`demo user ${email} missing`);
    return user;
  };

  const priya = byEmail("priya.shah@northwind.example");
  const at = (days: number, hour: number) => {
    const date = new Date(now.getTime() + days * DAY);
    date.setUTCHours(hour, 0, 0, 0);
    return date;
  };
  const rfp = await createRfp(userActor(priya), {
    title: "Managed IT Services 2027",
    summary:
      "Northwind Logistics seeks a partner to run its end-user support, data-centre and cloud operations and network " +
      "services for 1,800 staff across 14 depots from 1 July 2027, with measurable service levels and a smooth " +
      "transition from the incumbent.",
    category: "Managed IT services",
    budgetAmount: "4800000",
    currency: "EUR",
    timeZone: "Europe/Amsterdam",
    timeline: {
      issueDate: at(7, 8),
      questionsDeadline: at(21, 15),
      proposalDeadline: at(35, 15),
      interviewStart: at(49, 7),
      interviewEnd: at(53, 16),
      decisionTarget: at(70, 10),
    },
  });
  const team: { email: string; role: "LEAD" | "PANEL" | "OBSERVER"; functionalGroup: string }[] = [
    { email: "tom.becker@northwind.example", role: "LEAD", functionalGroup: "Procurement" },
    { email: "marco.rossi@northwind.example", role: "PANEL", functionalGroup: "IT" },
    { email: "sara.lindqvist@northwind.example", role: "PANEL", functionalGroup: "Finance" },
    { email: "helen.okafor@northwind.example", role: "OBSERVER", functionalGroup: "Executive" },
  ];
  for (const member of team) await addMember(userActor(priya), rfp.id, member);
  const tender = await seedPublishedTender(priya, now, CONTACT_CENTRE_STORY);
  for (const member of team) await addMember(userActor(priya), tender.id, member);
  await seedJourney(tender.id, {
    lead: priya,
    panel: [
      "marco.rossi@northwind.example",
      "sara.lindqvist@northwind.example",
      "jonas.weber@northwind.example",
      "daniel.costa@northwind.example",
      "amira.haddad@northwind.example",
    ].map(byEmail),
    executives: ["helen.okafor@northwind.example", "grace.njoroge@northwind.example"].map(byEmail),
  });
  // A second tender whose deadline passed yesterday: open it, screen it and score it live.
  const overflow = await seedPublishedTender(priya, now, {
    title: "Customer Service Overflow 2027",
    summary:
      "Northwind Logistics seeks a second partner to absorb peak-season and out-of-hours customer contact (November to January, evenings and Sundays) in English and German, from 1 October 2027.",
    deadlineDaysAgo: 1,
  });
  for (const member of team) await addMember(userActor(priya), overflow.id, member);
  return true;
}
