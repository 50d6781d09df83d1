/**
 * Vendor isolation (issue 3, point 13): a portal session reads and writes its own invitation only.
 * Two vendors on one RFP and a third on another RFP, each with a proposal, an attachment, a
 * question and an acknowledgement; vendor A then tries every way in: ids guessed into URLs, ids
 * slipped into form fields, dead links, a cancelled RFP, a staff session.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as dashboardRoute from "~/routes/dashboard";
import * as layoutRoute from "~/routes/portal";
import * as homeRoute from "~/routes/portal._index";
import * as downloadRoute from "~/routes/portal.attachments.$attachmentId";
import * as proposalRoute from "~/routes/portal.proposal";
import * as attachmentsRoute from "~/routes/portal.proposal_.attachments";
import * as questionsRoute from "~/routes/portal.questions";
import * as documentRoute from "~/routes/portal.rfp";
import * as rfpRoute from "~/routes/rfps.$rfpId._index";
import { sessionCookie } from "../fixtures/factories";
import { fileOf, pdfBytes } from "../fixtures/files";
import { completeProposalForm, createPublishedRfp, issueTestAddendum, portalCookie } from "../fixtures/portal";
import { callAction, callLoader, type RouteResult } from "../fixtures/routes";

type Vendor = {
  name: string;
  token: string;
  cookie: string;
  invitationId: string;
  proposalId: string;
  attachmentId: string;
  questionText: string;
  acknowledgedBy: string;
};

let vendorA: Vendor;
let vendorB: Vendor;
let vendorC: Vendor;
let rfpX: Awaited<ReturnType<typeof createPublishedRfp>>;
let rfpY: Awaited<ReturnType<typeof createPublishedRfp>>;
let addendumY = "";

/** A vendor with a submitted proposal, an attachment, a question and an acknowledged addendum. */
async function equip(
  published: Awaited<ReturnType<typeof createPublishedRfp>>,
  index: number,
  addendumId: string,
): Promise<Vendor> {
  const invited = published.vendors[index];
  if (!invited) throw new Error("no such vendor");
  const cookie = await portalCookie(invited.token);
  const name = invited.vendor.name;
  const upload = new FormData();
  upload.append("intent", "upload");
  upload.append("file", fileOf(pdfBytes(name), `${name} secret pricing.pdf`));
  await callAction(attachmentsRoute, "/portal/proposal/attachments", { cookie, form: upload });
  await callAction(proposalRoute, "/portal/proposal", {
    cookie,
    form: {
      ...completeProposalForm(published.requirements, 0, "submit"),
      executiveSummary: `${name} confidential summary`,
    },
  });
  const questionText = `${name} asks a private question about staffing`;
  await callAction(questionsRoute, "/portal/questions", { cookie, form: { intent: "ask", question: questionText } });
  const acknowledgedBy = `${name} Representative`;
  await callAction(documentRoute, "/portal/rfp", {
    cookie,
    form: { intent: "acknowledge", addendumId, acknowledgedBy },
  });
  const proposal = await prisma.proposal.findUniqueOrThrow({
    where: { invitationId: invited.invitation.id },
    select: { id: true, status: true, attachments: { select: { id: true } } },
  });
  expect(proposal.status).toBe("SUBMITTED");
  expect(await prisma.addendumAcknowledgement.count({ where: { invitationId: invited.invitation.id } })).toBe(1);
  return {
    name,
    token: invited.token,
    cookie,
    invitationId: invited.invitation.id,
    proposalId: proposal.id,
    attachmentId: proposal.attachments[0]?.id ?? "",
    questionText,
    acknowledgedBy,
  };
}

/** Everything any vendor has, so "nothing changed" can be checked in one comparison. */
async function everything() {
  return {
    proposals: await prisma.proposal.findMany({
      orderBy: { id: "asc" },
      include: {
        responses: true,
        priceLines: true,
        serviceTiers: { include: { slaTargets: true } },
        commitments: true,
      },
    }),
    attachments: await prisma.attachment.findMany({ orderBy: { id: "asc" } }),
    invitations: await prisma.invitation.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, declineReason: true },
    }),
    questions: await prisma.clarificationQuestion.findMany({ orderBy: { id: "asc" } }),
    acknowledgements: await prisma.addendumAcknowledgement.findMany({ orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  rfpX = await createPublishedRfp({ vendors: ["Alpha Facilities", "Bravo Services"] });
  rfpY = await createPublishedRfp({ vendors: ["Charlie Group"] });
  const addendumX = await issueTestAddendum(rfpX.rfp.id, rfpX.lead);
  addendumY = (await issueTestAddendum(rfpY.rfp.id, rfpY.lead, { title: "Other tender's addendum" })).id;
  vendorA = await equip(rfpX, 0, addendumX.id);
  vendorB = await equip(rfpX, 1, addendumX.id);
  vendorC = await equip(rfpY, 0, addendumY);
  // A withdraws, so it has an editable proposal to attempt writes with.
  const own = await prisma.proposal.findUniqueOrThrow({ where: { id: vendorA.proposalId } });
  await callAction(proposalRoute, "/portal/proposal", {
    cookie: vendorA.cookie,
    form: { intent: "withdraw", version: String(own.version) },
  });
});

