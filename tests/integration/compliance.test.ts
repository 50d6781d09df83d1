import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { issueAddendum } from "~/models/addendum.server";
import { userActor } from "~/models/audit.server";
import { transitionRfp } from "~/models/rfp.server";
import * as complianceRoute from "~/routes/rfps.$rfpId.compliance";
import { decisionField, noteField } from "~/schemas/compliance";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";
import { createProposal, createPublishedRfp, passProposalDeadline } from "../fixtures/tender";

type Page = Awaited<ReturnType<typeof complianceRoute.loader>>;

async function setup(options: { open?: boolean } = {}) {
  const lead = await createTestUser({ role: "LEAD" });
  const panel = await createTestUser({ role: "EVALUATOR" });
  const observer = await createTestUser({ role: "EXECUTIVE" });
  const { rfp, invitations } = await createPublishedRfp(lead, {
    vendors: ["Contoso Services Ltd", "Fabrikam Inc", "Litware plc"],
    members: [
      { user: panel, role: "PANEL" },
      { user: observer, role: "OBSERVER" },
    ],
  });
  const [contoso, fabrikam, litware] = invitations;
  if (!contoso || !fabrikam || !litware) throw new Error("setup");
  // A second mandatory requirement, so partial answers have somewhere to go.
  const section = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id } });
  await prisma.requirement.create({
    data: { rfpId: rfp.id, sectionId: section.id, position: 2, code: "R-03", text: "24/7 cover", kind: "MANDATORY" },
  });
  await freezeAgain(lead, rfp.id);
  const contosoProposal = await createProposal(rfp.id, contoso.id, { answers: { "R-01": "DOES_NOT_COMPLY" } });
  const fabrikamProposal = await createProposal(rfp.id, fabrikam.id, { answers: { "R-03": "PARTIAL" } });
  await createProposal(rfp.id, litware.id, { status: "WITHDRAWN" });
  if (options.open ?? true) {
    await passProposalDeadline(rfp.id);
    const { version } = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } });
    await transitionRfp(userActor(lead), rfp.id, { to: "EVALUATION", expectedVersion: version, origin: "http://x" });
  }
  const requirements = Object.fromEntries(
    (await prisma.requirement.findMany({ where: { rfpId: rfp.id }, select: { id: true, code: true } })).map((row) => [
      row.code,
      row.id,
    ]),
  ) as Record<"R-01" | "R-02" | "R-03", string>;
  return {
    lead,
    panel,
    observer,
    rfp,
    contoso,
    fabrikam,
    contosoProposal,
    fabrikamProposal,
    requirements,
    path: `/rfps/${rfp.id}/compliance`,
    params: { rfpId: rfp.id },
    cookie: await sessionCookie(lead),
  };
}

/** The added requirement reaches vendors through an addendum's new version, as it would in real life. */
async function freezeAgain(lead: { id: string; email: string }, rfpId: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: rfpId } });
  await issueAddendum(userActor(lead), rfpId, {
    title: "24/7 cover required",
    summary: "- Requirement R-03 added.",
    reason: "Operations run around the clock.",
    timeline: {
      issueDate: rfp.issueDate,
      questionsDeadline: rfp.questionsDeadline,
      proposalDeadline: rfp.proposalDeadline,
      interviewStart: rfp.interviewStart,
      interviewEnd: rfp.interviewEnd,
      decisionTarget: rfp.decisionTarget,
    },
    expectedVersion: rfp.version,
  });
}

async function load(path: string, params: Record<string, string>, cookie: string) {
  const result = await callLoader(complianceRoute, path, { cookie, params });
  expect(result.status).toBe(200);
  return (result.data as Page).matrix;
}

async function written(rfpId: string) {
  const [checks, events, disqualified, messages] = await Promise.all([
    prisma.complianceCheck.findMany({
      where: { proposal: { rfpId } },
      select: { proposalId: true, requirementId: true, decision: true, note: true },
      orderBy: [{ proposalId: "asc" }, { requirementId: "asc" }],
    }),
    prisma.auditEvent.count({ where: { rfpId } }),
    prisma.invitation.count({ where: { rfpId, status: "DISQUALIFIED" } }),
    prisma.outboxMessage.count({ where: { rfpId } }),
  ]);
  return { checks, events, disqualified, messages };
}

