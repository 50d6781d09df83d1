/**
 * What the executives approve is frozen with the submission (domain/review-snapshot); before it,
 * the live review is cached by the evaluation's fingerprint and recomputed after any change.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { readReviewSnapshot } from "~/domain/review-snapshot";
import { Prisma } from "~/generated/prisma/client";
import { loadDecisionMemo } from "~/models/exports.server";
import * as approvalRoute from "~/routes/approvals.$recommendationId";
import * as reviewRoute from "~/routes/rfps.$rfpId.review";
import { runWithRequestContext } from "~/utils/request-context.server";
import { createAwardRfp, currentRecommendation } from "../fixtures/award";
import { sessionCookie } from "../fixtures/factories";
import { buildRequest, callAction, callLoader } from "../fixtures/routes";

// Must be set before the database opens (tests/setup/database.ts opens it in beforeAll).
process.env.QUERY_COUNTING = "1";

type Fixture = Awaited<ReturnType<typeof createAwardRfp>>;
type ReviewPage = Awaited<ReturnType<typeof reviewRoute.loader>>;
type ApprovalPage = Awaited<ReturnType<typeof approvalRoute.loader>>;

async function reviewPage(fixture: Fixture) {
  const path = `/rfps/${fixture.rfp.id}/review`;
  const params = { rfpId: fixture.rfp.id };
  const result = await callLoader(reviewRoute, path, { params, cookie: await sessionCookie(fixture.lead) });
  expect(result.status).toBe(200);
  return result.data as ReviewPage;
}

async function approvalPage(fixture: Fixture, recommendationId: string) {
  const result = await callLoader(approvalRoute, `/approvals/${recommendationId}`, {
    params: { recommendationId },
    cookie: await sessionCookie(fixture.executive),
  });
  expect(result.status).toBe(200);
  return result.data as ApprovalPage;
}

/** The lead's review page, counting the queries its loader makes. */
async function countedReviewPage(fixture: Fixture) {
  const cookie = await sessionCookie(fixture.lead);
  const context = { requestId: "snapshot-test", ip: "127.0.0.1", queries: 0 };
  const page = await runWithRequestContext(context, () =>
    reviewRoute.loader({
      request: buildRequest(`/rfps/${fixture.rfp.id}/review`, { cookie }),
      params: { rfpId: fixture.rfp.id },
      context: { cspNonce: "", requestId: "snapshot-test" },
    }),
  );
  return { page, queries: context.queries };
}

function totals(review: ReviewPage["review"]) {
  if (!review.ranking.ok) throw new Error(review.ranking.problems.join(" "));
  return Object.fromEntries(review.ranking.rows.map((row) => [row.vendorId, Number(row.total.toFixed(2))]));
}

async function draftAndSubmit(fixture: Fixture) {
  const path = `/rfps/${fixture.rfp.id}/review`;
  const params = { rfpId: fixture.rfp.id };
  const cookie = await sessionCookie(fixture.lead);
  const drafted = await callAction(reviewRoute, path, {
    params,
    cookie,
    form: { intent: "create", recommendedId: fixture.winner.id, runnerUpId: fixture.runnerUp.id },
  });
  expect(drafted.status).toBe(302);
  const recommendation = await currentRecommendation(fixture.rfp.id);
  const form = new FormData();
  form.append("intent", "submit");
  form.append("recommendationId", recommendation.id);
  form.append("version", String(recommendation.version));
  form.append("approverIds", fixture.executive.id);
  expect((await callAction(reviewRoute, path, { params, cookie, form })).status).toBe(302);
  return currentRecommendation(fixture.rfp.id);
}

/**
 * Re-scores a vendor's written sheets the way the scoring sheet saves them: new scores and the
 * sheet's version up by one (models/scoring.server.saveScoreSheet). The scoring module refuses
 * this once the RFP has left evaluation; here it stands for any correction made afterwards.
 */
async function rescore(invitationId: string, value: number) {
  await prisma.score.updateMany({ where: { sheet: { invitationId } }, data: { value } });
  await prisma.scoreSheet.updateMany({ where: { invitationId }, data: { version: { increment: 1 } } });
}