function secretsOf(vendor: Vendor) {
  return [
    vendor.name,
    vendor.invitationId,
    vendor.proposalId,
    vendor.attachmentId,
    vendor.questionText,
    vendor.acknowledgedBy,
  ];
}

describe("what a vendor can read", () => {
  it("no portal page shows anything of another vendor, on the same RFP or another", async () => {
    const pages: [string, Parameters<typeof callLoader>[0]][] = [
      ["/portal", layoutRoute],
      ["/portal", homeRoute],
      ["/portal/rfp", documentRoute],
      ["/portal/questions", questionsRoute],
      ["/portal/proposal", proposalRoute],
      ["/portal/proposal/attachments", attachmentsRoute],
    ];
    for (const [path, route] of pages) {
      const result = await callLoader(route, path, { cookie: vendorA.cookie });
      expect([path, result.status]).toEqual([path, 200]);
      const text = JSON.stringify(result.data);
      for (const secret of [...secretsOf(vendorB), ...secretsOf(vendorC), "Other tender's addendum"]) {
        expect(text, `${path} leaked ${secret}`).not.toContain(secret);
      }
    }
    // …while A sees its own.
    const proposal = await callLoader(proposalRoute, "/portal/proposal", { cookie: vendorA.cookie });
    expect(JSON.stringify(proposal.data)).toContain("Alpha Facilities confidential summary");
  });

  it("downloads only its own attachments: another vendor's id answers exactly like an unknown id", async () => {
    const download = (attachmentId: string) =>
      callLoader(downloadRoute, `/portal/attachments/${attachmentId}`, {
        cookie: vendorA.cookie,
        params: { attachmentId },
      });
    const own = await download(vendorA.attachmentId);
    expect(own.status).toBe(200);
    const answers: RouteResult[] = [];
    for (const id of [vendorB.attachmentId, vendorC.attachmentId, "clxxxxxxxxxxxxxxxxxxxxxxx", "../../etc/passwd"]) {
      answers.push(await download(id));
    }
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((answer) => answer.data)).size).toBe(1);
    // Without a portal session at all: 401, not a redirect (a download link is not a page).
    const anonymous = await callLoader(downloadRoute, `/portal/attachments/${vendorA.attachmentId}`, {
      params: { attachmentId: vendorA.attachmentId },
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("what a vendor can write", () => {
  it("ignores ids slipped into the proposal form: only its own proposal changes", async () => {
    const before = await everything();
    const own = await prisma.proposal.findUniqueOrThrow({ where: { id: vendorA.proposalId } });
    const result = await callAction(proposalRoute, "/portal/proposal", {
      cookie: vendorA.cookie,
      form: {
        ...completeProposalForm(rfpX.requirements, own.version, "save"),
        executiveSummary: "Written by A",
        invitationId: vendorB.invitationId,
        proposalId: vendorB.proposalId,
        rfpId: rfpY.rfp.id,
        id: vendorB.proposalId,
      },
    });
    expect(result.status).toBe(302);
    const after = await everything();
    expect(after.proposals.find((proposal) => proposal.id === vendorB.proposalId)).toEqual(
      before.proposals.find((proposal) => proposal.id === vendorB.proposalId),
    );
    expect(after.proposals.find((proposal) => proposal.id === vendorC.proposalId)).toEqual(
      before.proposals.find((proposal) => proposal.id === vendorC.proposalId),
    );
    expect(after.proposals.find((proposal) => proposal.id === vendorA.proposalId)?.executiveSummary).toBe(
      "Written by A",
    );
  });

  it("refuses responses to another RFP's requirements (tampered hidden input), writing nothing", async () => {
    const before = await everything();
    const own = await prisma.proposal.findUniqueOrThrow({ where: { id: vendorA.proposalId } });
    const form = completeProposalForm(rfpX.requirements, own.version, "save");
    form["responses.0.requirementId"] = rfpY.requirements[0]?.id ?? "";
    const result = await callAction(proposalRoute, "/portal/proposal", { cookie: vendorA.cookie, form });
    expect(result.status).toBe(422);
    expect(await everything()).toEqual(before);
  });

  it("cannot withdraw, delete or acknowledge for anyone else", async () => {
    const before = await everything();
    const cookie = vendorA.cookie;
    const bVersion = (await prisma.proposal.findUniqueOrThrow({ where: { id: vendorB.proposalId } })).version;
    const withdraw = await callAction(proposalRoute, "/portal/proposal", {
      cookie,
      form: {
        intent: "withdraw",
        version: String(bVersion),
        proposalId: vendorB.proposalId,
        invitationId: vendorB.invitationId,
      },
    });
    expect(withdraw.status).toBe(422);
    for (const attachmentId of [vendorB.attachmentId, vendorC.attachmentId]) {
      const deleted = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
        cookie,
        form: { intent: "delete", attachmentId },
      });
      expect(deleted.status).toBe(422);
    }
    const foreignAddendum = await callAction(documentRoute, "/portal/rfp", {
      cookie,
      form: {
        intent: "acknowledge",
        addendumId: addendumY,
        acknowledgedBy: "Alpha Person",
        invitationId: vendorC.invitationId,
      },
    });
    expect(foreignAddendum.status).toBe(422);
    expect(await everything()).toEqual(before);
  });

  it("asks questions and declares intent only as itself, whatever ids the form carries", async () => {
    const cookie = vendorA.cookie;
    await callAction(questionsRoute, "/portal/questions", {
      cookie,
      form: {
        intent: "ask",
        question: "Who is asking this one?",
        invitationId: vendorB.invitationId,
        rfpId: rfpY.rfp.id,
      },
    });
    const asked = await prisma.clarificationQuestion.findFirstOrThrow({
      where: { question: "Who is asking this one?" },
    });
    expect(asked).toMatchObject({ invitationId: vendorA.invitationId, rfpId: rfpX.rfp.id });

    const bBefore = await prisma.invitation.findUniqueOrThrow({ where: { id: vendorB.invitationId } });
    await callAction(homeRoute, "/portal", {
      cookie,
      form: { intent: "decline", reason: "Changed our plans.", invitationId: vendorB.invitationId },
    });
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: vendorB.invitationId } })).toEqual(bBefore);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: vendorA.invitationId } })).status).toBe(
      "DECLINED",
    );
    await callAction(homeRoute, "/portal", { cookie, form: { intent: "bid" } });
  });
});

