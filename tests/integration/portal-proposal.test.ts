import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as downloadRoute from "~/routes/portal.attachments.$attachmentId";
import * as proposalRoute from "~/routes/portal.proposal";
import * as attachmentsRoute from "~/routes/portal.proposal_.attachments";
import { exeBytes, fileOf, oversizedPdfBytes, pdfBytes, pngBytes } from "../fixtures/files";
import { completeProposalForm, createPublishedRfp, portalCookie } from "../fixtures/portal";
import { callAction, callLoader } from "../fixtures/routes";

async function vendorSession(options: { vendors?: string[] } = {}) {
  const published = await createPublishedRfp({ vendors: options.vendors ?? ["Contoso Services"] });
  const first = published.vendors[0];
  if (!first) throw new Error("no vendor");
  return { ...published, ...first, cookie: await portalCookie(first.token) };
}

/** Everything a proposal consists of, to prove a refused request wrote nothing. */
async function proposalSnapshot(invitationId: string) {
  return prisma.proposal.findUnique({
    where: { invitationId },
    include: {
      responses: { orderBy: { requirementId: "asc" } },
      priceLines: { orderBy: { position: "asc" } },
      serviceTiers: { include: { slaTargets: true } },
      commitments: true,
      attachments: true,
    },
  });
}

const post = (cookie: string, form: Record<string, string> | FormData) =>
  callAction(proposalRoute, "/portal/proposal", { cookie, form });

