import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { DocumentSnapshot } from "~/domain/document";
import * as addendaRoute from "~/routes/rfps.$rfpId.addenda";
import { utcToZonedLocal } from "~/utils/dates";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";
import { acknowledgeAddendum, createPublishedRfp, passProposalDeadline } from "../fixtures/tender";

const DAY = 86_400_000;
const TIME_ZONE = "Europe/Berlin";

async function setup() {
  const lead = await createTestUser({ role: "LEAD" });
  const panel = await createTestUser({ role: "EVALUATOR" });
  const observer = await createTestUser({ role: "EXECUTIVE" });
  const { rfp, invitations } = await createPublishedRfp(lead, {
    vendors: ["Contoso Services Ltd", "Fabrikam Inc", "Northwind Outsourcing"],
    members: [
      { user: panel, role: "PANEL" },
      { user: observer, role: "OBSERVER" },
    ],
  });
  const path = `/rfps/${rfp.id}/addenda`;
  return {
    lead,
    panel,
    observer,
    rfp,
    invitations,
    path,
    params: { rfpId: rfp.id },
    cookie: await sessionCookie(lead),
  };
}

type Page = Awaited<ReturnType<typeof addendaRoute.loader>>;

async function page(path: string, params: Record<string, string>, cookie: string) {
  const result = await callLoader(addendaRoute, path, { cookie, params });
  expect(result.status).toBe(200);
  return result.data as Page;
}

/** The issue form as the page pre-fills it, with the lead's words. */
async function issueForm(
  path: string,
  params: Record<string, string>,
  cookie: string,
  fields: Record<string, string> = {},
) {
  const loaded = await page(path, params, cookie);
  return {
    intent: "issue",
    version: String(loaded.rfp.version),
    title: "Site list corrected",
    summary: loaded.changes.map((change) => `- ${change}`).join("\n") || "Clarified wording.",
    reason: "The Leeds site closes in 2027.",
    ...loaded.timelineValues,
    ...fields,
  };
}

async function counts(rfpId: string) {
  const [addenda, versions, messages, events, extensions] = await Promise.all([
    prisma.addendum.count({ where: { rfpId } }),
    prisma.rfpDocumentVersion.count({ where: { rfpId } }),
    prisma.outboxMessage.count({ where: { rfpId } }),
    prisma.auditEvent.count({ where: { rfpId } }),
    prisma.deadlineExtension.count({ where: { rfpId } }),
  ]);
  return { addenda, versions, messages, events, extensions };
}

