import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as rankingsRoute from "~/routes/rfps.$rfpId.rankings";
import { sessionCookie } from "../fixtures/factories";
import { createRankingRfp, rankingForm, storeRanking } from "../fixtures/interviews-ranking";
import { callAction, callLoader } from "../fixtures/routes";

async function setup(options: Parameters<typeof createRankingRfp>[0] = {}) {
  const t = await createRankingRfp(options);
  const cookies = {
    lead: await sessionCookie(t.lead),
    ann: await sessionCookie(t.ann.user),
    ben: await sessionCookie(t.ben.user),
    cleo: await sessionCookie(t.cleo.user),
    observer: await sessionCookie(t.observer),
  };
  const ids = { c: t.contoso.invitationId, f: t.fabrikam.invitationId, n: t.northwind.invitationId };
  return { ...t, cookies, ids };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const path = (t: Setup) => `/rfps/${t.rfp.id}/rankings`;
const load = (t: Setup, cookie: string) => callLoader(rankingsRoute, path(t), { cookie, params: { rfpId: t.rfp.id } });
const post = (t: Setup, cookie: string, form: Record<string, string>) =>
  callAction(rankingsRoute, path(t), { cookie, params: { rfpId: t.rfp.id }, form });

type Page = {
  window: { open: boolean; reason?: string };
  revealed: boolean;
  isRanker: boolean;
  own: { tiers: string[][] | null; status: string } | null;
  statuses: { name: string; status: string }[];
  results: null | {
    ok: boolean;
    borda: { candidateId: string; points: number; place: number }[];
    schulze: { preferences: number[][]; strongestPaths: number[][]; ranking: string[][]; candidates: string[] };
    condorcetWinner: string | null;
    concordance: { status: string; w: number; pValue: number; tieCorrection: number };
    distances: { furthest: string[] };
    groups: { groups: { group: string }[]; comparisons: { groups: string[]; spearman: number | null }[] };
    rankings: { memberId: string; tiers: string[][] }[];
  };
};

const rankingRows = (rfpId: string) =>
  prisma.panelRanking.findMany({ where: { rfpId }, select: { memberId: true, tiers: true, submittedAt: true } });

describe("when rankings open", () => {
  it("before the last interview ends the page waits, and a ranking is refused with nothing written", async () => {
    const t = await setup({ ended: false });
    const page = (await load(t, t.cookies.ann)).data as Page;
    expect(page.window).toMatchObject({ open: false, reason: "NOT_ENDED" });
    const refused = await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.c, 1],
        [t.ids.f, 2],
        [t.ids.n, 3],
      ]),
    );
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: "Rankings open when the last interview has ended." } });
    expect(await rankingRows(t.rfp.id)).toEqual([]);
  });

  it("only while the RFP is in its interview stage", async () => {
    const t = await setup();
    await prisma.rfp.update({ where: { id: t.rfp.id }, data: { stage: "DECISION" } });
    const refused = await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.c, 1],
        [t.ids.f, 2],
        [t.ids.n, 3],
      ]),
    );
    expect(refused.status).toBe(422);
    expect(await rankingRows(t.rfp.id)).toEqual([]);
  });
});

