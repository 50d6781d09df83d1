import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { approvalSummary, standings } from "~/domain/decision-memo";
import { loadDecisionMemo } from "~/models/exports.server";
import * as exportsPage from "~/routes/rfps.$rfpId.exports";
import * as memoRoute from "~/routes/rfps.$rfpId.exports.decision-memo[.pdf]";
import * as ocdsRoute from "~/routes/rfps.$rfpId.exports.ocds[.json]";
import * as docxRoute from "~/routes/rfps.$rfpId.exports.term-sheet[.docx]";
import * as pdfRoute from "~/routes/rfps.$rfpId.exports.term-sheet[.pdf]";
import { AGREED_WORDING, createExportableRfp, OBLIGATION_WORDING } from "../fixtures/exports";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { ocdsPackageErrors } from "../fixtures/ocds-validator";
import { buildRequest, callAction, callLoader } from "../fixtures/routes";
import { readZipEntry, zipEntryNames } from "../fixtures/zip";

type Download = typeof docxRoute;

/** The action's Response as the browser gets it (bytes intact: callAction reads bodies as text). */
async function download(route: Download, path: string, rfpId: string, cookie: string) {
  const response = await route.action({
    request: buildRequest(path, { method: "POST", cookie, form: {} }),
    params: { rfpId },
    context: { cspNonce: "test-nonce", requestId: "test-request" },
  });
  if (!(response instanceof Response)) throw new Error("expected a file response");
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const exportEvents = (rfpId: string) =>
  prisma.auditEvent.findMany({ where: { rfpId, action: "rfp.exported" }, orderBy: { id: "asc" } });

describe("the Exports page", () => {
  it("lists the term sheet, decision memo and OCDS package once the negotiation is open", async () => {
    const { rfp, lead, observer } = await createExportableRfp();
    for (const user of [lead, observer]) {
      const result = await callLoader(exportsPage, `/rfps/${rfp.id}/exports`, {
        cookie: await sessionCookie(user),
        params: { rfpId: rfp.id },
      });
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({
        overview: {
          termSheet: { vendorName: "Contoso Services Ltd", status: "OPEN" },
          decisionMemo: { vendorName: "Contoso Services Ltd", status: "APPROVED" },
          ocds: true,
          downloads: [],
        },
      });
    }
  });

  it("says there is nothing to export for a draft RFP, and the downloads answer 404 without an audit event", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const page = await callLoader(exportsPage, `/rfps/${rfp.id}/exports`, { cookie, params: { rfpId: rfp.id } });
    expect(page.data).toMatchObject({ overview: { termSheet: null, decisionMemo: null, ocds: false } });
    for (const [route, name] of [
      [docxRoute, "term-sheet.docx"],
      [pdfRoute, "term-sheet.pdf"],
      [memoRoute, "decision-memo.pdf"],
      [ocdsRoute, "ocds.json"],
    ] as const) {
      const result = await callAction(route, `/rfps/${rfp.id}/exports/${name}`, { cookie, params: { rfpId: rfp.id } });
      expect(result.status, name).toBe(404);
    }
    expect(await exportEvents(rfp.id)).toEqual([]);
  });

  it("is closed to panel members and executives who are not on the RFP", async () => {
    const { rfp, panel, executive } = await createExportableRfp();
    for (const user of [panel, executive]) {
      const result = await callLoader(exportsPage, `/rfps/${rfp.id}/exports`, {
        cookie: await sessionCookie(user),
        params: { rfpId: rfp.id },
      });
      expect(result.status).toBe(403);
    }
  });
});