describe("issuing an addendum", () => {
  it("after the working copy changed: freezes a new version, numbers the addendum and emails every vendor", async () => {
    const { rfp, invitations, path, params, cookie, lead } = await setup();
    const section = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id } });
    await prisma.rfpSection.update({
      where: { id: section.id },
      data: { body: "Run the service desk for 2,100 staff." },
    });
    // A revoked vendor is out of the tender and hears nothing more.
    await prisma.invitation.update({ where: { id: invitations[2]?.id }, data: { revokedAt: new Date() } });

    const loaded = await page(path, params, cookie);
    expect(loaded.workingCopyChanged).toBe(true);
    expect(loaded.changes).toEqual(["Section “Scope of services” text changed."]);

    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie),
    });
    expect(result.status).toBe(302);
    const addendum = await prisma.addendum.findFirstOrThrow({
      where: { rfpId: rfp.id },
      include: { documentVersion: true },
    });
    expect(addendum).toMatchObject({
      number: 1,
      title: "Site list corrected",
      summary: "- Section “Scope of services” text changed.",
      reason: "The Leeds site closes in 2027.",
      issuedById: lead.id,
    });
    expect(addendum.documentVersion?.number).toBe(2);
    const snapshot = addendum.documentVersion?.snapshot as unknown as DocumentSnapshot;
    expect(snapshot.sections[0]?.body).toBe("Run the service desk for 2,100 staff.");

    const emails = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "addendum" } });
    expect(emails.map((email) => email.invitationId).sort()).toEqual([invitations[0]?.id, invitations[1]?.id].sort());
    expect(emails[0]?.subject).toMatch(/^Addendum 1 to RFP-\d{4}-\d{3}: Site list corrected$/);
    expect(emails[0]?.bodyText).toContain("acknowledge it in your portal");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { rfpId: rfp.id, action: "addendum.issued" } });
    expect(event.after).toMatchObject({ number: 1, documentVersion: 2, vendorsNotified: 2 });

    // Now the working copy matches the new version again.
    expect((await page(path, params, cookie)).workingCopyChanged).toBe(false);
  });

  it("is text only when the document did not change", async () => {
    const { rfp, path, params, cookie } = await setup();
    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie, {
        title: "Clarification of scope",
        summary: "Lot 2 excludes printers.",
      }),
    });
    expect(result.status).toBe(302);
    const addendum = await prisma.addendum.findFirstOrThrow({ where: { rfpId: rfp.id } });
    expect(addendum.documentVersionId).toBeNull();
    expect(await prisma.rfpDocumentVersion.count({ where: { rfpId: rfp.id } })).toBe(1);
  });

  it("moves the timeline: the new dates are in the addendum, the new version and the RFP; a later deadline is an extension", async () => {
    const { rfp, path, params, cookie } = await setup();
    const newDeadline = new Date((rfp.proposalDeadline?.getTime() ?? 0) + 2 * DAY);
    const newInterviewStart = new Date((rfp.interviewStart?.getTime() ?? 0) + DAY);
    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie, {
        title: "Timeline moved",
        summary: "Two more days for proposals.",
        proposalDeadline: utcToZonedLocal(newDeadline, TIME_ZONE),
        interviewStart: utcToZonedLocal(newInterviewStart, TIME_ZONE),
      }),
    });
    expect(result.status).toBe(302);
    const saved = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } });
    expect(saved.proposalDeadline).toEqual(newDeadline);
    expect(saved.interviewStart).toEqual(newInterviewStart);
    const addendum = await prisma.addendum.findFirstOrThrow({
      where: { rfpId: rfp.id },
      include: { documentVersion: true },
    });
    expect(addendum.summary).toContain(
      "Two more days for proposals.\n\nTimeline changes (Europe/Berlin):\n- Proposal deadline: ",
    );
    expect(addendum.summary).toContain("- Interviews from: ");
    const snapshot = addendum.documentVersion?.snapshot as unknown as DocumentSnapshot;
    expect(snapshot.rfp.timeline.proposalDeadline).toBe(newDeadline.toISOString());
    expect(await prisma.deadlineExtension.findMany({ where: { rfpId: rfp.id } })).toEqual([
      expect.objectContaining({
        previousDeadline: rfp.proposalDeadline,
        newDeadline,
        reason: "The Leeds site closes in 2027.",
      }),
    ]);
  });

  it("refuses timeline changes that break the rules for a published RFP, and writes nothing", async () => {
    const { rfp, path, params, cookie } = await setup();
    const before = await counts(rfp.id);
    const earlier = utcToZonedLocal(new Date((rfp.proposalDeadline?.getTime() ?? 0) - DAY), TIME_ZONE);
    const brought = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie, { proposalDeadline: earlier }),
    });
    expect(brought.status).toBe(422);
    expect(brought.data).toMatchObject({
      fieldErrors: { proposalDeadline: expect.stringContaining("never brought forward") },
    });

    const afterInterviews = utcToZonedLocal(new Date((rfp.interviewEnd?.getTime() ?? 0) + DAY), TIME_ZONE);
    const disordered = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie, { proposalDeadline: afterInterviews }),
    });
    expect(disordered.status).toBe(422);
    expect(disordered.data).toMatchObject({
      fieldErrors: { interviewStart: "Interviews from must be after proposal deadline." },
    });

    const impossible = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: await issueForm(path, params, cookie, { decisionTarget: "2031-02-31T10:00" }),
    });
    expect(impossible.status).toBe(400);
    expect(impossible.data).toMatchObject({ fieldErrors: { decisionTarget: "This date does not exist." } });
    expect(await counts(rfp.id)).toEqual(before);
  });

  it("reports every missing field and keeps what was typed", async () => {
    const { rfp, path, params, cookie } = await setup();
    const before = await counts(rfp.id);
    const form = await issueForm(path, params, cookie, { title: "  ", reason: "", issueDate: "" });
    const result = await callAction(addendaRoute, path, { cookie, params, form });
    expect(result.status).toBe(400);
    const { fieldErrors, values } = result.data as {
      fieldErrors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(Object.keys(fieldErrors).sort()).toEqual(["issueDate", "reason", "title"]);
    expect(values.summary).toBe(form.summary);
    expect(await counts(rfp.id)).toEqual(before);
  });

  it("is refused on a stale page (someone issued one meanwhile) with 409", async () => {
    const { rfp, path, params, cookie } = await setup();
    const form = await issueForm(path, params, cookie);
    expect((await callAction(addendaRoute, path, { cookie, params, form })).status).toBe(302);
    const before = await counts(rfp.id);
    const again = await callAction(addendaRoute, path, { cookie, params, form });
    expect(again.status).toBe(409);
    expect(await counts(rfp.id)).toEqual(before);
  });

  it("is only possible while the RFP is published", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const cookie = await sessionCookie(lead);
    const draft = await createTestRfp(lead);
    const draftPath = `/rfps/${draft.id}/addenda`;
    const draftPage = await page(draftPath, { rfpId: draft.id }, cookie);
    expect(draftPage.addenda).toEqual([]);
    const before = await counts(draft.id);
    const result = await callAction(addendaRoute, draftPath, {
      cookie,
      params: { rfpId: draft.id },
      form: await issueForm(draftPath, { rfpId: draft.id }, cookie),
    });
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      fieldErrors: { form: expect.stringContaining("only be issued while the RFP is published") },
    });
    expect(await counts(draft.id)).toEqual(before);

    const published = await setup();
    const form = await issueForm(published.path, published.params, published.cookie);
    await prisma.rfp.update({ where: { id: published.rfp.id }, data: { stage: "EVALUATION" } });
    const afterOpening = await callAction(addendaRoute, published.path, {
      cookie: published.cookie,
      params: published.params,
      form,
    });
    expect(afterOpening.status).toBe(422);
    expect(await prisma.addendum.count({ where: { rfpId: published.rfp.id } })).toBe(0);
  });

  it("lets the team read the addenda but only leads issue them", async () => {
    const { rfp, panel, observer, path, params, cookie } = await setup();
    const form = await issueForm(path, params, cookie);
    const otherLead = await createTestUser({ role: "LEAD" });
    for (const user of [panel, observer]) {
      const userCookie = await sessionCookie(user);
      const loaded = await page(path, params, userCookie);
      expect(loaded.canIssue).toBe(false);
      expect((await callAction(addendaRoute, path, { cookie: userCookie, params, form })).status).toBe(403);
    }
    const outsider = await sessionCookie(otherLead);
    expect((await callLoader(addendaRoute, path, { cookie: outsider, params })).status).toBe(403);
    expect((await callAction(addendaRoute, path, { cookie: outsider, params, form })).status).toBe(403);
    expect(await prisma.addendum.count({ where: { rfpId: rfp.id } })).toBe(0);
  });
});

