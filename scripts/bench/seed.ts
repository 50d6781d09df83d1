/**
 * npm run bench:seed — a large, realistic RFP in the configured database, for the benchmark:
 * 40 vendors with submitted proposals, a three-level tree of 80 written criteria (plus price),
 * one scored requirement per criterion, 12 evaluators on the panel who scored every vendor
 * (38,400 scores, consensus open, one flagged item settled), a shortlist of 8 with interviews,
 * agendas and debriefs, 12 panel rankings, an approved recommendation and a negotiation with
 * 60 terms. Rows are written in bulk, not through the model functions: the point is volume.
 * Prints the ids the benchmark needs as JSON on the last line.
 */
import { randomBytes } from "node:crypto";
import { migrate } from "../../app/db/migrate.server";
import { closeDatabase, getDatabase, prisma } from "../../app/db.server";
import { freezeSubmittedReview } from "../../app/models/award.server";
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
      stage: "NEGOTIATION",
      consensusOpenedAt: new Date(now - 12 * day),
      shortlistSize: 8,
      shortlistDecidedAt: new Date(now - 11 * day),
      priceFormula: { formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 36 },
      priceFormulaFixedAt: new Date(now - 19 * day),
      finalWeights: { WRITTEN: 70, ORAL: 10, PRICE: 20 },
      finalWeightsSetAt: new Date(now - 11 * day),
      issueDate: new Date(now - 60 * day),
      questionsDeadline: new Date(now - 40 * day),
      proposalDeadline: new Date(now - 20 * day),
      interviewStart: new Date(now - 10 * day),
      interviewEnd: new Date(now - 6 * day),
      decisionTarget: new Date(now - 2 * day),
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

  // Criteria: 4 top (written 70% together) × 4 × 5 = 80 written leaves, oral 10%, price 20%.
  const leafIds: string[] = [];
  for (const [topIndex, topName] of TOP.entries()) {
    const top = await prisma.criterion.create({
      data: { rfpId: rfp.id, position: topIndex, name: topName, weight: 17.5, stage: "WRITTEN" },
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
  const oral = await prisma.criterion.create({
    data: { rfpId: rfp.id, position: TOP.length, name: "Oral presentation", weight: 10, stage: "ORAL" },
    select: { id: true },
  });
  await prisma.criterion.create({
    data: { rfpId: rfp.id, position: TOP.length + 1, name: "Price", weight: 20, stage: "PRICE" },
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

  const invitationIds: string[] = [];
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
    invitationIds.push(invitation.id);
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
  await seedEvaluationAndAfter(rfp.id, lead.id, evaluators, invitationIds, leafIds, oral.id, now);
  const autosave = await seedAutosaveRfp(lead.id, passwordHash, tag, now);
  return {
    rfpId: rfp.id,
    leadEmail: BENCH_LEAD_EMAIL,
    password: BENCH_PASSWORD,
    evaluatorEmail: "evaluator1@bench.example",
    evaluatorSheetInvitationId: invitationIds[0] ?? "",
    autosave,
  };
}

export const AUTOSAVE_EVALUATORS = 20;

/**
 * A second, small RFP in evaluation for the autosave measurement: 20 evaluators, each with a
 * draft sheet (10 criteria) on the same vendor, no conflicts declared.
 */
async function seedAutosaveRfp(leadId: string, passwordHash: string, tag: string, now: number) {
  const day = 86_400_000;
  const rfp = await prisma.rfp.create({
    data: {
      reference: `RFP-BENCH-AUTOSAVE-${tag}`,
      title: "Autosave benchmark",
      summary: "Twenty evaluators scoring at once.",
      category: "Benchmark",
      currency: "EUR",
      timeZone: "Europe/Amsterdam",
      stage: "EVALUATION",
      issueDate: new Date(now - 30 * day),
      questionsDeadline: new Date(now - 20 * day),
      proposalDeadline: new Date(now - 10 * day),
      interviewStart: new Date(now + 10 * day),
      interviewEnd: new Date(now + 14 * day),
      decisionTarget: new Date(now + 30 * day),
      proposalsOpenedAt: new Date(now - 9 * day),
      proposalsOpenedById: leadId,
      createdById: leadId,
      members: { create: [{ userId: leadId, role: "LEAD" }] },
    },
    select: { id: true },
  });
  const criterionIds: string[] = [];
  for (let index = 0; index < 10; index++) {
    const criterion = await prisma.criterion.create({
      data: { rfpId: rfp.id, position: index, name: `Criterion ${index + 1}`, weight: 10, stage: "WRITTEN" },
      select: { id: true },
    });
    criterionIds.push(criterion.id);
  }
  const name = `Autosave Vendor ${tag}`;
  const vendor = await prisma.vendor.create({
    data: { name, normalizedName: name.toLowerCase() },
    select: { id: true },
  });
  const invitation = await prisma.invitation.create({
    data: {
      rfpId: rfp.id,
      vendorId: vendor.id,
      tokenHash: randomBytes(32).toString("hex"),
      tokenHint: "bench",
      status: "SUBMITTED",
      invitedById: leadId,
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
      submittedAt: new Date(now - 11 * day),
      submissionCount: 1,
    },
  });
  const emails: string[] = [];
  for (let index = 0; index < AUTOSAVE_EVALUATORS; index++) {
    const email = `autosave${index + 1}@bench.example`;
    const user = await prisma.user.create({
      data: { name: `Autosave Evaluator ${index + 1}`, email, role: "EVALUATOR", passwordHash },
      select: { id: true },
    });
    const member = await prisma.rfpMember.create({
      data: { rfpId: rfp.id, userId: user.id, role: "PANEL", functionalGroup: "IT" },
      select: { id: true },
    });
    await prisma.conflictDeclaration.create({
      data: { rfpId: rfp.id, memberId: member.id, invitationId: invitation.id, hasConflict: false },
    });
    await prisma.scoreSheet.create({
      data: { rfpId: rfp.id, memberId: member.id, invitationId: invitation.id, status: "DRAFT" },
    });
    emails.push(email);
  }
  return { rfpId: rfp.id, invitationId: invitation.id, criterionIds, emails };
}

/** A deterministic pseudo-random score 0–5: vendor quality plus evaluator habit plus noise. */
function benchScore(vendor: number, evaluator: number, criterion: number) {
  const noise = (vendor * 31 + evaluator * 17 + criterion * 13) % 7;
  return Math.max(0, Math.min(5, 1 + ((vendor * 3) % 4) + (evaluator % 3 === 0 ? -1 : 0) + (noise > 4 ? 1 : 0)));
}

async function seedEvaluationAndAfter(
  rfpId: string,
  leadId: string,
  evaluators: { id: string }[],
  invitationIds: string[],
  leafIds: string[],
  oralId: string,
  now: number,
) {
  const day = 86_400_000;
  const members = await prisma.rfpMember.findMany({
    where: { rfpId, role: "PANEL" },
    orderBy: { addedAt: "asc" },
    select: { id: true, userId: true },
  });
  const memberIds = evaluators.map((evaluator) => members.find((member) => member.userId === evaluator.id)?.id ?? "");
  await prisma.conflictDeclaration.createMany({
    data: memberIds.flatMap((memberId) =>
      invitationIds.map((invitationId) => ({ rfpId, memberId, invitationId, hasConflict: false })),
    ),
  });
  const sheets = await prisma.scoreSheet.createManyAndReturn({
    data: memberIds.flatMap((memberId) =>
      invitationIds.map((invitationId) => ({
        rfpId,
        memberId,
        invitationId,
        status: "SUBMITTED" as const,
        submittedAt: new Date(now - 13 * day),
      })),
    ),
    select: { id: true, memberId: true, invitationId: true },
  });
  const scores = sheets.flatMap((sheet) => {
    const vendor = invitationIds.indexOf(sheet.invitationId);
    const evaluator = memberIds.indexOf(sheet.memberId);
    return leafIds.map((criterionId, criterion) => {
      const value = benchScore(vendor, evaluator, criterion);
      return {
        sheetId: sheet.id,
        criterionId,
        value,
        comment: value === 0 || value === 5 ? "Extreme score, see evidence." : "",
      };
    });
  });
  for (let start = 0; start < scores.length; start += 4_000) {
    await prisma.score.createMany({ data: scores.slice(start, start + 4_000) });
  }
  const firstLeaf = leafIds[0] ?? "";
  const firstVendor = invitationIds[0] ?? "";
  await prisma.consensusScore.create({
    data: {
      rfpId,
      invitationId: firstVendor,
      criterionId: firstLeaf,
      value: 3,
      rationale: "Agreed at consensus.",
      decidedById: leadId,
    },
  });

  // Shortlist and interviews: the first 8 vendors.
  const shortlisted = invitationIds.slice(0, 8);
  await prisma.shortlistDecision.createMany({
    data: invitationIds.map((invitationId, index) => ({
      rfpId,
      invitationId,
      outcome: index < 8 ? ("SHORTLISTED" as const) : ("NOT_SHORTLISTED" as const),
      rationale: index < 8 ? "Within the top eight." : "Below the line.",
      decidedById: leadId,
    })),
  });
  await prisma.invitation.updateMany({
    where: { id: { in: invitationIds.slice(8) } },
    data: { status: "NOT_SHORTLISTED" },
  });
  for (const [index, invitationId] of shortlisted.entries()) {
    const startsAt = new Date(now - 10 * day + Math.floor(index / 2) * day + (index % 2) * 4 * 3_600_000);
    const interview = await prisma.interview.create({
      data: {
        rfpId,
        invitationId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 150 * 60_000),
        mode: index % 2 === 0 ? "IN_PERSON" : "VIRTUAL",
        location: index % 2 === 0 ? "Head office" : "",
        meetingLink: index % 2 === 0 ? "" : "https://meet.example/bench",
        publishedAt: new Date(startsAt.getTime() - 5 * day),
        agenda: {
          create: ["Introductions", "Presentation", "Q&A", "Demonstration", "Commercials", "Risks", "Wrap-up"].map(
            (title, position) => ({ position, title, minutes: position === 1 || position === 3 ? 30 : 15 }),
          ),
        },
        attendees: { create: memberIds.map((memberId) => ({ memberId })) },
      },
      select: { id: true },
    });
    for (const [evaluator, memberId] of memberIds.entries()) {
      await prisma.debrief.create({
        data: {
          interviewId: interview.id,
          memberId,
          status: "SUBMITTED",
          strengths: "Clear answers and a credible team.",
          concerns: "Transition staffing is thin.",
          confidence: 3 + (evaluator % 3),
          placeSoFar: 1 + ((index + evaluator) % (index + 1)),
          submittedAt: new Date(startsAt.getTime() + 3 * 3_600_000),
          oralScores: { create: { criterionId: oralId, value: benchScore(index, evaluator, 7) } },
        },
      });
    }
  }
  await prisma.invitation.updateMany({ where: { id: { in: shortlisted.slice(2) } }, data: { status: "ELIMINATED" } });
  await prisma.panelRanking.createMany({
    data: memberIds.map((memberId, evaluator) => {
      const order = [...shortlisted].sort(
        (a, b) => benchScore(shortlisted.indexOf(b), evaluator, 3) - benchScore(shortlisted.indexOf(a), evaluator, 3),
      );
      return { rfpId, memberId, tiers: order.map((id) => [id]), submittedAt: new Date(now - 5 * day) };
    }),
  });

  // Award and negotiation.
  const [winner, runnerUp] = shortlisted;
  if (!winner || !runnerUp) return;
  const { passwordHash } = await prisma.user.findUniqueOrThrow({
    where: { id: leadId },
    select: { passwordHash: true },
  });
  const executives = await prisma.user.createManyAndReturn({
    data: [1, 2].map((index) => ({
      name: `Bench Executive ${index}`,
      email: `executive${index}@bench.example`,
      role: "EXECUTIVE" as const,
      passwordHash,
    })),
    select: { id: true },
  });
  const recommendation = await prisma.recommendation.create({
    data: {
      rfpId,
      recommendedInvitationId: winner,
      runnerUpInvitationId: runnerUp,
      memo: "## Recommendation\n\nAward to the first-ranked vendor; the runner-up is held in reserve.",
      status: "APPROVED",
      submittedAt: new Date(now - 4 * day),
      decidedAt: new Date(now - 3 * day),
      approvals: {
        create: executives.map((executive) => ({
          approverId: executive.id,
          round: 1,
          decision: "APPROVED" as const,
          decidedAt: new Date(now - 3 * day),
        })),
      },
    },
  });
  // The executives reviewed (and the bench loads) the review frozen at submission.
  await freezeSubmittedReview(prisma, recommendation.id);
  await prisma.invitation.update({ where: { id: winner }, data: { status: "AWARDED" } });
  await prisma.invitation.update({ where: { id: runnerUp }, data: { status: "RESERVE" } });
  await prisma.negotiation.create({
    data: {
      rfpId,
      invitationId: winner,
      sponsorId: executives[0]?.id ?? null,
      currency: "EUR",
      termLengthMonths: 36,
      renewal: "AUTOMATIC",
      noticePeriodDays: 90,
      serviceTier: "Standard",
      termsOfService: "Vendor terms v3.",
      priceChange: { kind: "VENDOR_DISCRETION", noticeDays: 30 },
      priceLines: {
        create: [
          {
            position: 0,
            description: "Transition",
            kind: "ONE_TIME",
            unit: "project",
            quantity: 1,
            unitPrice: 250_000,
          },
          { position: 1, description: "Run", kind: "RECURRING", unit: "month", quantity: 1, unitPrice: 90_000 },
        ],
      },
      slaLines: {
        create: Array.from({ length: 10 }, (_, position) => ({
          position,
          metric: `Service level ${position + 1}`,
          target: position % 4 === 3 ? "Best effort" : `${95 + (position % 5)}%`,
          measurementWindow: "Calendar month",
          serviceCredit: position % 3 === 2 ? "" : "2% of the monthly fee",
          setBy: position % 2 === 0 ? ("AGREED" as const) : ("VENDOR" as const),
        })),
      },
      terms: {
        create: Array.from({ length: 60 }, (_, position) => ({
          position,
          title: `Clause ${position + 1}`,
          ourPosition: "Our position on this clause, in a sentence or two.",
          vendorPosition: "The vendor's position on this clause.",
          agreedWording: position % 3 === 0 ? "Agreed wording of the clause." : "",
          status: (["AGREED", "OPEN", "OPEN", "ESCALATED", "DROPPED"] as const)[position % 5] ?? "OPEN",
          ownerId: leadId,
        })),
      },
      commitments: {
        create: Array.from({ length: 20 }, (_, position) => ({
          position,
          source: position % 4 === 0 ? ("INTERVIEW" as const) : ("PROPOSAL" as const),
          kind: position % 2 === 0 ? ("COMMITMENT" as const) : ("CLAIM" as const),
          text: `Commitment ${position + 1} made by the vendor.`,
        })),
      },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await migrate(getDatabase());
    const existing = await prisma.user.findUnique({ where: { email: BENCH_LEAD_EMAIL }, select: { id: true } });
    if (existing) throw new Error("This database already has the benchmark data; use a fresh database.");
    const result = await seedBenchmark();
    // A settled database, as production's is: planner statistics for the new rows, and no
    // autovacuum of the bulk load starting in the middle of a measured run.
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await closeDatabase();
  }
}
