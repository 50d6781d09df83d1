import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { evaluationFacts, NO_EVALUATION_FACTS } from "~/models/consensus-data.server";
import { offeredEvaluationFacts } from "~/models/consensus-summary.server";
import { getEvaluationProgress } from "~/models/scoring.server";
import * as overviewRoute from "~/routes/rfps.$rfpId._index";
import * as consensusRoute from "~/routes/rfps.$rfpId.consensus";
import {
  type ConsensusRfp,
  createConsensusRfp,
  openConsensusDirectly,
  settleFlaggedItems,
  writeAllSheets,
} from "../fixtures/evaluation-consensus";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

async function setup() {
  const t = await createConsensusRfp();
  const [ann, ben, cleo, dan] = t.panel;
  const [contoso, fabrikam, litware] = t.vendors;
  if (!ann || !ben || !cleo || !dan || !contoso || !fabrikam || !litware) throw new Error("fixture incomplete");
  const cookies = {
    lead: await sessionCookie(t.lead),
    ann: await sessionCookie(ann.user),
    dan: await sessionCookie(dan.user),
    observer: await sessionCookie(t.observer),
  };
  return { ...t, ann, ben, cleo, dan, contoso, fabrikam, litware, cookies };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const path = (rfpId: string, query = "") => `/rfps/${rfpId}/consensus${query}`;
/** The page as `cookie` sees it; `query` chooses the vendor and list ("?vendor=…&items=flagged"). */
const load = (t: ConsensusRfp, cookie: string, query = "") =>
  callLoader(consensusRoute, path(t.rfp.id, query), { cookie, params: { rfpId: t.rfp.id } });
const post = (t: ConsensusRfp, cookie: string, form: Record<string, string>, query = "") =>
  callAction(consensusRoute, path(t.rfp.id, query), { cookie, params: { rfpId: t.rfp.id }, form });

type Item = {
  criterionId: string;
  scores: (number | null)[];
  mean: number | null;
  range: number | null;
  standardDeviation: number | null;
  flags: string[];
  consensus: {
    id: string;
    value: number;
    rationale: string;
    minorityOpinions: { name: string; opinion: string }[];
  } | null;
};
type Page = {
  visible: boolean;
  consensusOpenedAt: Date | null;
  readiness: { ready: boolean; reason?: string };
  sheets: { submitted: number; pending: number } | null;
  unsettled?: number;
  flagged?: number;
  evaluators?: { name: string; group: string | null }[];
  /** The picker: every vendor with where its flagged items stand. */
  vendors?: { vendorId: string; name: string; flagged: number; agreed: number; remaining: number }[];
  /** The vendor on screen. */
  vendor?: { id: string; name: string; flagged: number; remaining: number; criteria: number; items: Item[] } | null;
  items?: "all" | "flagged";
  itemsRequested?: "all" | "flagged" | null;
  groups?: {
    vendor: {
      name: string;
      sentence: string | null;
      ranks: { group: string; rank: number | null; tied: boolean; total: number | null }[];
    } | null;
  };
};

/** The page showing one vendor (by invitation id), as `cookie` sees it. */
async function vendorPage(t: ConsensusRfp, cookie: string, invitationId: string, extra = "") {
  const result = await load(t, cookie, `?vendor=${invitationId}${extra}`);
  expect(result.status).toBe(200);
  return result.data as Page;
}

const snapshot = async (rfpId: string) => ({
  rfp: await prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { consensusOpenedAt: true } }),
  consensus: await prisma.consensusScore.count({ where: { rfpId } }),
  minority: await prisma.minorityOpinion.count({ where: { consensus: { rfpId } } }),
  audit: await prisma.auditEvent.count({ where: { rfpId } }),
});

/** Every score value that appears in a loader's JSON, however nested. */
function serialized(data: unknown) {
  return JSON.stringify(data);
}

