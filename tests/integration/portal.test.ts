import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hashSecret } from "~/models/portal-session.server";
import * as layoutRoute from "~/routes/portal";
import * as homeRoute from "~/routes/portal._index";
import * as documentRoute from "~/routes/portal.rfp";
import * as signOutRoute from "~/routes/portal_.sign-out";
import * as entryRoute from "~/routes/v.$token";
import { createTestVendor, inviteVendor } from "../fixtures/factories";
import { createPublishedRfp, issueTestAddendum, portalCookie } from "../fixtures/portal";
import { callAction, callLoader, cookieFrom } from "../fixtures/routes";

const auditCount = () => prisma.auditEvent.count();

describe("entering the portal with an invitation link", () => {
  it("shows who the link is for on GET, and changes nothing (link scanners prefetch GETs)", async () => {
    const { rfp, vendors } = await createPublishedRfp({ vendors: ["Contoso Services"], title: "Service desk 2028" });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const before = { audit: await auditCount(), sessions: await prisma.portalSession.count() };
    const result = await callLoader(entryRoute, `/v/${token}`, { params: { token } });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      ok: true,
      vendorName: "Contoso Services",
      rfp: { title: "Service desk 2028", reference: rfp.reference },
    });
    expect({ audit: await auditCount(), sessions: await prisma.portalSession.count() }).toEqual(before);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).lastVisitAt).toBeNull();
  });

  it("exchanges the token for a portal cookie on POST and sends the browser to /portal, away from the token", async () => {
    const { vendors } = await createPublishedRfp({ vendors: ["Fabrikam"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const result = await callAction(entryRoute, `/v/${token}`, { params: { token } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/portal");
    const cookie = cookieFrom(result, "sl_portal");
    expect(cookie).toBeTruthy();
    expect(result.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(result.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    // The cookie is not the link token, and only its hash is stored.
    expect(cookie).not.toContain(token);
    const sessions = await prisma.portalSession.findMany({ where: { invitationId: invitation.id } });
    expect(sessions).toHaveLength(1);
    const secret = decodeURIComponent(cookie?.split("=")[1] ?? "");
    expect(sessions[0]?.tokenHash).toBe(hashSecret(JSON.parse(Buffer.from(secret, "base64").toString("utf8"))));
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "portal.entered", entityId: invitation.id },
    });
    expect(event.actorLabel).toBe("vendor:Fabrikam");
    const layout = await callLoader(layoutRoute, "/portal", { cookie: cookie ?? "" });
    expect(layout.status).toBe(200);
    expect(layout.data).toMatchObject({ vendorName: "Fabrikam" });
  });

  it("answers unknown, revoked, expired, cancelled and unpublished links identically, naming nobody", async () => {
    const { rfp, lead, vendors } = await createPublishedRfp({
      vendors: ["Revoked Ltd", "Expired Ltd", "Cancelled Ltd"],
    });
    const [revoked, expired, cancelled] = vendors as [
      (typeof vendors)[number],
      (typeof vendors)[number],
      (typeof vendors)[number],
    ];
    await prisma.invitation.update({ where: { id: revoked.invitation.id }, data: { revokedAt: new Date() } });
    await prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const other = await createPublishedRfp({ vendors: ["Cancelled Too Ltd"] });
    await prisma.rfp.update({ where: { id: other.rfp.id }, data: { stage: "CANCELLED" } });
    const draftVendor = await createTestVendor({ name: "Draft Only Ltd" });
    const { createTestRfp } = await import("../fixtures/factories");
    const draft = await createTestRfp(lead, { invite: false });
    const { token: draftToken } = await inviteVendor(draft.id, lead, draftVendor);
    const tokens = {
      unknown: "A".repeat(43),
      malformed: "not a token!",
      revoked: revoked.token,
      expired: expired.token,
      cancelled: other.vendors[0]?.token ?? "",
      draft: draftToken,
    };
    expect(cancelled.token).toBeTruthy();
    const before = { audit: await auditCount(), sessions: await prisma.portalSession.count() };
    const answers = [];
    for (const [kind, token] of Object.entries(tokens)) {
      const get = await callLoader(entryRoute, `/v/${token}`, { params: { token } });
      const post = await callAction(entryRoute, `/v/${token}`, { params: { token } });
      expect([kind, get.status, post.status]).toEqual([kind, 404, 404]);
      expect(post.headers.get("Set-Cookie")).toBeNull();
      answers.push(JSON.stringify(get.data), JSON.stringify(post.data));
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toMatch(/Ltd|Facilities|RFP-/);
    expect({ audit: await auditCount(), sessions: await prisma.portalSession.count() }).toEqual(before);
    expect(rfp.id).toBeTruthy();
  });

  it("ends the session when the link is revoked, the RFP cancelled or the session signed out", async () => {
    const { vendors, rfp } = await createPublishedRfp({ vendors: ["A Ltd", "B Ltd", "C Ltd"] });
    const [a, b, c] = vendors as [(typeof vendors)[number], (typeof vendors)[number], (typeof vendors)[number]];
    const [cookieA, cookieB, cookieC] = await Promise.all([
      portalCookie(a.token),
      portalCookie(b.token),
      portalCookie(c.token),
    ]);
    await prisma.invitation.update({ where: { id: a.invitation.id }, data: { revokedAt: new Date() } });
    const home = await callLoader(homeRoute, "/portal", { cookie: cookieA });
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/portal/signed-out");

    const signedOut = await callAction(signOutRoute, "/portal/sign-out", { cookie: cookieB });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toBe("/portal/signed-out");
    expect(signedOut.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await prisma.portalSession.count({ where: { invitationId: b.invitation.id } })).toBe(0);
    expect((await callLoader(homeRoute, "/portal", { cookie: cookieB })).headers.get("Location")).toBe(
      "/portal/signed-out",
    );

    expect((await callLoader(homeRoute, "/portal", { cookie: cookieC })).status).toBe(200);
    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "CANCELLED" } });
    expect((await callLoader(homeRoute, "/portal", { cookie: cookieC })).headers.get("Location")).toBe(
      "/portal/signed-out",
    );
  });

  it("replaces an older portal session of the same browser when another link is opened", async () => {
    const { vendors } = await createPublishedRfp();
    const [a, b] = vendors as [(typeof vendors)[number], (typeof vendors)[number]];
    const cookieA = await portalCookie(a.token);
    const result = await callAction(entryRoute, `/v/${b.token}`, { params: { token: b.token }, cookie: cookieA });
    expect(result.status).toBe(302);
    expect(await prisma.portalSession.count({ where: { invitationId: a.invitation.id } })).toBe(0);
  });
});