describe("the review submitted for approval is frozen", () => {
  it("stores the review with the submission; a score changed afterwards leaves it as submitted, with a warning", async () => {
    const fixture = await createAwardRfp();
    const live = await reviewPage(fixture);
    expect(live.basis).toEqual({ kind: "LIVE" });
    const submittedTotals = totals(live.review);
    expect(submittedTotals[fixture.winner.id]).toBeCloseTo(96, 6);

    const recommendation = await draftAndSubmit(fixture);
    const stored = await prisma.recommendation.findUniqueOrThrow({
      where: { id: recommendation.id },
      select: { submittedAt: true, submittedReview: true },
    });
    const snapshot = readReviewSnapshot(stored.submittedReview);
    expect(snapshot).toMatchObject({ version: 1, round: 1, submittedAt: stored.submittedAt?.toISOString() });
    expect(snapshot?.review.recommendedId).toBe(fixture.winner.id);
    expect(totals(snapshot?.review ?? live.review)).toEqual(submittedTotals);

    const frozen = await reviewPage(fixture);
    expect(frozen.basis).toEqual({
      kind: "SUBMITTED",
      round: 1,
      submittedAt: stored.submittedAt?.toISOString(),
      changedSince: false,
    });
    expect(totals(frozen.review)).toEqual(submittedTotals);
    // The snapshot is served as the review, not a second time with the recommendation.
    expect(frozen.recommendation).not.toHaveProperty("submittedReview");
    expect((await approvalPage(fixture, recommendation.id)).basis).toMatchObject({ changedSince: false });

    // Contoso's written scores drop to 1 of 5 after submission: live, Fabrikam would now lead.
    await rescore(fixture.winner.id, 1);
    const after = await reviewPage(fixture);
    expect(totals(after.review)).toEqual(submittedTotals);
    expect(after.review.recommendedId).toBe(fixture.winner.id);
    expect(after.basis).toMatchObject({ kind: "SUBMITTED", round: 1, changedSince: true });
    const approver = await approvalPage(fixture, recommendation.id);
    expect(totals(approver.review)).toEqual(submittedTotals);
    expect(approver.basis).toMatchObject({ kind: "SUBMITTED", changedSince: true });
    // The decision memo's final ranking is the one the executives were shown.
    const memo = await loadDecisionMemo(fixture.rfp.id);
    expect(memo?.finalRanking?.rows[0]?.invitationId).toBe(fixture.winner.id);
    expect(memo?.finalRanking?.rows[0]?.total).toBeCloseTo(96, 6);

    // Returned: the lead revises from the live review; the approver still reads what was returned.
    const returned = await callAction(approvalRoute, `/approvals/${recommendation.id}`, {
      params: { recommendationId: recommendation.id },
      cookie: await sessionCookie(fixture.executive),
      form: { intent: "decide", round: "1", decision: "RETURNED", comment: "The scores changed; resubmit." },
    });
    expect(returned.status).toBe(302);
    const revising = await reviewPage(fixture);
    expect(revising.basis).toEqual({ kind: "LIVE" });
    expect(revising.review.recommendedId).toBe(fixture.runnerUp.id);
    expect(totals((await approvalPage(fixture, recommendation.id)).review)).toEqual(submittedTotals);
  });

  it("an approved review is not reported as changed by its own award", async () => {
    const fixture = await createAwardRfp();
    const recommendation = await draftAndSubmit(fixture);
    const approved = await callAction(approvalRoute, `/approvals/${recommendation.id}`, {
      params: { recommendationId: recommendation.id },
      cookie: await sessionCookie(fixture.executive),
      form: { intent: "decide", round: "1", decision: "APPROVED", comment: "" },
    });
    expect(approved.status).toBe(302);
    // The award moved the RFP to negotiation and changed every vendor's status: not the evaluation.
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: fixture.rfp.id } })).stage).toBe("NEGOTIATION");
    const page = await reviewPage(fixture);
    expect(page.recommendation?.status).toBe("APPROVED");
    expect(page.basis).toMatchObject({ kind: "SUBMITTED", round: 1, changedSince: false });
    // Nobody can submit any more: the executives' list is not loaded.
    expect(page.executives).toEqual([]);
  });

  it("a recommendation submitted before reviews were stored shows the live review", async () => {
    const fixture = await createAwardRfp();
    const recommendation = await draftAndSubmit(fixture);
    await prisma.recommendation.update({ where: { id: recommendation.id }, data: { submittedReview: Prisma.DbNull } });
    const page = await reviewPage(fixture);
    expect(page.basis).toEqual({ kind: "LIVE" });
    expect(page.review.recommendedId).toBe(fixture.winner.id);
    expect((await approvalPage(fixture, recommendation.id)).basis).toEqual({ kind: "LIVE" });
  });
});

