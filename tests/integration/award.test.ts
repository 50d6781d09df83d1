import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as approvalsRoute from "~/routes/approvals._index";
import * as approvalRoute from "~/routes/approvals.$recommendationId";
import * as noticesRoute from "~/routes/rfps.$rfpId.award-notices";
import * as reviewRoute from "~/routes/rfps.$rfpId.review";
import { awardSnapshot, createAwardRfp, currentRecommendation } from "../fixtures/award";
import { sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

type Fixture = Awaited<ReturnType<typeof createAwardRfp>>;

const reviewPath = (rfpId: string) => ({ path: `/rfps/${rfpId}/review`, params: { rfpId } });

async function draft(fixture: Fixture) {
  const { path, params } = reviewPath(fixture.rfp.id);
  const result = await callAction(reviewRoute, path, {
    params,
    cookie: await sessionCookie(fixture.lead),
    form: { intent: "create", recommendedId: fixture.winner.id, runnerUpId: fixture.runnerUp.id },
  });
  expect(result.status).toBe(302);
  return currentRecommendation(fixture.rfp.id);
}

async function submit(fixture: Fixture, approverIds: string[]) {
  const recommendation = await currentRecommendation(fixture.rfp.id);
  const { path, params } = reviewPath(fixture.rfp.id);
  const form = new FormData();
  form.append("intent", "submit");
  form.append("recommendationId", recommendation.id);
  form.append("version", String(recommendation.version));
  for (const id of approverIds) form.append("approverIds", id);
  return callAction(reviewRoute, path, { params, cookie: await sessionCookie(fixture.lead), form });
}

async function decide(
  fixture: Fixture,
  user: { id: string; email: string },
  form: { decision?: string; comment?: string },
  round?: number,
) {
  const recommendation = await currentRecommendation(fixture.rfp.id);
  return callAction(approvalRoute, `/approvals/${recommendation.id}`, {
    params: { recommendationId: recommendation.id },
    cookie: await sessionCookie(user),
    form: { intent: "decide", round: String(round ?? recommendation.round), ...form },
  });
}

describe("executive review", () => {
  it("shows the final ranking with its parts, panel agreement, stability, price against budget and risks", async () => {
    const fixture = await createAwardRfp();
    const { path, params } = reviewPath(fixture.rfp.id);
    const result = await callLoader(reviewRoute, path, { params, cookie: await sessionCookie(fixture.lead) });
    expect(result.status).toBe(200);
    const { review, recommendation, canAward, executives } = result.data as Awaited<
      ReturnType<typeof reviewRoute.loader>
    >;
    expect(recommendation).toBeNull();
    expect(canAward).toBe(true);
    expect(executives.map((executive) => executive.name)).toEqual(
      expect.arrayContaining(["Erin Executive", "Oscar Otherexec", "Nina Notnamed"]),
    );
    expect(review.recommendedId).toBe(fixture.winner.id);
    expect(review.runnerUpId).toBe(fixture.runnerUp.id);
    expect(review.weights).toEqual({ WRITTEN: 50, ORAL: 20, PRICE: 30 });
    if (!review.ranking.ok) throw new Error("ranking not computed");
    const [first, second, third] = review.ranking.rows;
    // Contoso: written 0.6×5/5 + 0.4×4/5 = 92, oral 5/5 = 100, lowest price = 100.
    expect(first?.parts.WRITTEN.score).toBeCloseTo(92, 6);
    expect(first?.parts.ORAL.score).toBeCloseTo(100, 6);
    expect(first?.parts.PRICE.score).toBeCloseTo(100, 6);
    expect(first?.total).toBeCloseTo(96, 6);
    expect([first?.vendorId, second?.vendorId, third?.vendorId]).toEqual([
      fixture.winner.id,
      fixture.runnerUp.id,
      fixture.third.id,
    ]);
    // Both panel members ranked the same way: perfect agreement.
    expect(review.agreement.concordance).toMatchObject({ status: "DEFINED", w: 1, level: "VERY_STRONG" });
    expect(review.stability.probabilityFirst).toBe(1);
    const winnerPrice = review.price.rows.find((row) => row.vendorId === fixture.winner.id);
    expect(winnerPrice?.total).toBeCloseTo(45_000 + 1800 * 11.5 * 36, 2);
    expect(review.price.budget).toBe(900_000);
    // Every proposal states a limitation (fixture), which the executives should see.
    expect(review.risks.map((risk) => risk.text).join(" ")).toContain("No Finnish-speaking agents in year one.");
  });

  it("is open to the lead and observers only; panel members and executives not named get 403", async () => {
    const fixture = await createAwardRfp();
    const { path, params } = reviewPath(fixture.rfp.id);
    for (const [user, status] of [
      [fixture.observer, 200],
      [fixture.panel, 403],
      [fixture.executive, 403],
    ] as const) {
      const result = await callLoader(reviewRoute, path, { params, cookie: await sessionCookie(user) });
      expect(result.status, user.name).toBe(status);
    }
  });
});

describe("drafting and submitting the recommendation", () => {
  it("drafts the memo from the review, following the ranking", async () => {
    const fixture = await createAwardRfp();
    const recommendation = await draft(fixture);
    const stored = await prisma.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } });
    expect(stored).toMatchObject({
      status: "DRAFT",
      round: 1,
      recommendedInvitationId: fixture.winner.id,
      runnerUpInvitationId: fixture.runnerUp.id,
    });
    expect(stored.memo).toContain("We recommend awarding the contract to **Contoso Services Ltd**");
    expect(stored.memo).toContain("Fabrikam Inc is runner-up");
    expect(await prisma.auditEvent.count({ where: { rfpId: fixture.rfp.id, action: "recommendation.drafted" } })).toBe(
      1,
    );
  });

  it("refuses a recommendation that overrides the ranking, bad input and anyone but the lead, writing nothing", async () => {
    const fixture = await createAwardRfp();
    const { path, params } = reviewPath(fixture.rfp.id);
    const before = await awardSnapshot(fixture.rfp.id);
    const cases: [{ id: string; email: string }, Record<string, string>, number][] = [
      [fixture.lead, { intent: "create", recommendedId: fixture.runnerUp.id, runnerUpId: fixture.winner.id }, 422],
      [fixture.lead, { intent: "create", recommendedId: fixture.winner.id, runnerUpId: fixture.third.id }, 422],
      [fixture.lead, { intent: "create", recommendedId: "" }, 400],
      [fixture.lead, { intent: "approve-everything" }, 400],
      [fixture.observer, { intent: "create", recommendedId: fixture.winner.id, runnerUpId: fixture.runnerUp.id }, 403],
      [fixture.panel, { intent: "create", recommendedId: fixture.winner.id, runnerUpId: fixture.runnerUp.id }, 403],
    ];
    for (const [user, form, status] of cases) {
      const result = await callAction(reviewRoute, path, { params, cookie: await sessionCookie(user), form });
      expect(result.status, JSON.stringify(form)).toBe(status);
    }
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);
  });

  it("lets the lead break a tie for first place, and only between the tied vendors", async () => {
    const fixture = await createAwardRfp({ tie: true });
    const { path, params } = reviewPath(fixture.rfp.id);
    const cookie = await sessionCookie(fixture.lead);
    const page = await callLoader(reviewRoute, path, { params, cookie });
    const { review } = page.data as Awaited<ReturnType<typeof reviewRoute.loader>>;
    expect(review.tiedFirst.sort()).toEqual([fixture.winner.id, fixture.runnerUp.id].sort());
    expect(review.recommendedId).toBeNull();
    const before = await awardSnapshot(fixture.rfp.id);
    const third = await callAction(reviewRoute, path, {
      params,
      cookie,
      form: { intent: "create", recommendedId: fixture.third.id, runnerUpId: fixture.winner.id },
    });
    expect(third.status).toBe(422);
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);
    const chosen = await callAction(reviewRoute, path, {
      params,
      cookie,
      form: { intent: "create", recommendedId: fixture.runnerUp.id, runnerUpId: fixture.winner.id },
    });
    expect(chosen.status).toBe(302);
    const stored = await prisma.recommendation.findFirstOrThrow({ where: { rfpId: fixture.rfp.id } });
    expect(stored.memo).toContain(
      "Contoso Services Ltd and Fabrikam Inc share first place. Reason for choosing Fabrikam Inc",
    );
    // The risks shown are those of the vendor chosen.
    const after = await callLoader(reviewRoute, path, { params, cookie });
    const risks = (after.data as Awaited<ReturnType<typeof reviewRoute.loader>>).review.risks.map((risk) => risk.text);
    expect(risks[0]).toContain("share first place");
    expect(risks).toContain(
      "Fabrikam Inc states 1 limitation(s) to resolve in negotiation: No Finnish-speaking agents in year one.",
    );
  });

  it("saves the lead's memo; a stale version answers 409 and an empty memo 400, writing nothing", async () => {
    const fixture = await createAwardRfp();
    const recommendation = await draft(fixture);
    const { path, params } = reviewPath(fixture.rfp.id);
    const cookie = await sessionCookie(fixture.lead);
    const form = { intent: "save-memo", recommendationId: recommendation.id, memo: "# Award\n\nContoso, because." };
    const saved = await callAction(reviewRoute, path, {
      params,
      cookie,
      form: { ...form, version: String(recommendation.version) },
    });
    expect(saved.status).toBe(302);
    const before = await awardSnapshot(fixture.rfp.id);
    const stale = await callAction(reviewRoute, path, {
      params,
      cookie,
      form: { ...form, version: String(recommendation.version) },
    });
    expect(stale.status).toBe(409);
    const empty = await callAction(reviewRoute, path, {
      params,
      cookie,
      form: { ...form, memo: "  ", version: String(recommendation.version + 1) },
    });
    expect(empty.status).toBe(400);
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);
    expect((await prisma.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } })).memo).toBe(form.memo);
  });

  it("submits to named executives (emailed) and refuses no approver or a non-executive, writing nothing", async () => {
    const fixture = await createAwardRfp();
    await draft(fixture);
    const before = await awardSnapshot(fixture.rfp.id);
    expect((await submit(fixture, [])).status).toBe(400);
    expect((await submit(fixture, [fixture.executive.id, fixture.lead.id])).status).toBe(422);
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);

    expect((await submit(fixture, [fixture.executive.id, fixture.otherExecutive.id])).status).toBe(302);
    const recommendation = await currentRecommendation(fixture.rfp.id);
    expect(recommendation).toMatchObject({ status: "SUBMITTED", round: 1 });
    const approvals = await prisma.approval.findMany({ where: { recommendationId: recommendation.id } });
    expect(approvals.map((approval) => [approval.approverId, approval.decision]).sort()).toEqual(
      [
        [fixture.executive.id, "PENDING"],
        [fixture.otherExecutive.id, "PENDING"],
      ].sort(),
    );
    const emails = await prisma.outboxMessage.findMany({
      where: { rfpId: fixture.rfp.id, kind: "approval_requested" },
    });
    expect(emails.map((email) => email.toEmail).sort()).toEqual(
      [fixture.executive.email, fixture.otherExecutive.email].sort(),
    );
    expect(emails[0]?.bodyText).toContain(`/approvals/${recommendation.id}`);
  });
});

