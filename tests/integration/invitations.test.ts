import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { findInvitationByToken, findPortalSession, openPortalSession } from "~/models/portal-session.server";
import * as overviewRoute from "~/routes/rfps.$rfpId._index";
import * as outboxRoute from "~/routes/rfps.$rfpId.outbox";
import * as vendorsRoute from "~/routes/rfps.$rfpId.vendors";
import { createTestRfp, createTestUser, createTestVendor, sessionCookie } from "../fixtures/factories";
import { BASE_URL, callAction, callLoader } from "../fixtures/routes";

type User = { id: string; email: string };
let lead: User;
let panel: User;
let observer: User;
let leadCookie: string;

beforeAll(async () => {
  [lead, panel, observer] = await Promise.all([
    createTestUser({ role: "LEAD" }),
    createTestUser({ role: "EVALUATOR" }),
    createTestUser({ role: "EXECUTIVE" }),
  ]);
  leadCookie = await sessionCookie(lead);
});

async function draftRfp() {
  const rfp = await createTestRfp(lead, {
    invite: false,
    members: [
      { user: panel, role: "PANEL" },
      { user: observer, role: "OBSERVER" },
    ],
  });
  return { rfp, path: `/rfps/${rfp.id}/vendors`, params: { rfpId: rfp.id } };
}

function act(rfpId: string, form: Record<string, string>, cookie = leadCookie) {
  return callAction(vendorsRoute, `/rfps/${rfpId}/vendors`, { cookie, params: { rfpId }, form });
}

async function publish(rfpId: string) {
  const { version } = await prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { version: true } });
  const result = await callAction(overviewRoute, `/rfps/${rfpId}`, {
    cookie: leadCookie,
    params: { rfpId },
    form: { intent: "transition", to: "PUBLISHED", version: String(version) },
  });
  expect(result.status).toBe(302);
}

async function invite(rfpId: string, vendor: Awaited<ReturnType<typeof createTestVendor>>) {
  const result = await act(rfpId, { intent: "invite", contactId: vendor.contacts[0]?.id ?? "" });
  expect(result.status).toBe(302);
  return prisma.invitation.findUniqueOrThrow({ where: { rfpId_vendorId: { rfpId, vendorId: vendor.id } } });
}

/** The portal token in the newest invitation email to `email`. */
async function latestLink(rfpId: string, email: string) {
  const message = await prisma.outboxMessage.findFirstOrThrow({
    where: { rfpId, toEmail: email, kind: "invitation" },
    orderBy: { createdAt: "desc" },
  });
  const match = /(https?:\/\/[^\s]+)\/v\/([A-Za-z0-9_-]{20,})/.exec(message.bodyText);
  if (!match?.[2]) throw new Error("no portal link in the message");
  return { origin: match[1], token: match[2], message };
}

async function rfpState(rfpId: string) {
  const [invitations, messages, events, sessions] = await Promise.all([
    prisma.invitation.findMany({ where: { rfpId }, orderBy: { id: "asc" } }),
    prisma.outboxMessage.count({ where: { rfpId } }),
    prisma.auditEvent.count({ where: { rfpId } }),
    prisma.portalSession.count({ where: { invitation: { rfpId } } }),
  ]);
  return { invitations, messages, events, sessions };
}