describe("downloads", () => {
  it("term sheet as DOCX: a Word document with numbered clauses, tables and the agreed wording", async () => {
    const { rfp, lead } = await createExportableRfp();
    const { response, bytes } = await download(
      docxRoute,
      `/rfps/${rfp.id}/exports/term-sheet.docx`,
      rfp.id,
      await sessionCookie(lead),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${rfp.reference}-term-sheet-draft.docx"`,
    );
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(zipEntryNames(bytes)).toContain("word/document.xml");
    const xml = readZipEntry(bytes, "word/document.xml") ?? "";
    const text = xml
      .replace(/<[^>]+>/g, "")
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    for (const heading of [
      "1. Price schedule",
      "2. Contract term",
      "3. Service levels",
      "4. Obligations",
      "5. Negotiated terms",
    ]) {
      expect(text).toContain(heading);
    }
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain("<w:tbl>");
    expect(text).toContain("The contract runs for 24 months");
    expect(text).toContain("Service desk");
    expect(text).toContain("Customer satisfaction");
    expect(text).toContain("3% of the quarterly fee");
    expect(text).toContain(OBLIGATION_WORDING);
    expect(text).toContain("We give the vendor's agents access to our CRM.");
    expect(text).toContain("5.1");
    expect(text).toContain("Service credits — Agreed");
    expect(text).toContain(AGREED_WORDING);
    expect(text).toContain("Liability cap — Escalated");
    expect(text).toContain("DRAFT");
    const [event] = await exportEvents(rfp.id);
    expect(event).toMatchObject({ actorId: lead.id, entityType: "Rfp", entityId: rfp.id });
    expect(event?.after).toMatchObject({ kind: "term-sheet-docx", filename: `${rfp.reference}-term-sheet-draft.docx` });
  });

  it("term sheet as PDF, and without the draft mark once concluded", async () => {
    const { rfp, observer } = await createExportableRfp({ concluded: true });
    const { response, bytes } = await download(
      pdfRoute,
      `/rfps/${rfp.id}/exports/term-sheet.pdf`,
      rfp.id,
      await sessionCookie(observer),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${rfp.reference}-term-sheet.pdf"`);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await exportEvents(rfp.id)).map((event) => event.actorId)).toEqual([observer.id]);
  });

  it("decision memo as PDF", async () => {
    const { rfp, lead } = await createExportableRfp();
    const { response, bytes } = await download(
      memoRoute,
      `/rfps/${rfp.id}/exports/decision-memo.pdf`,
      rfp.id,
      await sessionCookie(lead),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`${rfp.reference}-decision-memo.pdf`);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(2000);
    // What the memo says: the outcome per bidder, the panel's combined place, the approvals.
    const memo = await loadDecisionMemo(rfp.id);
    if (!memo) throw new Error("no memo");
    expect(standings(memo).map((row) => [row.name, row.place, row.panelPlace])).toEqual([
      ["Contoso Services Ltd", 1, 1],
      ["Fabrikam Inc", 2, 2],
      ["Northwind Traders", null, 2],
    ]);
    expect(approvalSummary(memo)).toBe("2 of 2 approvals in round 1");
  });

  it("OCDS release package: valid against the official 1.1.5 schema, with tender, bidders, award and contract", async () => {
    const { rfp, lead, winner } = await createExportableRfp();
    const { response, bytes } = await download(
      ocdsRoute,
      `/rfps/${rfp.id}/exports/ocds.json`,
      rfp.id,
      await sessionCookie(lead),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const releasePackage = JSON.parse(bytes.toString("utf8"));
    expect(ocdsPackageErrors(releasePackage)).toEqual([]);
    expect(releasePackage.uri).toBe(`http://localhost:3000/rfps/${rfp.id}/exports/ocds.json`);
    const [release] = releasePackage.releases;
    expect(release.ocid).toBe(`ocds-shortlist-${rfp.reference}`);
    expect(release.tag).toEqual(["planning", "tender", "award", "contract"]);
    expect(release.planning.budget.amount).toEqual({ amount: 900_000, currency: "EUR" });
    expect(release.tender.numberOfTenderers).toBe(3);
    expect(release.tender.awardCriteria).toBe("ratedCriteria");
    expect(release.tender.eligibilityCriteria).toContain("R-01");
    expect(release.tender.documents.map((document: { documentType: string }) => document.documentType)).toEqual([
      "biddingDocuments",
      "clarifications",
    ]);
    expect(release.tender.amendments).toHaveLength(1);
    const vendor = await prisma.invitation.findUniqueOrThrow({ where: { id: winner.id }, select: { vendorId: true } });
    expect(release.awards[0]).toMatchObject({ status: "active", suppliers: [{ id: vendor.vendorId }] });
    // 45 000 transition + 1 800 seats × 12.35 a month × 24 months.
    expect(release.contracts[0]).toMatchObject({ status: "pending", value: { amount: 578_520, currency: "EUR" } });
    expect(release.contracts[0].period.durationInDays).toBeGreaterThan(720);
    expect((await exportEvents(rfp.id))[0]?.after).toMatchObject({ kind: "ocds-json" });
  });

  it("is refused to panel members and anonymous visitors, writing nothing", async () => {
    const { rfp, panel } = await createExportableRfp();
    const path = `/rfps/${rfp.id}/exports/term-sheet.docx`;
    const asPanel = await callAction(docxRoute, path, {
      cookie: await sessionCookie(panel),
      params: { rfpId: rfp.id },
    });
    expect(asPanel.status).toBe(403);
    const anonymous = await callAction(ocdsRoute, `/rfps/${rfp.id}/exports/ocds.json`, { params: { rfpId: rfp.id } });
    expect(anonymous.status).toBe(401);
    expect(await exportEvents(rfp.id)).toEqual([]);
  });

  it("a GET of a download address leads to the Exports page without recording anything", async () => {
    const { rfp, lead } = await createExportableRfp();
    const result = await callLoader(pdfRoute, `/rfps/${rfp.id}/exports/term-sheet.pdf`, {
      cookie: await sessionCookie(lead),
      params: { rfpId: rfp.id },
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/rfps/${rfp.id}/exports`);
    expect(await exportEvents(rfp.id)).toEqual([]);
  });

  it("lists recent downloads on the page", async () => {
    const { rfp, lead } = await createExportableRfp();
    const cookie = await sessionCookie(lead);
    await download(ocdsRoute, `/rfps/${rfp.id}/exports/ocds.json`, rfp.id, cookie);
    const page = await callLoader(exportsPage, `/rfps/${rfp.id}/exports`, { cookie, params: { rfpId: rfp.id } });
    expect(page.data).toMatchObject({
      overview: { downloads: [{ kind: "OCDS release package (JSON)", actorLabel: lead.email }] },
    });
  });
});