describe("approval by the named executives", () => {
  it("lists pending approvals for the named executive only; others cannot read or decide (404/403), nothing written", async () => {
    const fixture = await createAwardRfp();
    await draft(fixture);
    await submit(fixture, [fixture.executive.id]);
    const recommendation = await currentRecommendation(fixture.rfp.id);
    const queue = await callLoader(approvalsRoute, "/approvals", { cookie: await sessionCookie(fixture.executive) });
    expect(
      (queue.data as { pending: { recommendation: { id: string } }[] }).pending.map((a) => a.recommendation.id),
    ).toEqual([recommendation.id]);
    const bystanderQueue = await callLoader(approvalsRoute, "/approvals", {
      cookie: await sessionCookie(fixture.bystander),
    });
    expect((bystanderQueue.data as { pending: unknown[] }).pending).toEqual([]);
    const path = `/approvals/${recommendation.id}`;
    const params = { recommendationId: recommendation.id };
    expect(
      (await callLoader(approvalRoute, path, { params, cookie: await sessionCookie(fixture.executive) })).status,
    ).toBe(200);
    for (const user of [fixture.bystander, fixture.lead, fixture.observer]) {
      const result = await callLoader(approvalRoute, path, { params, cookie: await sessionCookie(user) });
      expect(result.status, user.name).toBe(404);
    }
    const before = await awardSnapshot(fixture.rfp.id);
    expect((await decide(fixture, fixture.bystander, { decision: "APPROVED" })).status).toBe(404);
    expect((await decide(fixture, fixture.lead, { decision: "APPROVED" })).status).toBe(403);
    expect((await decide(fixture, fixture.executive, { decision: "RETURNED" })).status).toBe(400);
    expect((await decide(fixture, fixture.executive, { decision: "MAYBE" })).status).toBe(400);
    expect((await decide(fixture, fixture.executive, { decision: "APPROVED" }, 99)).status).toBe(409);
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);
  });

  it("a return goes back to the lead with the comment; the resubmission is a new round; all approvals award", async () => {
    const fixture = await createAwardRfp();
    await draft(fixture);
    await submit(fixture, [fixture.executive.id, fixture.otherExecutive.id]);

    const returned = await decide(fixture, fixture.executive, {
      decision: "RETURNED",
      comment: "Explain the Finnish-language gap.",
    });
    expect(returned.status).toBe(302);
    expect(await currentRecommendation(fixture.rfp.id)).toMatchObject({ status: "RETURNED", round: 1 });
    const toLead = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: fixture.rfp.id, kind: "recommendation_returned" },
    });
    expect(toLead.toEmail).toBe(fixture.lead.email);
    expect(toLead.bodyText).toContain("Explain the Finnish-language gap.");
    // The round is closed: the other executive can no longer decide on it.
    expect((await decide(fixture, fixture.otherExecutive, { decision: "APPROVED" })).status).toBe(422);

    // The lead edits the memo and resubmits: round 2 asks both again.
    const revised = await currentRecommendation(fixture.rfp.id);
    const { path, params } = reviewPath(fixture.rfp.id);
    await callAction(reviewRoute, path, {
      params,
      cookie: await sessionCookie(fixture.lead),
      form: {
        intent: "save-memo",
        recommendationId: revised.id,
        version: String(revised.version),
        memo: "Finnish agents from month 6, written into the contract.",
      },
    });
    expect((await submit(fixture, [fixture.executive.id, fixture.otherExecutive.id])).status).toBe(302);
    expect(await currentRecommendation(fixture.rfp.id)).toMatchObject({ status: "SUBMITTED", round: 2 });

    expect((await decide(fixture, fixture.executive, { decision: "APPROVED" })).status).toBe(302);
    expect(await currentRecommendation(fixture.rfp.id)).toMatchObject({ status: "SUBMITTED" });
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: fixture.rfp.id } })).stage).toBe("DECISION");
    expect(await prisma.outboxMessage.count({ where: { rfpId: fixture.rfp.id, kind: { startsWith: "award_" } } })).toBe(
      0,
    );

    expect((await decide(fixture, fixture.otherExecutive, { decision: "APPROVED", comment: "Agreed." })).status).toBe(
      302,
    );
    expect(await currentRecommendation(fixture.rfp.id)).toMatchObject({ status: "APPROVED", round: 2 });
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: fixture.rfp.id } });
    expect(rfp.stage).toBe("NEGOTIATION");
    const statuses = await prisma.invitation.findMany({
      where: { rfpId: fixture.rfp.id },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((invitation) => [invitation.id, invitation.status]))).toEqual({
      [fixture.winner.id]: "AWARDED",
      [fixture.runnerUp.id]: "RESERVE",
      [fixture.third.id]: "ELIMINATED",
    });
    const notices = await prisma.outboxMessage.findMany({
      where: { rfpId: fixture.rfp.id, kind: { startsWith: "award_" } },
      select: { kind: true, invitationId: true, subject: true, bodyText: true },
    });
    expect(notices.map((notice) => [notice.invitationId, notice.kind]).sort()).toEqual(
      [
        [fixture.winner.id, "award_intent_to_award"],
        [fixture.runnerUp.id, "award_reserve"],
        [fixture.third.id, "award_regret"],
      ].sort(),
    );
    expect(notices.find((notice) => notice.kind === "award_regret")?.bodyText).toContain("debrief");
    expect(await prisma.awardNotice.count({ where: { rfpId: fixture.rfp.id, sentAt: { not: null } } })).toBe(3);
    const negotiation = await prisma.negotiation.findFirstOrThrow({ where: { rfpId: fixture.rfp.id } });
    expect(negotiation).toMatchObject({ invitationId: fixture.winner.id, status: "OPEN", sponsorId: null });
    const actions = await prisma.auditEvent.findMany({
      where: {
        rfpId: fixture.rfp.id,
        action: {
          in: ["recommendation.award_approved", "award.notices_sent", "rfp.stage_changed", "negotiation.opened"],
        },
      },
      select: { action: true },
    });
    expect(actions.map((event) => event.action).sort()).toEqual(
      ["award.notices_sent", "negotiation.opened", "recommendation.award_approved", "rfp.stage_changed"].sort(),
    );
  });

  it("a single approver becomes the negotiation's sponsor", async () => {
    const fixture = await createAwardRfp();
    await draft(fixture);
    await submit(fixture, [fixture.executive.id]);
    expect((await decide(fixture, fixture.executive, { decision: "APPROVED" })).status).toBe(302);
    const negotiation = await prisma.negotiation.findFirstOrThrow({ where: { rfpId: fixture.rfp.id } });
    expect(negotiation.sponsorId).toBe(fixture.executive.id);
  });
});

