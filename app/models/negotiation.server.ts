import { prisma, type TransactionClient } from "~/db.server";
import { interviewClaimText, readinessBlockers, standardContractTerms } from "~/domain/negotiation";
import { priceScheduleTotals } from "~/domain/price-schedule";
import { utcToZonedLocal, zonedLocalToUtc } from "~/utils/dates";
import { FieldError } from "~/utils/errors.server";
import {
  contractConcludedMessage,
  fallbackNegotiationMessage,
  negotiationEndedMessage,
  reserveReleasedMessage,
  termEscalatedMessage,
} from "~/utils/messages";
import { type Actor, recordAudit, type UserActor } from "./audit.server";
import { BUYER_NAME } from "./invitation-link.server";
import { claimNegotiation, readinessFromRow, readinessOf, readinessSelect } from "./negotiation-core.server";
import { queueMessage } from "./outbox.server";
import { transitionRfpInTx } from "./rfp.server";

/**
 * The contract negotiation with the awarded vendor: opened pre-filled from its proposal when the
 * award is approved, marked ready once every risk flag, term and promise is dealt with, concluded
 * (which awards the RFP), or — if it breaks down — closed and reopened with the runner-up.
 */

/**
 * Open the negotiation with `invitationId`, pre-filled from its submitted proposal. Called by the
 * award approval when the award is approved (RFP in DECISION, moving to NEGOTIATION in the same
 * transaction) and by the fallback to the runner-up. The vendor negotiated with is the awarded
 * one, so its invitation becomes AWARDED here (from RESERVE for a runner-up).
 */
export function openNegotiation(actor: Actor, rfpId: string, invitationId: string, now = new Date()) {
  return prisma.$transaction((tx) => openNegotiationInTx(tx, actor, rfpId, invitationId, { now }));
}

