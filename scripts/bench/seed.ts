/**
 * npm run bench:seed — a large, realistic RFP in the configured database, for the benchmark:
 * 40 vendors with submitted proposals, a three-level tree of 80 written criteria (plus price),
 * one scored requirement per criterion, 12 evaluators on the panel. Later modules add their share
 * (scores, interviews, rankings, negotiation) in seedBenchmark below.
 * Prints the ids the benchmark needs as JSON on the last line.
 */
import { randomBytes } from "node:crypto";
import { migrate } from "../../app/db/migrate.server";
import { closeDatabase, getDatabase, prisma } from "../../app/db.server";
import { hashPassword } from "../../app/utils/password.server";

export const BENCH_PASSWORD = "bench-lantern-harbour-2027";
export const BENCH_LEAD_EMAIL = "bench.lead@bench.example";
const VENDORS = 40;
const EVALUATORS = 12;
const TOP = ["Technical", "Service management", "Transition", "Relationship"];
const MIDDLE = ["Approach", "Capability", "Evidence", "Risk"];
const LEAVES = ["Coverage", "Depth", "Tooling", "Staffing", "References"];

export async function seedBenchmark() {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const tag = randomBytes(3).toString("hex");
  const lead = await prisma.user.create({
    data: { name: "Bench Lead", email: BENCH_LEAD_EMAIL, role: "LEAD", passwordHash },
    select: { id: true },
  });
  const evaluators = [];
  for (let index = 0; index < EVALUATORS; index++) {
    evaluators.push(
      await prisma.user.create({
        data: {
          name: `Evaluator ${index + 1}`,
          email: `evaluator${index + 1}@bench.example`,
          role: "EVALUATOR",
          passwordHash,
        },
        select: { id: true },
      }),
    );
  }
  const now = Date.now();
  const day = 86_400_000;
  const rfp = await prisma.rfp.create({
    data: {
      reference: `RFP-BENCH-${tag}`,
      title: "Global managed services 2028 (benchmark)",
      summary: "A large tender used to measure Shortlist.",
      category: "Managed IT services",
      currency: "EUR",
      budgetAmount: 48_000_000,
      timeZone: "Europe/Amsterdam",
      stage: "EVALUATION",
      issueDate: new Date(now - 60 * day),
      questionsDeadline: new Date(now - 40 * day),
      proposalDeadline: new Date(now - 20 * day),
      interviewStart: new Date(now + 10 * day),
      interviewEnd: new Date(now + 14 * day),
      decisionTarget: new Date(now + 30 * day),
      proposalsOpenedAt: new Date(now - 19 * day),
      proposalsOpenedById: lead.id,
      createdById: lead.id,
      members: {
        create: [
          { userId: lead.id, role: "LEAD" },
          ...evaluators.map((evaluator, index) => ({
            userId: evaluator.id,
            role: "PANEL" as const,
            functionalGroup: ["IT", "Finance", "Operations", "Legal"][index % 4] ?? "IT",
          })),
        ],
      },
    },
    select: { id: true },
  });

  // Criteria: 4 top (written 80% together) × 4 × 5 = 80 written leaves, plus price 20%.
  const leafIds: string[] = [];
  for (const [topIndex, topName] of TOP.entries()) {
    const top = await prisma.criterion.create({
      data: { rfpId: rfp.id, position: topIndex, name: topName, weight: 20, stage: "WRITTEN" },
      select: { id: true },
    });
    for (const [middleIndex, middleName] of MIDDLE.entries()) {
      const middle = await prisma.criterion.create({
        data: {
          rfpId: rfp.id,
          parentId: top.id,
          position: middleIndex,
          name: `${topName}: ${middleName}`,
          weight: 25,
          stage: "WRITTEN",
        },
        select: { id: true },
      });
      for (const [leafIndex, leafName] of LEAVES.entries()) {
        const leaf = await prisma.criterion.create({
          data: {
            rfpId: rfp.id,
            parentId: middle.id,
            position: leafIndex,
            name: `${middleName} ${leafName}`,
            weight: 20,
            stage: "WRITTEN",
          },
          select: { id: true },
        });
        leafIds.push(leaf.id);
      }
    }
  }
  await prisma.criterion.create({
    data: { rfpId: rfp.id, position: TOP.length, name: "Price", weight: 20, stage: "PRICE" },
  });

  const section = await prisma.rfpSection.create({
    data: { rfpId: rfp.id, position: 0, title: "Requirements", body: "All scored requirements." },
  });
  await prisma.requirement.createMany({
    data: leafIds.map((criterionId, index) => ({
      rfpId: rfp.id,
      sectionId: section.id,
      position: index,
      code: `R-${String(index + 1).padStart(2, "0")}`,
      text: `Requirement ${index + 1}`,
      kind: "SCORED" as const,
      criterionId,
    })),
  });
  const requirements = await prisma.requirement.findMany({ where: { rfpId: rfp.id }, select: { id: true } });

  for (let index = 0; index < VENDORS; index++) {
    const name = `Bench Vendor ${String(index + 1).padStart(2, "0")} ${tag}`;
    const vendor = await prisma.vendor.create({
      data: {
        name,
        normalizedName: name.toLowerCase(),
        contacts: { create: { name: "Bid Manager", email: `bids${index}@vendor${index}.example` } },
      },
      select: { id: true, contacts: { select: { id: true } } },
    });
    const invitation = await prisma.invitation.create({
      data: {
        rfpId: rfp.id,
        vendorId: vendor.id,
        contactId: vendor.contacts[0]?.id ?? null,
        tokenHash: randomBytes(32).toString("hex"),
        tokenHint: "bench",
        status: "SUBMITTED",
        invitedById: lead.id,
      },
      select: { id: true },
    });
    await prisma.proposal.create({
      data: {
        rfpId: rfp.id,
        invitationId: invitation.id,
        status: "SUBMITTED",
        currency: "EUR",
        termMonths: 36,
        submittedAt: new Date(now - 21 * day),
        submissionCount: 1,
        responses: {
          createMany: {
            data: requirements.map((requirement) => ({
              requirementId: requirement.id,
              compliance: "COMPLIES" as const,
              explanation: "We comply.",
            })),
          },
        },
        priceLines: {
          create: [
            {
              position: 0,
              description: "Transition",
              kind: "ONE_TIME",
              unit: "project",
              quantity: 1,
              unitPrice: 250_000 + index * 5_000,
            },
            {
              position: 1,
              description: "Run",
              kind: "RECURRING",
              unit: "month",
              quantity: 1,
              unitPrice: 90_000 + index * 1_500,
            },
          ],
        },
      },
    });
  }
  return { rfpId: rfp.id, leadEmail: BENCH_LEAD_EMAIL, password: BENCH_PASSWORD };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await migrate(getDatabase());
    const existing = await prisma.user.findUnique({ where: { email: BENCH_LEAD_EMAIL }, select: { id: true } });
    if (existing) throw new Error("This database already has the benchmark data; use a fresh database.");
    const result = await seedBenchmark();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await closeDatabase();
  }
}
