import { prisma, type TransactionClient } from "~/db.server";
import {
  type AwardChoice,
  choiceIssues,
  draftRecommendationMemo,
  NOTICE_KIND_INFO,
  type NoticeKind,
  noticeKindFor,
  roundOutcome,
} from "~/domain/award";
import { type ExecutiveReview, mainRisks } from "~/domain/award-review";
import { takeReviewSnapshot } from "~/domain/review-snapshot";
import { formatMoney } from "~/utils/dates";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { forbidden, notFound } from "~/utils/http.server";
import {
  approvalRequestedMessage,
  intentToAwardNotice,
  recommendationApprovedMessage,
  recommendationReturnedMessage,
  regretNotice,
  reserveNotice,
} from "~/utils/messages";
import { type Actor, recordAudit, type UserActor } from "./audit.server";
import { computeReviewInTx, rankedVendors, readEvaluationState, reviewToShow } from "./award-review.server";
import { BUYER_NAME } from "./invitation-link.server";
import { openNegotiationInTx } from "./negotiation.server";
import { queueMessage } from "./outbox.server";
import { transitionRfpInTx } from "./rfp.server";

/**
 * The award: the lead's recommendation (memo drafted from the review, then edited), submitted to
 * named executives; each approves or returns it with a comment. When the last one approves, in the
 * same transaction: the notices go out through the outbox, invitations become AWARDED / RESERVE /
 * ELIMINATED, the RFP moves to NEGOTIATION and the winner's negotiation opens.
 */

const recommendationSelect = {
  id: true,
  rfpId: true,
  status: true,
  round: true,
  version: true,
  memo: true,
  submittedAt: true,
  decidedAt: true,
  createdAt: true,
  recommended: { select: { id: true, vendor: { select: { name: true } } } },
  runnerUp: { select: { id: true, vendor: { select: { name: true } } } },
  approvals: {
    orderBy: [{ round: "asc" as const }, { approver: { name: "asc" as const } }],
    select: {
      id: true,
      round: true,
      decision: true,
      comment: true,
      decidedAt: true,
      approver: { select: { id: true, name: true, email: true } },
    },
  },
};

export function findCurrentRecommendation(db: TransactionClient, rfpId: string) {
  return db.recommendation.findFirst({
    where: { rfpId },
    orderBy: { createdAt: "desc" },
    select: recommendationSelect,
  });
}

/**
 * The lead's review page: the review (frozen once submitted, see award-review.server.reviewToShow),
 * the recommendation and, while the lead can still submit it, who may approve it.
 */
export async function getAwardPage(rfp: AwardRfp) {
  const [found, state] = await Promise.all([
    prisma.recommendation.findFirst({
      where: { rfpId: rfp.id },
      orderBy: { createdAt: "desc" },
      select: { ...recommendationSelect, submittedReview: true },
    }),
    readEvaluationState(prisma, rfp.id),
  ]);
  const submittable = !found || found.status === "DRAFT" || found.status === "RETURNED";
  const [shown, executives] = await Promise.all([
    reviewToShow(rfp.id, found, "TEAM", state),
    submittable ? listExecutives() : Promise.resolve([]),
  ]);
  return {
    rfp: pickRfp(rfp),
    review: shown.basis.kind === "LIVE" ? forChoice(shown.review, found) : shown.review,
    basis: shown.basis,
    recommendation: found ? withoutSnapshot(found) : null,
    executives,
  };
}

/** The stored review is served as `review`; the recommendation itself goes out without it. */
function withoutSnapshot<T extends { submittedReview: unknown }>(recommendation: T): Omit<T, "submittedReview"> {
  const { submittedReview: _snapshot, ...rest } = recommendation;
  return rest;
}

/** The risks are those of the vendor actually recommended (the lead's pick when first place was shared). */
function forChoice(review: ExecutiveReview, recommendation: { recommended: { id: string } } | null): ExecutiveReview {
  if (!recommendation || recommendation.recommended.id === review.recommendedId) return review;
  return { ...review, risks: mainRisks(review, recommendation.recommended.id) };
}