export async function openNegotiationInTx(
  tx: TransactionClient,
  actor: Actor,
  rfpId: string,
  invitationId: string,
  options: { now: Date; sponsorId?: string | null; fallbackFrom?: string },
) {
  const rfp = await tx.rfp.findUnique({
    where: { id: rfpId },
    select: {
      stage: true,
      timeZone: true,
      members: { where: { role: "LEAD" }, orderBy: { addedAt: "asc" }, take: 1, select: { userId: true } },
    },
  });
  if (!rfp) throw new FieldError("form", "This RFP no longer exists.");
  if (rfp.stage !== "DECISION" && rfp.stage !== "NEGOTIATION") {
    throw new FieldError("form", "A negotiation opens only once the award is approved.");
  }
  const active = await tx.negotiation.findFirst({
    where: { rfpId, status: { not: "BROKEN_DOWN" } },
    select: { invitation: { select: { vendor: { select: { name: true } } } } },
  });
  if (active) {
    throw new FieldError("form", `The negotiation with ${active.invitation.vendor.name} is still on the record.`);
  }
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, rfpId },
    select: {
      status: true,
      negotiation: { select: { id: true } },
      vendor: { select: { name: true } },
      proposal: {
        select: {
          status: true,
          currency: true,
          termMonths: true,
          priceLines: { orderBy: { position: "asc" } },
          serviceTiers: { orderBy: { position: "asc" }, include: { slaTargets: { orderBy: { position: "asc" } } } },
          commitments: { orderBy: { position: "asc" } },
        },
      },
      interview: {
        select: {
          debriefs: {
            where: { status: "SUBMITTED" },
            orderBy: { submittedAt: "asc" },
            select: {
              id: true,
              strengths: true,
              concerns: true,
              member: { select: { user: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!invitation) throw new FieldError("form", "This vendor is not invited to this RFP.");
  if (invitation.negotiation) {
    throw new FieldError("form", `A negotiation with ${invitation.vendor.name} already took place on this RFP.`);
  }
  const proposal = invitation.proposal;
  if (proposal?.status !== "SUBMITTED") {
    throw new FieldError("form", `${invitation.vendor.name} has no submitted proposal to negotiate from.`);
  }
  const tier = proposal.serviceTiers[0] ?? null;
  const interviewItems = (invitation.interview?.debriefs ?? []).flatMap((debrief) => {
    const text = interviewClaimText({
      memberName: debrief.member.user.name,
      strengths: debrief.strengths,
      concerns: debrief.concerns,
    });
    return text ? [{ sourceRef: debrief.id, text }] : [];
  });
  const ownerId = rfp.members[0]?.userId ?? null;
  const negotiation = await tx.negotiation.create({
    data: {
      rfpId,
      invitationId,
      sponsorId: options.sponsorId ?? null,
      currency: proposal.currency,
      termLengthMonths: proposal.termMonths,
      startDate: firstOfNextMonth(options.now, rfp.timeZone),
      serviceTier: tier?.name ?? "",
      termsOfService: tier?.termsOfService ?? "",
      openedAt: options.now,
      priceLines: {
        create: proposal.priceLines.map((line, position) => ({
          position,
          description: line.description,
          kind: line.kind,
          unit: line.unit,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
        })),
      },
      // Taken as the vendor wrote them: the risk review asks who set each level.
      slaLines: {
        create: (tier?.slaTargets ?? []).map((target, position) => ({
          position,
          metric: target.metric,
          target: target.target,
          measurementWindow: target.measurementWindow,
          serviceCredit: target.serviceCredit,
          setBy: "VENDOR" as const,
        })),
      },
      terms: {
        create: standardContractTerms({
          proposalTermMonths: proposal.termMonths,
          tierName: tier?.name ?? null,
          tierHasTermsOfService: Boolean(tier?.termsOfService.trim()),
          vendorSlaLines: tier?.slaTargets.length ?? 0,
        }).map((term, position) => ({ ...term, position, ownerId })),
      },
      commitments: {
        create: [
          ...proposal.commitments.map((commitment) => ({
            source: "PROPOSAL" as const,
            sourceRef: commitment.id,
            kind: commitment.kind,
            text: commitment.text,
          })),
          ...interviewItems.map((item) => ({
            source: "INTERVIEW" as const,
            sourceRef: item.sourceRef,
            kind: "CLAIM" as const,
            text: item.text,
          })),
        ].map((item, position) => ({ ...item, position })),
      },
    },
    select: { id: true },
  });
  if (invitation.status !== "AWARDED") {
    await tx.invitation.update({ where: { id: invitationId }, data: { status: "AWARDED" } });
  }
  await recordAudit(tx, {
    actor,
    action: "negotiation.opened",
    entityType: "Negotiation",
    entityId: negotiation.id,
    rfpId,
    before: invitation.status !== "AWARDED" ? { invitationStatus: invitation.status } : undefined,
    after: {
      vendor: invitation.vendor.name,
      invitationStatus: "AWARDED",
      fallbackFrom: options.fallbackFrom,
      priceLines: proposal.priceLines.length,
      serviceTier: tier?.name ?? null,
      slaLines: tier?.slaTargets.length ?? 0,
      commitments: proposal.commitments.length + interviewItems.length,
    },
  });
  return negotiation;
}

/** A proposed start: the first day of next month where the buyer is. The lead changes it as agreed. */
function firstOfNextMonth(now: Date, timeZone: string) {
  const [year = 2000, month = 1] = utcToZonedLocal(now, timeZone).split("-").map(Number);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return zonedLocalToUtc(`${next.year}-${String(next.month).padStart(2, "0")}-01T00:00`, timeZone);
}

// Overview -------------------------------------------------------------------------------------

export async function getNegotiationOverview(rfpId: string) {
  const [current, past, executives, runnerUp] = await Promise.all([
    // The current negotiation. Its readiness (what is outstanding) comes with the workspace
    // header (getNegotiationHeader), which the layout loads on every page of the workspace.
    prisma.negotiation.findFirst({
      where: { rfpId, status: { not: "BROKEN_DOWN" } },
      orderBy: { openedAt: "desc" },
      select: {
        id: true,
        status: true,
        version: true,
        currency: true,
        openedAt: true,
        readyAt: true,
        closedAt: true,
        termLengthMonths: true,
        startDate: true,
        renewal: true,
        serviceTier: true,
        sponsor: { select: { id: true, name: true, email: true } },
        invitation: { select: { id: true, status: true, vendor: { select: { name: true } } } },
        priceLines: { select: { kind: true, quantity: true, unitPrice: true, description: true, unit: true } },
      },
    }),
    listPastNegotiations(rfpId),
    prisma.user.findMany({
      where: { role: "EXECUTIVE", disabledAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true },
    }),
    findRunnerUp(prisma, rfpId),
  ]);
  if (!current) return { negotiation: null, past, executives, runnerUp: null };
  const { priceLines, ...rest } = current;
  const totals = priceScheduleTotals(
    priceLines.map((line) => ({ ...line, quantity: line.quantity.toString(), unitPrice: line.unitPrice.toString() })),
    current.termLengthMonths,
  );
  const usableRunnerUp = runnerUp && runnerUp.invitationId !== current.invitation.id && !runnerUp.negotiated;
  return {
    negotiation: {
      ...rest,
      totals: { oneTime: totals.oneTime, monthly: totals.monthly, total: totals.totalCostOfOwnership },
    },
    past,
    executives,
    runnerUp: usableRunnerUp ? runnerUp : null,
  };
}

/** The approved recommendation's runner-up, if any (the vendor kept in reserve). */
async function findRunnerUp(db: TransactionClient, rfpId: string) {
  const recommendation = await db.recommendation.findFirst({
    where: { rfpId, status: "APPROVED", runnerUpInvitationId: { not: null } },
    orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
    select: {
      runnerUp: {
        select: {
          id: true,
          status: true,
          vendor: { select: { name: true } },
          negotiation: { select: { id: true } },
        },
      },
    },
  });
  const runnerUp = recommendation?.runnerUp;
  if (!runnerUp) return null;
  return {
    invitationId: runnerUp.id,
    vendorName: runnerUp.vendor.name,
    status: runnerUp.status,
    negotiated: runnerUp.negotiation !== null,
  };
}

export function listPastNegotiations(rfpId: string) {
  return prisma.negotiation.findMany({
    where: { rfpId, status: "BROKEN_DOWN" },
    orderBy: { openedAt: "desc" },
    select: {
      id: true,
      openedAt: true,
      closedAt: true,
      breakdownReason: true,
      invitation: { select: { vendor: { select: { name: true } } } },
    },
  });
}

/**
 * The header of every workspace page: whose negotiation, its status, what is still outstanding
 * (the counts on the tabs, and the blockers the overview lists under "Ready to conclude?": the
 * overview reads them from here rather than computing readiness a second time per request).
 */
export async function getNegotiationHeader(rfpId: string, now = new Date()) {
  const [current, pastCount] = await Promise.all([
    prisma.negotiation.findFirst({
      where: { rfpId, status: { not: "BROKEN_DOWN" } },
      orderBy: { openedAt: "desc" },
      select: {
        ...readinessSelect,
        id: true,
        status: true,
        invitation: { select: { vendor: { select: { name: true } } } },
      },
    }),
    prisma.negotiation.count({ where: { rfpId, status: "BROKEN_DOWN" } }),
  ]);
  if (!current) return { negotiation: null, pastCount };
  const negotiation = current;
  const { state } = readinessFromRow(current, now);
  const pendingCommitments = state.commitments.length;
  return {
    negotiation: {
      id: negotiation.id,
      status: negotiation.status,
      vendorName: negotiation.invitation.vendor.name,
      openFlags: state.flags.length,
      openTerms: state.terms.length,
      pendingCommitments,
      blockers: readinessBlockers(state),
    },
    pastCount,
  };
}

// Sponsor, readiness, conclusion, fallback ------------------------------------------------------

export async function setSponsor(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; sponsorId: string; origin: string },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version, ["OPEN", "READY"]);
    const sponsor = await tx.user.findUnique({
      where: { id: input.sponsorId },
      select: { id: true, name: true, email: true, role: true, disabledAt: true },
    });
    if (sponsor?.role !== "EXECUTIVE" || sponsor.disabledAt) {
      throw new FieldError("sponsorId", "Choose an active executive account as the sponsor.");
    }
    const before = negotiation.sponsorId
      ? await tx.user.findUnique({ where: { id: negotiation.sponsorId }, select: { email: true } })
      : null;
    await tx.negotiation.update({ where: { id: negotiation.id }, data: { sponsorId: sponsor.id } });
    await recordAudit(tx, {
      actor,
      action: "negotiation.sponsor_set",
      entityType: "Negotiation",
      entityId: negotiation.id,
      rfpId,
      before: { sponsor: before?.email ?? null },
      after: { sponsor: sponsor.email },
    });
    // Terms already waiting move to the new sponsor's queue; tell them what is waiting.
    const waiting = await tx.contractTerm.findMany({
      where: { negotiationId: negotiation.id, status: "ESCALATED" },
      select: { title: true, ourPosition: true, vendorPosition: true },
    });
    for (const term of waiting) {
      await queueMessage(tx, {
        rfpId,
        kind: "negotiation_escalation",
        toEmail: sponsor.email,
        toName: sponsor.name,
        ...termEscalatedMessage({
          rfp: negotiation.rfp,
          vendorName: negotiation.invitation.vendor.name,
          sponsorName: sponsor.name,
          leadName: actor.label,
          termTitle: term.title,
          question: "Escalated before you were named sponsor; see the term's history.",
          ourPosition: term.ourPosition,
          vendorPosition: term.vendorPosition,
          link: `${input.origin}/negotiations/escalations`,
        }),
      });
    }
    return sponsor;
  });
}

export async function markReady(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version);
    const { state } = await readinessOf(tx, negotiation.id, now);
    const blockers = readinessBlockers(state);
    if (blockers.length > 0) {
      throw new FieldError("form", `The contract is not ready yet. ${blockers.join(" ")}`);
    }
    await tx.negotiation.update({ where: { id: negotiation.id }, data: { status: "READY", readyAt: now } });
    await recordAudit(tx, {
      actor,
      action: "negotiation.marked_ready",
      entityType: "Negotiation",
      entityId: negotiation.id,
      rfpId,
      before: { status: "OPEN" },
      after: { status: "READY" },
    });
  });
}

