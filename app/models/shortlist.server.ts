import { prisma } from "~/db.server";
import { describeShortlistRule, type ShortlistRule, shortlistIssues, suggestShortlist } from "~/domain/consensus";
import { scoreTable, sortByRank, weightedTotals } from "~/domain/scoring";
import type { ShortlistDecisionInput } from "~/schemas/shortlist";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { notShortlistedMessage, shortlistedMessage } from "~/utils/messages";
import { recordAudit, type UserActor } from "./audit.server";
import { type ConsensusViewer, scoresVisibleTo } from "./consensus.server";
import { consensusComplete, type Evaluation, loadEvaluation } from "./consensus-data.server";
import { BUYER_NAME } from "./invitation-link.server";
import { queueMessage } from "./outbox.server";

/**
 * The shortlist decision. The suggestion ranks vendors on written quality (the agreed score where
 * the panel recorded one, else the panel's mean); the lead decides for every vendor with a
 * rationale, and a vendor below the line comes in only with a justification and the name of who
 * asked. Deciding moves the vendors' portal statuses and tells each vendor where it stands.
 */
function ranked(evaluation: Evaluation) {
  if (!evaluation.matrix) return [];
  const totals = weightedTotals(scoreTable(evaluation.matrix));
  return sortByRank(
    totals.map((row) => ({
      vendorId: row.vendorId,
      name: evaluation.vendors.find((vendor) => vendor.id === row.vendorId)?.name ?? "?",
      total: row.total,
      coverage: row.coverage,
      rank: row.rank,
      tied: row.tied,
    })),
  );
}

function decisionBlocker(evaluation: Evaluation) {
  const { stage, shortlistDecidedAt } = evaluation.rfp;
  if (shortlistDecidedAt) return "The shortlist is decided.";
  if (stage === "EVALUATION") {
    return consensusComplete(evaluation)
      ? "Consensus is complete: move the RFP to its shortlist stage on the overview page to decide."
      : "Complete consensus first, then move the RFP to its shortlist stage.";
  }
  if (stage !== "SHORTLIST") return "The shortlist is decided during the shortlist stage.";
  if (!consensusComplete(evaluation)) return "Consensus is not complete.";
  return null;
}

export async function getShortlistPage(rfpId: string, viewer: ConsensusViewer, requestedRule: ShortlistRule | null) {
  const evaluation = await loadEvaluation(rfpId);
  const isLead = viewer.permissions.includes("rfp.decide_shortlist");
  const status = {
    stage: evaluation.rfp.stage,
    consensusOpen: evaluation.rfp.consensusOpenedAt !== null,
    decidedAt: evaluation.rfp.shortlistDecidedAt,
    isLead,
  };
  if (!scoresVisibleTo(evaluation, viewer)) return { ...status, visible: false as const };
  const rule = requestedRule ?? { method: "TOP_N" as const, size: evaluation.rfp.shortlistSize };
  const vendors = ranked(evaluation);
  const suggested = suggestShortlist(vendors, rule);
  const decisions = await prisma.shortlistDecision.findMany({
    where: { rfpId },
    select: {
      invitationId: true,
      outcome: true,
      rationale: true,
      broughtInAnyway: true,
      justification: true,
      requestedBy: true,
      decidedAt: true,
      decidedBy: { select: { name: true } },
    },
  });
  const blocker = decisionBlocker(evaluation);
  return {
    ...status,
    visible: true as const,
    rule,
    ruleText: describeShortlistRule(rule),
    vendors: vendors.map((vendor) => ({
      ...vendor,
      suggested: suggested.includes(vendor.vendorId),
      decision: decisions.find((row) => row.invitationId === vendor.vendorId) ?? null,
    })),
    canDecide: isLead && blocker === null,
    blocker,
  };
}

/** The lead's decision for every vendor; audited, statuses moved, vendors notified — all or nothing. */
export async function decideShortlist(
  actor: UserActor,
  rfpId: string,
  input: ShortlistDecisionInput,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const evaluation = await loadEvaluation(rfpId, tx);
    const blocker = decisionBlocker(evaluation);
    if (blocker) throw new FieldError("form", blocker);
    const vendors = ranked(evaluation);
    const suggested = suggestShortlist(vendors, input.rule);
    const [issue] = shortlistIssues(
      input.decisions,
      vendors.map((vendor) => vendor.vendorId),
      suggested,
    );
    if (issue)
      throw new FieldError(issue.index === null ? "form" : `decisions.${issue.index}.${issue.field}`, issue.message);
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, shortlistDecidedAt: null },
      data: {
        shortlistDecidedAt: now,
        ...(input.rule.method === "TOP_N" ? { shortlistSize: input.rule.size } : {}),
      },
    });
    if (count === 0) throw new ConflictError("Someone decided the shortlist while you were reviewing it.");
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { reference: true, title: true, timeZone: true, interviewStart: true, interviewEnd: true },
    });
    const shortlistSize = input.decisions.filter((choice) => choice.outcome === "SHORTLISTED").length;
    for (const choice of input.decisions) {
      const vendor = vendors.find((candidate) => candidate.vendorId === choice.vendorId);
      const broughtIn = choice.outcome === "SHORTLISTED" && !suggested.includes(choice.vendorId);
      const row = await tx.shortlistDecision.create({
        data: {
          rfpId,
          invitationId: choice.vendorId,
          outcome: choice.outcome,
          rationale: choice.rationale,
          broughtInAnyway: broughtIn,
          justification: broughtIn ? choice.justification : null,
          requestedBy: broughtIn ? choice.requestedBy : null,
          decidedById: actor.id,
          decidedAt: now,
        },
        select: { id: true },
      });
      const invitation = await tx.invitation.update({
        where: { id: choice.vendorId },
        data: { status: choice.outcome },
        select: { vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
      });
      await recordAudit(tx, {
        actor,
        action: broughtIn ? "shortlist.vendor_brought_in" : "shortlist.vendor_decided",
        entityType: "ShortlistDecision",
        entityId: row.id,
        rfpId,
        after: {
          vendor: invitation.vendor.name,
          outcome: choice.outcome,
          points: vendor?.total ?? null,
          rank: vendor?.rank ?? null,
          rationale: choice.rationale,
          ...(broughtIn ? { justification: choice.justification, requestedBy: choice.requestedBy } : {}),
        },
      });
      if (!invitation.contact) continue;
      const greeting = { buyer: BUYER_NAME, vendorName: invitation.vendor.name, contactName: invitation.contact.name };
      await queueMessage(tx, {
        rfpId,
        invitationId: choice.vendorId,
        kind: choice.outcome === "SHORTLISTED" ? "shortlisted" : "not_shortlisted",
        toEmail: invitation.contact.email,
        toName: invitation.contact.name,
        ...(choice.outcome === "SHORTLISTED"
          ? shortlistedMessage({ ...greeting, rfp, shortlistSize })
          : notShortlistedMessage({ ...greeting, rfp })),
      });
    }
    await recordAudit(tx, {
      actor,
      action: "shortlist.decided",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        rule: describeShortlistRule(input.rule),
        suggested: vendors.filter((vendor) => suggested.includes(vendor.vendorId)).map((vendor) => vendor.name),
        shortlisted: vendors
          .filter((vendor) =>
            input.decisions.some((c) => c.vendorId === vendor.vendorId && c.outcome === "SHORTLISTED"),
          )
          .map((vendor) => vendor.name),
      },
    });
    return { shortlisted: shortlistSize, notified: input.decisions.length };
  });
}