describe("inviting vendors", () => {
  it("invites to a draft without sending anything; publishing emails each vendor a working link", async () => {
    const { rfp } = await draftRfp();
    const [acme, globex] = [
      await createTestVendor({ name: "Acme Ltd" }),
      await createTestVendor({ name: "Globex BV" }),
    ];
    const first = await act(rfp.id, { intent: "invite", contactId: acme.contacts[0]?.id ?? "" });
    expect(first.status).toBe(302);
    await invite(rfp.id, globex);
    const before = await rfpState(rfp.id);
    expect(before.invitations).toHaveLength(2);
    expect(before.messages).toBe(0);
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id, action: "invitation.created" } })).toBe(2);

    await publish(rfp.id);
    for (const vendor of [acme, globex]) {
      const { origin, token } = await latestLink(rfp.id, vendor.contacts[0]?.email ?? "");
      expect(origin).toBe(BASE_URL);
      const found = await findInvitationByToken(token);
      expect(found.problem).toBeNull();
      expect(found.invitation?.vendorId).toBe(vendor.id);
    }
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id } })).toBe(2);
  });

  it("after publishing, issues and queues the link at once", async () => {
    const { rfp } = await draftRfp();
    await invite(rfp.id, await createTestVendor());
    await publish(rfp.id);
    const late = await createTestVendor({ name: "Latecomer Services" });
    const invitation = await invite(rfp.id, late);
    const { token, message } = await latestLink(rfp.id, late.contacts[0]?.email ?? "");
    expect(message.status).toBe("NOT_SENT");
    expect(token.endsWith(invitation.tokenHint)).toBe(true);
    expect((await findInvitationByToken(token)).invitation?.id).toBe(invitation.id);
  });

  it("refuses invitations once the proposal deadline has passed, changing nothing", async () => {
    const { rfp } = await draftRfp();
    await invite(rfp.id, await createTestVendor());
    await publish(rfp.id);
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(Date.now() - 60_000) } });
    const before = await rfpState(rfp.id);
    const vendor = await createTestVendor();
    const result = await act(rfp.id, { intent: "invite", contactId: vendor.contacts[0]?.id ?? "" });
    expect(result.status).toBe(422);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toBe(
      "The proposal deadline has passed, so no more vendors can be invited.",
    );
    expect(await rfpState(rfp.id)).toEqual(before);
    // The page says so instead of offering the form.
    const page = await callLoader(vendorsRoute, `/rfps/${rfp.id}/vendors`, {
      cookie: leadCookie,
      params: { rfpId: rfp.id },
    });
    expect((page.data as { inviteBlocker: string }).inviteBlocker).toContain("deadline has passed");
  });

  it("refuses a vendor already invited, an unknown contact and a missing choice", async () => {
    const { rfp } = await draftRfp();
    const vendor = await createTestVendor();
    await invite(rfp.id, vendor);
    const before = await rfpState(rfp.id);
    const again = await act(rfp.id, { intent: "invite", contactId: vendor.contacts[0]?.id ?? "" });
    expect(again.status).toBe(422);
    expect((again.data as { fieldErrors: Record<string, string> }).fieldErrors.contactId).toContain("already invited");
    expect((await act(rfp.id, { intent: "invite", contactId: "no-such-contact" })).status).toBe(422);
    const empty = await act(rfp.id, { intent: "invite", contactId: "" });
    expect(empty.status).toBe(400);
    expect((await act(rfp.id, { intent: "launch-missiles" })).status).toBe(400);
    expect(await rfpState(rfp.id)).toEqual(before);
  });

  it("lists only directory vendors not yet invited and with a contact", async () => {
    const { rfp, path, params } = await draftRfp();
    const invited = await createTestVendor();
    await invite(rfp.id, invited);
    const candidate = await createTestVendor();
    const contactless = await prisma.vendor.create({
      data: { name: "No Contact Co", normalizedName: "nocontact" },
    });
    const page = await callLoader(vendorsRoute, path, { cookie: leadCookie, params });
    const data = page.data as { invitable: { id: string }[]; invitations: { vendor: { id: string } }[] };
    const ids = data.invitable.map((vendor) => vendor.id);
    expect(ids).toContain(candidate.id);
    expect(ids).not.toContain(invited.id);
    expect(ids).not.toContain(contactless.id);
    expect(data.invitations.map((invitation) => invitation.vendor.id)).toEqual([invited.id]);
  });
});