export async function reopenNegotiation(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number },
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version, ["READY"]);
    await tx.negotiation.update({ where: { id: negotiation.id }, data: { status: "OPEN", readyAt: null } });
    await recordAudit(tx, {
      actor,
      action: "negotiation.reopened",
      entityType: "Negotiation",
      entityId: negotiation.id,
      rfpId,
      before: { status: "READY" },
      after: { status: "OPEN" },
    });
  });
}

/**
 * Conclude the contract on the agreed terms: the negotiation is closed with a snapshot of what was
 * agreed in the audit trail, the RFP moves to AWARDED through the stage machine (which expires
 * every vendor's portal link), and the winner and any vendor still in reserve are told.
 */
export async function concludeNegotiation(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; origin: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version, ["READY"]);
    const { contract, state } = await readinessOf(tx, negotiation.id, now);
    // Ready was checked when it was marked; nothing can change while ready, but the rule is cheap.
    if (!state.ready) throw new FieldError("form", `The contract is not ready. ${readinessBlockers(state).join(" ")}`);
    await tx.negotiation.update({ where: { id: negotiation.id }, data: { status: "CONCLUDED", closedAt: now } });
    const agreedTerms = await tx.contractTerm.findMany({
      where: { negotiationId: negotiation.id, status: "AGREED" },
      orderBy: { position: "asc" },
      select: { title: true, agreedWording: true },
    });
    await recordAudit(tx, {
      actor,
      action: "negotiation.concluded",
      entityType: "Negotiation",
      entityId: negotiation.id,
      rfpId,
      before: { status: "READY" },
      after: {
        status: "CONCLUDED",
        vendor: negotiation.invitation.vendor.name,
        termLengthMonths: contract.termLengthMonths,
        renewal: contract.renewal,
        noticePeriodDays: contract.noticePeriodDays,
        slaLines: contract.slaLines.map((line) => `${line.metric}: ${line.target}`),
        agreedTerms,
        obligations: contract.commitments.filter((item) => item.disposition === "OBLIGATION").length,
      },
    });
    const { version } = await tx.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { version: true } });
    await transitionRfpInTx(tx, actor, rfpId, { to: "AWARDED", expectedVersion: version, origin: input.origin }, now);
    await notifyVendors(tx, rfpId, negotiation);
  });
}

