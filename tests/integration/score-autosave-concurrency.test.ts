/**
 * Twenty evaluators autosaving their own sheets at the same time (issue 7, point 5): every save is
 * one transaction that writes only what changed, under the evaluator's own row lock. Nothing may
 * be lost, doubled or refused: each evaluator's saves go one after another, as the page sends them.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as myEvaluationRoute from "~/routes/rfps.$rfpId.scoring._index";
import * as sheetRoute from "~/routes/rfps.$rfpId.scoring.$invitationId";
import { createEvaluation, noConflictForm, sheetForm } from "../fixtures/evaluation-sheets";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction } from "../fixtures/routes";

const EVALUATORS = 20;
const ROUNDS = 4;

describe("twenty evaluators autosaving at once", () => {
  it("lose nothing: each sheet ends with its evaluator's last values, one version per save, no conflict", async () => {
    const ev = await createEvaluation();
    const [vendor] = ev.invitations;
    if (!vendor || ev.criteria.length < 2) throw new Error("setup");
    const others = await Promise.all(
      Array.from({ length: EVALUATORS - 2 }, (_, index) =>
        createTestUser({ role: "EVALUATOR", name: `Evaluator ${index + 3}` }),
      ),
    );
    await prisma.rfpMember.createMany({
      data: others.map((user) => ({ rfpId: ev.rfp.id, userId: user.id, role: "PANEL" as const })),
    });
    const evaluators = [ev.alice, ev.bob, ...others];
    const cookies = await Promise.all(evaluators.map((user) => sessionCookie(user)));
    for (const cookie of cookies) {
      const declared = await callAction(myEvaluationRoute, `/rfps/${ev.rfp.id}/scoring`, {
        cookie,
        params: { rfpId: ev.rfp.id },
        form: noConflictForm(ev.invitations.map((invitation) => invitation.id)),
      });
      expect(declared.status).toBe(302);
    }
    const path = `/rfps/${ev.rfp.id}/scoring/${vendor.id}`;
    // What each evaluator's form holds after their last edit, criterion by criterion.
    const expected = evaluators.map(() => new Map<string, { value: number; comment: string }>());
    const statuses: number[] = [];

    await Promise.all(
      evaluators.map(async (_, who) => {
        let version = 0;
        for (let round = 0; round < ROUNDS; round++) {
          // One criterion edited per save (alternating), as a typing evaluator's autosave posts it.
          const criterion = ev.criteria[round % ev.criteria.length];
          if (!criterion) throw new Error("setup");
          const entry = { value: 1 + ((who + round) % 4), comment: `Evaluator ${who + 1}, edit ${round + 1}` };
          expected[who]?.set(criterion.id, entry);
          const result = await callAction(sheetRoute, path, {
            cookie: cookies[who] ?? "",
            params: { rfpId: ev.rfp.id, invitationId: vendor.id },
            form: sheetForm("autosave", version, [{ criterionId: criterion.id, ...entry }]),
          });
          statuses.push(result.status);
          const answer = result.data as { version?: number };
          version = answer.version ?? version;
        }
      }),
    );

    expect(statuses).toEqual(Array(EVALUATORS * ROUNDS).fill(200));
    const sheets = await prisma.scoreSheet.findMany({
      where: { rfpId: ev.rfp.id },
      select: {
        id: true,
        version: true,
        status: true,
        member: { select: { userId: true } },
        scores: { select: { criterionId: true, value: true, comment: true } },
      },
    });
    expect(sheets).toHaveLength(EVALUATORS);
    for (const [who, user] of evaluators.entries()) {
      const sheet = sheets.find((candidate) => candidate.member.userId === user.id);
      expect(sheet).toMatchObject({ version: ROUNDS, status: "DRAFT" });
      const stored = Object.fromEntries(
        (sheet?.scores ?? []).map((score) => [score.criterionId, { value: score.value, comment: score.comment }]),
      );
      expect(stored).toEqual(Object.fromEntries(expected[who] ?? []));
    }
    // Autosaves are audited at most every few minutes per sheet: the first save of each.
    const audited = await prisma.auditEvent.groupBy({
      by: ["entityId"],
      where: { rfpId: ev.rfp.id, action: "sheet.draft_saved" },
      _count: { _all: true },
    });
    expect(audited).toHaveLength(EVALUATORS);
    expect(audited.every((row) => row._count._all === 1)).toBe(true);
  });
});
