/**
 * Backups round-trip: every table of a database with data in every table is dumped, restored into
 * a fresh database of the other kind (in-memory PGlite), dumped again and compared row by row.
 * When the suite runs on PostgreSQL this is also the PostgreSQL → PGlite migration path.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup, readBackupFile, restoreBackup, writeBackupFile } from "~/db/backup.server";
import { migrate } from "~/db/migrate.server";
import { getDatabase, openDatabase, prisma } from "~/db.server";
import { freezeDocument } from "~/models/document.server";
import { seedDemoIfFresh } from "../../prisma/seed";
import { createTestRfp, createTestUser, createTestVendor, inviteVendor, sessionCookie } from "../fixtures/factories";

async function collect(lines: AsyncIterable<string>) {
  const result: string[] = [];
  for await (const line of lines) result.push(line.replace(/\n$/, ""));
  return result;
}

/** At least one row in every table, including the tree, bytes, JSON, arrays, decimals and bigint ids. */
async function fillEveryTable() {
  await seedDemoIfFresh();
  const lead = await createTestUser();
  await sessionCookie(lead);
  const rfp = await createTestRfp(lead);
  const vendor = await createTestVendor({ name: "Backup Vendor GmbH" });
  const { invitation } = await inviteVendor(rfp.id, lead, vendor);
  await prisma.loginAttempt.create({ data: { email: lead.email, ip: "192.0.2.1", succeeded: false } });
  await prisma.rfpMember.updateMany({ where: { rfpId: rfp.id }, data: { expertise: ["network", "security"] } });
  await prisma.interviewQuestion.create({
    data: { rfpId: rfp.id, position: 0, category: "Branding", text: "How do you present our brand?", standard: true },
  });
  const version = await prisma.$transaction((tx) => freezeDocument(tx, rfp.id, { id: lead.id, label: lead.email }));
  const addendum = await prisma.addendum.create({
    data: {
      rfpId: rfp.id,
      number: 1,
      title: "Site list",
      summary: "Depot 14 added.",
      reason: "Acquisition.",
      documentVersionId: version.id,
      issuedById: lead.id,
    },
  });
  await prisma.addendumAcknowledgement.create({
    data: { addendumId: addendum.id, invitationId: invitation.id, acknowledgedBy: "Pat Bidder" },
  });
  await prisma.rfpTemplate.create({
    data: {
      name: "Mine",
      description: "Reusable",
      category: "Logistics",
      content: { sections: [] },
      createdById: lead.id,
    },
  });
  const current = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id }, select: { proposalDeadline: true } });
  await prisma.deadlineExtension.create({
    data: {
      rfpId: rfp.id,
      previousDeadline: current.proposalDeadline ?? new Date(),
      newDeadline: new Date(Date.now() + 40 * 86_400_000),
      reason: "Holiday season",
      grantedById: lead.id,
    },
  });
  await prisma.portalSession.create({
    data: { tokenHash: "h".repeat(64), invitationId: invitation.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  await prisma.clarificationQuestion.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      question: "Is 24/7 needed?",
      number: 1,
      status: "PUBLISHED",
      answer: "Yes.",
      publishedQuestion: "Is 24/7 needed?",
      answeredById: lead.id,
      answeredAt: new Date(),
      publishedAt: new Date(),
    },
  });
  await prisma.outboxMessage.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      kind: "invitation",
      toEmail: "bids@x.example",
      subject: "Hi",
      bodyText: "Body",
      status: "NOT_SENT",
    },
  });
  const requirement = await prisma.requirement.findFirstOrThrow({ where: { rfpId: rfp.id, kind: "MANDATORY" } });
  const proposal = await prisma.proposal.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      currency: "EUR",
      termMonths: 36,
      status: "SUBMITTED",
      submittedAt: new Date(),
      responses: {
        create: { requirementId: requirement.id, compliance: "COMPLIES", explanation: "Certified since 2019." },
      },
      priceLines: {
        create: [
          {
            position: 0,
            description: "Transition",
            kind: "ONE_TIME",
            unit: "project",
            quantity: 1,
            unitPrice: "99999999999999.99",
          },
          {
            position: 1,
            description: "Service desk",
            kind: "RECURRING",
            unit: "seat",
            quantity: "1800.125",
            unitPrice: "12.34",
          },
        ],
      },
      serviceTiers: {
        create: {
          position: 0,
          name: "Standard",
          slaTargets: { create: { position: 0, metric: "P1 response", target: "15 min" } },
        },
      },
      commitments: { create: { position: 0, kind: "COMMITMENT", text: "Named service manager" } },
      attachments: {
        create: {
          originalName: "deck.pdf",
          mimeType: "application/pdf",
          sizeBytes: 5,
          sha256: "0".repeat(64),
          blob: { create: { data: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00]) } },
        },
      },
    },
    select: { id: true },
  });
  await prisma.complianceCheck.create({
    data: { proposalId: proposal.id, requirementId: requirement.id, decision: "PASS", decidedById: lead.id },
  });

  // Evaluation: a panel member's declaration, assignment, sealed sheet, consensus and shortlist.
  const evaluator = await createTestUser({ role: "EVALUATOR" });
  const member = await prisma.rfpMember.create({
    data: { rfpId: rfp.id, userId: evaluator.id, role: "PANEL", functionalGroup: "IT" },
  });
  const criterion = await prisma.criterion.findFirstOrThrow({ where: { rfpId: rfp.id, name: "Service desk" } });
  await prisma.conflictDeclaration.create({
    data: { rfpId: rfp.id, memberId: member.id, invitationId: invitation.id, hasConflict: false },
  });
  await prisma.panelAssignment.create({ data: { memberId: member.id, criterionId: criterion.id } });
  await prisma.scoreSheet.create({
    data: {
      rfpId: rfp.id,
      memberId: member.id,
      invitationId: invitation.id,
      status: "SUBMITTED",
      submittedAt: new Date(),
      scores: { create: { criterionId: criterion.id, value: 4, comment: "Solid." } },
    },
  });
  const consensus = await prisma.consensusScore.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      criterionId: criterion.id,
      value: 4,
      rationale: "Agreed after discussion.",
      decidedById: lead.id,
    },
  });
  await prisma.minorityOpinion.create({
    data: { consensusId: consensus.id, memberId: member.id, opinion: "I would have given 3." },
  });
  await prisma.shortlistDecision.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      outcome: "SHORTLISTED",
      rationale: "Top score.",
      decidedById: lead.id,
    },
  });
  // Interviews: a slot with an agenda (one item for a subject-matter expert), a question, a debrief
  // with an oral score, the member's unavailability and their final ranking.
  const interview = await prisma.interview.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 7_200_000),
      mode: "VIRTUAL",
      meetingLink: "https://meet.example/x",
    },
  });
  const attendee = await prisma.interviewAttendee.create({
    data: { interviewId: interview.id, memberId: member.id, partial: true },
  });
  const item = await prisma.agendaItem.create({
    data: {
      interviewId: interview.id,
      position: 0,
      title: "Integration deep dive",
      minutes: 30,
      ownerMemberId: member.id,
      requiredExpertise: "integration",
    },
  });
  await prisma.agendaItemAttendee.create({ data: { itemId: item.id, attendeeId: attendee.id } });
  await prisma.memberUnavailability.create({
    data: {
      memberId: member.id,
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3_600_000),
      note: "Board meeting",
    },
  });
  const bankQuestion = await prisma.interviewQuestion.findFirstOrThrow({ where: { rfpId: rfp.id } });
  await prisma.interviewSlotQuestion.create({
    data: {
      interviewId: interview.id,
      position: 0,
      category: "Branding",
      text: bankQuestion.text,
      questionId: bankQuestion.id,
      criterionId: criterion.id,
    },
  });
  const debrief = await prisma.debrief.create({
    data: {
      interviewId: interview.id,
      memberId: member.id,
      status: "SUBMITTED",
      strengths: "Clear plan.",
      concerns: "Thin bench.",
      confidence: 4,
      placeSoFar: 1,
      submittedAt: new Date(),
    },
  });
  await prisma.oralScore.create({
    data: { debriefId: debrief.id, criterionId: criterion.id, value: 4, comment: "Good answers." },
  });
  await prisma.panelRanking.create({
    data: { rfpId: rfp.id, memberId: member.id, tiers: [[invitation.id]], submittedAt: new Date() },
  });
  // Award and negotiation: a recommendation approved by an executive, notices, and a negotiation
  // with every kind of term, a term's history, a commitment and a decided risk flag.
  const executive = await createTestUser({ role: "EXECUTIVE" });
  const recommendation = await prisma.recommendation.create({
    data: {
      rfpId: rfp.id,
      recommendedInvitationId: invitation.id,
      memo: "## Recommendation\nAward to the vendor.",
      status: "APPROVED",
      submittedAt: new Date(),
      decidedAt: new Date(),
    },
  });
  await prisma.approval.create({
    data: {
      recommendationId: recommendation.id,
      approverId: executive.id,
      round: 1,
      decision: "APPROVED",
      comment: "Agreed.",
      decidedAt: new Date(),
    },
  });
  await prisma.awardNotice.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      kind: "INTENT_TO_AWARD",
      subject: "Intent to award",
      bodyText: "Dear vendor",
      sentAt: new Date(),
    },
  });
  const negotiation = await prisma.negotiation.create({
    data: {
      rfpId: rfp.id,
      invitationId: invitation.id,
      sponsorId: executive.id,
      currency: "EUR",
      termLengthMonths: 24,
      renewal: "BY_MUTUAL_AGREEMENT",
      noticePeriodDays: 90,
      exitOnChronicSlaFailure: true,
      priceChange: { kind: "INDEXED", index: "CPI", capPercent: 3 },
      priceLines: {
        create: {
          position: 0,
          description: "Run",
          kind: "RECURRING",
          unit: "month",
          quantity: 1,
          unitPrice: "150000.00",
        },
      },
      slaLines: {
        create: {
          position: 0,
          metric: "Availability",
          target: "99.9%",
          measurementWindow: "calendar month",
          serviceCredit: "5%",
          setBy: "AGREED",
        },
      },
      fees: { create: { kind: "ONE_OFF", description: "Transition" } },
      obligations: { create: { party: "VENDOR", text: "Provide monthly reports." } },
      commitments: {
        create: {
          position: 0,
          source: "PROPOSAL",
          kind: "COMMITMENT",
          text: "Named service manager",
          disposition: "OBLIGATION",
          obligationWording: "The supplier names a service manager.",
        },
      },
      flagDecisions: {
        create: { flagKey: "missing-tos", status: "ACCEPTED", note: "ToS attached separately.", decidedById: lead.id },
      },
    },
  });
  const term = await prisma.contractTerm.create({
    data: {
      negotiationId: negotiation.id,
      position: 0,
      title: "Service credits",
      ourPosition: "5%",
      vendorPosition: "2%",
      status: "ESCALATED",
      ownerId: lead.id,
    },
  });
  await prisma.contractTermChange.create({
    data: { termId: term.id, changedById: lead.id, changes: { status: { before: "OPEN", after: "ESCALATED" } } },
  });
}