describe("the live review before submission", () => {
  it("is computed once per state of the evaluation and recomputed after any change to it", async () => {
    const fixture = await createAwardRfp();
    const first = await countedReviewPage(fixture);
    const again = await countedReviewPage(fixture);
    // The second view is served from the cache: the facts (rfp with vendors, scores) are not read.
    expect(again.queries).toBe(first.queries - 2);
    expect(totals(again.page.review)).toEqual(totals(first.page.review));
    expect(again.page.review.recommendedId).toBe(fixture.winner.id);

    // A written score changes (the sheet's version goes up): the next view has the new ranking.
    await rescore(fixture.winner.id, 1);
    const rescored = await countedReviewPage(fixture);
    expect(rescored.queries).toBe(first.queries);
    expect(rescored.page.review.recommendedId).toBe(fixture.runnerUp.id);

    // A consensus score replaces the panel's scores for one item.
    const criterion = await prisma.criterion.findFirstOrThrow({
      where: { rfpId: fixture.rfp.id, stage: "WRITTEN", parentId: { not: null } },
      orderBy: { position: "asc" },
    });
    await prisma.consensusScore.create({
      data: {
        rfpId: fixture.rfp.id,
        invitationId: fixture.winner.id,
        criterionId: criterion.id,
        value: 5,
        rationale: "Agreed in the consensus meeting.",
        decidedById: fixture.lead.id,
      },
    });
    const agreed = await reviewPage(fixture);
    const winnerRow = agreed.review.ranking.ok
      ? agreed.review.ranking.rows.find((row) => row.vendorId === fixture.winner.id)
      : undefined;
    // Service desk (60%) agreed at 5/5, security (40%) still 1/5: 60 + 8 = 68.
    expect(winnerRow?.parts.WRITTEN.score).toBeCloseTo(68, 6);

    // The final weights, a conflict of interest decided, a vendor renamed: each shows at once.
    await prisma.rfp.update({
      where: { id: fixture.rfp.id },
      data: { finalWeights: { WRITTEN: 40, ORAL: 30, PRICE: 30 } },
    });
    expect((await reviewPage(fixture)).review.weights).toEqual({ WRITTEN: 40, ORAL: 30, PRICE: 30 });
    const member = await prisma.rfpMember.findFirstOrThrow({ where: { rfpId: fixture.rfp.id, role: "PANEL" } });
    const leader = (await reviewPage(fixture)).review.recommendedId ?? "";
    await prisma.conflictDeclaration.create({
      data: {
        rfpId: fixture.rfp.id,
        memberId: member.id,
        invitationId: leader,
        hasConflict: true,
        description: "Former employer.",
        decision: "PENDING",
      },
    });
    const conflicted = await reviewPage(fixture);
    expect(conflicted.review.conflicts).toHaveLength(1);
    expect(conflicted.review.risks.map((risk) => risk.text).join(" ")).toContain("declared conflict(s) of interest");
    const vendor = await prisma.invitation.findUniqueOrThrow({
      where: { id: fixture.third.id },
      select: { vendorId: true },
    });
    await prisma.vendor.update({ where: { id: vendor.vendorId }, data: { name: "Northwind Traders plc" } });
    expect((await reviewPage(fixture)).review.names[fixture.third.id]).toBe("Northwind Traders plc");
  });
});
