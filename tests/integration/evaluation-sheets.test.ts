import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as panelRoute from "~/routes/rfps.$rfpId.panel";
import * as priceRoute from "~/routes/rfps.$rfpId.price";
import * as progressRoute from "~/routes/rfps.$rfpId.progress";
import * as myEvaluationRoute from "~/routes/rfps.$rfpId.scoring._index";
import * as sheetRoute from "~/routes/rfps.$rfpId.scoring.$invitationId";
import * as attachmentRoute from "~/routes/rfps.$rfpId.scoring.$invitationId_.attachments.$attachmentId";
import { createEvaluation, lengthenCriteriaTree, noConflictForm, sheetForm } from "../fixtures/evaluation-sheets";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

type Evaluation = Awaited<ReturnType<typeof createEvaluation>>;
type SheetPage = Awaited<ReturnType<typeof sheetRoute.loader>>;
type MyPage = Awaited<ReturnType<typeof myEvaluationRoute.loader>>;
type ProgressPage = Awaited<ReturnType<typeof progressRoute.loader>>;

const paths = (ev: Evaluation) => ({
  panel: `/rfps/${ev.rfp.id}/panel`,
  progress: `/rfps/${ev.rfp.id}/progress`,
  mine: `/rfps/${ev.rfp.id}/scoring`,
  sheet: (invitationId: string) => `/rfps/${ev.rfp.id}/scoring/${invitationId}`,
});

function vendors(ev: Evaluation) {
  const [contoso, fabrikam] = ev.invitations;
  if (!contoso || !fabrikam) throw new Error("setup");
  return { contoso, fabrikam };
}

async function declareNone(ev: Evaluation, user: { id: string; email: string }) {
  const result = await callAction(myEvaluationRoute, paths(ev).mine, {
    cookie: await sessionCookie(user),
    params: { rfpId: ev.rfp.id },
    form: noConflictForm(ev.invitations.map((invitation) => invitation.id)),
  });
  expect(result.status).toBe(302);
}

async function postSheet(
  ev: Evaluation,
  user: { id: string; email: string },
  invitationId: string,
  form: Record<string, string>,
) {
  return callAction(sheetRoute, paths(ev).sheet(invitationId), {
    cookie: await sessionCookie(user),
    params: { rfpId: ev.rfp.id, invitationId },
    form,
  });
}

async function loadSheet(ev: Evaluation, user: { id: string; email: string }, invitationId: string) {
  return callLoader(sheetRoute, paths(ev).sheet(invitationId), {
    cookie: await sessionCookie(user),
    params: { rfpId: ev.rfp.id, invitationId },
  });
}

/** A complete sheet: every criterion scored, comments where the extremes need them. */
function fullSheet(ev: Evaluation, values: number[], comment: string) {
  return ev.criteria.map((criterion, index) => ({
    criterionId: criterion.id,
    value: values[index] ?? 3,
    comment: `${comment} ${criterion.name}`,
  }));
}

async function written(rfpId: string) {
  const [sheets, scores, declarations, events, messages, members] = await Promise.all([
    prisma.scoreSheet.findMany({ where: { rfpId }, select: { id: true, status: true, version: true } }),
    prisma.score.findMany({ where: { sheet: { rfpId } }, select: { criterionId: true, value: true, comment: true } }),
    prisma.conflictDeclaration.findMany({ where: { rfpId }, select: { hasConflict: true, decision: true } }),
    prisma.auditEvent.count({ where: { rfpId } }),
    prisma.outboxMessage.count({ where: { rfpId } }),
    prisma.rfpMember.findMany({
      where: { rfpId },
      select: { functionalGroup: true, expertise: true, assignments: { select: { criterionId: true } } },
    }),
  ]);
  return { sheets, scores, declarations, events, messages, members };
}

