import pdfmake from "pdfmake";
import { prisma } from "~/db.server";
import { ocdsReleasePackage } from "~/domain/ocds";
import { termSheet } from "~/domain/term-sheet";
import { formatDate, formatDateTime, formatMoney } from "~/utils/dates";
import { decisionMemoFilename, decisionMemoPdfDefinition } from "~/utils/decision-memo-pdf";
import { DOCX_TYPE, termSheetDocx } from "~/utils/term-sheet-docx";
import { termSheetPdfDefinition } from "~/utils/term-sheet-pdf";
import { recordAudit, type UserActor } from "./audit.server";
import { reviewToShow } from "./award-review.server";
import { BUYER_NAME } from "./invitation-link.server";
// Registers pdfmake's bundled fonts and the policy that it reads no other file (see rfp-pdf.server).
import "./rfp-pdf.server";

/**
 * The exports of an RFP: the term sheet (DOCX and PDF) of the negotiation, the award decision
 * memo (PDF) and the whole process as an OCDS release package. Each download is recorded in the
 * audit trail (who took which document out of the system, and when), so downloads are POSTs: a GET
 * never writes.
 */
export const EXPORT_KINDS = {
  "term-sheet-docx": { label: "Term sheet (Word)", contentType: DOCX_TYPE },
  "term-sheet-pdf": { label: "Term sheet (PDF)", contentType: "application/pdf" },
  "decision-memo-pdf": { label: "Decision memo (PDF)", contentType: "application/pdf" },
  "ocds-json": { label: "OCDS release package (JSON)", contentType: "application/json; charset=utf-8" },
} as const;
export type ExportKind = keyof typeof EXPORT_KINDS;

/** The ocid prefix registered with the Open Contracting Partnership; a placeholder until one is. */
export const OCID_PREFIX = process.env.OCDS_OCID_PREFIX?.trim() || "ocds-shortlist";

export type ExportFile = { bytes: Buffer; filename: string; contentType: string };

type Options = { locale?: string };

// What can be exported --------------------------------------------------------------------------

/**
 * The negotiation the term sheet is about: the current one (the newest that has not broken down),
 * else the last one (kept as a record after a breakdown).
 */
function currentOf<T extends { status: string }>(negotiations: readonly T[]): T | undefined {
  return negotiations.findLast((negotiation) => negotiation.status !== "BROKEN_DOWN") ?? negotiations.at(-1);
}

function latestRecommendation(rfpId: string) {
  return prisma.recommendation.findFirst({
    where: { rfpId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, round: true, recommended: { select: { vendor: { select: { name: true } } } } },
  });
}

export async function getExportsOverview(rfpId: string) {
  const [rfp, negotiations, recommendation, downloads] = await Promise.all([
    prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { stage: true, reference: true, timeZone: true } }),
    prisma.negotiation.findMany({
      where: { rfpId },
      orderBy: { openedAt: "asc" },
      select: { id: true, status: true, invitation: { select: { vendor: { select: { name: true } } } } },
    }),
    latestRecommendation(rfpId),
    prisma.auditEvent.findMany({
      where: { rfpId, action: "rfp.exported" },
      orderBy: { id: "desc" },
      take: 5,
      select: { id: true, at: true, actorLabel: true, after: true },
    }),
  ]);
  const current = currentOf(negotiations);
  return {
    stage: rfp.stage,
    timeZone: rfp.timeZone,
    termSheet: current ? { vendorName: current.invitation.vendor.name, status: current.status } : null,
    pastNegotiations: negotiations.filter((negotiation) => negotiation.status === "BROKEN_DOWN").length,
    decisionMemo: recommendation
      ? {
          vendorName: recommendation.recommended.vendor.name,
          status: recommendation.status,
          round: recommendation.round,
        }
      : null,
    ocds: rfp.stage !== "DRAFT",
    downloads: downloads.map((event) => ({
      id: event.id.toString(),
      at: event.at,
      actorLabel: event.actorLabel,
      kind: exportKindOf(event.after),
    })),
  };
}