describe("declaring intent", () => {
  it("records intent to bid, a decline with its reason, and reversing the decline, each audited", async () => {
    const { vendors } = await createPublishedRfp({ vendors: ["Northwind Outsourcing"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const cookie = await portalCookie(token);
    const status = async () =>
      prisma.invitation.findUniqueOrThrow({
        where: { id: invitation.id },
        select: { status: true, declineReason: true },
      });

    expect((await callAction(homeRoute, "/portal", { cookie, form: { intent: "bid" } })).status).toBe(302);
    expect(await status()).toEqual({ status: "INTENDS_TO_BID", declineReason: null });

    const declined = await callAction(homeRoute, "/portal", {
      cookie,
      form: { intent: "decline", reason: "No capacity in Q3." },
    });
    expect(declined.status).toBe(302);
    expect(await status()).toEqual({ status: "DECLINED", declineReason: "No capacity in Q3." });

    expect((await callAction(homeRoute, "/portal", { cookie, form: { intent: "bid" } })).status).toBe(302);
    expect(await status()).toEqual({ status: "INTENDS_TO_BID", declineReason: null });
    const actions = await prisma.auditEvent.findMany({
      where: { entityId: invitation.id, action: { startsWith: "invitation." } },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "invitation.intends_to_bid",
      "invitation.declined",
      "invitation.intends_to_bid",
    ]);
    expect(actions.every((event) => event.actorLabel === "vendor:Northwind Outsourcing")).toBe(true);
  });

  it("refuses a decline without a reason, an unknown intent and any change after the deadline; nothing is written", async () => {
    const { rfp, vendors } = await createPublishedRfp();
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const cookie = await portalCookie(token);
    const before = await auditCount();
    const noReason = await callAction(homeRoute, "/portal", { cookie, form: { intent: "decline", reason: " " } });
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ fieldErrors: { reason: expect.any(String) } });
    expect((await callAction(homeRoute, "/portal", { cookie, form: { intent: "SUBMITTED" } })).status).toBe(400);
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() - 60_000) } });
    const late = await callAction(homeRoute, "/portal", { cookie, form: { intent: "bid" } });
    expect(late.status).toBe(422);
    expect(late.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/deadline has passed/) } });
    expect(await auditCount()).toBe(before);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("INVITED");
  });
});

