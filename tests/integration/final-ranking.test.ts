import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as finalRoute from "~/routes/rfps.$rfpId.final-ranking";
import { sessionCookie } from "../fixtures/factories";
import { createRankingRfp, storeRanking, submitDebrief } from "../fixtures/interviews-ranking";
import { callAction, callLoader } from "../fixtures/routes";

async function setup(options: Parameters<typeof createRankingRfp>[0] = {}) {
  const t = await createRankingRfp(options);
  const cookies = {
    lead: await sessionCookie(t.lead),
    ann: await sessionCookie(t.ann.user),
    observer: await sessionCookie(t.observer),
  };
  const ids = { c: t.contoso.invitationId, f: t.fabrikam.invitationId, n: t.northwind.invitationId };
  return { ...t, cookies, ids };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const path = (t: Setup) => `/rfps/${t.rfp.id}/final-ranking`;
const load = (t: Setup, cookie: string) => callLoader(finalRoute, path(t), { cookie, params: { rfpId: t.rfp.id } });
const post = (t: Setup, cookie: string, form: Record<string, string>) =>
  callAction(finalRoute, path(t), { cookie, params: { rfpId: t.rfp.id }, form });
const weightsForm = (written: string, oral: string, price: string) => ({
  intent: "set-weights",
  WRITTEN: written,
  ORAL: oral,
  PRICE: price,
});

type Page = {
  weights: { WRITTEN: number; ORAL: number; PRICE: number } | null;
  weightsSource: string;
  lock: { allowed: boolean; reason?: string };
  sealed: boolean;
  ranking: null | {
    rows: { vendorId: string; place: number; total: number }[];
    recommendation: { status: string; recommended?: string; runnerUp?: { status: string; vendorId?: string } };
  };
  evidence: null | { vendorId: string; oral: { score: number | null; revealed: boolean; views: number } }[];
  problems: string[];
  notified: boolean;
};

async function rankAll(t: Setup) {
  await storeRanking(t.rfp.id, t.ann.memberId, [[t.ids.c], [t.ids.f], [t.ids.n]]);
  await storeRanking(t.rfp.id, t.ben.memberId, [[t.ids.c], [t.ids.f], [t.ids.n]]);
  await storeRanking(t.rfp.id, t.cleo.memberId, [[t.ids.f], [t.ids.c], [t.ids.n]]);
}

describe("final-ranking weights", () => {
  it("default to the criteria tree's stage shares, and the lead sets them before any debrief (audited)", async () => {
    const t = await setup({ ended: false });
    const before = (await load(t, t.cookies.lead)).data as Page;
    expect(before).toMatchObject({
      weights: { WRITTEN: 50, ORAL: 20, PRICE: 30 },
      weightsSource: "CRITERIA",
      lock: { allowed: true },
    });
    const saved = await post(t, t.cookies.lead, weightsForm("40", "35", "25"));
    expect(saved.status).toBe(302);
    const rfp = await prisma.rfp.findUniqueOrThrow({
      where: { id: t.rfp.id },
      select: { finalWeights: true, finalWeightsSetAt: true },
    });
    expect(rfp.finalWeights).toEqual({ WRITTEN: 40, ORAL: 35, PRICE: 25 });
    expect(rfp.finalWeightsSetAt).not.toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: t.rfp.id, action: "rfp.final_weights_set" },
      select: { before: true, after: true },
    });
    expect(audit.before).toEqual({ weights: { WRITTEN: 50, ORAL: 20, PRICE: 30 }, source: "CRITERIA" });
    expect(audit.after).toEqual({ weights: { WRITTEN: 40, ORAL: 35, PRICE: 25 } });
    expect(((await load(t, t.cookies.lead)).data as Page).weightsSource).toBe("SET");
  });

  it("refuses bad weights with 400 and writes nothing", async () => {
    const t = await setup({ ended: false });
    const cases = [
      weightsForm("50", "20", "20"),
      weightsForm("50", "twenty", "30"),
      weightsForm("150", "-20", "-30"),
      weightsForm("", "50", "50"),
      { intent: "tilt", WRITTEN: "50", ORAL: "20", PRICE: "30" },
      {},
    ];
    for (const form of cases) {
      const result = await post(t, t.cookies.lead, form);
      expect(result.status, JSON.stringify(form)).toBe(400);
    }
    const sumError = await post(t, t.cookies.lead, weightsForm("50", "20", "20"));
    expect(sumError.data).toMatchObject({ fieldErrors: { form: "The three weights must add up to 100%." } });
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id } })).finalWeights).toBeNull();
    expect(await prisma.auditEvent.count({ where: { rfpId: t.rfp.id, action: "rfp.final_weights_set" } })).toBe(0);
  });

  it("lock once any debrief is recorded, even a draft: 422, unchanged, not audited", async () => {
    const t = await setup({ ended: false });
    await post(t, t.cookies.lead, weightsForm("40", "35", "25"));
    await submitDebrief(t.interviews.Contoso.id, t.ann.memberId, t.criteria, [4, 4], "DRAFT");
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(page.lock).toMatchObject({ allowed: false });
    const refused = await post(t, t.cookies.lead, weightsForm("70", "0", "30"));
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/^The weights are locked/) } });
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id } });
    expect(rfp.finalWeights).toEqual({ WRITTEN: 40, ORAL: 35, PRICE: 25 });
    expect(await prisma.auditEvent.count({ where: { rfpId: t.rfp.id, action: "rfp.final_weights_set" } })).toBe(1);
  });

  it("only the lead sets weights or notifies vendors", async () => {
    const t = await setup({ ended: false });
    for (const cookie of [t.cookies.ann, t.cookies.observer]) {
      expect((await post(t, cookie, weightsForm("40", "35", "25"))).status).toBe(403);
      expect((await post(t, cookie, { intent: "notify-outcomes" })).status).toBe(403);
    }
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id } })).finalWeights).toBeNull();
  });
});