async function notifyVendors(
  tx: TransactionClient,
  rfpId: string,
  negotiation: { invitationId: string; rfp: { reference: string; title: string } },
) {
  const invitations = await tx.invitation.findMany({
    where: { rfpId, OR: [{ id: negotiation.invitationId }, { status: "RESERVE" }] },
    select: { id: true, vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
  });
  for (const invitation of invitations) {
    if (!invitation.contact) continue;
    const facts = {
      rfp: negotiation.rfp,
      vendorName: invitation.vendor.name,
      buyer: BUYER_NAME,
      contactName: invitation.contact.name,
    };
    const winner = invitation.id === negotiation.invitationId;
    await queueMessage(tx, {
      rfpId,
      invitationId: invitation.id,
      kind: winner ? "contract_concluded" : "reserve_released",
      toEmail: invitation.contact.email,
      toName: invitation.contact.name,
      ...(winner ? contractConcludedMessage(facts) : reserveReleasedMessage(facts)),
    });
  }
}

/**
 * "Negotiation has broken down": the winner's negotiation is closed with the reason, its
 * invitation becomes ELIMINATED (it no longer holds the award; ELIMINATED is the status for a
 * vendor out of the running after the shortlist), and a negotiation opens with the runner-up of
 * the approved recommendation, pre-filled from its own proposal and with the same sponsor.
 * Without a runner-up in reserve there is nothing to fall back to: refused.
 */
export async function breakDownNegotiation(
  actor: UserActor,
  rfpId: string,
  input: { negotiationId: string; version: number; reason: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const negotiation = await claimNegotiation(tx, rfpId, input.negotiationId, input.version, ["OPEN", "READY"]);
    const runnerUp = await findRunnerUp(tx, rfpId);
    if (!runnerUp || runnerUp.invitationId === negotiation.invitationId || runnerUp.negotiated) {
      throw new FieldError(
        "reason",
        "There is no runner-up in reserve to fall back to, so the negotiation stays open. Keep negotiating, or cancel the RFP from its overview if the purchase cannot go ahead.",
      );
    }
    await tx.negotiation.update({
      where: { id: negotiation.id },
      data: { status: "BROKEN_DOWN", breakdownReason: input.reason, closedAt: now, readyAt: null },
    });
    await tx.invitation.update({ where: { id: negotiation.invitationId }, data: { status: "ELIMINATED" } });
    await recordAudit(tx, {
      actor,
      action: "negotiation.broken_down",
      entityType: "Negotiation",
      entityId: negotiation.id,
      rfpId,
      before: { status: negotiation.status, invitationStatus: "AWARDED" },
      after: {
        status: "BROKEN_DOWN",
        reason: input.reason,
        invitationStatus: "ELIMINATED",
        fallbackTo: runnerUp.vendorName,
      },
    });
    const opened = await openNegotiationInTx(tx, actor, rfpId, runnerUp.invitationId, {
      now,
      sponsorId: negotiation.sponsorId,
      fallbackFrom: negotiation.id,
    });
    const contacts = await tx.invitation.findMany({
      where: { id: { in: [negotiation.invitationId, runnerUp.invitationId] } },
      select: { id: true, vendor: { select: { name: true } }, contact: { select: { name: true, email: true } } },
    });
    for (const invitation of contacts) {
      if (!invitation.contact) continue;
      const facts = {
        rfp: negotiation.rfp,
        vendorName: invitation.vendor.name,
        buyer: BUYER_NAME,
        contactName: invitation.contact.name,
      };
      const former = invitation.id === negotiation.invitationId;
      await queueMessage(tx, {
        rfpId,
        invitationId: invitation.id,
        kind: former ? "negotiation_ended" : "negotiation_invitation",
        toEmail: invitation.contact.email,
        toName: invitation.contact.name,
        ...(former ? negotiationEndedMessage(facts) : fallbackNegotiationMessage(facts)),
      });
    }
    return { negotiationId: opened.id, vendorName: runnerUp.vendorName };
  });
}

/** A negotiation that broke down, read-only: what had been negotiated when it ended, and why it ended. */
export function getPastNegotiation(rfpId: string, negotiationId: string) {
  return prisma.negotiation.findFirst({
    where: { id: negotiationId, rfpId, status: "BROKEN_DOWN" },
    select: {
      id: true,
      openedAt: true,
      closedAt: true,
      breakdownReason: true,
      termLengthMonths: true,
      renewal: true,
      serviceTier: true,
      invitation: { select: { vendor: { select: { name: true } } } },
      terms: {
        orderBy: { position: "asc" },
        select: { id: true, title: true, status: true, agreedWording: true, escalationDecision: true },
      },
      commitments: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, text: true, disposition: true, obligationWording: true, dropReason: true },
      },
      slaLines: { orderBy: { position: "asc" }, select: { id: true, metric: true, target: true, serviceCredit: true } },
    },
  });
}