describe("award notices", () => {
  it("the lead edits a notice before the award; the edited text is what is sent; afterwards it cannot change", async () => {
    const fixture = await createAwardRfp();
    const path = `/rfps/${fixture.rfp.id}/award-notices`;
    const params = { rfpId: fixture.rfp.id };
    const cookie = await sessionCookie(fixture.lead);
    const empty = await callLoader(noticesRoute, path, { params, cookie });
    expect((empty.data as { recommendation: unknown }).recommendation).toBeNull();
    await draft(fixture);
    const page = await callLoader(noticesRoute, path, { params, cookie });
    const notices = (page.data as { notices: { invitationId: string; kind: string; edited: boolean }[] }).notices;
    expect(notices.map((notice) => [notice.invitationId, notice.kind, notice.edited])).toEqual([
      [fixture.winner.id, "INTENT_TO_AWARD", false],
      [fixture.runnerUp.id, "RESERVE", false],
      [fixture.third.id, "REGRET", false],
    ]);

    const before = await awardSnapshot(fixture.rfp.id);
    const bad = [
      [fixture.lead, { intent: "save-notice", invitationId: fixture.third.id, subject: "", bodyText: "x" }, 400],
      [fixture.lead, { intent: "save-notice", invitationId: "nope", subject: "Hi", bodyText: "x" }, 422],
      [fixture.observer, { intent: "save-notice", invitationId: fixture.third.id, subject: "Hi", bodyText: "x" }, 403],
    ] as const;
    for (const [user, form, status] of bad) {
      const result = await callAction(noticesRoute, path, { params, cookie: await sessionCookie(user), form });
      expect(result.status, JSON.stringify(form)).toBe(status);
    }
    expect(await awardSnapshot(fixture.rfp.id)).toBe(before);

    const edited = {
      intent: "save-notice",
      invitationId: fixture.third.id,
      subject: "Northwind: outcome of the service desk tender",
      bodyText: "Dear Pat, thank you. We would welcome a debrief call next week.",
    };
    expect((await callAction(noticesRoute, path, { params, cookie, form: edited })).status).toBe(302);
    await submit(fixture, [fixture.executive.id]);
    await decide(fixture, fixture.executive, { decision: "APPROVED" });
    const sent = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: fixture.rfp.id, invitationId: fixture.third.id, kind: "award_regret" },
    });
    expect([sent.subject, sent.bodyText]).toEqual([edited.subject, edited.bodyText]);
    const late = await callAction(noticesRoute, path, { params, cookie, form: { ...edited, subject: "Too late" } });
    expect(late.status).toBe(422);
  });
});