describe("dead links and the wrong kind of session", () => {
  const pages: [string, Parameters<typeof callLoader>[0]][] = [
    ["/portal", homeRoute],
    ["/portal/rfp", documentRoute],
    ["/portal/questions", questionsRoute],
    ["/portal/proposal", proposalRoute],
    ["/portal/proposal/attachments", attachmentsRoute],
  ];

  async function expectLockedOut(cookie: string, label: string) {
    const before = await everything();
    for (const [path, route] of pages) {
      const read = await callLoader(route, path, { cookie });
      expect([label, path, read.status, read.headers.get("Location")]).toEqual([
        label,
        path,
        302,
        "/portal/signed-out",
      ]);
      const write = await callAction(route, path, {
        cookie,
        form: {
          ...completeProposalForm(rfpX.requirements, 9, "save"),
          intent: "bid",
          question: "Anyone there at all?",
        },
      });
      expect([label, path, write.status]).toEqual([label, path, 302]);
      expect(write.headers.get("Location")).toBe("/portal/signed-out");
    }
    const download = await callLoader(downloadRoute, "/portal/attachments/x", {
      cookie,
      params: { attachmentId: vendorA.attachmentId },
    });
    expect(download.status).toBe(401);
    expect(await everything()).toEqual(before);
  }

  it("a staff session gives no portal access, and a portal session no staff access", async () => {
    const leadCookie = await sessionCookie(rfpX.lead);
    await expectLockedOut(leadCookie, "lead");
    const staff = await callLoader(rfpRoute, `/rfps/${rfpX.rfp.id}`, {
      cookie: vendorA.cookie,
      params: { rfpId: rfpX.rfp.id },
    });
    expect(staff.status).toBe(302);
    expect(staff.headers.get("Location")).toMatch(/^\/login/);
    const dashboard = await callLoader(dashboardRoute, "/dashboard", { cookie: vendorA.cookie });
    expect(dashboard.headers.get("Location")).toMatch(/^\/login/);
  });

  it("a revoked link, an expired link and a cancelled RFP end the portal session", async () => {
    const fresh = await createPublishedRfp({ vendors: ["Revoked Co", "Expired Co"] });
    const [revoked, expired] = fresh.vendors as [(typeof fresh.vendors)[number], (typeof fresh.vendors)[number]];
    const revokedCookie = await portalCookie(revoked.token);
    const expiredCookie = await portalCookie(expired.token);
    await prisma.invitation.update({ where: { id: revoked.invitation.id }, data: { revokedAt: new Date() } });
    await prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expectLockedOut(revokedCookie, "revoked");
    await expectLockedOut(expiredCookie, "expired");

    const cancelledCookie = await portalCookie(vendorC.token);
    await prisma.rfp.update({ where: { id: rfpY.rfp.id }, data: { stage: "CANCELLED" } });
    await expectLockedOut(cancelledCookie, "cancelled");
    await expectLockedOut(vendorC.cookie, "cancelled (older session)");
  });
});