describe("the panel", () => {
  it("lets the lead add a member with group and expertise; they score every written criterion by default", async () => {
    const ev = await createEvaluation();
    const carol = await createTestUser({ role: "EVALUATOR", name: "Carol Finance" });
    const cookie = await sessionCookie(ev.lead);
    const params = { rfpId: ev.rfp.id };
    const added = await callAction(panelRoute, paths(ev).panel, {
      cookie,
      params,
      form: { intent: "add", email: carol.email, functionalGroup: "Finance", expertise: "Pricing, contracts, pricing" },
    });
    expect(added.status).toBe(302);
    const member = await prisma.rfpMember.findFirstOrThrow({
      where: { rfpId: ev.rfp.id, userId: carol.id },
      select: { id: true, role: true, functionalGroup: true, expertise: true },
    });
    expect(member).toMatchObject({ role: "PANEL", functionalGroup: "Finance", expertise: ["Pricing", "contracts"] });
    const page = (await callLoader(panelRoute, paths(ev).panel, { cookie, params })).data as Awaited<
      ReturnType<typeof panelRoute.loader>
    >;
    const row = page.setup.members.find((candidate) => candidate.id === member.id);
    expect(row?.usesDefault).toBe(true);
    expect(row?.criterionIds.sort()).toEqual(ev.criteria.map((criterion) => criterion.id).sort());
    expect(await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "rfp.member_added" } })).toBe(1);

    // Narrowed to one criterion; "selected" with nothing ticked is refused.
    const [first] = ev.criteria;
    if (!first) throw new Error("no criteria");
    const narrowed = await callAction(panelRoute, paths(ev).panel, {
      cookie,
      params,
      form: {
        intent: "member",
        memberId: member.id,
        functionalGroup: "Finance",
        expertise: "Pricing",
        scope: "SELECTED",
        [`criterion:${first.id}`]: "on",
      },
    });
    expect(narrowed.status).toBe(302);
    expect(
      await prisma.panelAssignment.findMany({ where: { memberId: member.id }, select: { criterionId: true } }),
    ).toEqual([{ criterionId: first.id }]);
    const before = await written(ev.rfp.id);
    const empty = await callAction(panelRoute, paths(ev).panel, {
      cookie,
      params,
      form: { intent: "member", memberId: member.id, functionalGroup: "", expertise: "", scope: "SELECTED" },
    });
    expect(empty.status).toBe(400);
    expect(await written(ev.rfp.id)).toEqual(before);
  });

  it("refuses bad input and unknown people, writing nothing", async () => {
    const ev = await createEvaluation();
    const cookie = await sessionCookie(ev.lead);
    const params = { rfpId: ev.rfp.id };
    const before = await written(ev.rfp.id);
    const forms: Record<string, string>[] = [
      { intent: "add", email: "not-an-email" },
      { intent: "add", email: "nobody@example.com" },
      { intent: "add", email: ev.alice.email },
      { intent: "member", memberId: ev.memberOf(ev.alice), scope: "SOME" },
      { intent: "decide", declarationId: "nope", decision: "ACCEPTED_WITH_MITIGATION", note: "" },
      { intent: "prices", visible: "maybe" },
      { intent: "explode" },
    ];
    for (const form of forms) {
      const result = await callAction(panelRoute, paths(ev).panel, { cookie, params, form });
      expect([400, 422], JSON.stringify(form)).toContain(result.status);
    }
    expect(await written(ev.rfp.id)).toEqual(before);
  });

  it("is read-only for observers", async () => {
    const ev = await createEvaluation();
    const cookie = await sessionCookie(ev.observer);
    const params = { rfpId: ev.rfp.id };
    const page = await callLoader(panelRoute, paths(ev).panel, { cookie, params });
    expect(page.status).toBe(200);
    expect((page.data as { canManage: boolean }).canManage).toBe(false);
    const post = await callAction(panelRoute, paths(ev).panel, {
      cookie,
      params,
      form: { intent: "prices", visible: "yes" },
    });
    expect(post.status).toBe(403);
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: ev.rfp.id } })).pricesVisibleToPanel).toBe(false);
  });

  it("shows prices to the panel only when the lead allows it (audited)", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const hidden = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(hidden.sheet.proposal.prices).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain("12.35");
    const toggled = await callAction(priceRoute, `/rfps/${ev.rfp.id}/price`, {
      cookie: await sessionCookie(ev.lead),
      params: { rfpId: ev.rfp.id },
      form: { intent: "visibility", visible: "yes" },
    });
    expect(toggled.status).toBe(302);
    const shown = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(shown.sheet.proposal.prices?.oneTime).toBe("45000.00");
    expect(
      await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "price.panel_visibility_changed" } }),
    ).toBe(1);
  });

  it("freezes price visibility once consensus is open", async () => {
    const ev = await createEvaluation();
    await prisma.rfp.update({ where: { id: ev.rfp.id }, data: { consensusOpenedAt: new Date() } });
    const refused = await callAction(priceRoute, `/rfps/${ev.rfp.id}/price`, {
      cookie: await sessionCookie(ev.lead),
      params: { rfpId: ev.rfp.id },
      form: { intent: "visibility", visible: "yes" },
    });
    expect([400, 409, 422]).toContain(refused.status);
    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: ev.rfp.id } })).pricesVisibleToPanel).toBe(false);
    expect(
      await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "price.panel_visibility_changed" } }),
    ).toBe(0);
  });
});