describe("sealed until the lead opens consensus", () => {
  it("returns no score to anyone before consensus is open, only counts of sheets", async () => {
    const t = await setup();
    await writeAllSheets(t, { skip: ["Litware/Dan"] });
    for (const cookie of [t.cookies.ann, t.cookies.lead, t.cookies.observer]) {
      const result = await load(t, cookie);
      expect(result.status).toBe(200);
      const page = result.data as Page;
      expect(page.visible).toBe(false);
      expect(page.sheets).toEqual({ submitted: 11, pending: 1 });
      expect(page.vendors).toBeUndefined();
      // No score, rationale or statistic leaks in any field.
      const json = serialized(page);
      expect(json).not.toMatch(/"scores"|"mean"|"range"|"standardDeviation"|"flags"/);
    }
    expect(((await load(t, t.cookies.lead)).data as Page).readiness).toEqual({
      ready: false,
      reason: "1 score sheet is not submitted yet.",
    });
  });

  it("refuses to open consensus while a sheet is pending or only drafted, and writes nothing", async () => {
    const t = await setup();
    await writeAllSheets(t, { draft: ["Litware/Dan"] });
    const before = await snapshot(t.rfp.id);
    const refused = await post(t, t.cookies.lead, { intent: "open" });
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: "1 score sheet is not submitted yet." } });
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });

  it("only the lead opens consensus; panel members and observers cannot", async () => {
    const t = await setup();
    await writeAllSheets(t);
    const before = await snapshot(t.rfp.id);
    expect((await post(t, t.cookies.ann, { intent: "open" })).status).toBe(403);
    expect((await post(t, t.cookies.observer, { intent: "open" })).status).toBe(403);
    const outsider = await sessionCookie(await createTestUser({ role: "LEAD" }));
    expect((await post(t, outsider, { intent: "open" })).status).toBe(403);
    expect((await load(t, outsider)).status).toBe(403);
    expect((await post(t, t.cookies.lead, { intent: "nonsense" })).status).toBe(400);
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });

  it("a recused member owes no sheet for that vendor; a pending conflict keeps the sheet owed", async () => {
    const t = await setup();
    await writeAllSheets(t, { skip: ["Litware/Dan"] });
    await prisma.conflictDeclaration.updateMany({
      where: { memberId: t.dan.memberId, invitationId: t.litware.invitationId },
      data: { hasConflict: true, description: "My brother works at Litware.", decision: "PENDING" },
    });
    expect(((await load(t, t.cookies.lead)).data as Page).sheets?.pending).toBe(1);
    await prisma.conflictDeclaration.updateMany({
      where: { memberId: t.dan.memberId, invitationId: t.litware.invitationId },
      data: { decision: "RECUSED_VENDOR" },
    });
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(page.sheets).toEqual({ submitted: 11, pending: 0 });
    expect(page.readiness).toEqual({ ready: true });
  });
});