function exportKindOf(after: unknown): string {
  if (typeof after === "object" && after !== null && "kind" in after) {
    const kind = (after as { kind: unknown }).kind;
    if (typeof kind === "string" && kind in EXPORT_KINDS) return EXPORT_KINDS[kind as ExportKind].label;
  }
  return "Export";
}

// Term sheet ------------------------------------------------------------------------------------

export async function loadTermSheet(rfpId: string, options: Options = {}) {
  const found = currentOf(
    await prisma.negotiation.findMany({
      where: { rfpId },
      orderBy: { openedAt: "asc" },
      select: { id: true, status: true },
    }),
  );
  if (!found) return null;
  const negotiation = await prisma.negotiation.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      status: true,
      currency: true,
      termLengthMonths: true,
      startDate: true,
      renewal: true,
      noticePeriodDays: true,
      terminationForConvenience: true,
      exitOnChronicSlaFailure: true,
      serviceTier: true,
      termsOfService: true,
      priceChange: true,
      closedAt: true,
      rfp: { select: { reference: true, title: true, timeZone: true } },
      invitation: { select: { vendor: { select: { name: true } } } },
      priceLines: {
        orderBy: { position: "asc" },
        select: { description: true, kind: true, unit: true, quantity: true, unitPrice: true },
      },
      slaLines: {
        orderBy: { position: "asc" },
        select: {
          metric: true,
          target: true,
          measurementWindow: true,
          reporting: true,
          serviceCredit: true,
          setBy: true,
        },
      },
      fees: { orderBy: { id: "asc" }, select: { kind: true, description: true } },
      obligations: { orderBy: { id: "asc" }, select: { party: true, text: true } },
      commitments: {
        orderBy: { position: "asc" },
        select: {
          kind: true,
          text: true,
          disposition: true,
          obligationWording: true,
          dropReason: true,
          resolveBy: true,
        },
      },
      terms: {
        orderBy: { position: "asc" },
        select: {
          title: true,
          ourPosition: true,
          vendorPosition: true,
          agreedWording: true,
          status: true,
          escalationDecision: true,
          owner: { select: { name: true } },
        },
      },
    },
  });
  const { rfp, invitation, priceLines, terms, ...contract } = negotiation;
  const dateOptions = { timeZone: rfp.timeZone, locale: options.locale };
  return termSheet({
    buyer: BUYER_NAME,
    rfp,
    vendorName: invitation.vendor.name,
    negotiation: contract,
    priceLines: priceLines.map((line) => ({
      ...line,
      quantity: line.quantity.toString(),
      unitPrice: line.unitPrice.toString(),
    })),
    slaLines: contract.slaLines,
    fees: contract.fees,
    obligations: contract.obligations,
    commitments: contract.commitments,
    terms: terms.map(({ owner, ...term }) => ({ ...term, ownerName: owner?.name ?? null })),
    generatedAt: new Date(),
    format: {
      date: (instant) => formatDate(instant, dateOptions),
      money: (amount) => formatMoney(amount, contract.currency, options.locale),
      quantity: (value) => new Intl.NumberFormat(options.locale ?? "en-GB").format(Number(value)),
    },
  });
}

async function renderPdf(definition: Parameters<typeof pdfmake.createPdf>[0]) {
  return pdfmake.createPdf(definition).getBuffer();
}

// Decision memo ---------------------------------------------------------------------------------

