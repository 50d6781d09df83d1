import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { userActor } from "~/models/audit.server";
import { openNegotiation } from "~/models/negotiation.server";
import * as layoutRoute from "~/routes/rfps.$rfpId.negotiation";
import * as overviewRoute from "~/routes/rfps.$rfpId.negotiation._index";
import { sessionCookie } from "../fixtures/factories";
import { createNegotiationRfp, negotiationSnapshot, negotiationVersion } from "../fixtures/negotiation";
import { callAction, callLoader } from "../fixtures/routes";

describe("opening a negotiation (what the award approval calls)", () => {
  it("pre-fills prices, term, tier, SLA lines, the tracker and the commitments register from the proposal and interview", async () => {
    const { rfp, negotiationId, winner, lead } = await createNegotiationRfp();
    const negotiation = await prisma.negotiation.findUniqueOrThrow({
      where: { id: negotiationId },
      include: {
        priceLines: { orderBy: { position: "asc" } },
        slaLines: { orderBy: { position: "asc" } },
        terms: { orderBy: { position: "asc" } },
        commitments: { orderBy: { position: "asc" } },
      },
    });
    expect(negotiation).toMatchObject({
      rfpId: rfp.id,
      invitationId: winner.id,
      status: "OPEN",
      currency: "EUR",
      termLengthMonths: 36,
      renewal: "NONE",
      serviceTier: "Baseline triage",
      termsOfService: "Standard terms.",
      sponsorId: null,
    });
    expect(negotiation.startDate?.getUTCDate()).toBeGreaterThanOrEqual(1);
    expect(
      negotiation.priceLines.map((line) => [
        line.description,
        line.kind,
        line.quantity.toString(),
        line.unitPrice.toString(),
      ]),
    ).toEqual([
      ["Transition", "ONE_TIME", "1", "45000"],
      ["Service desk", "RECURRING", "1800", "12.35"],
    ]);
    expect(
      negotiation.slaLines.map((line) => [
        line.metric,
        line.target,
        line.measurementWindow,
        line.serviceCredit,
        line.setBy,
      ]),
    ).toEqual([["First response", "15 minutes", "Monthly", "2%", "VENDOR"]]);
    expect(negotiation.terms.map((term) => term.title)).toEqual([
      "Contract term and renewal",
      "Service levels and service credits",
      "Exit on chronic service failure",
      "Terms of service",
      "Price changes",
    ]);
    expect(negotiation.terms.every((term) => term.ownerId === lead.id && term.status === "OPEN")).toBe(true);
    expect(negotiation.commitments.map((item) => [item.source, item.kind, item.disposition])).toEqual([
      ["PROPOSAL", "CLAIM", "PENDING"],
      ["PROPOSAL", "COMMITMENT", "PENDING"],
      ["PROPOSAL", "LIMITATION", "PENDING"],
      ["INTERVIEW", "CLAIM", "PENDING"],
    ]);
    expect(negotiation.commitments[0]?.text).toBe("98% first-contact resolution at similar clients.");
    expect(negotiation.commitments[3]?.text).toBe(
      "Claims made in the interview, as Paul Panel recorded them. Strengths noted: Promised a named service manager and 24/7 cover from go-live. Concerns noted: Said Finnish support would only come in year two.",
    );
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "negotiation.opened", entityId: negotiationId },
    });
    expect(audit.after).toMatchObject({ vendor: winner.name, commitments: 4, slaLines: 1, priceLines: 2 });
  });

  it("refuses a second open negotiation, a vendor without a submitted proposal and an RFP not yet awarded", async () => {
    const { rfp, runnerUp, lead, winner } = await createNegotiationRfp();
    await expect(openNegotiation(userActor(lead), rfp.id, runnerUp.id)).rejects.toThrow(/still on the record/);
    const fresh = await createNegotiationRfp({ open: false });
    await prisma.proposal.update({ where: { invitationId: fresh.winner.id }, data: { status: "WITHDRAWN" } });
    await expect(openNegotiation(userActor(fresh.lead), fresh.rfp.id, fresh.winner.id)).rejects.toThrow(
      /no submitted proposal/,
    );
    await prisma.rfp.update({ where: { id: fresh.rfp.id }, data: { stage: "INTERVIEWS" } });
    await expect(openNegotiation(userActor(fresh.lead), fresh.rfp.id, fresh.runnerUp.id)).rejects.toThrow(
      /once the award is approved/,
    );
    await expect(openNegotiation(userActor(lead), rfp.id, "no-such-invitation")).rejects.toThrow();
    expect(await prisma.negotiation.count({ where: { rfpId: { in: [rfp.id, fresh.rfp.id] } } })).toBe(1);
    expect(winner.id).toBeTruthy();
  });

  it("opens from DECISION (the approval moves the stage in the same transaction) and marks the vendor awarded", async () => {
    const fresh = await createNegotiationRfp({ open: false });
    await prisma.rfp.update({ where: { id: fresh.rfp.id }, data: { stage: "DECISION" } });
    await prisma.invitation.update({ where: { id: fresh.winner.id }, data: { status: "SHORTLISTED" } });
    await openNegotiation(userActor(fresh.executive), fresh.rfp.id, fresh.winner.id);
    const invitation = await prisma.invitation.findUniqueOrThrow({ where: { id: fresh.winner.id } });
    expect(invitation.status).toBe("AWARDED");
  });
});