describe("conflict declarations", () => {
  it("keep every proposal closed until the member has declared for every vendor", async () => {
    const ev = await createEvaluation();
    const { contoso } = vendors(ev);
    expect((await loadSheet(ev, ev.alice, contoso.id)).status).toBe(403);
    const mine = (
      await callLoader(myEvaluationRoute, paths(ev).mine, {
        cookie: await sessionCookie(ev.alice),
        params: { rfpId: ev.rfp.id },
      })
    ).data as MyPage;
    expect(mine.declarations.complete).toBe(false);
    expect(mine.sheets.vendors.map((vendor) => vendor.access)).toEqual(["declare_first", "declare_first"]);
  });

  it("refuses a missing answer or an undescribed conflict, writing nothing", async () => {
    const ev = await createEvaluation();
    const { contoso, fabrikam } = vendors(ev);
    const cookie = await sessionCookie(ev.alice);
    const params = { rfpId: ev.rfp.id };
    const before = await written(ev.rfp.id);
    const missing = await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie,
      params,
      form: { intent: "declare", [`conflict:${contoso.id}`]: "NONE" },
    });
    expect(missing.status).toBe(400);
    expect((missing.data as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      `conflict:${fabrikam.id}`,
    );
    const undescribed = await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie,
      params,
      form: { ...noConflictForm([contoso.id, fabrikam.id]), [`conflict:${contoso.id}`]: "CONFLICT" },
    });
    expect(undescribed.status).toBe(400);
    const forged = await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie,
      params,
      form: { ...noConflictForm([contoso.id, fabrikam.id]), "conflict:someone-else": "NONE" },
    });
    expect(forged.status).toBe(400);
    expect(await written(ev.rfp.id)).toEqual(before);
  });

  it("block the vendor until the lead decides; decisions are audited and emailed", async () => {
    const ev = await createEvaluation();
    const { contoso, fabrikam } = vendors(ev);
    const declared = await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie: await sessionCookie(ev.alice),
      params: { rfpId: ev.rfp.id },
      form: {
        ...noConflictForm([contoso.id, fabrikam.id]),
        [`conflict:${contoso.id}`]: "CONFLICT",
        [`description:${contoso.id}`]: "My brother-in-law is Contoso's account director.",
      },
    });
    expect(declared.status).toBe(302);
    expect(await prisma.outboxMessage.count({ where: { rfpId: ev.rfp.id, kind: "conflict_declared" } })).toBe(1);
    expect((await loadSheet(ev, ev.alice, contoso.id)).status).toBe(403);
    expect((await loadSheet(ev, ev.alice, fabrikam.id)).status).toBe(200);

    // The conflict is listed on the RFP for the lead and observers.
    const panelPage = (
      await callLoader(panelRoute, paths(ev).panel, {
        cookie: await sessionCookie(ev.observer),
        params: { rfpId: ev.rfp.id },
      })
    ).data as Awaited<ReturnType<typeof panelRoute.loader>>;
    const [conflict] = panelPage.conflicts.conflicts;
    expect(conflict).toMatchObject({
      memberName: "Alice Evaluator",
      vendorName: "Contoso Services Ltd",
      decision: "PENDING",
    });
    if (!conflict) throw new Error("no conflict listed");

    const lead = { cookie: await sessionCookie(ev.lead), params: { rfpId: ev.rfp.id } };
    const noNote = await callAction(panelRoute, paths(ev).panel, {
      ...lead,
      form: { intent: "decide", declarationId: conflict.id, decision: "ACCEPTED_WITH_MITIGATION", note: "" },
    });
    expect(noNote.status).toBe(400);
    const recused = await callAction(panelRoute, paths(ev).panel, {
      ...lead,
      form: { intent: "decide", declarationId: conflict.id, decision: "RECUSED_VENDOR", note: "" },
    });
    expect(recused.status).toBe(302);
    expect((await loadSheet(ev, ev.alice, contoso.id)).status).toBe(403);
    const accepted = await callAction(panelRoute, paths(ev).panel, {
      ...lead,
      form: {
        intent: "decide",
        declarationId: conflict.id,
        decision: "ACCEPTED_WITH_MITIGATION",
        note: "Bob double-checks Alice's Contoso scores.",
      },
    });
    expect(accepted.status).toBe(302);
    const sheet = await loadSheet(ev, ev.alice, contoso.id);
    expect(sheet.status).toBe(200);
    expect((sheet.data as SheetPage).sheet.mitigation).toBe("Bob double-checks Alice's Contoso scores.");
    expect(await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "conflict.decided" } })).toBe(2);
    expect(await prisma.outboxMessage.count({ where: { rfpId: ev.rfp.id, kind: "conflict_decided" } })).toBe(2);

    // Recused from the panel: every proposal closes.
    await callAction(panelRoute, paths(ev).panel, {
      ...lead,
      form: { intent: "decide", declarationId: conflict.id, decision: "RECUSED_PANEL", note: "" },
    });
    expect((await loadSheet(ev, ev.alice, fabrikam.id)).status).toBe(403);
  });

  it("are fixed once the member has started scoring", async () => {
    const ev = await createEvaluation();
    const { contoso, fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const [first] = ev.criteria;
    if (!first) throw new Error("no criteria");
    expect(
      (await postSheet(ev, ev.alice, fabrikam.id, sheetForm("save", 0, [{ criterionId: first.id, value: 3 }]))).status,
    ).toBe(302);
    const before = await written(ev.rfp.id);
    const change = await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie: await sessionCookie(ev.alice),
      params: { rfpId: ev.rfp.id },
      form: {
        ...noConflictForm([contoso.id, fabrikam.id]),
        [`conflict:${contoso.id}`]: "CONFLICT",
        [`description:${contoso.id}`]: "Remembered something after reading.",
      },
    });
    expect(change.status).toBe(422);
    expect(await written(ev.rfp.id)).toEqual(before);
  });
});