describe("the matrix once consensus is open", () => {
  async function opened() {
    const t = await setup();
    await writeAllSheets(t);
    const result = await post(t, t.cookies.lead, { intent: "open" });
    expect(result.status).toBe(302);
    return t;
  }

  it("opening is audited and shows each evaluator's score, the spread and the flags", async () => {
    const t = await opened();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { rfpId: t.rfp.id, action: "consensus.opened" } });
    expect(audit.after).toEqual({ vendors: 3, evaluators: 4, sheets: 12, flaggedItems: 2 });
    const page = await vendorPage(t, t.cookies.ann, t.contoso.invitationId, "&items=all");
    expect(page.visible).toBe(true);
    expect(page.evaluators?.map((evaluator) => [evaluator.name, evaluator.group])).toEqual([
      ["Ann Panel", "IT"],
      ["Ben Panel", "IT"],
      ["Cleo Panel", "Finance"],
      ["Dan Panel", "Finance"],
    ]);
    const contoso = page.vendor;
    expect(contoso?.name).toBe(t.contoso.name);
    const serviceDesk = contoso?.items.find((item) => item.criterionId === t.criteria.serviceDesk.id);
    expect(serviceDesk).toMatchObject({ scores: [4, 4, 4, 1], mean: 3.25, range: 3 });
    expect(serviceDesk?.standardDeviation).toBeCloseTo(1.5, 5);
    expect(serviceDesk?.flags).toEqual(["Range 3 ≥ 2.5 (half the scale)", "Dan Panel gave 1 (z = -3.0)"]);
    const security = contoso?.items.find((item) => item.criterionId === t.criteria.security.id);
    expect(security?.flags).toEqual([]);
    expect(page.flagged).toBe(2);
    expect(page.unsettled).toBe(2);
    expect(page.groups?.vendor?.name).toBe(t.contoso.name);
    expect(page.groups?.vendor?.sentence).toBe(`IT ranks ${t.contoso.name} first, Finance ranks it second.`);
    // Opening twice is refused.
    expect((await post(t, t.cookies.lead, { intent: "open" })).status).toBe(422);
  });

  it("a member whose sheet was reopened is sealed again until it is resubmitted", async () => {
    const t = await opened();
    await prisma.scoreSheet.updateMany({
      where: { memberId: t.dan.memberId, invitationId: t.litware.invitationId },
      data: { status: "DRAFT" },
    });
    const dan = (await load(t, t.cookies.dan)).data as Page;
    expect(dan.visible).toBe(false);
    expect(serialized(dan)).not.toMatch(/"scores"|"mean"/);
    expect(((await load(t, t.cookies.ann)).data as Page).visible).toBe(true);
    const refused = await post(t, t.cookies.dan, {
      intent: "minority",
      consensusId: "whatever",
      opinion: "I still think it deserves less.",
    });
    expect(refused.status).toBe(422);
  });

  it("the lead records an agreed score with a rationale; audited with the individual scores", async () => {
    const t = await opened();
    const form = {
      intent: "record",
      invitationId: t.contoso.invitationId,
      criterionId: t.criteria.serviceDesk.id,
      value: "4",
      rationale: "Dan had missed the 24/7 staffing annex.",
    };
    const saved = await post(t, t.cookies.lead, form);
    expect(saved.status).toBe(302);
    const row = await prisma.consensusScore.findFirstOrThrow({ where: { rfpId: t.rfp.id } });
    expect(row).toMatchObject({ value: 4, rationale: form.rationale, decidedById: t.lead.id });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: t.rfp.id, action: "consensus.score_recorded" },
    });
    expect(audit.after).toMatchObject({ value: 4, individualScores: [4, 4, 4, 1], mean: 3.25 });
    const page = (await load(t, t.cookies.observer)).data as Page;
    expect(page.unsettled).toBe(1);
    // Changing it keeps one row and records the previous value.
    await post(t, t.cookies.lead, { ...form, value: "3", rationale: "On reflection the annex is thin." });
    expect(await prisma.consensusScore.count({ where: { rfpId: t.rfp.id } })).toBe(1);
    const change = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: t.rfp.id, action: "consensus.score_recorded" },
      orderBy: { id: "desc" },
    });
    expect(change.before).toEqual({ value: 4, rationale: form.rationale });
  });

  it("rejects bad consensus input with field errors and writes nothing", async () => {
    const t = await opened();
    const base = {
      intent: "record",
      invitationId: t.contoso.invitationId,
      criterionId: t.criteria.serviceDesk.id,
      value: "4",
      rationale: "Dan had missed the 24/7 staffing annex.",
    };
    const before = await snapshot(t.rfp.id);
    const cases: [Record<string, string>, number, string][] = [
      [{ ...base, rationale: "ok" }, 400, "rationale"],
      [{ ...base, value: "" }, 400, "value"],
      [{ ...base, value: "six" }, 400, "value"],
      [{ ...base, value: "9" }, 422, "value"],
      [{ ...base, invitationId: "no-such-vendor" }, 422, "form"],
      [{ ...base, criterionId: "no-such-criterion" }, 422, "form"],
    ];
    for (const [form, status, field] of cases) {
      const result = await post(t, t.cookies.lead, form);
      expect(result.status, JSON.stringify(form)).toBe(status);
      expect(Object.keys((result.data as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    // Panel members and observers do not record agreed scores.
    expect((await post(t, t.cookies.ann, base)).status).toBe(403);
    expect((await post(t, t.cookies.observer, base)).status).toBe(403);
    // Another RFP's vendor is not part of this evaluation.
    const other = await createConsensusRfp({ title: "Another tender" });
    const [otherVendor] = other.vendors;
    expect((await post(t, t.cookies.lead, { ...base, invitationId: otherVendor?.invitationId ?? "" })).status).toBe(
      422,
    );
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });

  it("refuses agreed scores before consensus is open and after the evaluation stage", async () => {
    const t = await setup();
    await writeAllSheets(t);
    const form = {
      intent: "record",
      invitationId: t.contoso.invitationId,
      criterionId: t.criteria.serviceDesk.id,
      value: "4",
      rationale: "Dan had missed the 24/7 staffing annex.",
    };
    expect((await post(t, t.cookies.lead, form)).status).toBe(422);
    await openConsensusDirectly(t.rfp.id);
    await prisma.rfp.update({ where: { id: t.rfp.id }, data: { stage: "SHORTLIST" } });
    const late = await post(t, t.cookies.lead, form);
    expect(late.status).toBe(422);
    expect(await prisma.consensusScore.count({ where: { rfpId: t.rfp.id } })).toBe(0);
  });

  it("members record their own minority opinion; the lead may record one for a member", async () => {
    const t = await opened();
    await settleFlaggedItems(t);
    const consensus = await prisma.consensusScore.findFirstOrThrow({
      where: { rfpId: t.rfp.id, invitationId: t.contoso.invitationId },
    });
    // A member cannot speak for someone else: memberId is ignored for them.
    const own = await post(t, t.cookies.dan, {
      intent: "minority",
      consensusId: consensus.id,
      memberId: t.ann.memberId,
      opinion: "The staffing annex promises people it has not hired.",
    });
    expect(own.status).toBe(302);
    const rows = await prisma.minorityOpinion.findMany({ where: { consensusId: consensus.id } });
    expect(rows.map((row) => row.memberId)).toEqual([t.dan.memberId]);
    const onBehalf = await post(t, t.cookies.lead, {
      intent: "minority",
      consensusId: consensus.id,
      memberId: t.cleo.memberId,
      opinion: "Cleo would have given 3: references were thin.",
    });
    expect(onBehalf.status).toBe(302);
    const page = await vendorPage(t, t.cookies.ann, t.contoso.invitationId);
    const item = page.vendor?.items.find((entry) => entry.criterionId === t.criteria.serviceDesk.id);
    expect(item?.consensus?.minorityOpinions.map((opinion) => opinion.name).sort()).toEqual([
      "Cleo Panel",
      "Dan Panel",
    ]);
    expect(page.unsettled).toBe(0);
    expect(await prisma.auditEvent.count({ where: { rfpId: t.rfp.id, action: "consensus.minority_recorded" } })).toBe(
      2,
    );
  });

  it("rejects bad minority opinions and observers, writing nothing", async () => {
    const t = await opened();
    await settleFlaggedItems(t);
    const consensus = await prisma.consensusScore.findFirstOrThrow({ where: { rfpId: t.rfp.id } });
    const before = await snapshot(t.rfp.id);
    const base = { intent: "minority", consensusId: consensus.id, opinion: "The references were thin." };
    expect((await post(t, t.cookies.ann, { ...base, opinion: "no" })).status).toBe(400);
    expect((await post(t, t.cookies.ann, { ...base, consensusId: "nope" })).status).toBe(422);
    expect((await post(t, t.cookies.lead, { ...base, memberId: "" })).status).toBe(422);
    expect((await post(t, t.cookies.observer, base)).status).toBe(403);
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });
});

describe("one vendor at a time", () => {
  async function opened() {
    const t = await setup();
    await writeAllSheets(t);
    await openConsensusDirectly(t.rfp.id);
    return t;
  }
  const progress = (page: Page) =>
    page.vendors?.map((vendor) => [vendor.name, vendor.flagged, vendor.agreed, vendor.remaining]);

  it("lists every vendor with its flagged, agreed and remaining counts, and returns one vendor's items", async () => {
    const t = await opened();
    const page = await vendorPage(t, t.cookies.observer, t.fabrikam.invitationId, "&items=all");
    expect(progress(page)).toEqual([
      [t.contoso.name, 1, 0, 1],
      [t.fabrikam.name, 1, 0, 1],
      [t.litware.name, 0, 0, 0],
    ]);
    expect(page.vendor?.name).toBe(t.fabrikam.name);
    // Flagged items first: Fabrikam's security (range 3), then its service desk.
    expect(page.vendor?.items.map((item) => [item.criterionId, item.scores])).toEqual([
      [t.criteria.security.id, [3, 2, 5, 4]],
      [t.criteria.serviceDesk.id, [3, 3, 4, 4]],
    ]);
    expect(page.vendor?.items[0]?.flags).toEqual(["Range 3 ≥ 2.5 (half the scale)"]);
    // No other vendor's scores are in the page: only Fabrikam's are read.
    expect(serialized(page.vendors)).not.toMatch(/"scores"/);
    expect(page.flagged).toBe(2);
    expect(page.unsettled).toBe(2);
    // How each functional group ranks the vendor on screen among all of them (IT: 56 vs Contoso's 76).
    const ranks = page.groups?.vendor?.ranks.map((entry) => [entry.group, entry.rank, Math.round(entry.total ?? 0)]);
    expect(ranks).toEqual([
      ["IT", 2, 56],
      ["Finance", 1, 84],
    ]);
    expect(page.groups?.vendor?.sentence).toBe(`Finance ranks ${t.fabrikam.name} first, IT ranks it second.`);
  });

  it("lists a vendor's flagged items by default, all of them on ?items=all, and all when none is flagged", async () => {
    const t = await opened();
    const criterionIds = (page: Page) => page.vendor?.items.map((item) => item.criterionId);
    const byDefault = await vendorPage(t, t.cookies.lead, t.contoso.invitationId);
    expect([byDefault.items, byDefault.itemsRequested]).toEqual(["flagged", null]);
    expect(criterionIds(byDefault)).toEqual([t.criteria.serviceDesk.id]);
    expect(byDefault.vendor?.criteria).toBe(2);
    const all = await vendorPage(t, t.cookies.lead, t.contoso.invitationId, "&items=all");
    expect(criterionIds(all)).toEqual([t.criteria.serviceDesk.id, t.criteria.security.id]);
    // Litware has nothing flagged: by default all its items; asked for the flagged only, none.
    const litware = await vendorPage(t, t.cookies.lead, t.litware.invitationId);
    expect([litware.items, criterionIds(litware)?.length]).toEqual(["all", 2]);
    const none = await vendorPage(t, t.cookies.lead, t.litware.invitationId, "&items=flagged");
    expect([none.items, none.vendor?.items]).toEqual(["flagged", []]);
    // An unknown list is the default one, not an error.
    const unknown = await vendorPage(t, t.cookies.lead, t.contoso.invitationId, "&items=everything");
    expect([unknown.items, unknown.itemsRequested, criterionIds(unknown)]).toEqual([
      "flagged",
      null,
      [t.criteria.serviceDesk.id],
    ]);
  });

  it("without ?vendor shows the first vendor with flagged items still to settle, else the first vendor", async () => {
    const t = await opened();
    const shown = async () => ((await load(t, t.cookies.lead)).data as Page).vendor?.name;
    expect(await shown()).toBe(t.contoso.name);
    const settle = (invitationId: string, criterionId: string) =>
      post(
        t,
        t.cookies.lead,
        { intent: "record", invitationId, criterionId, value: "4", rationale: "The panel agreed after discussion." },
        `?vendor=${invitationId}`,
      );
    expect((await settle(t.contoso.invitationId, t.criteria.serviceDesk.id)).status).toBe(302);
    expect(await shown()).toBe(t.fabrikam.name);
    expect(progress((await load(t, t.cookies.lead)).data as Page)?.[0]).toEqual([t.contoso.name, 1, 1, 0]);
    expect((await settle(t.fabrikam.invitationId, t.criteria.security.id)).status).toBe(302);
    const settled = (await load(t, t.cookies.lead)).data as Page;
    expect(settled.vendor?.name).toBe(t.contoso.name);
    expect(settled.unsettled).toBe(0);
  });

  it("recording a score or an opinion returns to the same vendor and list", async () => {
    const t = await opened();
    const recorded = await post(
      t,
      t.cookies.lead,
      {
        intent: "record",
        invitationId: t.fabrikam.invitationId,
        criterionId: t.criteria.security.id,
        value: "4",
        rationale: "ISO 27001 certificate is current; SOC 2 report pending.",
      },
      `?vendor=${t.fabrikam.invitationId}&items=flagged`,
    );
    expect(recorded.status).toBe(302);
    expect(recorded.headers.get("Location")).toBe(
      `/rfps/${t.rfp.id}/consensus?vendor=${t.fabrikam.invitationId}&items=flagged#item-${t.criteria.security.id}`,
    );
    const consensus = await prisma.consensusScore.findFirstOrThrow({ where: { rfpId: t.rfp.id } });
    // Posted from the default page (no ?vendor): back to the vendor the opinion is about.
    const opinion = await post(t, t.cookies.dan, {
      intent: "minority",
      consensusId: consensus.id,
      opinion: "The SOC 2 report is a promise, not evidence.",
    });
    expect(opinion.status).toBe(302);
    expect(opinion.headers.get("Location")).toBe(`/rfps/${t.rfp.id}/consensus?vendor=${t.fabrikam.invitationId}`);
    // A rejected form answers on the same page with the field errors.
    const rejected = await post(
      t,
      t.cookies.lead,
      { intent: "record", invitationId: t.fabrikam.invitationId, criterionId: t.criteria.security.id, value: "" },
      `?vendor=${t.fabrikam.invitationId}`,
    );
    expect(rejected.status).toBe(400);
  });

  it("a vendor that is not part of this evaluation is a 404, sealed or not, and reveals nothing", async () => {
    const t = await setup();
    await writeAllSheets(t);
    const other = await createConsensusRfp({ title: "Another tender" });
    const otherVendor = other.vendors[0]?.invitationId ?? "";
    for (const query of [`?vendor=${otherVendor}`, "?vendor=no-such-vendor", `?vendor=${"x".repeat(200)}`]) {
      const sealed = await load(t, t.cookies.lead, query);
      expect(sealed.status, query).toBe(404);
      expect(serialized(sealed.data)).not.toMatch(/"scores"|"mean"|"flags"/);
    }
    // Before consensus opens, a vendor of this RFP shows the same sealed page: no counts, no scores.
    const before = await vendorPage(t, t.cookies.ann, t.contoso.invitationId);
    expect(before.visible).toBe(false);
    expect(serialized(before)).not.toMatch(/"scores"|"mean"|"flagged"|"remaining"|"vendors"/);
    await openConsensusDirectly(t.rfp.id);
    expect((await load(t, t.cookies.observer, `?vendor=${otherVendor}`)).status).toBe(404);
    // A disqualified vendor has left the evaluation.
    await prisma.invitation.update({ where: { id: t.litware.invitationId }, data: { status: "DISQUALIFIED" } });
    expect((await load(t, t.cookies.observer, `?vendor=${t.litware.invitationId}`)).status).toBe(404);
    expect(progress((await load(t, t.cookies.observer)).data as Page)).toHaveLength(2);
  });

  it("counts follow a sheet that is reopened and resubmitted with other scores", async () => {
    const t = await opened();
    expect(progress((await load(t, t.cookies.lead)).data as Page)?.[0]).toEqual([t.contoso.name, 1, 0, 1]);
    // Dan reconsiders Contoso's service desk, 1 → 4: reopen, change, submit (as the sheet does).
    const sheet = { memberId: t.dan.memberId, invitationId: t.contoso.invitationId };
    const { id } = await prisma.scoreSheet.findFirstOrThrow({ where: sheet, select: { id: true } });
    await prisma.scoreSheet.updateMany({ where: sheet, data: { status: "DRAFT" } });
    await prisma.score.updateMany({
      where: { sheetId: id, criterionId: t.criteria.serviceDesk.id },
      data: { value: 4 },
    });
    await prisma.scoreSheet.updateMany({ where: sheet, data: { status: "SUBMITTED" } });
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(progress(page)?.[0]).toEqual([t.contoso.name, 0, 0, 0]);
    expect(page.vendor?.name).toBe(t.fabrikam.name);
    // While a sheet is out it does not count: Contoso's service desk has three scores.
    await prisma.scoreSheet.updateMany({ where: sheet, data: { status: "DRAFT" } });
    expect(((await load(t, t.cookies.dan)).data as Page).visible).toBe(false);
    const partial = await vendorPage(t, t.cookies.lead, t.contoso.invitationId);
    const serviceDesk = partial.vendor?.items.find((item) => item.criterionId === t.criteria.serviceDesk.id);
    expect(serviceDesk?.scores).toEqual([4, 4, 4, null]);
  });
});

describe("stage guard: evaluation → shortlist", () => {
  async function overview(t: Setup) {
    const result = await callLoader(overviewRoute, `/rfps/${t.rfp.id}`, {
      cookie: t.cookies.lead,
      params: { rfpId: t.rfp.id },
    });
    return (result.data as { transitions: { to: string; allowed: boolean; blockers: string[] }[] }).transitions[0];
  }
  const move = async (t: Setup) => {
    const { version } = await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id }, select: { version: true } });
    return callAction(overviewRoute, `/rfps/${t.rfp.id}`, {
      cookie: t.cookies.lead,
      params: { rfpId: t.rfp.id },
      form: { intent: "transition", to: "SHORTLIST", version: String(version) },
    });
  };

  it("needs every sheet in and every flagged item settled", async () => {
    const t = await setup();
    await writeAllSheets(t, { skip: ["Litware/Dan"] });
    expect(await overview(t)).toEqual({
      to: "SHORTLIST",
      allowed: false,
      blockers: ["1 score sheet(s) are not submitted yet.", "Consensus has not been recorded."],
    });
    expect((await move(t)).status).toBe(422);
    await writeAllSheets({ ...t, vendors: [t.litware], panel: [t.dan] });
    await openConsensusDirectly(t.rfp.id);
    expect((await overview(t))?.blockers).toEqual(["Consensus has not been recorded."]);
    await settleFlaggedItems(t);
    expect((await overview(t))?.allowed).toBe(true);
    expect((await move(t)).status).toBe(302);
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id } })).stage).toBe("SHORTLIST");
  });

  it("the facts offered on the page (from the cached summary) are those the move checks", async () => {
    const t = await setup();
    const same = async () => {
      const offered = await offeredEvaluationFacts(t.rfp.id, "EVALUATION");
      expect(offered).toEqual(await prisma.$transaction((tx) => evaluationFacts(tx, t.rfp.id, "EVALUATION")));
      return offered;
    };
    expect((await same()).scoring).toEqual({ sheetsPending: 12, consensusComplete: false });
    await writeAllSheets(t);
    await openConsensusDirectly(t.rfp.id);
    expect((await same()).scoring).toEqual({ sheetsPending: 0, consensusComplete: false });
    await settleFlaggedItems(t);
    expect((await same()).scoring).toEqual({ sheetsPending: 0, consensusComplete: true });
    expect(await offeredEvaluationFacts(t.rfp.id, "PUBLISHED")).toEqual(NO_EVALUATION_FACTS);
  });

  it("a member with nothing written to score owes no sheet: progress, consensus page and guard agree", async () => {
    const t = await setup();
    // Dan's only assignment is a criterion not scored in writing (the price): nothing to score.
    const price = await prisma.criterion.findFirstOrThrow({ where: { rfpId: t.rfp.id, stage: "PRICE" } });
    await prisma.panelAssignment.create({ data: { memberId: t.dan.memberId, criterionId: price.id } });
    await writeAllSheets(t, { skip: t.vendors.map((vendor) => `${vendor.short}/Dan`) });

    const progress = await getEvaluationProgress(t.rfp.id);
    expect(progress.counts).toEqual({ expected: 9, submitted: 9 });
    const dan = progress.members.find((member) => member.id === t.dan.memberId);
    expect(dan?.cells.map((cell) => cell.expected)).toEqual([false, false, false]);
    // Nor is Dan reminded of sheets he does not owe.
    expect(dan?.outstanding.sheets).toBe(0);
    const page = (await load(t, t.cookies.lead)).data as { sheets: { submitted: number; pending: number } | null };
    expect(page.sheets).toEqual({ submitted: 9, pending: 0 });
    const guard = await prisma.$transaction((tx) => evaluationFacts(tx, t.rfp.id, "EVALUATION"));
    expect(guard.scoring.sheetsPending).toBe(0);
    expect(await offeredEvaluationFacts(t.rfp.id, "EVALUATION")).toEqual(guard);
  });
});