describe("building a proposal", () => {
  it("starts with one blank row per list and a response slot for every frozen requirement", async () => {
    const { cookie, requirements } = await vendorSession();
    const result = await callLoader(proposalRoute, "/portal/proposal", { cookie });
    expect(result.status).toBe(200);
    const data = result.data as {
      draft: { responses: { requirementId: string }[]; priceLines: unknown[] };
      lock: null;
    };
    expect(data.lock).toBeNull();
    expect(data.draft.responses.map((response) => response.requirementId)).toEqual(requirements.map((r) => r.id));
    expect(data.draft.priceLines).toHaveLength(1);
    const added = await callLoader(proposalRoute, "/portal/proposal?add=priceLines", { cookie });
    expect((added.data as { draft: { priceLines: unknown[] } }).draft.priceLines).toHaveLength(2);
  });

  it("saves a draft (creating the proposal at version 1), then autosaves with the new version", async () => {
    const { cookie, requirements, invitation } = await vendorSession();
    const first = await post(cookie, {
      ...completeProposalForm(requirements, 0, "save"),
      "priceLines.1.unitPrice": "",
    });
    expect(first.status).toBe(302);
    const saved = await proposalSnapshot(invitation.id);
    expect(saved).toMatchObject({ status: "DRAFT", version: 1, termMonths: 36, currency: "EUR" });
    expect(
      saved?.priceLines.map((line) => [
        line.description,
        line.kind,
        line.quantity.toString(),
        line.unitPrice.toString(),
      ]),
    ).toEqual([
      ["Transition", "ONE_TIME", "1", "45000"],
      // A started line without a price is kept as zero; submitting asks for it.
      ["Service desk", "RECURRING", "1800", "0"],
    ]);
    expect(saved?.serviceTiers[0]?.slaTargets[0]).toMatchObject({
      metric: "P1 response",
      serviceCredit: "5% of the monthly fee",
    });
    expect(saved?.responses).toHaveLength(2);

    const auto = await post(cookie, {
      ...completeProposalForm(requirements, 1, "autosave"),
      executiveSummary: "Autosaved text",
    });
    expect(auto.status).toBe(200);
    expect(auto.data).toMatchObject({ saved: true, version: 2 });
    expect((await proposalSnapshot(invitation.id))?.executiveSummary).toBe("Autosaved text");
    // Autosaves within ten minutes of the last audited save are not audited again.
    const events = await prisma.auditEvent.findMany({ where: { action: "proposal.draft_saved", entityId: saved?.id } });
    expect(events.map((event) => event.after)).toEqual([{ version: 1, automatic: false }]);
  });

  it("refuses a save from a stale tab with 409, keeps what was typed in the answer and overwrites nothing", async () => {
    const { cookie, requirements, invitation } = await vendorSession();
    await post(cookie, completeProposalForm(requirements, 0, "save"));
    await post(cookie, { ...completeProposalForm(requirements, 1, "autosave"), executiveSummary: "Tab A" });
    const before = await proposalSnapshot(invitation.id);
    const stale = await post(cookie, {
      ...completeProposalForm(requirements, 1, "autosave"),
      executiveSummary: "Tab B",
    });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({
      fieldErrors: { form: expect.stringMatching(/another window or tab/) },
      values: { executiveSummary: "Tab B" },
      conflict: { version: 2 },
    });
    expect(await proposalSnapshot(invitation.id)).toEqual(before);
    // Deliberately saving on the newer version replaces it.
    expect(
      (await post(cookie, { ...completeProposalForm(requirements, 2, "save"), executiveSummary: "Tab B" })).status,
    ).toBe(302);
    expect((await proposalSnapshot(invitation.id))?.executiveSummary).toBe("Tab B");
  });

  it("refuses badly formatted numbers with 400 on the field, writing nothing", async () => {
    const { cookie, requirements, invitation } = await vendorSession();
    const before = await prisma.auditEvent.count();
    const result = await post(cookie, {
      ...completeProposalForm(requirements, 0, "save"),
      "priceLines.0.unitPrice": "12,5",
      termMonths: "three years",
      "responses.0.compliance": "MAYBE",
    });
    expect(result.status).toBe(400);
    const { fieldErrors } = result.data as { fieldErrors: Record<string, string> };
    expect(Object.keys(fieldErrors).sort()).toEqual([
      "form",
      "priceLines.0.unitPrice",
      "responses.0.compliance",
      "termMonths",
    ]);
    expect(await proposalSnapshot(invitation.id)).toBeNull();
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("adds and removes rows without JavaScript by saving and coming back", async () => {
    const { cookie, requirements, invitation } = await vendorSession();
    const added = await post(cookie, completeProposalForm(requirements, 0, "add:slaTargets:0"));
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/portal/proposal?add=slaTargets:0#service-tiers");
    const page = await callLoader(proposalRoute, "/portal/proposal?add=slaTargets:0", { cookie });
    const draft = (page.data as { draft: { serviceTiers: { slaTargets: unknown[] }[] } }).draft;
    expect(draft.serviceTiers[0]?.slaTargets).toHaveLength(2);
    const removed = await post(cookie, completeProposalForm(requirements, 1, "remove:priceLines:0"));
    expect(removed.status).toBe(302);
    expect((await proposalSnapshot(invitation.id))?.priceLines.map((line) => line.description)).toEqual([
      "Service desk",
    ]);
  });
});

describe("submitting, withdrawing, resubmitting", () => {
  it("lists what is missing (422), keeping the draft saved", async () => {
    const { cookie, requirements, invitation } = await vendorSession();
    const form = completeProposalForm(requirements, 0, "submit");
    const incomplete = Object.fromEntries(
      Object.entries(form).filter(([key]) => !key.startsWith("priceLines") && key !== "responses.1.explanation"),
    );
    const result = await post(cookie, { ...incomplete, termMonths: "" });
    expect(result.status).toBe(422);
    const data = result.data as {
      missing: string[];
      fieldErrors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(data.missing).toEqual([
      "R-02: explain your answer.",
      "Add at least one line to the price schedule.",
      "State the contract term in months (1 to 600).",
    ]);
    expect(Object.keys(data.fieldErrors)).toEqual(["responses.1.explanation", "priceLines", "termMonths"]);
    expect(data.values.version).toBe("1");
    expect(await proposalSnapshot(invitation.id)).toMatchObject({ status: "DRAFT", version: 1, submissionCount: 0 });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("INVITED");
    expect(await prisma.outboxMessage.count({ where: { invitationId: invitation.id } })).toBe(0);
  });

  it("submits a complete proposal: SUBMITTED, audited with a content hash, receipt emailed; then withdraw and resubmit", async () => {
    const { cookie, requirements, invitation, rfp } = await vendorSession({ vendors: ["Fabrikam Services"] });
    await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(pdfBytes(), "ISO certificate.pdf", "application/pdf")),
    });
    const submitted = await post(cookie, completeProposalForm(requirements, 0, "submit"));
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe("/portal/proposal");
    const proposal = await proposalSnapshot(invitation.id);
    expect(proposal).toMatchObject({ status: "SUBMITTED", submissionCount: 1 });
    expect(proposal?.submittedAt).toBeInstanceOf(Date);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("SUBMITTED");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "proposal.submitted", entityId: proposal?.id },
    });
    const after = event.after as { contentHash: string; submission: number; attachments: number };
    expect(after).toMatchObject({ submission: 1, attachments: 1 });
    expect(after.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The audit trail is readable inside the organisation before opening: no content in it.
    expect(JSON.stringify([event.before, event.after])).not.toMatch(
      /service desks for 40 clients|45000|ISO certificate/,
    );
    const receipt = await prisma.outboxMessage.findFirstOrThrow({
      where: { invitationId: invitation.id, kind: "proposal_receipt" },
    });
    expect(receipt.toEmail).toBe("bids@fabrikamservices.example");
    expect(receipt.subject).toContain(rfp.reference);
    expect(receipt.bodyText).toContain(after.contentHash);
    expect(receipt.bodyText).not.toContain("45000");

    // Submitted means locked: changing it needs a withdrawal first.
    const locked = await post(cookie, {
      ...completeProposalForm(requirements, proposal?.version ?? 0, "save"),
      executiveSummary: "x",
    });
    expect(locked.status).toBe(422);
    expect((await proposalSnapshot(invitation.id))?.executiveSummary).toBe(proposal?.executiveSummary);

    const withdrawn = await post(cookie, { intent: "withdraw", version: String(proposal?.version) });
    expect(withdrawn.status).toBe(302);
    expect(await proposalSnapshot(invitation.id)).toMatchObject({
      status: "WITHDRAWN",
      version: (proposal?.version ?? 0) + 1,
    });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("INTENDS_TO_BID");

    const resubmitted = await post(cookie, completeProposalForm(requirements, (proposal?.version ?? 0) + 1, "submit"));
    expect(resubmitted.status).toBe(302);
    expect(await proposalSnapshot(invitation.id)).toMatchObject({ status: "SUBMITTED", submissionCount: 2 });
    const hashes = await prisma.auditEvent.findMany({
      where: { action: "proposal.submitted", entityId: proposal?.id },
    });
    // Same content, same fingerprint.
    expect(new Set(hashes.map((hash) => (hash.after as { contentHash: string }).contentHash)).size).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { invitationId: invitation.id, kind: "proposal_receipt" } })).toBe(
      2,
    );
  });

  it("after the deadline: read-only, and saving, submitting, withdrawing and uploads are refused server-side", async () => {
    const { cookie, requirements, invitation, rfp } = await vendorSession();
    await post(cookie, completeProposalForm(requirements, 0, "save"));
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() - 1000) } });
    const page = await callLoader(proposalRoute, "/portal/proposal", { cookie });
    expect(page.data).toMatchObject({ lock: "closed", canWithdraw: false });
    const before = { proposal: await proposalSnapshot(invitation.id), audit: await prisma.auditEvent.count() };
    for (const intent of ["save", "autosave", "submit"]) {
      const result = await post(cookie, completeProposalForm(requirements, 1, intent));
      expect([intent, result.status]).toEqual([intent, 422]);
      expect(result.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/deadline has passed/) } });
    }
    const upload = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(pdfBytes(), "late.pdf")),
    });
    expect(upload.status).toBe(422);
    expect({ proposal: await proposalSnapshot(invitation.id), audit: await prisma.auditEvent.count() }).toEqual(before);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("INVITED");

    // An extension moves the deadline: the same submission is accepted.
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() + 86_400_000) } });
    expect((await post(cookie, completeProposalForm(requirements, 1, "submit"))).status).toBe(302);
  });

  it("a submitted proposal cannot be withdrawn after the deadline", async () => {
    const { cookie, requirements, invitation, rfp } = await vendorSession();
    await post(cookie, completeProposalForm(requirements, 0, "submit"));
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() - 1000) } });
    const result = await post(cookie, { intent: "withdraw", version: "1" });
    expect(result.status).toBe(422);
    expect((await proposalSnapshot(invitation.id))?.status).toBe("SUBMITTED");
  });
});