describe("negotiation overview", () => {
  it("shows the lead the status, what is outstanding, the sponsor choices and the runner-up", async () => {
    const { rfp, lead, executive, runnerUp } = await createNegotiationRfp();
    const cookie = await sessionCookie(lead);
    const result = await callLoader(overviewRoute, `/rfps/${rfp.id}/negotiation`, {
      cookie,
      params: { rfpId: rfp.id },
    });
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof overviewRoute.loader>>;
    expect(data.canEdit).toBe(true);
    expect(data.negotiation?.status).toBe("OPEN");
    expect(data.negotiation?.totals).toEqual({ oneTime: "45000.00", monthly: "22230.00", total: "845280.00" });
    expect(data.executives.map((user) => user.id)).toContain(executive.id);
    expect(data.runnerUp?.vendorName).toBe(runnerUp.name);

    const header = await callLoader(layoutRoute, `/rfps/${rfp.id}/negotiation`, { cookie, params: { rfpId: rfp.id } });
    expect(header.data).toMatchObject({ negotiation: { openTerms: 5, pendingCommitments: 4 }, pastCount: 0 });
    // What is outstanding: the layout computes readiness once for the tabs and the overview's list.
    expect((header.data as Awaited<ReturnType<typeof layoutRoute.loader>>).negotiation?.blockers).toHaveLength(3);
  });

  it("names an executive as sponsor, and refuses anyone else", async () => {
    const { rfp, lead, executive, panel, negotiationId } = await createNegotiationRfp();
    const cookie = await sessionCookie(lead);
    const path = `/rfps/${rfp.id}/negotiation`;
    const params = { rfpId: rfp.id };
    const before = await negotiationSnapshot(rfp.id);
    const refused = await callAction(overviewRoute, path, {
      cookie,
      params,
      form: {
        intent: "set-sponsor",
        negotiationId,
        version: await negotiationVersion(negotiationId),
        sponsorId: panel.id,
      },
    });
    expect(refused.status).toBe(422);
    expect(await negotiationSnapshot(rfp.id)).toBe(before);
    const named = await callAction(overviewRoute, path, {
      cookie,
      params,
      form: {
        intent: "set-sponsor",
        negotiationId,
        version: await negotiationVersion(negotiationId),
        sponsorId: executive.id,
      },
    });
    expect(named.status).toBe(302);
    const negotiation = await prisma.negotiation.findUniqueOrThrow({ where: { id: negotiationId } });
    expect(negotiation.sponsorId).toBe(executive.id);
    expect(
      await prisma.auditEvent.count({ where: { action: "negotiation.sponsor_set", entityId: negotiationId } }),
    ).toBe(1);
  });
});