describe("managing links", () => {
  async function publishedWithVendor() {
    const { rfp } = await draftRfp();
    const vendor = await createTestVendor();
    const invitation = await invite(rfp.id, vendor);
    await publish(rfp.id);
    const { token } = await latestLink(rfp.id, vendor.contacts[0]?.email ?? "");
    return { rfp, vendor, invitation, token };
  }

  it("revoking stops the link at once and ends open portal sessions", async () => {
    const { rfp, invitation, token } = await publishedWithVendor();
    const session = await openPortalSession(token, { ip: "203.0.113.9", previousSecret: null });
    if (!session.ok) throw new Error("the link should open the portal");
    expect(await findPortalSession(session.secret)).not.toBeNull();

    const result = await act(rfp.id, { intent: "revoke", invitationId: invitation.id });
    expect(result.status).toBe(302);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).not.toBeNull();
    expect((await findInvitationByToken(token)).problem).toBe("revoked");
    expect(await prisma.portalSession.count({ where: { invitationId: invitation.id } })).toBe(0);
    expect(await findPortalSession(session.secret)).toBeNull();
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "invitation.revoked", entityId: invitation.id },
    });
    expect(event.after).toMatchObject({ sessionsEnded: 1 });

    const twice = await act(rfp.id, { intent: "revoke", invitationId: invitation.id });
    expect(twice.status).toBe(422);
  });

  it("resending makes a new link: the old one stops working, the new one works, sessions end", async () => {
    const { rfp, vendor, invitation, token } = await publishedWithVendor();
    const session = await openPortalSession(token, { ip: "203.0.113.9", previousSecret: null });
    if (!session.ok) throw new Error("the link should open the portal");
    const result = await act(rfp.id, { intent: "resend", invitationId: invitation.id });
    expect(result.status).toBe(302);
    const { token: newToken } = await latestLink(rfp.id, vendor.contacts[0]?.email ?? "");
    expect(newToken).not.toBe(token);
    // The old token's hash is gone: it is simply unknown now.
    expect(await findInvitationByToken(token)).toEqual({ problem: "unknown", invitation: null });
    expect((await findInvitationByToken(newToken)).invitation?.id).toBe(invitation.id);
    const stored = await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toBe(invitation.tokenHash);
    expect(newToken.endsWith(stored.tokenHint)).toBe(true);
    expect(await findPortalSession(session.secret)).toBeNull();
    expect(await prisma.outboxMessage.count({ where: { invitationId: invitation.id, kind: "invitation" } })).toBe(2);
  });

  it("resends to another contact of the vendor, and restores a revoked link", async () => {
    const { rfp, vendor, invitation, token } = await publishedWithVendor();
    const colleague = await prisma.vendorContact.create({
      data: { vendorId: vendor.id, name: "Second Person", email: "second@vendor.example" },
    });
    expect((await act(rfp.id, { intent: "revoke", invitationId: invitation.id })).status).toBe(302);
    const result = await act(rfp.id, { intent: "resend", invitationId: invitation.id, contactId: colleague.id });
    expect(result.status).toBe(302);
    const stored = await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored).toMatchObject({ contactId: colleague.id, revokedAt: null });
    const { token: newToken } = await latestLink(rfp.id, "second@vendor.example");
    expect((await findInvitationByToken(newToken)).problem).toBeNull();
    expect((await findInvitationByToken(token)).problem).toBe("unknown");

    const stranger = await createTestVendor();
    const refused = await act(rfp.id, {
      intent: "resend",
      invitationId: invitation.id,
      contactId: stranger.contacts[0]?.id ?? "",
    });
    expect(refused.status).toBe(422);
  });

  it("removes an invitation only while the RFP is a draft; links are neither revoked nor resent before publishing", async () => {
    const { rfp } = await draftRfp();
    const keep = await invite(rfp.id, await createTestVendor());
    const drop = await invite(rfp.id, await createTestVendor());
    expect((await act(rfp.id, { intent: "revoke", invitationId: keep.id })).status).toBe(422);
    expect((await act(rfp.id, { intent: "resend", invitationId: keep.id })).status).toBe(422);
    expect((await act(rfp.id, { intent: "remove", invitationId: drop.id })).status).toBe(302);
    expect(await prisma.invitation.count({ where: { id: drop.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "invitation.removed", entityId: drop.id } })).toBe(1);

    await publish(rfp.id);
    const refused = await act(rfp.id, { intent: "remove", invitationId: keep.id });
    expect(refused.status).toBe(422);
    expect((refused.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toContain(
      "revoke its link instead",
    );
    expect(await prisma.invitation.count({ where: { id: keep.id } })).toBe(1);
  });

  it("cannot reach another RFP's invitation through this RFP", async () => {
    const mine = await publishedWithVendor();
    const other = await publishedWithVendor();
    const before = await rfpState(other.rfp.id);
    const result = await act(mine.rfp.id, { intent: "revoke", invitationId: other.invitation.id });
    expect(result.status).toBe(422);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toBe(
      "This invitation no longer exists.",
    );
    expect(await rfpState(other.rfp.id)).toEqual(before);
  });
});