describe("the final ranking", () => {
  it("combines written, oral and price results and names the recommended vendor and runner-up", async () => {
    const t = await setup();
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(page.problems).toEqual([]);
    const totals = page.ranking?.rows.map((row) => [row.vendorId, row.place, Number(row.total.toFixed(2))]);
    expect(totals).toEqual([
      [t.ids.c, 1, 89.27],
      [t.ids.f, 2, 84],
      [t.ids.n, 3, 55.08],
    ]);
    expect(page.ranking?.recommendation).toMatchObject({
      status: "CLEAR",
      recommended: t.ids.c,
      runnerUp: { status: "CLEAR", vendorId: t.ids.f },
    });
    expect(page.evidence?.find((vendor) => vendor.vendorId === t.ids.c)?.oral).toMatchObject({
      score: 80,
      revealed: true,
      views: 3,
    });
  });

  it("an interview whose debrief is still sealed adds no oral result", async () => {
    const t = await setup({ debriefs: false });
    // Two of three views of Contoso's interview: still sealed, so nothing of them may count.
    await submitDebrief(t.interviews.Contoso.id, t.ann.memberId, t.criteria, [5, 5]);
    await submitDebrief(t.interviews.Contoso.id, t.ben.memberId, t.criteria, [5, 5]);
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(page.ranking).toBeNull();
    expect(page.problems).toContain("Contoso Services has no oral result yet.");
    expect(page.evidence?.find((vendor) => vendor.vendorId === t.ids.c)?.oral).toMatchObject({
      score: null,
      revealed: false,
    });
  });

  it("is sealed from panel members until every panel ranking is in; the lead and observers see it", async () => {
    const t = await setup();
    const sealed = (await load(t, t.cookies.ann)).data as Page;
    expect(sealed).toMatchObject({ sealed: true, ranking: null, evidence: null });
    expect(((await load(t, t.cookies.observer)).data as Page).ranking).not.toBeNull();
    await rankAll(t);
    const open = (await load(t, t.cookies.ann)).data as Page;
    expect(open.sealed).toBe(false);
    expect(open.ranking?.rows).toHaveLength(3);
  });
});

describe("telling the vendors where they stand", () => {
  it("waits for every panel ranking; then holds the runner-up in reserve and eliminates the rest, by email, once", async () => {
    const t = await setup();
    const early = await post(t, t.cookies.lead, { intent: "notify-outcomes" });
    expect(early.status).toBe(422);
    expect(early.data).toMatchObject({
      fieldErrors: { form: "Wait until every panel member has submitted a ranking." },
    });
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id } })).toBe(0);

    await rankAll(t);
    const done = await post(t, t.cookies.lead, { intent: "notify-outcomes" });
    expect(done.status).toBe(302);
    const statuses = await prisma.invitation.findMany({
      where: { rfpId: t.rfp.id },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [t.ids.c]: "SHORTLISTED",
      [t.ids.f]: "RESERVE",
      [t.ids.n]: "ELIMINATED",
    });
    const messages = await prisma.outboxMessage.findMany({
      where: { rfpId: t.rfp.id },
      orderBy: { kind: "asc" },
      select: { kind: true, invitationId: true, subject: true, bodyText: true },
    });
    expect(messages.map((message) => [message.kind, message.invitationId])).toEqual([
      ["interview_eliminated", t.ids.n],
      ["interview_reserve", t.ids.f],
    ]);
    expect(messages[1]?.subject).toMatch(/held in reserve/);
    expect(messages[1]?.bodyText).toMatch(/if we cannot reach an agreement with our first choice/);
    expect(messages[0]?.bodyText).toMatch(/we will not take your proposal further/);
    // The recommended vendor's name is never disclosed to the others.
    for (const message of messages) expect(message.bodyText).not.toContain("Contoso");
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: t.rfp.id, action: "rfp.interview_outcomes_notified" },
      select: { after: true },
    });
    expect(audit.after).toMatchObject({
      recommended: "Contoso Services",
      reserve: ["Fabrikam Support"],
      eliminated: ["Northwind Helpdesk"],
    });
    expect(((await load(t, t.cookies.lead)).data as Page).notified).toBe(true);

    const twice = await post(t, t.cookies.lead, { intent: "notify-outcomes" });
    expect(twice.status).toBe(422);
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id } })).toBe(2);
  });

  it("refuses while the top is tied, with nothing changed", async () => {
    const t = await setup();
    await rankAll(t);
    // Price alone, and Contoso and Fabrikam ask the same: they tie at the top.
    await prisma.rfp.update({ where: { id: t.rfp.id }, data: { finalWeights: { WRITTEN: 0, ORAL: 0, PRICE: 100 } } });
    await prisma.priceLine.updateMany({
      where: { proposal: { invitationId: { in: [t.ids.c, t.ids.f] } } },
      data: { unitPrice: 1000 },
    });
    const refused = await post(t, t.cookies.lead, { intent: "notify-outcomes" });
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/share the top total/) } });
    expect(await prisma.invitation.count({ where: { rfpId: t.rfp.id, status: "SHORTLISTED" } })).toBe(3);
    expect(await prisma.outboxMessage.count({ where: { rfpId: t.rfp.id } })).toBe(0);
  });
});