export async function loadDecisionMemo(rfpId: string, options: Options = {}) {
  const found = await latestRecommendation(rfpId);
  if (!found) return null;
  const recommendation = await prisma.recommendation.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      status: true,
      round: true,
      memo: true,
      recommendedInvitationId: true,
      runnerUpInvitationId: true,
      submittedAt: true,
      decidedAt: true,
      submittedReview: true,
      recommended: { select: { vendor: { select: { name: true } } } },
      runnerUp: { select: { vendor: { select: { name: true } } } },
      approvals: {
        orderBy: [{ round: "asc" }, { decidedAt: "asc" }],
        select: { round: true, decision: true, comment: true, decidedAt: true, approver: { select: { name: true } } },
      },
      rfp: {
        select: {
          reference: true,
          title: true,
          timeZone: true,
          currency: true,
          budgetAmount: true,
          invitations: {
            orderBy: { invitedAt: "asc" },
            select: {
              id: true,
              status: true,
              vendor: { select: { name: true } },
              proposal: { select: { status: true } },
            },
          },
          panelRankings: { where: { submittedAt: { not: null } }, select: { memberId: true, tiers: true } },
        },
      },
    },
  });
  const { rfp, recommended, runnerUp, approvals, submittedReview, ...rest } = recommendation;
  // The weighted final ranking, as the executive review showed it to the approvers.
  const { review } = await reviewToShow(rfpId, { status: rest.status, submittedReview }, "APPROVER");
  const finalRanking = review.ranking.ok
    ? {
        weights: review.weights,
        rows: review.ranking.rows.map((row) => ({
          invitationId: row.vendorId,
          written: row.parts.WRITTEN.score,
          oral: row.parts.ORAL.score,
          price: row.parts.PRICE.score,
          total: row.total,
        })),
      }
    : null;
  return {
    finalRanking,
    buyer: BUYER_NAME,
    rfp: {
      reference: rfp.reference,
      title: rfp.title,
      budget:
        rfp.budgetAmount === null ? "Not set" : formatMoney(rfp.budgetAmount.toString(), rfp.currency, options.locale),
    },
    recommendation: rest,
    recommendedName: recommended.vendor.name,
    runnerUpName: runnerUp?.vendor.name ?? null,
    vendors: rfp.invitations.map((invitation) => ({
      invitationId: invitation.id,
      name: invitation.vendor.name,
      status: invitation.status,
      submitted: invitation.proposal?.status === "SUBMITTED",
    })),
    approvals: approvals.map(({ approver, ...approval }) => ({ ...approval, approverName: approver.name })),
    panelRankings: rfp.panelRankings.map((ranking) => ({ memberId: ranking.memberId, tiers: tiersOf(ranking.tiers) })),
    formatDate: (instant: Date) => formatDateTime(instant, { timeZone: rfp.timeZone, locale: options.locale }),
  };
}

/** The stored tiers (JSON: arrays of invitation ids), read defensively: anything else is no tier. */
function tiersOf(value: unknown): string[][] {
  if (!Array.isArray(value)) return [];
  return value.map((tier) => (Array.isArray(tier) ? tier.filter((id): id is string => typeof id === "string") : []));
}

// OCDS ------------------------------------------------------------------------------------------