describe("the compliance matrix", () => {
  it("waits for the opening", async () => {
    const { path, params, cookie } = await setup({ open: false });
    expect(await load(path, params, cookie)).toBeNull();
  });

  it("lists submitted proposals against the mandatory requirements, pre-filling the vendor's own 'does not comply'", async () => {
    const { path, params, cookie, requirements } = await setup();
    const matrix = await load(path, params, cookie);
    if (!matrix) throw new Error("no matrix");
    expect(matrix.requirements.map((requirement) => requirement.code)).toEqual(["R-01", "R-03"]);
    expect(matrix.vendors.map((vendor) => vendor.vendorName)).toEqual(["Contoso Services Ltd", "Fabrikam Inc"]);
    const [contoso, fabrikam] = matrix.vendors;
    expect(contoso?.cells.map((cell) => [cell.requirementId, cell.answer, cell.decision, cell.prefilled])).toEqual([
      [requirements["R-01"], "DOES_NOT_COMPLY", "FAIL", true],
      [requirements["R-03"], "COMPLIES", null, false],
    ]);
    expect(fabrikam?.cells.map((cell) => [cell.answer, cell.needsAttention])).toEqual([
      ["COMPLIES", false],
      ["PARTIAL", true],
    ]);
    // A pre-fill is not a decision: nobody can be disqualified on it.
    expect(contoso?.screening).toEqual({ failed: 0, passed: 0, undecided: 2, mayBeDisqualified: false });
  });

  it("is for the lead only", async () => {
    const { panel, observer, path, params } = await setup();
    const otherLead = await createTestUser({ role: "LEAD" });
    for (const user of [panel, observer, otherLead]) {
      const cookie = await sessionCookie(user);
      expect((await callLoader(complianceRoute, path, { cookie, params })).status).toBe(403);
      expect((await callAction(complianceRoute, path, { cookie, params, form: { intent: "screen" } })).status).toBe(
        403,
      );
    }
  });
});

describe("screening", () => {
  it("saves pass/fail with notes, audits what changed, and writes nothing when nothing changed", async () => {
    const { rfp, path, params, cookie, contosoProposal, fabrikamProposal, requirements } = await setup();
    const form = {
      intent: "screen",
      [decisionField(contosoProposal.id, requirements["R-01"])]: "FAIL",
      [noteField(contosoProposal.id, requirements["R-01"])]: "  No certificate; audit planned for 2028. ",
      [decisionField(contosoProposal.id, requirements["R-03"])]: "PASS",
      [decisionField(fabrikamProposal.id, requirements["R-03"])]: "PASS",
      [noteField(fabrikamProposal.id, requirements["R-03"])]: "Night shift by partner; accepted.",
    };
    const result = await callAction(complianceRoute, path, { cookie, params, form });
    expect(result.status).toBe(302);
    const { checks, events } = await written(rfp.id);
    expect(checks).toHaveLength(3);
    expect(checks).toContainEqual({
      proposalId: contosoProposal.id,
      requirementId: requirements["R-01"],
      decision: "FAIL",
      note: "No certificate; audit planned for 2028.",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { rfpId: rfp.id, action: "compliance.screened" } });
    expect((event.after as { decisions: string[] }).decisions.sort()).toEqual([
      "Contoso Services Ltd · R-01: FAIL",
      "Contoso Services Ltd · R-03: PASS",
      "Fabrikam Inc · R-03: PASS",
    ]);

    const again = await callAction(complianceRoute, path, { cookie, params, form });
    expect(again.status).toBe(302);
    expect((await written(rfp.id)).events).toBe(events);

    const matrix = await load(path, params, cookie);
    expect(matrix?.vendors[0]?.screening).toEqual({ failed: 1, passed: 1, undecided: 0, mayBeDisqualified: true });
  });

  it("answers bad input with errors and writes nothing", async () => {
    const { rfp, path, params, cookie, contosoProposal, requirements } = await setup();
    const before = await written(rfp.id);
    const maybe = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(contosoProposal.id, requirements["R-01"])]: "MAYBE" },
    });
    expect(maybe.status).toBe(400);
    expect(maybe.data).toMatchObject({
      fieldErrors: { [decisionField(contosoProposal.id, requirements["R-01"])]: "Choose pass or fail." },
    });
    const noteOnly = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [noteField(contosoProposal.id, requirements["R-01"])]: "Looks fine" },
    });
    expect(noteOnly.status).toBe(400);
    const tooLong = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: {
        intent: "screen",
        [decisionField(contosoProposal.id, requirements["R-01"])]: "PASS",
        [noteField(contosoProposal.id, requirements["R-01"])]: "x".repeat(1001),
      },
    });
    expect(tooLong.status).toBe(400);
    // A scored requirement, or a proposal of another RFP, is not part of this matrix.
    const scored = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(contosoProposal.id, requirements["R-02"])]: "PASS" },
    });
    expect(scored.status).toBe(422);
    const other = await setup();
    const foreign = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(other.contosoProposal.id, other.requirements["R-01"])]: "PASS" },
    });
    expect(foreign.status).toBe(422);
    const unknown = await callAction(complianceRoute, path, { cookie, params, form: { intent: "approve" } });
    expect(unknown.status).toBe(400);
    expect(await written(rfp.id)).toEqual(before);
    expect((await written(other.rfp.id)).checks).toEqual([]);
  });

  it("is refused before the opening", async () => {
    const { rfp, path, params, cookie, contosoProposal, requirements } = await setup({ open: false });
    const result = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(contosoProposal.id, requirements["R-01"])]: "FAIL" },
    });
    expect(result.status).toBe(404);
    expect((await written(rfp.id)).checks).toEqual([]);
  });
});