describe("backup and restore", () => {
  it("round-trips every table exactly, into a fresh database of the other kind", async () => {
    await fillEveryTable();
    const source = await collect(createBackup(getDatabase()));
    const header = JSON.parse(source[0] ?? "{}") as { tables: string[]; migrations: string[] };
    const counts = new Map<string, number>();
    for (let index = 1; index < source.length; index += 2) {
      const envelope = JSON.parse(source[index] ?? "{}") as { table: string; rows: number };
      counts.set(envelope.table, envelope.rows);
    }
    // The fixture must keep up with the schema: every table has rows to compare.
    expect(header.tables.filter((table) => !counts.get(table))).toEqual([]);
    expect(header.tables.length).toBeGreaterThanOrEqual(59);

    // Through a gzip'd file, as npm run db:backup / db:restore do.
    const file = path.join(os.tmpdir(), `shortlist-backup-test-${process.pid}-${Date.now()}.jsonl.gz`);
    await writeBackupFile(getDatabase(), file);
    const target = openDatabase({ kind: "pglite", dataDir: null });
    try {
      await migrate(target);
      const summary = await restoreBackup(target, readBackupFile(file));
      expect(summary.rows).toBe([...counts.values()].reduce((sum, count) => sum + count, 0));
      const copy = await collect(createBackup(target));
      expect(copy.slice(1)).toEqual(source.slice(1));
      // Decimals and bytes survive digit for digit.
      const line = copy.find((candidate) => candidate.includes("99999999999999.99"));
      expect(line).toBeDefined();
      const blob = await target.prisma.attachmentBlob.findFirstOrThrow();
      expect([...blob.data]).toEqual([0x25, 0x50, 0x44, 0x46, 0x00]);
      // Sequences continue after the restored rows: a new audit event gets a fresh id.
      const maxBefore = await target.prisma.auditEvent.aggregate({ _max: { id: true } });
      const added = await target.prisma.auditEvent.create({
        data: { actorLabel: "system", action: "test.after_restore", entityType: "Test" },
      });
      expect(added.id > (maxBefore._max.id ?? 0n)).toBe(true);
    } finally {
      await target.close();
      fs.rmSync(file, { force: true });
    }
  }, 180_000); // dumps and restores the whole demo organisation twice; slow on a busy 2-core runner

  it("refuses to restore into a database that already has data, and changes nothing", async () => {
    const source = await collect(createBackup(getDatabase()));
    const eventsBefore = await prisma.auditEvent.count();
    await expect(restoreBackup(getDatabase(), source)).rejects.toThrow(/has data/);
    expect(await prisma.auditEvent.count()).toBe(eventsBefore);
  });

  it("refuses a file that is not a backup, or one from another schema version", async () => {
    const target = openDatabase({ kind: "pglite", dataDir: null });
    try {
      await migrate(target);
      await expect(restoreBackup(target, ['{"hello":"world"}'])).rejects.toThrow(/not a Shortlist backup/);
      const header = JSON.stringify({
        format: "shortlist-backup",
        version: 1,
        migrations: ["20200101000000_other"],
        tables: [],
      });
      await expect(restoreBackup(target, [header])).rejects.toThrow(/schema/);
      expect(await target.prisma.user.count()).toBe(0);
    } finally {
      await target.close();
    }
  });
});