describe("acknowledgements and reminders", () => {
  it("shows who acknowledged, who has not, and reminds only pending bidders", async () => {
    const { rfp, invitations, path, params, cookie } = await setup();
    await callAction(addendaRoute, path, { cookie, params, form: await issueForm(path, params, cookie) });
    const addendum = await prisma.addendum.findFirstOrThrow({ where: { rfpId: rfp.id } });
    const [contoso, fabrikam, northwind] = invitations;
    if (!contoso || !fabrikam || !northwind) throw new Error("setup");
    await acknowledgeAddendum(addendum.id, contoso.id, "Pat Bidder");
    await prisma.invitation.update({
      where: { id: northwind.id },
      data: { status: "DECLINED", declineReason: "Capacity" },
    });

    const loaded = await page(path, params, cookie);
    const [shown] = loaded.addenda;
    expect(shown?.pending).toBe(1);
    expect(shown?.vendors.map((vendor) => [vendor.vendorName, vendor.state, vendor.acknowledgedBy])).toEqual([
      ["Contoso Services Ltd", "ACKNOWLEDGED", "Pat Bidder"],
      ["Fabrikam Inc", "PENDING", null],
      ["Northwind Outsourcing", "NOT_BIDDING", null],
    ]);

    const remind = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: { intent: "remind", addendumId: addendum.id },
    });
    expect(remind.status).toBe(302);
    const reminders = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "addendum_reminder" } });
    expect(reminders.map((message) => message.invitationId)).toEqual([fabrikam.id]);
    expect(reminders[0]?.subject).toContain("please acknowledge Addendum 1");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { rfpId: rfp.id, action: "addendum.reminded" } });
    expect(event.after).toEqual({ number: 1, vendors: ["Fabrikam Inc"] });

    await acknowledgeAddendum(addendum.id, fabrikam.id);
    const nobody = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: { intent: "remind", addendumId: addendum.id },
    });
    expect(nobody.status).toBe(422);
    expect(await prisma.outboxMessage.count({ where: { rfpId: rfp.id, kind: "addendum_reminder" } })).toBe(1);
  });

  it("refuses reminders for an addendum of another RFP", async () => {
    const { path, params, cookie } = await setup();
    const other = await setup();
    await callAction(addendaRoute, other.path, {
      cookie: other.cookie,
      params: other.params,
      form: await issueForm(other.path, other.params, other.cookie),
    });
    const foreign = await prisma.addendum.findFirstOrThrow({ where: { rfpId: other.rfp.id } });
    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: { intent: "remind", addendumId: foreign.id },
    });
    expect(result.status).toBe(422);
    expect(
      await prisma.outboxMessage.count({
        where: { kind: "addendum_reminder", rfpId: { in: [params.rfpId, other.rfp.id] } },
      }),
    ).toBe(0);
  });
});