describe("the RFP document and addenda", () => {
  it("shows the latest frozen version, never the lead's working copy", async () => {
    const { rfp, vendors } = await createPublishedRfp();
    const cookie = await portalCookie(vendors[0]?.token ?? "");
    await prisma.rfpSection.updateMany({ where: { rfpId: rfp.id }, data: { title: "Unpublished working title" } });
    await prisma.rfp.update({ where: { id: rfp.id }, data: { budgetAmount: 123456 } });
    const result = await callLoader(documentRoute, "/portal/rfp", { cookie });
    expect(result.status).toBe(200);
    const text = JSON.stringify(result.data);
    expect(text).toContain("Scope of services");
    expect(text).not.toContain("Unpublished working title");
    expect(text).not.toContain("123456");
    expect(text).not.toContain("900000");
    expect(result.data).toMatchObject({ version: { number: 1 }, addenda: [] });
  });

  it("acknowledges an addendum with the representative's name, once, audited", async () => {
    const { rfp, lead, vendors } = await createPublishedRfp({ vendors: ["Tailspin"] });
    const [{ token, invitation }] = vendors as [(typeof vendors)[number]];
    const addendum = await issueTestAddendum(rfp.id, lead);
    const cookie = await portalCookie(token);
    const layout = await callLoader(layoutRoute, "/portal", { cookie });
    expect(layout.data).toMatchObject({ unacknowledgedAddenda: 1 });

    const before = await auditCount();
    const blank = await callAction(documentRoute, "/portal/rfp", {
      cookie,
      form: { intent: "acknowledge", addendumId: addendum.id, acknowledgedBy: "" },
    });
    expect(blank.status).toBe(400);
    expect(await auditCount()).toBe(before);

    const ok = await callAction(documentRoute, "/portal/rfp", {
      cookie,
      form: { intent: "acknowledge", addendumId: addendum.id, acknowledgedBy: "Dana Whitfield" },
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/portal/rfp#addenda");
    const acknowledgement = await prisma.addendumAcknowledgement.findUniqueOrThrow({
      where: { addendumId_invitationId: { addendumId: addendum.id, invitationId: invitation.id } },
    });
    expect(acknowledgement.acknowledgedBy).toBe("Dana Whitfield");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "addendum.acknowledged", entityId: addendum.id },
    });
    expect(event).toMatchObject({
      actorLabel: "vendor:Tailspin",
      after: { number: 1, acknowledgedBy: "Dana Whitfield" },
    });
    expect((await callLoader(layoutRoute, "/portal", { cookie })).data).toMatchObject({ unacknowledgedAddenda: 0 });

    const again = await callAction(documentRoute, "/portal/rfp", {
      cookie,
      form: { intent: "acknowledge", addendumId: addendum.id, acknowledgedBy: "Someone Else" },
    });
    expect(again.status).toBe(422);
    expect(await prisma.addendumAcknowledgement.count({ where: { addendumId: addendum.id } })).toBe(1);
  });
});