describe("a member's ranking", () => {
  it("saves a draft (ties allowed, gaps ignored), then submits; submitted rankings are sealed", async () => {
    const t = await setup();
    const saved = await post(
      t,
      t.cookies.ann,
      rankingForm("save", [
        [t.ids.c, 2],
        [t.ids.f, 1],
        [t.ids.n, 2],
      ]),
    );
    expect(saved.status).toBe(302);
    let own = ((await load(t, t.cookies.ann)).data as Page).own;
    expect(own).toMatchObject({ status: "DRAFT", tiers: [[t.ids.f], [t.ids.c, t.ids.n]] });

    const submitted = await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.c, 1],
        [t.ids.f, 3],
        [t.ids.n, 3],
      ]),
    );
    expect(submitted.status).toBe(302);
    own = ((await load(t, t.cookies.ann)).data as Page).own;
    expect(own).toMatchObject({ status: "SUBMITTED", tiers: [[t.ids.c], [t.ids.f, t.ids.n]] });

    const again = await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.c, 3],
        [t.ids.f, 2],
        [t.ids.n, 1],
      ]),
    );
    expect(again.status).toBe(422);
    const [row] = await rankingRows(t.rfp.id);
    expect(row?.tiers).toEqual([[t.ids.c], [t.ids.f, t.ids.n]]);
    const actions = await prisma.auditEvent.findMany({
      where: { rfpId: t.rfp.id, entityType: "PanelRanking" },
      orderBy: { id: "asc" },
      select: { action: true, after: true },
    });
    expect(actions.map((event) => event.action)).toEqual(["panel_ranking.saved", "panel_ranking.submitted"]);
    // The audit log (readable by observers) never carries the order.
    expect(JSON.stringify(actions)).not.toContain(t.ids.c);
  });

  it("refuses bad input with nothing written", async () => {
    const t = await setup();
    const cases: [Record<string, string>, number][] = [
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.f, 2],
        ]),
        422,
      ], // a vendor missing
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.c, 2],
          [t.ids.n, 3],
        ]),
        422,
      ], // a vendor twice
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.f, 4],
          [t.ids.n, 3],
        ]),
        422,
      ], // place beyond the field
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.f, 2],
          ["someone-else", 3],
        ]),
        422,
      ], // not interviewed
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.f, "first"],
          [t.ids.n, 3],
        ]),
        400,
      ], // not a number
      [
        rankingForm("submit", [
          [t.ids.c, 1],
          [t.ids.f, ""],
          [t.ids.n, 3],
        ]),
        400,
      ], // empty
      [
        rankingForm("publish", [
          [t.ids.c, 1],
          [t.ids.f, 2],
          [t.ids.n, 3],
        ]),
        400,
      ], // unknown intent
      [{}, 400],
    ];
    for (const [form, status] of cases) {
      const result = await post(t, t.cookies.ann, form);
      expect(result.status, JSON.stringify(form)).toBe(status);
      expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors).toBeTruthy();
    }
    const outOfRange = await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.c, 1],
        [t.ids.f, 4],
        [t.ids.n, 3],
      ]),
    );
    expect(outOfRange.data).toMatchObject({
      fieldErrors: { "places.1.place": "Give Fabrikam Support a place from 1 to 3." },
    });
    expect(await rankingRows(t.rfp.id)).toEqual([]);
  });

  it("only panel members rank: the lead and observers get 403; a member recused from the panel too", async () => {
    const t = await setup();
    const form = rankingForm("submit", [
      [t.ids.c, 1],
      [t.ids.f, 2],
      [t.ids.n, 3],
    ]);
    expect((await post(t, t.cookies.lead, form)).status).toBe(403);
    expect((await post(t, t.cookies.observer, form)).status).toBe(403);
    await prisma.conflictDeclaration.create({
      data: {
        rfpId: t.rfp.id,
        memberId: t.cleo.memberId,
        invitationId: t.ids.n,
        hasConflict: true,
        description: "Former employer",
        decision: "RECUSED_PANEL",
      },
    });
    expect((await post(t, t.cookies.cleo, form)).status).toBe(403);
    expect(await rankingRows(t.rfp.id)).toEqual([]);
    // And a recused member is not waited for.
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(page.statuses.map((status) => status.name)).toEqual(["Ann Panel", "Ben Panel"]);
  });
});