export async function loadOcdsPackage(rfpId: string, packageUri: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      id: true,
      reference: true,
      title: true,
      summary: true,
      category: true,
      stage: true,
      currency: true,
      budgetAmount: true,
      issueDate: true,
      questionsDeadline: true,
      proposalDeadline: true,
      cancelledReason: true,
      criteria: { select: { id: true, parentId: true, position: true, name: true, weight: true, stage: true } },
      requirements: { where: { kind: "MANDATORY" }, orderBy: { code: "asc" }, select: { code: true, text: true } },
      documentVersions: { orderBy: { number: "asc" }, select: { number: true, createdAt: true } },
      addenda: {
        orderBy: { number: "asc" },
        select: { number: true, title: true, summary: true, reason: true, issuedAt: true },
      },
      invitations: {
        orderBy: { invitedAt: "asc" },
        select: {
          id: true,
          vendor: { select: { id: true, name: true, country: true, website: true } },
          proposal: { select: { status: true, submittedAt: true } },
        },
      },
      recommendations: {
        where: { status: "APPROVED" },
        orderBy: { decidedAt: "desc" },
        take: 1,
        select: { id: true, decidedAt: true, recommendedInvitationId: true },
      },
      negotiations: {
        orderBy: { openedAt: "asc" },
        select: {
          id: true,
          invitationId: true,
          status: true,
          currency: true,
          termLengthMonths: true,
          startDate: true,
          openedAt: true,
          closedAt: true,
          breakdownReason: true,
          priceLines: { orderBy: { position: "asc" }, select: { kind: true, quantity: true, unitPrice: true } },
          _count: { select: { terms: { where: { status: "AGREED" } } } },
        },
      },
      _count: { select: { questions: { where: { status: "PUBLISHED" } } } },
    },
  });
  if (rfp.stage === "DRAFT") return null;
  const approved = rfp.recommendations[0];
  return ocdsReleasePackage({
    ocidPrefix: OCID_PREFIX,
    packageUri,
    buyer: { name: BUYER_NAME },
    generatedAt: new Date(),
    rfp: { ...rfp, budgetAmount: rfp.budgetAmount?.toString() ?? null },
    criteria: rfp.criteria.map((criterion) => ({ ...criterion, weight: Number(criterion.weight) })),
    mandatoryRequirements: rfp.requirements,
    documentVersions: rfp.documentVersions,
    addenda: rfp.addenda,
    publishedQuestions: rfp._count.questions,
    bidders: rfp.invitations.map((invitation) => ({
      invitationId: invitation.id,
      vendorId: invitation.vendor.id,
      name: invitation.vendor.name,
      country: invitation.vendor.country,
      website: invitation.vendor.website,
      submittedAt: invitation.proposal?.status === "SUBMITTED" ? invitation.proposal.submittedAt : null,
    })),
    award:
      approved?.decidedAt != null
        ? { id: approved.id, decidedAt: approved.decidedAt, invitationId: approved.recommendedInvitationId }
        : null,
    negotiations: rfp.negotiations.map(({ _count, priceLines, ...negotiation }) => ({
      ...negotiation,
      agreedTerms: _count.terms,
      priceLines: priceLines.map((line) => ({
        kind: line.kind,
        quantity: line.quantity.toString(),
        unitPrice: line.unitPrice.toString(),
      })),
    })),
  });
}

// Downloads -------------------------------------------------------------------------------------

async function recordExport(actor: UserActor, rfpId: string, kind: ExportKind, details: Record<string, unknown>) {
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "rfp.exported",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: { kind, ...details },
    }),
  );
}

/** The export as a file, its download recorded; null when there is nothing to export yet. */
export async function exportFile(
  actor: UserActor,
  rfpId: string,
  kind: ExportKind,
  options: Options & { packageUri: string },
): Promise<ExportFile | null> {
  const file = await buildFile(rfpId, kind, options);
  if (!file) return null;
  await recordExport(actor, rfpId, kind, { filename: file.filename, bytes: file.bytes.length });
  return file;
}

async function buildFile(
  rfpId: string,
  kind: ExportKind,
  options: Options & { packageUri: string },
): Promise<ExportFile | null> {
  const contentType = EXPORT_KINDS[kind].contentType;
  switch (kind) {
    case "term-sheet-docx":
    case "term-sheet-pdf": {
      const sheet = await loadTermSheet(rfpId, options);
      if (!sheet) return null;
      return kind === "term-sheet-docx"
        ? { bytes: await termSheetDocx(sheet), filename: `${sheet.filenameStem}.docx`, contentType }
        : { bytes: await renderPdf(termSheetPdfDefinition(sheet)), filename: `${sheet.filenameStem}.pdf`, contentType };
    }
    case "decision-memo-pdf": {
      const memo = await loadDecisionMemo(rfpId, options);
      if (!memo) return null;
      return {
        bytes: await renderPdf(decisionMemoPdfDefinition(memo)),
        filename: decisionMemoFilename(memo),
        contentType,
      };
    }
    case "ocds-json": {
      const releasePackage = await loadOcdsPackage(rfpId, options.packageUri);
      if (!releasePackage) return null;
      const { reference } = await prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true } });
      const bytes = Buffer.from(`${JSON.stringify(releasePackage, null, 2)}\n`, "utf8");
      return { bytes, filename: `${reference}-ocds-release-package.json`, contentType };
    }
  }
}

/** The HTTP answer carrying an export as a download. */
export function exportResponse(file: ExportFile) {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^\w.-]+/g, "-")}"`,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