type AwardRfp = { id: string; reference: string; title: string; stage: string; timeZone: string };

function pickRfp(rfp: AwardRfp): AwardRfp {
  return { id: rfp.id, reference: rfp.reference, title: rfp.title, stage: rfp.stage, timeZone: rfp.timeZone };
}

export function listExecutives() {
  return prisma.user.findMany({
    where: { role: "EXECUTIVE", disabledAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

/**
 * A named approver's view of one recommendation: executives are usually not on the RFP's team,
 * so being named (in any round) is what grants access. Anyone else: 404, to not reveal it exists.
 */
export async function getApproverView(userId: string, recommendationId: string) {
  const found = await prisma.recommendation.findFirst({
    where: { id: recommendationId, approvals: { some: { approverId: userId } } },
    select: {
      ...recommendationSelect,
      submittedReview: true,
      rfp: { select: { id: true, reference: true, title: true, stage: true, timeZone: true } },
    },
  });
  if (!found) throw notFound("We could not find that recommendation among your approvals.");
  const { review, basis } = await reviewToShow(found.rfpId, found, "APPROVER");
  const { rfp, ...recommendation } = withoutSnapshot(found);
  const mine = recommendation.approvals.find(
    (approval) => approval.approver.id === userId && approval.round === recommendation.round,
  );
  const canDecide = recommendation.status === "SUBMITTED" && mine?.decision === "PENDING";
  return {
    rfp: pickRfp(rfp),
    review: basis.kind === "LIVE" ? forChoice(review, recommendation) : review,
    basis,
    recommendation,
    canDecide,
  };
}

/** The executive's queue: approvals waiting for them, then their past decisions. */
export async function listApprovalsFor(userId: string) {
  const approvals = await prisma.approval.findMany({
    where: { approverId: userId },
    orderBy: { recommendation: { submittedAt: "desc" } },
    select: {
      id: true,
      round: true,
      decision: true,
      decidedAt: true,
      recommendation: {
        select: {
          id: true,
          status: true,
          round: true,
          submittedAt: true,
          recommended: { select: { vendor: { select: { name: true } } } },
          rfp: { select: { reference: true, title: true, timeZone: true } },
        },
      },
    },
  });
  const pending = approvals.filter(
    (approval) =>
      approval.decision === "PENDING" &&
      approval.recommendation.status === "SUBMITTED" &&
      approval.round === approval.recommendation.round,
  );
  const decided = approvals.filter((approval) => approval.decision !== "PENDING");
  return { pending, decided };
}

export async function countPendingApprovals(userId: string) {
  const pending = await listApprovalsFor(userId);
  return pending.pending.length;
}

// Lead: draft, edit, submit ------------------------------------------------------------------

export async function createRecommendation(actor: UserActor, rfpId: string, choice: AwardChoice) {
  return prisma.$transaction(async (tx) => {
    const existing = await findCurrentRecommendation(tx, rfpId);
    if (existing)
      throw new ConflictError("A recommendation already exists for this RFP. Review the page and try again.");
    const { rfp, review } = await computeReviewInTx(tx, rfpId);
    if (rfp.stage !== "DECISION") {
      throw new FieldError("form", "A recommendation is drafted in the decision stage, after the interviews.");
    }
    const issue = choiceIssues(review, choice)[0];
    if (issue) throw new FieldError(issue.field, issue.message);
    const memo = draftRecommendationMemo(review, {
      rfp,
      choice,
      money: (amount) => formatMoney(amount, rfp.currency),
    });
    const recommendation = await tx.recommendation.create({
      data: {
        rfpId,
        recommendedInvitationId: choice.recommendedId,
        runnerUpInvitationId: choice.runnerUpId,
        memo,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "recommendation.drafted",
      entityType: "Recommendation",
      entityId: recommendation.id,
      rfpId,
      after: {
        recommended: review.names[choice.recommendedId],
        runnerUp: choice.runnerUpId ? review.names[choice.runnerUpId] : null,
      },
    });
    return recommendation;
  });
}

/** Claims the recommendation at the version the form was based on, in one of `statuses`. */
async function claimRecommendation(
  tx: TransactionClient,
  rfpId: string,
  recommendationId: string,
  version: number,
  statuses: ("DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED")[],
) {
  const recommendation = await tx.recommendation.findFirst({
    where: { id: recommendationId, rfpId },
    select: {
      ...recommendationSelect,
      rfp: { select: { reference: true, title: true, stage: true, version: true, currency: true } },
    },
  });
  if (!recommendation) throw new FieldError("form", "This recommendation no longer exists.");
  if (recommendation.version !== version) {
    throw new ConflictError("The recommendation changed after you opened it. Review the page and try again.");
  }
  if (!statuses.includes(recommendation.status)) {
    const why = {
      DRAFT: "It has not been submitted yet.",
      SUBMITTED: "It is with the executives for approval.",
      RETURNED: "It was returned to the lead.",
      APPROVED: "It has been approved.",
    }[recommendation.status];
    throw new FieldError("form", `That is not possible now. ${why}`);
  }
  const { count } = await tx.recommendation.updateMany({
    where: { id: recommendationId, version },
    data: { version: { increment: 1 } },
  });
  if (count === 0)
    throw new ConflictError("The recommendation changed after you opened it. Review the page and try again.");
  return recommendation;
}

export async function saveMemo(
  actor: UserActor,
  rfpId: string,
  input: { recommendationId: string; version: number; memo: string },
) {
  return prisma.$transaction(async (tx) => {
    const recommendation = await claimRecommendation(tx, rfpId, input.recommendationId, input.version, [
      "DRAFT",
      "RETURNED",
    ]);
    await tx.recommendation.update({ where: { id: recommendation.id }, data: { memo: input.memo } });
    await recordAudit(tx, {
      actor,
      action: "recommendation.memo_edited",
      entityType: "Recommendation",
      entityId: recommendation.id,
      rfpId,
      before: { characters: recommendation.memo.length },
      after: { characters: input.memo.length },
    });
  });
}

export async function submitRecommendation(
  actor: UserActor,
  rfpId: string,
  input: { recommendationId: string; version: number; approverIds: string[]; origin: string },
) {
  return prisma.$transaction(async (tx) => {
    const recommendation = await claimRecommendation(tx, rfpId, input.recommendationId, input.version, [
      "DRAFT",
      "RETURNED",
    ]);
    if (recommendation.rfp.stage !== "DECISION") {
      throw new FieldError("form", "Recommendations are submitted in the decision stage.");
    }
    const approverIds = [...new Set(input.approverIds)];
    const approvers = await tx.user.findMany({
      where: { id: { in: approverIds }, role: "EXECUTIVE", disabledAt: null },
      select: { id: true, name: true, email: true },
    });
    if (approvers.length === 0 || approvers.length !== approverIds.length) {
      throw new FieldError("approverIds", "Choose one or more active executives to approve the award.");
    }
    const round = recommendation.status === "DRAFT" ? recommendation.round : recommendation.round + 1;
    await tx.recommendation.update({
      where: { id: recommendation.id },
      data: { status: "SUBMITTED", round, submittedAt: new Date() },
    });
    await freezeSubmittedReview(tx, recommendation.id);
    await tx.approval.createMany({
      data: approvers.map((approver) => ({ recommendationId: recommendation.id, approverId: approver.id, round })),
    });
    await recordAudit(tx, {
      actor,
      action: "recommendation.submitted",
      entityType: "Recommendation",
      entityId: recommendation.id,
      rfpId,
      before: { status: recommendation.status },
      after: { status: "SUBMITTED", round, approvers: approvers.map((approver) => approver.email) },
    });
    for (const approver of approvers) {
      await queueMessage(tx, {
        rfpId,
        kind: "approval_requested",
        toEmail: approver.email,
        toName: approver.name,
        ...approvalRequestedMessage({
          rfp: recommendation.rfp,
          executiveName: approver.name,
          leadName: actor.label,
          vendorName: recommendation.recommended.vendor.name,
          round,
          link: `${input.origin}/approvals/${recommendation.id}`,
        }),
      });
    }
    return { round, approvers };
  });
}

/**
 * What the executives approve is frozen with the submission (domain/review-snapshot): the review
 * as it stands is stored with the recommendation's round and submission time. Called when the
 * lead submits; a seed that writes a submitted recommendation directly calls it the same way.
 */
export async function freezeSubmittedReview(tx: TransactionClient, recommendationId: string) {
  const recommendation = await tx.recommendation.findUniqueOrThrow({
    where: { id: recommendationId },
    select: { rfpId: true, round: true, submittedAt: true, recommended: { select: { id: true } } },
  });
  if (!recommendation.submittedAt) throw new Error("Only a submitted recommendation has a review to freeze.");
  const { review, fingerprint } = await computeReviewInTx(tx, recommendation.rfpId);
  const snapshot = takeReviewSnapshot(forChoice(review, recommendation), {
    round: recommendation.round,
    submittedAt: recommendation.submittedAt,
    fingerprint,
  });
  await tx.recommendation.update({ where: { id: recommendationId }, data: { submittedReview: snapshot } });
}

// Executives: approve or return ----------------------------------------------------------------

export async function decideApproval(
  actor: UserActor,
  input: {
    recommendationId: string;
    round: number;
    decision: "APPROVED" | "RETURNED";
    comment: string;
    origin: string;
  },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.recommendation.findUnique({
      where: { id: input.recommendationId },
      select: {
        rfpId: true,
        round: true,
        version: true,
        approvals: { where: { approverId: actor.id }, select: { id: true } },
      },
    });
    // Only a named approver learns anything about this recommendation.
    if (!found || found.approvals.length === 0)
      throw notFound("We could not find that recommendation among your approvals.");
    // Executives decide independently: another approver's decision does not make this form stale,
    // a revision (a new round) does.
    if (found.round !== input.round) {
      throw new ConflictError("The recommendation was revised after you opened it. Read it again and decide.");
    }
    const recommendation = await claimRecommendation(tx, found.rfpId, input.recommendationId, found.version, [
      "SUBMITTED",
    ]);
    const rfpId = recommendation.rfpId;
    const approval = recommendation.approvals.find(
      (candidate) => candidate.approver.id === actor.id && candidate.round === recommendation.round,
    );
    if (!approval) throw forbidden("You are not an approver of this round of the recommendation.");
    if (approval.decision !== "PENDING")
      throw new FieldError("form", "You have already decided on this recommendation.");
    if (input.decision === "RETURNED" && input.comment.trim().length === 0) {
      throw new FieldError("comment", "Say what the lead should change.");
    }
    await tx.approval.update({
      where: { id: approval.id },
      data: { decision: input.decision, comment: input.comment.trim(), decidedAt: now },
    });
    await recordAudit(tx, {
      actor,
      action: input.decision === "APPROVED" ? "recommendation.approved_by" : "recommendation.returned_by",
      entityType: "Recommendation",
      entityId: recommendation.id,
      rfpId,
      after: { round: recommendation.round, decision: input.decision, comment: input.comment.trim() || undefined },
    });
    const decisions = recommendation.approvals
      .filter((candidate) => candidate.round === recommendation.round)
      .map((candidate) => (candidate.id === approval.id ? input.decision : candidate.decision));
    const outcome = roundOutcome(decisions);
    const leads = await tx.rfpMember.findMany({
      where: { rfpId, role: "LEAD" },
      select: { user: { select: { name: true, email: true } } },
    });
    if (outcome === "RETURNED") {
      await tx.recommendation.update({ where: { id: recommendation.id }, data: { status: "RETURNED" } });
      await recordAudit(tx, {
        actor,
        action: "recommendation.returned",
        entityType: "Recommendation",
        entityId: recommendation.id,
        rfpId,
        before: { status: "SUBMITTED" },
        after: { status: "RETURNED", round: recommendation.round },
      });
      for (const lead of leads) {
        await queueMessage(tx, {
          rfpId,
          kind: "recommendation_returned",
          toEmail: lead.user.email,
          toName: lead.user.name,
          ...recommendationReturnedMessage({
            rfp: recommendation.rfp,
            leadName: lead.user.name,
            executiveName: actor.label,
            comment: input.comment.trim(),
            link: `${input.origin}/rfps/${rfpId}/review`,
          }),
        });
      }
      return { outcome };
    }
    if (outcome === "APPROVED") {
      await tx.recommendation.update({
        where: { id: recommendation.id },
        data: { status: "APPROVED", decidedAt: now },
      });
      await recordAudit(tx, {
        actor,
        action: "recommendation.award_approved",
        entityType: "Recommendation",
        entityId: recommendation.id,
        rfpId,
        before: { status: "SUBMITTED" },
        after: { status: "APPROVED", round: recommendation.round },
      });
      const approvers = recommendation.approvals.filter((candidate) => candidate.round === recommendation.round);
      const notices = await awardInTx(tx, actor, rfpId, {
        choice: { recommendedId: recommendation.recommended.id, runnerUpId: recommendation.runnerUp?.id ?? null },
        sponsorId: approvers.length === 1 ? (approvers[0]?.approver.id ?? null) : null,
        rfpVersion: recommendation.rfp.version,
        origin: input.origin,
        now,
      });
      for (const lead of leads) {
        await queueMessage(tx, {
          rfpId,
          kind: "recommendation_approved",
          toEmail: lead.user.email,
          toName: lead.user.name,
          ...recommendationApprovedMessage({
            rfp: recommendation.rfp,
            leadName: lead.user.name,
            vendorName: recommendation.recommended.vendor.name,
            notices,
            link: `${input.origin}/rfps/${rfpId}/negotiation`,
          }),
        });
      }
    }
    return { outcome };
  });
}

/**
 * The award itself, inside the final approval's transaction: notices (the lead's edited text, or
 * the template) queued and marked sent, invitation statuses, the stage move and the negotiation.
 */
async function awardInTx(
  tx: TransactionClient,
  actor: UserActor,
  rfpId: string,
  input: { choice: AwardChoice; sponsorId: string | null; rfpVersion: number; origin: string; now: Date },
) {
  const drafts = await noticeDrafts(tx, rfpId, input.choice);
  let queued = 0;
  for (const draft of drafts) {
    if (draft.contact) {
      await queueMessage(tx, {
        rfpId,
        invitationId: draft.invitationId,
        kind: `award_${draft.kind.toLowerCase()}`,
        toEmail: draft.contact.email,
        toName: draft.contact.name,
        subject: draft.subject,
        bodyText: draft.bodyText,
      });
      queued++;
    }
    await tx.awardNotice.upsert({
      where: { invitationId_kind: { invitationId: draft.invitationId, kind: draft.kind } },
      create: {
        rfpId,
        invitationId: draft.invitationId,
        kind: draft.kind,
        subject: draft.subject,
        bodyText: draft.bodyText,
        sentAt: draft.contact ? input.now : null,
      },
      update: { sentAt: draft.contact ? input.now : null },
    });
    // The winner becomes AWARDED when its negotiation opens (below).
    if (draft.kind !== "INTENT_TO_AWARD") {
      await tx.invitation.update({
        where: { id: draft.invitationId },
        data: { status: NOTICE_KIND_INFO[draft.kind].status },
      });
    }
  }
  await recordAudit(tx, {
    actor,
    action: "award.notices_sent",
    entityType: "Rfp",
    entityId: rfpId,
    rfpId,
    after: {
      notices: drafts.map((draft) => ({ vendor: draft.vendorName, kind: draft.kind, queued: draft.contact !== null })),
    },
  });
  await transitionRfpInTx(
    tx,
    actor,
    rfpId,
    { to: "NEGOTIATION", expectedVersion: input.rfpVersion, origin: input.origin },
    input.now,
  );
  await openNegotiationInTx(tx, actor, rfpId, input.choice.recommendedId, {
    now: input.now,
    sponsorId: input.sponsorId,
  });
  return queued;
}

// Notices: drafted from templates, edited by the lead before the award -----------------------------

export type NoticeDraft = {
  invitationId: string;
  vendorName: string;
  kind: NoticeKind;
  subject: string;
  bodyText: string;
  edited: boolean;
  sentAt: Date | null;
  contact: { name: string; email: string } | null;
};

/** One notice per ranked vendor: the stored (edited) text for its kind, else the template. */
export async function noticeDrafts(db: TransactionClient, rfpId: string, choice: AwardChoice): Promise<NoticeDraft[]> {
  const rfp = await db.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { reference: true, title: true } });
  const vendors = await rankedVendors(db, rfpId);
  const stored = await db.awardNotice.findMany({
    where: { rfpId },
    select: { invitationId: true, kind: true, subject: true, bodyText: true, sentAt: true },
  });
  const ordered = [
    ...vendors.filter((vendor) => vendor.id === choice.recommendedId),
    ...vendors.filter((vendor) => vendor.id === choice.runnerUpId),
    ...vendors.filter((vendor) => vendor.id !== choice.recommendedId && vendor.id !== choice.runnerUpId),
  ];
  return ordered.map((vendor) => {
    const kind = noticeKindFor(vendor.id, choice);
    const saved = stored.find((notice) => notice.invitationId === vendor.id && notice.kind === kind);
    const template = noticeTemplate(kind)({
      rfp,
      buyer: BUYER_NAME,
      vendorName: vendor.vendor.name,
      contactName: vendor.contact?.name ?? null,
    });
    return {
      invitationId: vendor.id,
      vendorName: vendor.vendor.name,
      kind,
      subject: saved?.subject ?? template.subject,
      bodyText: saved?.bodyText ?? template.bodyText,
      edited: saved !== undefined,
      sentAt: saved?.sentAt ?? null,
      contact: vendor.contact,
    };
  });
}

function noticeTemplate(kind: NoticeKind) {
  return { INTENT_TO_AWARD: intentToAwardNotice, RESERVE: reserveNotice, REGRET: regretNotice }[kind];
}

export async function getNoticesPage(rfpId: string) {
  const recommendation = await findCurrentRecommendation(prisma, rfpId);
  if (!recommendation) return { recommendation: null, notices: [] };
  const notices = await noticeDrafts(prisma, rfpId, {
    recommendedId: recommendation.recommended.id,
    runnerUpId: recommendation.runnerUp?.id ?? null,
  });
  return { recommendation, notices };
}

export async function saveNotice(
  actor: Actor,
  rfpId: string,
  input: { invitationId: string; subject: string; bodyText: string },
) {
  return prisma.$transaction(async (tx) => {
    const recommendation = await findCurrentRecommendation(tx, rfpId);
    if (!recommendation) throw new FieldError("form", "Draft the recommendation first; the notices follow from it.");
    if (recommendation.status === "APPROVED")
      throw new FieldError("form", "The notices have been sent; they can no longer change.");
    const choice = { recommendedId: recommendation.recommended.id, runnerUpId: recommendation.runnerUp?.id ?? null };
    const drafts = await noticeDrafts(tx, rfpId, choice);
    const draft = drafts.find((candidate) => candidate.invitationId === input.invitationId);
    if (!draft) throw new FieldError("form", "This vendor gets no award notice on this RFP.");
    await tx.awardNotice.upsert({
      where: { invitationId_kind: { invitationId: draft.invitationId, kind: draft.kind } },
      create: {
        rfpId,
        invitationId: draft.invitationId,
        kind: draft.kind,
        subject: input.subject,
        bodyText: input.bodyText,
      },
      update: { subject: input.subject, bodyText: input.bodyText },
    });
    await recordAudit(tx, {
      actor,
      action: "award.notice_edited",
      entityType: "AwardNotice",
      entityId: draft.invitationId,
      rfpId,
      before: { subject: draft.subject },
      after: { vendor: draft.vendorName, kind: draft.kind, subject: input.subject },
    });
    return draft;
  });
}