describe("sealed until every panel member has submitted", () => {
  it("no loader returns anyone else's ranking, to members, the lead or observers", async () => {
    const t = await setup();
    await post(
      t,
      t.cookies.ann,
      rankingForm("submit", [
        [t.ids.n, 1],
        [t.ids.f, 2],
        [t.ids.c, 3],
      ]),
    );
    await post(
      t,
      t.cookies.ben,
      rankingForm("save", [
        [t.ids.c, 1],
        [t.ids.f, 2],
        [t.ids.n, 3],
      ]),
    );
    for (const [who, cookie] of Object.entries(t.cookies)) {
      const page = (await load(t, cookie)).data as Page;
      expect(page.revealed, who).toBe(false);
      expect(page.results, who).toBeNull();
      const own = who === "ann" ? 1 : who === "ben" ? 1 : 0;
      // Rankings are lists of invitation ids: only the viewer's own list may appear.
      const json = JSON.stringify({ ...page, candidates: undefined, window: undefined });
      const lists = json.match(/\[\[/g) ?? [];
      expect(lists.length, who).toBe(own);
    }
    const lead = (await load(t, t.cookies.lead)).data as Page;
    expect(lead.statuses.map((entry) => [entry.name, entry.status])).toEqual([
      ["Ann Panel", "SUBMITTED"],
      ["Ben Panel", "DRAFT"],
      ["Cleo Panel", "NOT_STARTED"],
    ]);
    expect(lead.isRanker).toBe(false);
  });

  it("the last submission reveals every ranking and the aggregation to everyone", async () => {
    const t = await setup();
    // Ann and Ben (IT): Contoso > Fabrikam > Northwind. Cleo (Finance): Fabrikam > Northwind > Contoso.
    await storeRanking(t.rfp.id, t.ann.memberId, [[t.ids.c], [t.ids.f], [t.ids.n]]);
    await storeRanking(t.rfp.id, t.ben.memberId, [[t.ids.c], [t.ids.f, t.ids.n]]);
    const last = await post(
      t,
      t.cookies.cleo,
      rankingForm("submit", [
        [t.ids.c, 3],
        [t.ids.f, 1],
        [t.ids.n, 2],
      ]),
    );
    expect(last.status).toBe(302);
    expect(await prisma.auditEvent.count({ where: { rfpId: t.rfp.id, action: "rfp.panel_rankings_revealed" } })).toBe(
      1,
    );
    for (const cookie of Object.values(t.cookies)) {
      const page = (await load(t, cookie)).data as Page;
      expect(page.revealed).toBe(true);
      expect(page.results?.ok).toBe(true);
    }
    const results = ((await load(t, t.cookies.observer)).data as Page).results;
    if (!results?.ok) throw new Error("not aggregated");
    // Borda (n − midrank): Contoso 2+2+0 = 4, Fabrikam 1+0.5+2 = 3.5, Northwind 0+0.5+1 = 1.5.
    expect(results.borda.map((entry) => [entry.candidateId, entry.points])).toEqual([
      [t.ids.c, 4],
      [t.ids.f, 3.5],
      [t.ids.n, 1.5],
    ]);
    // Contoso beats Fabrikam 2–1 and Northwind 2–1: the Condorcet winner, first for Schulze too.
    expect(results.condorcetWinner).toBe(t.ids.c);
    const { candidates, preferences } = results.schulze;
    const at = (a: string, b: string) => preferences[candidates.indexOf(a)]?.[candidates.indexOf(b)];
    expect([at(t.ids.c, t.ids.f), at(t.ids.f, t.ids.c), at(t.ids.f, t.ids.n), at(t.ids.n, t.ids.f)]).toEqual([
      2, 1, 2, 0,
    ]);
    expect(results.schulze.ranking[0]).toEqual([t.ids.c]);
    expect(results.schulze.strongestPaths).toHaveLength(3);
    // Ben tied two vendors: the tie correction is 2³ − 2 = 6.
    expect(results.concordance).toMatchObject({ status: "DEFINED", tieCorrection: 6 });
    expect(results.distances.furthest).toEqual([t.cleo.memberId]);
    expect(results.groups.groups.map((group) => group.group)).toEqual(["IT", "Finance"]);
    expect(results.groups.comparisons[0]?.groups).toEqual(["IT", "Finance"]);
    expect(results.rankings).toHaveLength(3);
  });

  it("a stored ranking that no longer matches the vendors is reported, not a 500", async () => {
    const t = await setup();
    await storeRanking(t.rfp.id, t.ann.memberId, [[t.ids.c], [t.ids.f]]);
    await storeRanking(t.rfp.id, t.ben.memberId, [[t.ids.c], [t.ids.f], [t.ids.n]]);
    await storeRanking(t.rfp.id, t.cleo.memberId, [[t.ids.c], [t.ids.f], [t.ids.n]]);
    const result = await load(t, t.cookies.lead);
    expect(result.status).toBe(200);
    expect((result.data as Page).results).toMatchObject({
      ok: false,
      problems: ["Ann Panel has not ranked Northwind Helpdesk."],
    });
  });
});