function requirementCodes(sheet: SheetPage["sheet"]) {
  return {
    shown: sheet.criteria.flatMap((criterion) => criterion.requirements.map((requirement) => requirement.code)),
    other: sheet.otherRequirements.map((requirement) => requirement.code),
  };
}

describe("the score sheet", () => {
  it("shows the vendor's response beside each assigned criterion, with the scale and its descriptors", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const page = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(page.sheet.vendorName).toBe("Fabrikam Inc");
    const serviceDesk = page.sheet.criteria.find((criterion) => criterion.name === "Service desk");
    expect(serviceDesk?.descriptors[0]).toBe("Not addressed");
    expect(serviceDesk?.requirements).toEqual([
      expect.objectContaining({
        code: "R-02",
        compliance: "COMPLIES",
        explanation: "Answer to R-02: certified since 2019.",
      }),
    ]);
    expect(page.sheet.criteria.map((criterion) => criterion.name)).toEqual(["Service desk", "Security"]);
  });

  it("autosaves drafts, refuses values off the scale and stale versions, and writes nothing then", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const [first, second] = ev.criteria;
    if (!first || !second) throw new Error("no criteria");
    const saved = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("autosave", 0, [{ criterionId: first.id, value: 4 }]),
    );
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ saved: true, version: 1 });
    const before = await written(ev.rfp.id);
    const offScale = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("autosave", 1, [{ criterionId: first.id, value: 9 }]),
    );
    expect(offScale.status).toBe(400);
    const stale = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("save", 0, [{ criterionId: first.id, value: 2 }]),
    );
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ conflict: { version: 1 } });
    const foreign = await postSheet(ev, ev.alice, fabrikam.id, {
      ...sheetForm("save", 1, [{ criterionId: first.id, value: 2 }]),
      "score:other-criterion": "3",
    });
    expect(foreign.status).toBe(400);
    expect(await written(ev.rfp.id)).toEqual(before);
    const page = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(page.sheet.entries).toEqual([
      { criterionId: first.id, value: 4, comment: "" },
      { criterionId: second.id, value: null, comment: "" },
    ]);
  });

  it("an autosave posts only the edited criteria: the others keep their values and rows; Save draft posts the whole form", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const [first, second] = ev.criteria;
    if (!first || !second) throw new Error("no criteria");
    const rows = () =>
      prisma.score.findMany({
        where: { sheet: { rfpId: ev.rfp.id } },
        orderBy: { criterion: { position: "asc" } },
        select: { id: true, criterionId: true, value: true, comment: true, updatedAt: true },
      });
    const whole = sheetForm("save", 0, [
      { criterionId: first.id, value: 3, comment: "Good coverage" },
      { criterionId: second.id, value: 2, comment: "" },
    ]);
    expect((await postSheet(ev, ev.alice, fabrikam.id, whole)).status).toBe(302);
    const [firstRow] = await rows();

    // Only the second criterion travels; the first keeps its value and its row is not rewritten.
    const edited = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("autosave", 1, [{ criterionId: second.id, value: 4, comment: "Better on a second read" }]),
    );
    expect(edited.data).toMatchObject({ saved: true, version: 2 });
    expect(await rows()).toEqual([
      firstRow,
      expect.objectContaining({ criterionId: second.id, value: 4, comment: "Better on a second read" }),
    ]);

    // A criterion posted without a score is one whose radio group is unanswered: its score is cleared.
    const cleared = { intent: "autosave", version: "2", [`comment:${second.id}`]: "" };
    expect((await postSheet(ev, ev.alice, fabrikam.id, cleared)).data).toMatchObject({ saved: true, version: 3 });
    expect(await rows()).toEqual([firstRow]);

    // An autosave that changes nothing still moves the version on and writes no row.
    const same = sheetForm("autosave", 3, [{ criterionId: first.id, value: 3, comment: "Good coverage  " }]);
    expect((await postSheet(ev, ev.alice, fabrikam.id, same)).data).toMatchObject({ saved: true, version: 4 });
    expect(await rows()).toEqual([firstRow]);

    // Save draft (the form without JavaScript) posts everything: a criterion missing from it is empty.
    const saveDraft = sheetForm("save", 4, [{ criterionId: second.id, value: 1, comment: "" }]);
    expect((await postSheet(ev, ev.alice, fabrikam.id, saveDraft)).status).toBe(302);
    const page = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(page.sheet.entries).toEqual([
      { criterionId: first.id, value: null, comment: "" },
      { criterionId: second.id, value: 1, comment: "" },
    ]);
    expect(page.sheet.sheet?.version).toBe(5);
  });

  it("submits only when complete, with comments at the lowest and highest points, then seals it", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    const [first, second] = ev.criteria;
    if (!first || !second) throw new Error("no criteria");
    const before = await written(ev.rfp.id);
    const incomplete = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("submit", 0, [{ criterionId: first.id, value: 3 }]),
    );
    expect(incomplete.status).toBe(400);
    const noComment = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("submit", 0, [
        { criterionId: first.id, value: 5 },
        { criterionId: second.id, value: 3 },
      ]),
    );
    expect(noComment.status).toBe(400);
    expect((noComment.data as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      `comment:${first.id}`,
    );
    expect(await written(ev.rfp.id)).toEqual(before);

    const submitted = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("submit", 0, [
        { criterionId: first.id, value: 5, comment: "Two strong references." },
        { criterionId: second.id, value: 3 },
      ]),
    );
    expect(submitted.status).toBe(302);
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { rfpId: ev.rfp.id }, select: { status: true } });
    expect(sheet.status).toBe("SUBMITTED");
    expect(await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "sheet.submitted" } })).toBe(1);

    const sealed = await written(ev.rfp.id);
    const change = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("save", 1, [
        { criterionId: first.id, value: 1, comment: "Changed my mind" },
        { criterionId: second.id, value: 3 },
      ]),
    );
    expect(change.status).toBe(422);
    expect(await written(ev.rfp.id)).toEqual(sealed);
    expect(((await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage).sheet.lockReason).toMatch(/sealed/);
  });

  it("can be reopened by the lead with a reason (audited, emailed), and edited again", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    expect(
      (await postSheet(ev, ev.alice, fabrikam.id, sheetForm("submit", 0, fullSheet(ev, [3, 4], "Fine")))).status,
    ).toBe(302);
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { rfpId: ev.rfp.id }, select: { id: true } });
    const lead = { cookie: await sessionCookie(ev.lead), params: { rfpId: ev.rfp.id } };
    const before = await written(ev.rfp.id);
    const short = await callAction(progressRoute, paths(ev).progress, {
      ...lead,
      form: { intent: "reopen", sheetId: sheet.id, reason: "redo" },
    });
    expect(short.status).toBe(400);
    const observerTry = await callAction(progressRoute, paths(ev).progress, {
      cookie: await sessionCookie(ev.observer),
      params: lead.params,
      form: { intent: "reopen", sheetId: sheet.id, reason: "The security answer was misread." },
    });
    expect(observerTry.status).toBe(403);
    expect(await written(ev.rfp.id)).toEqual(before);

    const reopened = await callAction(progressRoute, paths(ev).progress, {
      ...lead,
      form: { intent: "reopen", sheetId: sheet.id, reason: "The security answer was misread." },
    });
    expect(reopened.status).toBe(302);
    expect(
      await prisma.scoreSheet.findUniqueOrThrow({
        where: { id: sheet.id },
        select: { status: true, reopenReason: true },
      }),
    ).toEqual({ status: "DRAFT", reopenReason: "The security answer was misread." });
    expect(await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "sheet.reopened" } })).toBe(1);
    const email = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: ev.rfp.id, kind: "sheet_reopened" },
      select: { toEmail: true, bodyText: true },
    });
    expect(email.toEmail).toBe(ev.alice.email);
    expect(email.bodyText).toContain("The security answer was misread.");
    const page = (await loadSheet(ev, ev.alice, fabrikam.id)).data as SheetPage;
    expect(page.sheet.lockReason).toBeNull();
    expect(page.sheet.sheet?.reopenReason).toBe("The security answer was misread.");
    const resubmitted = await postSheet(
      ev,
      ev.alice,
      fabrikam.id,
      sheetForm("submit", page.sheet.sheet?.version ?? 0, fullSheet(ev, [2, 4], "Revised")),
    );
    expect(resubmitted.status).toBe(302);
  });

  it("shows a long sheet one section at a time; saving a section keeps the others; submitting checks them all", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    const leaves = await lengthenCriteriaTree(ev.rfp.id);
    await declareNone(ev, ev.alice);
    const inSection = (section: string) => leaves.filter((leaf) => leaf.section === section);
    const load = async (query: string) =>
      (
        (
          await callLoader(sheetRoute, `${paths(ev).sheet(fabrikam.id)}${query}`, {
            cookie: await sessionCookie(ev.alice),
            params: { rfpId: ev.rfp.id, invitationId: fabrikam.id },
          })
        ).data as SheetPage
      ).sheet;

    // The first section by default (and for an unknown one): only its criteria and entries are sent.
    for (const query of ["", "?section=9"]) {
      const first = await load(query);
      expect(first.criteria.map((criterion) => criterion.id)).toEqual(inSection("1").map((leaf) => leaf.id));
      expect(first.entries.map((entry) => entry.criterionId)).toEqual(inSection("1").map((leaf) => leaf.id));
      expect(first.paging).toMatchObject({
        current: "1",
        previous: null,
        next: { number: "3", name: "Operations" },
        overall: { total: 32, scored: 0 },
      });
      expect(first.paging?.sections.map((section) => [section.number, section.name, section.progress.total])).toEqual([
        ["1", "Technical", 16],
        ["3", "Operations", 16],
      ]);
      expect(requirementCodes(first)).toEqual({ shown: ["R-02"], other: ["R-01"] });
      expect(first.criteria.flatMap((criterion) => criterion.requirements)[0]).toMatchObject({
        compliance: "COMPLIES",
        explanation: "Answer to R-02: certified since 2019.",
      });
    }
    const operations = await load("?section=3");
    expect(operations.criteria.map((criterion) => criterion.name)).toEqual(inSection("3").map((leaf) => leaf.name));
    // Only the page's requirements and responses are read: R-02 (under a criterion of section 1)
    // is not on section 3's page; R-01, under no criterion, is on every page.
    expect(requirementCodes(operations)).toEqual({ shown: [], other: ["R-01"] });
    expect(operations.paging).toMatchObject({ current: "3", previous: { number: "1" }, next: null });

    // "Save, on to …" on section 3: saves that section and goes where the button said.
    const sectionEntries = (section: string, value: number) =>
      inSection(section).map((leaf) => ({ criterionId: leaf.id, value, comment: `On ${leaf.name}` }));
    const saved = await callAction(sheetRoute, `${paths(ev).sheet(fabrikam.id)}?goto=1`, {
      cookie: await sessionCookie(ev.alice),
      params: { rfpId: ev.rfp.id, invitationId: fabrikam.id },
      form: { ...sheetForm("save", 0, sectionEntries("3", 2)), section: "3" },
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`${paths(ev).sheet(fabrikam.id)}?section=1`);

    // Saving section 1 without JavaScript (its whole form) leaves section 3's scores as they were.
    const partOne = { ...sheetForm("save", 1, sectionEntries("1", 4).slice(0, 10)), section: "1" };
    const again = await postSheet(ev, ev.alice, fabrikam.id, partOne);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`${paths(ev).sheet(fabrikam.id)}?section=1`);
    const scores = await prisma.score.findMany({ where: { sheet: { rfpId: ev.rfp.id } }, select: { value: true } });
    expect(scores.filter((score) => score.value === 2)).toHaveLength(16);
    expect(scores.filter((score) => score.value === 4)).toHaveLength(10);
    expect((await load("?section=1")).paging?.sections.map((section) => section.progress.scored)).toEqual([10, 16]);

    // A field of another section on a sectioned form is refused; so is a section the sheet lacks.
    const before = await written(ev.rfp.id);
    const [otherLeaf] = inSection("3");
    if (!otherLeaf) throw new Error("setup");
    const mixed = {
      ...sheetForm("save", 2, sectionEntries("1", 3)),
      [`score:${otherLeaf.id}`]: "1",
      section: "1",
    };
    expect((await postSheet(ev, ev.alice, fabrikam.id, mixed)).status).toBe(400);
    const unknown = { ...sheetForm("save", 2, []), section: "7" };
    expect((await postSheet(ev, ev.alice, fabrikam.id, unknown)).status).toBe(400);

    // Submitting from section 3 (complete there) is refused while section 1 is not: the message says where.
    const early = await postSheet(ev, ev.alice, fabrikam.id, {
      ...sheetForm("submit", 2, sectionEntries("3", 3)),
      section: "3",
    });
    expect(early.status).toBe(422);
    expect((early.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toBe(
      "The sheet is not complete: 6 criteria to score, in 1. Technical.",
    );
    expect(await written(ev.rfp.id)).toEqual(before);

    // Complete section 1, then submit from section 3.
    const rest = { ...sheetForm("save", 2, sectionEntries("1", 4)), section: "1" };
    expect((await postSheet(ev, ev.alice, fabrikam.id, rest)).status).toBe(302);
    const submitted = await postSheet(ev, ev.alice, fabrikam.id, {
      ...sheetForm("submit", 3, sectionEntries("3", 3)),
      section: "3",
    });
    expect(submitted.status).toBe(302);
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { rfpId: ev.rfp.id }, select: { status: true } });
    expect(sheet.status).toBe("SUBMITTED");
    expect(await prisma.score.count({ where: { sheet: { rfpId: ev.rfp.id } } })).toBe(32);
  });
});