describe("extending the proposal deadline", () => {
  const extendForm = (version: number, newDeadline: Date, reason = "Two vendors asked for time after Q-03.") => ({
    intent: "extend",
    version: String(version),
    newDeadline: utcToZonedLocal(newDeadline, TIME_ZONE),
    extensionReason: reason,
  });

  it("moves the deadline for all, records it, issues an addendum with only the date changed and emails every vendor", async () => {
    const { rfp, invitations, path, params, cookie, lead } = await setup();
    // An unpublished edit in the working copy must not slip out with the extension.
    const section = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id } });
    await prisma.rfpSection.update({ where: { id: section.id }, data: { body: "Unpublished draft text." } });
    const newDeadline = new Date((rfp.proposalDeadline?.getTime() ?? 0) + 3 * DAY);
    const { rfp: shown } = await page(path, params, cookie);
    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: extendForm(shown.version, newDeadline),
    });
    expect(result.status).toBe(302);

    expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).proposalDeadline).toEqual(newDeadline);
    expect(await prisma.deadlineExtension.findMany({ where: { rfpId: rfp.id } })).toEqual([
      expect.objectContaining({
        previousDeadline: rfp.proposalDeadline,
        newDeadline,
        grantedById: lead.id,
        reason: "Two vendors asked for time after Q-03.",
      }),
    ]);
    const addendum = await prisma.addendum.findFirstOrThrow({
      where: { rfpId: rfp.id },
      include: { documentVersion: true },
    });
    expect(addendum.title).toBe("Proposal deadline extended");
    expect(addendum.summary).toMatch(
      /^The proposal deadline moves from .+ to .+ \(Europe\/Berlin\), for all vendors\.$/,
    );
    const snapshot = addendum.documentVersion?.snapshot as unknown as DocumentSnapshot;
    expect(snapshot.rfp.timeline.proposalDeadline).toBe(newDeadline.toISOString());
    expect(snapshot.sections[0]?.body).toBe("Run the **service desk** for 1,800 staff.");

    const emails = await prisma.outboxMessage.findMany({ where: { rfpId: rfp.id, kind: "addendum" } });
    expect(emails).toHaveLength(invitations.length);
    expect(emails[0]?.subject).toMatch(/^Proposal deadline extended: /);
    expect(emails[0]?.bodyText).toContain("recorded as Addendum 1");
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id, action: "rfp.deadline_extended" } })).toBe(1);
  });

  it("is still possible after the deadline passed, while the proposals are sealed", async () => {
    const { rfp, path, params, cookie } = await setup();
    await passProposalDeadline(rfp.id);
    const { rfp: shown } = await page(path, params, cookie);
    const result = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: extendForm(shown.version, new Date(Date.now() + 2 * DAY)),
    });
    expect(result.status).toBe(302);
  });

  it("refuses a date not after the current deadline, in the past, or breaking the timeline order", async () => {
    const { rfp, path, params, cookie } = await setup();
    const before = await counts(rfp.id);
    const { rfp: shown } = await page(path, params, cookie);
    const deadline = rfp.proposalDeadline?.getTime() ?? 0;
    const cases: [Date, string][] = [
      [new Date(deadline), "The new deadline must be after the current proposal deadline."],
      [new Date(deadline - DAY), "The new deadline must be after the current proposal deadline."],
      [
        new Date((rfp.interviewStart?.getTime() ?? 0) + DAY),
        "Interviews from must be after proposal deadline: issue an addendum that moves the later milestones first.",
      ],
    ];
    for (const [date, message] of cases) {
      const result = await callAction(addendaRoute, path, { cookie, params, form: extendForm(shown.version, date) });
      expect(result.status).toBe(422);
      expect(result.data).toMatchObject({ fieldErrors: { newDeadline: message } });
    }
    // The deadline passed five minutes ago; a minute later is after it, but already past too.
    const passed = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
    await prisma.rfp.update({ where: { id: rfp.id }, data: { proposalDeadline: new Date(passed) } });
    const stale = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: extendForm(shown.version, new Date(passed + 60_000)),
    });
    expect(stale.status).toBe(422);
    expect(stale.data).toMatchObject({ fieldErrors: { newDeadline: "The new deadline must be in the future." } });
    const short = await callAction(addendaRoute, path, {
      cookie,
      params,
      form: extendForm(shown.version, new Date(Date.now() + DAY), "Because"),
    });
    expect(short.status).toBe(400);
    expect(await counts(rfp.id)).toEqual(before);
  });

  it("is refused before publishing", async () => {
    const lead = await createTestUser({ role: "LEAD" });
    const draft = await createTestRfp(lead);
    const result = await callAction(addendaRoute, `/rfps/${draft.id}/addenda`, {
      cookie: await sessionCookie(lead),
      params: { rfpId: draft.id },
      form: extendForm(1, new Date((draft.proposalDeadline?.getTime() ?? 0) + DAY)),
    });
    expect(result.status).toBe(422);
    expect(await prisma.deadlineExtension.count({ where: { rfpId: draft.id } })).toBe(0);
  });
});