describe("disqualification", () => {
  const REASON = "R-01 (ISO 27001 certification) is mandatory and not met.";

  it("needs a saved fail, then disqualifies with a reason, tells the vendor and freezes its screening", async () => {
    const { rfp, path, params, cookie, contoso, contosoProposal, requirements } = await setup();
    const before = await written(rfp.id);
    const early = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "disqualify", invitationId: contoso.id, reason: REASON },
    });
    expect(early.status).toBe(422);
    expect(early.data).toMatchObject({ fieldErrors: { invitationId: expect.stringContaining("Save a fail first") } });
    expect(await written(rfp.id)).toEqual(before);

    await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(contosoProposal.id, requirements["R-01"])]: "FAIL" },
    });
    const result = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "disqualify", invitationId: contoso.id, reason: REASON },
    });
    expect(result.status).toBe(302);
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: contoso.id } })).toMatchObject({
      status: "DISQUALIFIED",
      disqualifiedReason: REASON,
    });
    const [email] = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "disqualification" } });
    expect(email).toMatchObject({ invitationId: contoso.id, toEmail: "bids@contososervicesltd.example" });
    expect(email?.bodyText).toContain(`Reason: ${REASON}`);
    expect(email?.bodyText).toContain("We appreciate the work that went into your proposal");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: rfp.id, action: "invitation.disqualified" },
    });
    expect(event).toMatchObject({
      before: { status: "SUBMITTED" },
      after: { status: "DISQUALIFIED", vendor: "Contoso Services Ltd", reason: REASON, failedRequirements: ["R-01"] },
    });

    const settled = await written(rfp.id);
    const change = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "screen", [decisionField(contosoProposal.id, requirements["R-01"])]: "PASS" },
    });
    expect(change.status).toBe(422);
    const twice = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "disqualify", invitationId: contoso.id, reason: REASON },
    });
    expect(twice.status).toBe(422);
    expect(await written(rfp.id)).toEqual(settled);
    const matrix = await load(path, params, cookie);
    expect(matrix?.vendors[0]).toMatchObject({ disqualified: true, disqualifiedReason: REASON });
  });

  it("refuses a vague reason, an unknown vendor and a vendor without a proposal", async () => {
    const { rfp, path, params, cookie, contoso } = await setup();
    const before = await written(rfp.id);
    const vague = await callAction(complianceRoute, path, {
      cookie,
      params,
      form: { intent: "disqualify", invitationId: contoso.id, reason: "No." },
    });
    expect(vague.status).toBe(400);
    const litware = await prisma.invitation.findFirstOrThrow({
      where: { rfpId: rfp.id, vendor: { name: "Litware plc" } },
    });
    for (const invitationId of ["unknown", litware.id]) {
      const result = await callAction(complianceRoute, path, {
        cookie,
        params,
        form: { intent: "disqualify", invitationId, reason: REASON },
      });
      expect(result.status).toBe(422);
      expect(result.data).toMatchObject({
        fieldErrors: { invitationId: "Choose a vendor that submitted a proposal." },
      });
    }
    expect(await written(rfp.id)).toEqual(before);
  });
});