describe("once consensus is open", () => {
  it("keeps every sheet final: no save, no submit, no reopen", async () => {
    const ev = await createEvaluation();
    const { contoso, fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    await postSheet(ev, ev.alice, fabrikam.id, sheetForm("submit", 0, fullSheet(ev, [3, 4], "Fine")));
    await postSheet(ev, ev.alice, contoso.id, sheetForm("save", 0, fullSheet(ev, [2, 2], "Draft")));
    const sheets = await prisma.scoreSheet.findMany({
      where: { rfpId: ev.rfp.id },
      select: { id: true, status: true },
    });
    await prisma.rfp.update({ where: { id: ev.rfp.id }, data: { consensusOpenedAt: new Date() } });
    const before = await written(ev.rfp.id);
    const draft = await postSheet(ev, ev.alice, contoso.id, sheetForm("submit", 1, fullSheet(ev, [2, 2], "Late")));
    expect(draft.status).toBe(422);
    const submitted = sheets.find((sheet) => sheet.status === "SUBMITTED");
    const reopen = await callAction(progressRoute, paths(ev).progress, {
      cookie: await sessionCookie(ev.lead),
      params: { rfpId: ev.rfp.id },
      form: { intent: "reopen", sheetId: submitted?.id ?? "", reason: "Too late to change anything." },
    });
    expect(reopen.status).toBe(422);
    expect(await written(ev.rfp.id)).toEqual(before);
    const page = (await loadSheet(ev, ev.alice, contoso.id)).data as SheetPage;
    expect(page.sheet.lockReason).toMatch(/Consensus is open/);
  });
});

describe("progress", () => {
  it("shows the lead who declared and submitted, and reminds by email at most once a day", async () => {
    const ev = await createEvaluation();
    const { fabrikam } = vendors(ev);
    await declareNone(ev, ev.alice);
    await postSheet(ev, ev.alice, fabrikam.id, sheetForm("submit", 0, fullSheet(ev, [3, 4], "Fine")));
    const lead = { cookie: await sessionCookie(ev.lead), params: { rfpId: ev.rfp.id } };
    const page = (await callLoader(progressRoute, paths(ev).progress, lead)).data as ProgressPage;
    expect(page.progress.counts).toEqual({ expected: 4, submitted: 1 });
    const [alice, bob] = page.progress.members;
    expect(alice?.name).toBe("Alice Evaluator");
    expect(alice?.undeclared).toBe(0);
    expect(alice?.cells.map((cell) => cell.sheet?.status ?? null)).toEqual([null, "SUBMITTED"]);
    expect(bob?.undeclared).toBe(2);

    const reminded = await callAction(progressRoute, paths(ev).progress, { ...lead, form: { intent: "remind" } });
    expect(reminded.status).toBe(302);
    const emails = await prisma.outboxMessage.findMany({
      where: { rfpId: ev.rfp.id, kind: "evaluation_reminder" },
      select: { toEmail: true, bodyText: true },
    });
    expect(emails.map((email) => email.toEmail).sort()).toEqual([ev.alice.email, ev.bob.email].sort());
    expect(emails.find((email) => email.toEmail === ev.bob.email)?.bodyText).toContain("Declare any conflict");
    expect(await prisma.auditEvent.count({ where: { rfpId: ev.rfp.id, action: "evaluation.reminded" } })).toBe(1);

    const before = await written(ev.rfp.id);
    const again = await callAction(progressRoute, paths(ev).progress, { ...lead, form: { intent: "remind" } });
    expect(again.status).toBe(422);
    expect(await written(ev.rfp.id)).toEqual(before);
  });
});

/**
 * THE rule of the evaluation: until an evaluator has submitted their sheet AND the lead has opened
 * consensus, no loader returns anyone else's scores to them. These tests read the loaders' JSON.
 */
describe("sealed scoring", () => {
  const BOB_COMMENT = "BOB-SEALED-COMMENT-7f3a";

  async function bobScores(ev: Evaluation) {
    const { fabrikam, contoso } = vendors(ev);
    await declareNone(ev, ev.bob);
    for (const invitation of [fabrikam, contoso]) {
      const result = await postSheet(
        ev,
        ev.bob,
        invitation.id,
        sheetForm("submit", 0, fullSheet(ev, [0, 5], BOB_COMMENT)),
      );
      expect(result.status).toBe(302);
    }
  }

  async function everythingAliceCanLoad(ev: Evaluation) {
    const cookie = await sessionCookie(ev.alice);
    const params = { rfpId: ev.rfp.id };
    const pages = [await callLoader(myEvaluationRoute, paths(ev).mine, { cookie, params })];
    for (const invitation of ev.invitations) {
      pages.push(await loadSheet(ev, ev.alice, invitation.id));
    }
    // Pages meant for the lead and observers refuse her outright.
    expect((await callLoader(panelRoute, paths(ev).panel, { cookie, params })).status).toBe(403);
    expect((await callLoader(progressRoute, paths(ev).progress, { cookie, params })).status).toBe(403);
    return pages;
  }

  it("never shows an evaluator another evaluator's scores, comments or sheets — before or after submitting", async () => {
    const ev = await createEvaluation();
    await bobScores(ev);
    await declareNone(ev, ev.alice);

    const check = async () => {
      for (const page of await everythingAliceCanLoad(ev)) {
        expect(page.status).toBe(200);
        const json = JSON.stringify(page.data);
        expect(json).not.toContain(BOB_COMMENT);
        expect(json).not.toContain("Bob Evaluator");
        expect(json).not.toContain(ev.memberOf(ev.bob));
      }
      // Her sheets carry her own entries only (Bob scored 0 and 5 with his comment).
      for (const page of (await everythingAliceCanLoad(ev)).slice(1)) {
        for (const entry of (page.data as SheetPage).sheet.entries) {
          expect(entry.comment).not.toContain(BOB_COMMENT);
          expect([null, 2, 3]).toContain(entry.value);
        }
      }
    };

    await check();
    // Alice submits her own sheets: still sealed until the lead opens consensus.
    for (const invitation of ev.invitations) {
      const result = await postSheet(
        ev,
        ev.alice,
        invitation.id,
        sheetForm("submit", 0, fullSheet(ev, [2, 3], "Alice")),
      );
      expect(result.status).toBe(302);
    }
    await check();
    // Only the panel-wide count is known: every sheet is in, nothing about whose.
    const mine = (
      await callLoader(myEvaluationRoute, paths(ev).mine, {
        cookie: await sessionCookie(ev.alice),
        params: { rfpId: ev.rfp.id },
      })
    ).data as MyPage;
    expect(mine.sheets.panel).toEqual({ expected: 4, submitted: 4 });
  });

  it("gives the lead who submitted which sheet, but no score values or comments", async () => {
    const ev = await createEvaluation();
    await bobScores(ev);
    const progress = await callLoader(progressRoute, paths(ev).progress, {
      cookie: await sessionCookie(ev.lead),
      params: { rfpId: ev.rfp.id },
    });
    const json = JSON.stringify(progress.data);
    expect(json).toContain("SUBMITTED");
    expect(json).not.toContain(BOB_COMMENT);
    expect(json).not.toMatch(/"value"/);
    expect(json).not.toMatch(/"comment"/);
  });

  it("keeps a pending conflict's proposal and attachments closed, whatever the path", async () => {
    const ev = await createEvaluation();
    const { contoso, fabrikam } = vendors(ev);
    const attachment = await prisma.attachment.create({
      data: {
        proposal: { connect: { invitationId: contoso.id } },
        originalName: "references.pdf",
        mimeType: "application/pdf",
        sizeBytes: 4,
        sha256: "0".repeat(64),
        blob: { create: { data: new Uint8Array([37, 80, 68, 70]) } },
      },
      select: { id: true },
    });
    const cookie = await sessionCookie(ev.alice);
    await callAction(myEvaluationRoute, paths(ev).mine, {
      cookie,
      params: { rfpId: ev.rfp.id },
      form: {
        ...noConflictForm([contoso.id, fabrikam.id]),
        [`conflict:${contoso.id}`]: "CONFLICT",
        [`description:${contoso.id}`]: "I advised Contoso on this bid last year.",
      },
    });
    const download = (user: { id: string; email: string }) =>
      sessionCookie(user).then((userCookie) =>
        callLoader(attachmentRoute, `/rfps/${ev.rfp.id}/scoring/${contoso.id}/attachments/${attachment.id}`, {
          cookie: userCookie,
          params: { rfpId: ev.rfp.id, invitationId: contoso.id, attachmentId: attachment.id },
        }),
      );
    expect((await download(ev.alice)).status).toBe(403);
    expect((await postSheet(ev, ev.alice, contoso.id, sheetForm("save", 0, []))).status).toBe(403);
    // Bob has not declared at all: nothing opens for him either.
    expect((await download(ev.bob)).status).toBe(403);
    await declareNone(ev, ev.bob);
    expect((await download(ev.bob)).status).toBe(200);
  });
});