describe("who may see and change invitations", () => {
  it("panel members and observers see the list but cannot change it; other leads and outsiders are refused", async () => {
    const { rfp, path, params } = await draftRfp();
    const vendor = await createTestVendor();
    const invitation = await invite(rfp.id, vendor);
    await publish(rfp.id);
    const otherLead = await createTestUser({ role: "LEAD" });
    const outsider = await createTestUser({ role: "EVALUATOR" });
    const before = await rfpState(rfp.id);

    for (const member of [panel, observer]) {
      const cookie = await sessionCookie(member);
      const page = await callLoader(vendorsRoute, path, { cookie, params });
      expect(page.status).toBe(200);
      const data = page.data as { canManage: boolean; invitable: unknown[]; invitations: unknown[] };
      expect(data).toMatchObject({ canManage: false, invitable: [] });
      expect(data.invitations).toHaveLength(1);
    }
    for (const user of [panel, observer, otherLead, outsider]) {
      const cookie = await sessionCookie(user);
      const forms: Record<string, string>[] = [
        { intent: "revoke", invitationId: invitation.id },
        { intent: "resend", invitationId: invitation.id },
        { intent: "invite", contactId: (await createTestVendor()).contacts[0]?.id ?? "" },
      ];
      for (const form of forms) {
        expect((await act(rfp.id, form, cookie)).status).toBe(403);
      }
    }
    for (const user of [otherLead, outsider]) {
      expect((await callLoader(vendorsRoute, path, { cookie: await sessionCookie(user), params })).status).toBe(403);
    }
    expect(await rfpState(rfp.id)).toEqual(before);
  });
});

describe("outbox page", () => {
  it("shows the lead every message with its body, and says email is not set up", async () => {
    const { rfp, params } = await draftRfp();
    const vendor = await createTestVendor();
    await invite(rfp.id, vendor);
    await publish(rfp.id);
    const page = await callLoader(outboxRoute, `/rfps/${rfp.id}/outbox`, { cookie: leadCookie, params });
    expect(page.status).toBe(200);
    const data = page.data as {
      mailConfigured: boolean;
      messages: { toEmail: string; kind: string; status: string; bodyText: string }[];
    };
    expect(data.mailConfigured).toBe(false);
    expect(data.messages).toEqual([
      expect.objectContaining({ toEmail: vendor.contacts[0]?.email, kind: "invitation", status: "NOT_SENT" }),
    ]);
    // Without SMTP the lead passes the link on: it is in the body.
    expect(data.messages[0]?.bodyText).toMatch(/\/v\/[A-Za-z0-9_-]{40,}/);
  });

  it("is for the RFP's leads only: emails carry portal links", async () => {
    const { rfp, params } = await draftRfp();
    for (const user of [panel, observer, await createTestUser({ role: "LEAD" })]) {
      const result = await callLoader(outboxRoute, `/rfps/${rfp.id}/outbox`, {
        cookie: await sessionCookie(user),
        params,
      });
      expect(result.status).toBe(403);
    }
  });
});
