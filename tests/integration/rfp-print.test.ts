import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { newInvitationToken } from "~/models/portal-session.server";
import * as portalPdfRoute from "~/routes/portal.rfp[.]pdf";
import * as printRoute from "~/routes/rfps.$rfpId.print";
import * as staffPdfRoute from "~/routes/rfps.$rfpId.rfp[.]pdf";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callLoader } from "../fixtures/routes";
import { createPublishedRfp, latestPortalToken, pdfPageCount, portalCookie, publishRfp } from "../fixtures/tender";

type Printable = Awaited<ReturnType<typeof printRoute.loader>>;

function asPdf(data: unknown) {
  return Buffer.from(String(data), "latin1");
}

describe("printable RFP", () => {
  it("before publishing: the working copy, marked as a draft", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const rfp = await createTestRfp(lead);
    const params = { rfpId: rfp.id };
    const cookie = await sessionCookie(lead);
    const print = await callLoader(printRoute, `/rfps/${rfp.id}/print`, { cookie, params });
    expect(print.status).toBe(200);
    const { rfp: printable, pdfHref } = print.data as Printable;
    expect(printable).toMatchObject({ draft: true, versionLabel: "Draft (not published)", reference: rfp.reference });
    expect(printable.sections.map((section) => section.title)).toEqual(["Scope of services"]);
    expect(printable.requirements.map((requirement) => requirement.code)).toEqual(["R-01", "R-02"]);
    expect(pdfHref).toBe(`/rfps/${rfp.id}/rfp.pdf`);

    const pdf = await callLoader(staffPdfRoute, pdfHref, { cookie, params });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toBe(`attachment; filename="${rfp.reference}-draft.pdf"`);
  });

  it("after publishing: the latest frozen version as a multi-page PDF, for the whole team", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const panel = await createTestUser({ role: "EVALUATOR" });
    const { rfp } = await createPublishedRfp(lead, { members: [{ user: panel, role: "PANEL" }] });
    // An unpublished edit is not what vendors read, so it is not printed.
    await prisma.rfpSection.updateMany({ where: { rfpId: rfp.id }, data: { title: "Unpublished title" } });
    const params = { rfpId: rfp.id };
    for (const user of [lead, panel]) {
      const cookie = await sessionCookie(user);
      const print = (await callLoader(printRoute, `/rfps/${rfp.id}/print`, { cookie, params })).data as Printable;
      expect(print.rfp).toMatchObject({ draft: false, versionLabel: "Version 1" });
      expect(print.rfp.sections[0]?.title).toBe("Scope of services");
      const pdf = await callLoader(staffPdfRoute, `/rfps/${rfp.id}/rfp.pdf`, { cookie, params });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("Content-Disposition")).toBe(`attachment; filename="${rfp.reference}-v1.pdf"`);
      const bytes = asPdf(pdf.data);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdfPageCount(bytes)).toBeGreaterThan(1);
    }
  });

  it("is closed to people outside the RFP", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const rfp = await createTestRfp(lead);
    const outsider = await sessionCookie(await createTestUser({ role: "LEAD" }));
    const params = { rfpId: rfp.id };
    expect((await callLoader(printRoute, `/rfps/${rfp.id}/print`, { cookie: outsider, params })).status).toBe(403);
    expect((await callLoader(staffPdfRoute, `/rfps/${rfp.id}/rfp.pdf`, { cookie: outsider, params })).status).toBe(403);
    expect((await callLoader(staffPdfRoute, `/rfps/${rfp.id}/rfp.pdf`, { params })).status).toBe(401);
  });
});

describe("the vendor's PDF in the portal", () => {
  it("is the vendor's own RFP, latest frozen version only", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const { rfp, invitations } = await createPublishedRfp(lead, { title: "Contact centre 2029" });
    const other = await createPublishedRfp(lead, { title: "Another tender" });
    const token = invitations[0]?.token ?? "";
    const result = await callLoader(portalPdfRoute, "/portal/rfp.pdf", { cookie: await portalCookie(token) });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Disposition")).toBe(`attachment; filename="${rfp.reference}-v1.pdf"`);
    const bytes = asPdf(result.data);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The document title (PDF metadata, stored uncompressed) names this RFP and not the other.
    expect(bytes.toString("latin1")).toContain(`(${rfp.reference} Contact centre 2029)`);
    expect(bytes.toString("latin1")).not.toContain(other.rfp.reference);
  });

  it("does not exist before publishing, and needs a portal session", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const rfp = await createTestRfp(lead);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { rfpId: rfp.id } });
    // Before publishing no portal session can exist at all: a draft's link is refused.
    const { token, tokenHash, tokenHint } = newInvitationToken();
    await prisma.invitation.update({ where: { id: invitation.id }, data: { tokenHash, tokenHint } });
    await expect(portalCookie(token)).rejects.toThrow(/portal link refused/);
    expect((await callLoader(portalPdfRoute, "/portal/rfp.pdf", {})).status).toBe(401);
    const staff = await sessionCookie(lead);
    expect((await callLoader(portalPdfRoute, "/portal/rfp.pdf", { cookie: staff })).status).toBe(401);

    await publishRfp(lead, rfp.id);
    const published = await callLoader(portalPdfRoute, "/portal/rfp.pdf", {
      cookie: await portalCookie(await latestPortalToken(invitation.id)),
    });
    expect(published.status).toBe(200);
  });
});
