import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { loadEvaluation, loadEvaluationFrame, statisticsOf } from "~/models/consensus-data.server";
import { evaluationState } from "~/models/evaluation-cache.server";
import { getResults, getResultsExport, getSensitivity } from "~/models/results.server";
import {
  type ConsensusRfp,
  createConsensusRfp,
  openConsensusDirectly,
  writeAllSheets,
  writeSheet,
} from "../fixtures/evaluation-consensus";
import { createTestUser } from "../fixtures/factories";

/**
 * The evaluation state (EvaluationVersion, kept by database triggers) keys the cached frame and the
 * consensus page's panel summary: every write to an input of the frame must move it — whichever
 * code path makes it — and an autosave of a draft sheet must not (it would empty the cache on every
 * keystroke of the panel). Writes here go straight to the database, as a script or a future
 * feature might.
 */
async function setup() {
  const t = await createConsensusRfp();
  await writeAllSheets(t, { skip: ["Litware/Dan"] });
  return t;
}

function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error("fixture incomplete");
  return item;
}

async function moves(t: ConsensusRfp, write: () => Promise<unknown>) {
  const before = await evaluationState(t.rfp.id);
  await write();
  return (await evaluationState(t.rfp.id)) !== before;
}

describe("evaluation state", () => {
  it("moves with every input of the evaluation frame", async () => {
    const t = await setup();
    const member = first(t.panel);
    const vendor = first(t.vendors);
    const litware = t.vendors[2];
    const dan = t.panel[3];
    if (!litware || !dan) throw new Error("fixture incomplete");
    const writes: Record<string, () => Promise<unknown>> = {
      "a criterion's weight": () =>
        prisma.criterion.update({ where: { id: t.criteria.security.id }, data: { weight: 45 } }),
      "a new criterion": () =>
        prisma.criterion.create({
          data: {
            rfpId: t.rfp.id,
            name: "Exit plan",
            weight: 0,
            stage: "WRITTEN",
            position: 9,
            scaleMin: 0,
            scaleMax: 5,
          },
        }),
      "an invitation's status": () =>
        prisma.invitation.update({ where: { id: vendor.invitationId }, data: { status: "DISQUALIFIED" } }),
      "a proposal's status": () =>
        prisma.proposal.update({ where: { invitationId: litware.invitationId }, data: { status: "DRAFT" } }),
      "a vendor's name": () =>
        prisma.invitation
          .findUniqueOrThrow({ where: { id: litware.invitationId }, select: { vendorId: true } })
          .then(({ vendorId }) => prisma.vendor.update({ where: { id: vendorId }, data: { name: "Litware Group" } })),
      "a panel member's name": () => prisma.user.update({ where: { id: member.user.id }, data: { name: "Ann Smith" } }),
      "a member's functional group": () =>
        prisma.rfpMember.update({ where: { id: member.memberId }, data: { functionalGroup: "Operations" } }),
      "a member's criteria": () =>
        prisma.panelAssignment.create({ data: { memberId: member.memberId, criterionId: t.criteria.security.id } }),
      "a recusal": () =>
        prisma.conflictDeclaration.update({
          where: { memberId_invitationId: { memberId: member.memberId, invitationId: litware.invitationId } },
          data: { hasConflict: true, decision: "RECUSED_VENDOR" },
        }),
      "a sheet submitted": () =>
        writeSheet(t.rfp.id, dan.memberId, litware.invitationId, { [t.criteria.serviceDesk.id]: 3 }),
      "a sheet reopened": () =>
        prisma.scoreSheet.update({
          where: { memberId_invitationId: { memberId: dan.memberId, invitationId: litware.invitationId } },
          data: { status: "DRAFT" },
        }),
      "consensus opened": () => openConsensusDirectly(t.rfp.id),
      "an agreed score": () =>
        prisma.consensusScore.create({
          data: {
            rfpId: t.rfp.id,
            invitationId: vendor.invitationId,
            criterionId: t.criteria.serviceDesk.id,
            value: 4,
            rationale: "Agreed.",
            decidedById: t.lead.id,
          },
        }),
      "a minority opinion": () =>
        prisma.consensusScore
          .findFirstOrThrow({ where: { rfpId: t.rfp.id }, select: { id: true } })
          .then(({ id }) =>
            prisma.minorityOpinion.create({ data: { consensusId: id, memberId: member.memberId, opinion: "Lower." } }),
          ),
      "a shortlist decision": () =>
        prisma.shortlistDecision.create({
          data: {
            rfpId: t.rfp.id,
            invitationId: vendor.invitationId,
            outcome: "SHORTLISTED",
            rationale: "Top of the ranking.",
            decidedById: t.lead.id,
          },
        }),
      "a member leaving the panel": () => prisma.rfpMember.delete({ where: { id: member.memberId } }),
      // What the results read beyond the frame.
      "a price line": () =>
        prisma.proposal
          .findUniqueOrThrow({ where: { invitationId: vendor.invitationId }, select: { id: true } })
          .then(({ id }) =>
            prisma.priceLine.create({
              data: {
                proposalId: id,
                position: 0,
                description: "Service desk",
                kind: "RECURRING",
                unit: "month",
                quantity: 1,
                unitPrice: 9_000,
              },
            }),
          ),
      "a proposal's term": () =>
        prisma.proposal.update({ where: { invitationId: vendor.invitationId }, data: { termMonths: 48 } }),
      "the RFP's title": () => prisma.rfp.update({ where: { id: t.rfp.id }, data: { title: "Service desk 2029" } }),
      "the RFP's budget": () => prisma.rfp.update({ where: { id: t.rfp.id }, data: { budgetAmount: 1_500_000 } }),
      "the price formula fixed": () =>
        prisma.rfp.update({ where: { id: t.rfp.id }, data: { priceFormulaFixedAt: new Date() } }),
      "prices shown to the panel": () =>
        prisma.rfp.update({ where: { id: t.rfp.id }, data: { pricesVisibleToPanel: true } }),
    };
    const stayed: string[] = [];
    for (const [name, write] of Object.entries(writes)) if (!(await moves(t, write))) stayed.push(name);
    expect(stayed).toEqual([]);
  });

  it("stays put for what neither the frame nor the results show: draft autosaves, the RFP's text, people outside it", async () => {
    const t = await setup();
    const dan = t.panel[3];
    const litware = t.vendors[2];
    if (!dan || !litware) throw new Error("fixture incomplete");
    const draft = await writeSheet(
      t.rfp.id,
      dan.memberId,
      litware.invitationId,
      { [t.criteria.serviceDesk.id]: 2 },
      "DRAFT",
    );
    const stranger = await createTestUser({ role: "EVALUATOR", name: "Sam Stranger" });
    const writes: Record<string, () => Promise<unknown>> = {
      "a draft's score": () =>
        prisma.score.update({
          where: { sheetId_criterionId: { sheetId: draft.id, criterionId: t.criteria.serviceDesk.id } },
          data: { value: 3 },
        }),
      "a draft's save time": () =>
        prisma.scoreSheet.update({ where: { id: draft.id }, data: { updatedAt: new Date() } }),
      "the RFP's summary": () => prisma.rfp.update({ where: { id: t.rfp.id }, data: { summary: "Revised summary." } }),
      "someone else's name": () => prisma.user.update({ where: { id: stranger.id }, data: { name: "Sam Other" } }),
    };
    const moved: string[] = [];
    for (const [name, write] of Object.entries(writes)) if (await moves(t, write)) moved.push(name);
    expect(moved).toEqual([]);
  });

  it("counts one step per transaction, and none for a transaction rolled back", async () => {
    const t = await setup();
    const before = await prisma.evaluationVersion.findUnique({ where: { rfpId: t.rfp.id } });
    await prisma.$transaction([
      prisma.criterion.update({ where: { id: t.criteria.security.id }, data: { weight: 45 } }),
      prisma.criterion.update({ where: { id: t.criteria.serviceDesk.id }, data: { weight: 55 } }),
    ]);
    const after = await prisma.evaluationVersion.findUnique({ where: { rfpId: t.rfp.id } });
    // Deferred to commit, each changed row counts once: two rows, two steps, one transaction id.
    expect((after?.version ?? 0) - (before?.version ?? 0)).toBe(2);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.criterion.update({ where: { id: t.criteria.security.id }, data: { weight: 50 } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await prisma.evaluationVersion.findUnique({ where: { rfpId: t.rfp.id } })).toEqual(after);
  });

  it("counts every one of many sheets submitted at the same moment (no lost step, no deadlock)", async () => {
    const t = await createConsensusRfp();
    await writeAllSheets(t, { draft: t.vendors.flatMap((vendor) => t.panel.map((m) => `${vendor.short}/${m.short}`)) });
    const drafts = await prisma.scoreSheet.findMany({ where: { rfpId: t.rfp.id }, select: { id: true } });
    expect(drafts).toHaveLength(12);
    const before = (await prisma.evaluationVersion.findUnique({ where: { rfpId: t.rfp.id } }))?.version ?? 0;
    // Each submission its own transaction, all started at once (truly concurrent on PostgreSQL),
    // each also touching a second input (its member's group) as a sheet submission with a
    // conflict decision might: two trigger rows per transaction, locked at commit.
    await Promise.all(
      drafts.map((sheet, index) =>
        prisma.$transaction(async (tx) => {
          await tx.scoreSheet.update({
            where: { id: sheet.id },
            data: { status: "SUBMITTED", submittedAt: new Date() },
          });
          const member = t.panel[index % t.panel.length];
          if (member)
            await tx.rfpMember.update({ where: { id: member.memberId }, data: { functionalGroup: `G${index}` } });
        }),
      ),
    );
    const after = (await prisma.evaluationVersion.findUnique({ where: { rfpId: t.rfp.id } }))?.version ?? 0;
    expect(after - before).toBe(24);
    expect((await loadEvaluationFrame(t.rfp.id)).submitted).toBe(12);
  });

  it("serves the results as they are now: computed once per state, again after a change", async () => {
    const t = await setup();
    await openConsensusDirectly(t.rfp.id);
    const access = { rfp: { id: t.rfp.id }, showPrices: true } as Parameters<typeof getResults>[0];
    const first = await getResults(access, "raw");
    expect(await getResults(access, "raw")).toBe(first);
    expect(first.submittedSheets).toBe(11);
    expect(first.consensusScores).toBe(0);
    const contoso = first.vendors.find((vendor) => vendor.name === "Contoso Services");
    if (!contoso) throw new Error("fixture incomplete");
    await prisma.consensusScore.create({
      data: {
        rfpId: t.rfp.id,
        invitationId: contoso.id,
        criterionId: t.criteria.serviceDesk.id,
        value: 4,
        rationale: "Agreed.",
        decidedById: t.lead.id,
      },
    });
    const after = await getResults(access, "raw");
    expect(after).not.toBe(first);
    expect(after.consensusScores).toBe(1);
    // Another method or price visibility is its own entry, of the same state.
    expect((await getResults(access, "normalized")).method).toBe("normalized");
    expect((await getResults({ ...access, showPrices: false }, "raw")).priceStatus).not.toBe("INCLUDED");
  });

  it("serves the sensitivity analysis and the exports from the same state: kept while it holds, redone after a change", async () => {
    const t = await setup();
    const access = { rfp: { id: t.rfp.id }, showPrices: true } as Parameters<typeof getResults>[0];
    const defaults = { weights: {}, monteCarlo: { spreadPercent: 20, draws: 500 } };
    const first = await getSensitivity(access, "raw", defaults);
    const again = await getSensitivity(access, "raw", defaults);
    if (!first.analysis || !again.analysis) throw new Error("no analysis for a scored RFP");
    // The model, tipping points and a Monte Carlo run with the same options are the kept ones…
    expect(again.analysis.model).toBe(first.analysis.model);
    expect(again.analysis.tipping).toBe(first.analysis.tipping);
    expect(again.analysis.monteCarlo).toBe(first.analysis.monteCarlo);
    // …other options draw again; the weights asked are the request's own.
    const wider = await getSensitivity(access, "raw", { ...defaults, monteCarlo: { spreadPercent: 40, draws: 500 } });
    expect(wider.analysis?.monteCarlo).not.toBe(first.analysis.monteCarlo);
    expect(wider.analysis?.monteCarlo.spreadPercent).toBe(40);
    const security = t.criteria.security.id;
    const tilted = await getSensitivity(access, "raw", { ...defaults, weights: { [security]: 90 } });
    expect(tilted.analysis?.whatIf).not.toEqual(first.analysis.whatIf);
    const exported = await getResultsExport(access, "raw");
    // A new weight is a new state: the analysis and the export are computed from it.
    await prisma.criterion.update({ where: { id: security }, data: { weight: 10 } });
    const after = await getSensitivity(access, "raw", defaults);
    expect(after.analysis?.model).not.toBe(first.analysis.model);
    expect(after.analysis?.model).not.toEqual(first.analysis.model);
    const exportedAfter = await getResultsExport(access, "raw");
    expect(exportedAfter?.sheets).not.toEqual(exported?.sheets);
  });

  it("serves the whole evaluation (every score) once per state, and again after a sheet comes in", async () => {
    const t = await setup();
    const first = await loadEvaluation(t.rfp.id);
    expect(await loadEvaluation(t.rfp.id)).toBe(first);
    expect(first.sheets).toEqual({ expected: 12, submitted: 11 });
    // Item statistics are computed once per matrix, and shared with it.
    expect(statisticsOf(first.matrix)).toBe(statisticsOf(first.matrix));
    const dan = t.panel[3];
    const litware = t.vendors[2];
    if (!dan || !litware) throw new Error("fixture incomplete");
    await writeSheet(t.rfp.id, dan.memberId, litware.invitationId, {
      [t.criteria.serviceDesk.id]: 3,
      [t.criteria.security.id]: 2,
    });
    const after = await loadEvaluation(t.rfp.id);
    expect(after).not.toBe(first);
    expect(after.sheets).toEqual({ expected: 12, submitted: 12 });
    // The transaction path reads for itself, never from the cache.
    const inTransaction = await prisma.$transaction((tx) => loadEvaluation(t.rfp.id, tx));
    expect(inTransaction).not.toBe(after);
    expect(inTransaction.sheets).toEqual(after.sheets);
  });

  it("serves the frame as it is now, after any write, from any code path", async () => {
    const t = await setup();
    const litware = t.vendors[2];
    if (!litware) throw new Error("fixture incomplete");
    const names = async () => (await loadEvaluationFrame(t.rfp.id)).vendors.map((vendor) => vendor.name);
    expect(await names()).toContain("Litware Services");
    // The same state twice: the second read is the cached rows (the very same consensus list).
    const [once, twice] = [await loadEvaluationFrame(t.rfp.id), await loadEvaluationFrame(t.rfp.id)];
    expect(twice.version).toBe(once.version);
    expect(twice.consensus).toBe(once.consensus);
    const { vendorId } = await prisma.invitation.findUniqueOrThrow({
      where: { id: litware.invitationId },
      select: { vendorId: true },
    });
    await prisma.vendor.update({ where: { id: vendorId }, data: { name: "Litware Group" } });
    expect(await names()).toContain("Litware Group");
    const pending = async () => (await loadEvaluationFrame(t.rfp.id)).pending.length;
    expect(await pending()).toBe(1);
    await writeSheet(t.rfp.id, t.panel[3]?.memberId ?? "", litware.invitationId, { [t.criteria.serviceDesk.id]: 3 });
    expect(await pending()).toBe(0);
  });
});