function uploadForm(file: File) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("file", file);
  return form;
}

describe("attachments", () => {
  it("stores an accepted file by its content, serves it back as a download with safe headers", async () => {
    const { cookie, invitation } = await vendorSession();
    const bytes = pdfBytes();
    const result = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(bytes, "Références clients.pdf", "text/html")),
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/portal/proposal#attachments");
    const [attachment] = (await proposalSnapshot(invitation.id))?.attachments ?? [];
    expect(attachment).toMatchObject({
      originalName: "Références clients.pdf",
      mimeType: "application/pdf",
      sizeBytes: bytes.byteLength,
    });
    const download = await callLoader(downloadRoute, `/portal/attachments/${attachment?.id}`, {
      cookie,
      params: { attachmentId: attachment?.id ?? "" },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename="R_f_rences clients.pdf"; filename*=UTF-8''R%C3%A9f%C3%A9rences%20clients.pdf`,
    );
    expect(download.data).toBe(
      Buffer.from(bytes)
        .toString("latin1")
        .replace(/[\x80-\xff]/g, "\ufffd"),
    );

    const png = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(pngBytes(), "diagram.PNG")),
    });
    expect(png.status).toBe(302);
  });

  it("refuses disguised files, wrong names, oversized and empty uploads with a clear message, writing nothing", async () => {
    const { cookie, invitation } = await vendorSession();
    const before = await prisma.auditEvent.count();
    const cases: [string, File, number, RegExp][] = [
      ["exe renamed .pdf", fileOf(exeBytes(), "brochure.pdf", "application/pdf"), 422, /not one of the accepted types/],
      ["PDF named .png", fileOf(pdfBytes(), "scan.png", "image/png"), 422, /content is a PDF.*\.png/],
      [
        "plain text as .docx",
        fileOf(new TextEncoder().encode("hello"), "plan.docx"),
        422,
        /not one of the accepted types/,
      ],
      ["oversized", fileOf(oversizedPdfBytes(10 * 1024 * 1024 + 1), "huge.pdf"), 413, /larger than 10 MB/],
      ["empty file input", new File([], ""), 400, /Choose a file/],
    ];
    for (const [label, file, status, message] of cases) {
      const result = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
        cookie,
        form: uploadForm(file),
      });
      expect([label, result.status]).toEqual([label, status]);
      expect((result.data as { fieldErrors: { file: string } }).fieldErrors.file).toMatch(message);
    }
    expect(await prisma.attachment.count({ where: { proposal: { invitationId: invitation.id } } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("deletes an attachment while the proposal is editable, not after submitting", async () => {
    const { cookie, invitation, requirements } = await vendorSession();
    await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(pdfBytes(), "a.pdf")),
    });
    await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: uploadForm(fileOf(pdfBytes("b"), "b.pdf")),
    });
    const [first, second] = (await proposalSnapshot(invitation.id))?.attachments ?? [];
    const deleted = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: { intent: "delete", attachmentId: first?.id ?? "" },
    });
    expect(deleted.status).toBe(302);
    expect(await prisma.attachmentBlob.count({ where: { attachmentId: first?.id } })).toBe(0);
    await post(cookie, completeProposalForm(requirements, 0, "submit"));
    const refused = await callAction(attachmentsRoute, "/portal/proposal/attachments", {
      cookie,
      form: { intent: "delete", attachmentId: second?.id ?? "" },
    });
    expect(refused.status).toBe(422);
    expect(await prisma.attachment.count({ where: { id: second?.id } })).toBe(1);
  });
});
