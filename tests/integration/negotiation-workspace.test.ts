import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as dashboardRoute from "~/routes/dashboard";
import * as escalationsRoute from "~/routes/negotiations.escalations";
import * as overviewRoute from "~/routes/rfps.$rfpId.negotiation._index";
import * as commitmentsRoute from "~/routes/rfps.$rfpId.negotiation.commitments";
import * as contractRoute from "~/routes/rfps.$rfpId.negotiation.contract";
import * as pastRoute from "~/routes/rfps.$rfpId.negotiation.past.$negotiationId";
import * as risksRoute from "~/routes/rfps.$rfpId.negotiation.risks";
import * as serviceLevelsRoute from "~/routes/rfps.$rfpId.negotiation.service-levels";
import * as termsRoute from "~/routes/rfps.$rfpId.negotiation.terms";
import { sessionCookie } from "../fixtures/factories";
import {
  createNegotiationRfp,
  negotiationSnapshot,
  negotiationVersion,
  settleNegotiation,
} from "../fixtures/negotiation";
import { callAction, callLoader, type RouteResult } from "../fixtures/routes";

type Setup = Awaited<ReturnType<typeof createNegotiationRfp>>;
type Module = Parameters<typeof callAction>[0];

/** A lead's session on one negotiation page: post forms, read the page's loader data. */
async function asLead(setup: Setup, module: Module, page: string) {
  const cookie = await sessionCookie(setup.lead);
  const path = `/rfps/${setup.rfp.id}/negotiation${page}`;
  const params = { rfpId: setup.rfp.id };
  return {
    cookie,
    post: (form: Record<string, string>) => callAction(module, path, { cookie, params, form }),
    load: async () => (await callLoader(module, path, { cookie, params })).data,
  };
}

/** The answer must be `status` and nothing in the negotiation (nor audit, nor outbox) may change. */
async function expectRefused(setup: Setup, status: number, send: () => Promise<RouteResult>) {
  const before = await negotiationSnapshot(setup.rfp.id);
  const result = await send();
  expect(result.status).toBe(status);
  expect(await negotiationSnapshot(setup.rfp.id)).toBe(before);
  return result;
}

const terms = (negotiationId: string) =>
  prisma.contractTerm.findMany({ where: { negotiationId }, orderBy: { position: "asc" } });

async function nameSponsor(setup: Setup) {
  await prisma.negotiation.update({ where: { id: setup.negotiationId }, data: { sponsorId: setup.executive.id } });
}

describe("term-by-term tracker", () => {
  it("shows the terms with owner and history; observers read without forms; the lead edits with history", async () => {
    const setup = await createNegotiationRfp();
    const lead = await asLead(setup, termsRoute, "/terms");
    const data = (await lead.load()) as Awaited<ReturnType<typeof termsRoute.loader>>;
    expect(data.canEdit).toBe(true);
    expect(data.tracker?.terms).toHaveLength(5);
    expect(data.tracker?.owners.map((owner) => owner.name)).toEqual(["Lena Lead", "Paul Panel"]);

    const observer = await callLoader(termsRoute, `/rfps/${setup.rfp.id}/negotiation/terms`, {
      cookie: await sessionCookie(setup.observer),
      params: { rfpId: setup.rfp.id },
    });
    expect((observer.data as typeof data).canEdit).toBe(false);

    const [first] = await terms(setup.negotiationId);
    if (!first) throw new Error("no term");
    const base = {
      intent: "update-term",
      termId: first.id,
      version: String(first.version),
      title: first.title,
      ourPosition: first.ourPosition,
      vendorPosition: "24 months, then month-to-month.",
      agreedWording: "",
      status: "AGREED",
      ownerId: setup.panel.id,
      note: "",
    };
    // Agreed without wording (a rule the model checks) → 422; a missing title → 400; nothing written.
    await expectRefused(setup, 422, () => lead.post(base));
    await expectRefused(setup, 400, () => lead.post({ ...base, title: "" }));
    await expectRefused(setup, 422, () => lead.post({ ...base, status: "ESCALATED", agreedWording: "x" }));
    await expectRefused(setup, 422, () => lead.post({ ...base, ownerId: setup.executive.id, agreedWording: "x" }));

    const saved = await lead.post({ ...base, agreedWording: "12 months, renewable by mutual agreement." });
    expect(saved.status).toBe(302);
    const term = await prisma.contractTerm.findUniqueOrThrow({
      where: { id: first.id },
      include: { changes: true },
    });
    expect(term).toMatchObject({ status: "AGREED", ownerId: setup.panel.id, version: 2 });
    expect(term.changes).toHaveLength(1);
    expect(term.changes[0]?.changes).toMatchObject({
      status: { before: "OPEN", after: "AGREED" },
      owner: { before: "Lena Lead", after: "Paul Panel" },
    });
    // A second tab saving from the old version gets a conflict with the stored version, not an overwrite.
    const conflict = await expectRefused(setup, 409, () => lead.post({ ...base, agreedWording: "Other wording." }));
    expect((conflict.data as { values: Record<string, string> }).values).toMatchObject({
      version: "2",
      agreedWording: "Other wording.",
    });
    // Dropping needs a note for the history.
    const dropped = { ...base, version: "2", status: "DROPPED", agreedWording: "" };
    await expectRefused(setup, 422, () => lead.post(dropped));
    expect((await lead.post({ ...dropped, note: "Covered by the master agreement." })).status).toBe(302);
  });

  it("adds a term; refuses a non-member owner and anyone but the lead", async () => {
    const setup = await createNegotiationRfp();
    const lead = await asLead(setup, termsRoute, "/terms");
    const form = {
      intent: "add-term",
      negotiationId: setup.negotiationId,
      title: "Data protection",
      ourPosition: "GDPR processor terms.",
      vendorPosition: "",
      ownerId: setup.lead.id,
    };
    await expectRefused(setup, 422, () => lead.post({ ...form, ownerId: setup.executive.id }));
    const observerCookie = await sessionCookie(setup.observer);
    await expectRefused(setup, 403, () =>
      callAction(termsRoute, `/rfps/${setup.rfp.id}/negotiation/terms`, {
        cookie: observerCookie,
        params: { rfpId: setup.rfp.id },
        form,
      }),
    );
    expect((await lead.post(form)).status).toBe(302);
    const added = (await terms(setup.negotiationId)).at(-1);
    expect(added).toMatchObject({ title: "Data protection", position: 5, status: "OPEN" });
    expect(await prisma.auditEvent.count({ where: { action: "contract_term.added", entityId: added?.id } })).toBe(1);
  });

  it("escalates an open term to the sponsor (who is emailed); refused without a sponsor", async () => {
    const setup = await createNegotiationRfp();
    const lead = await asLead(setup, termsRoute, "/terms");
    const [, second] = await terms(setup.negotiationId);
    if (!second) throw new Error("no term");
    const form = {
      intent: "escalate-term",
      termId: second.id,
      version: String(second.version),
      question: "Accept vendor-set levels if credits are 10%?",
    };
    await expectRefused(setup, 422, () => lead.post(form));
    await expectRefused(setup, 400, () => lead.post({ ...form, question: "" }));
    await nameSponsor(setup);
    expect((await lead.post(form)).status).toBe(302);
    expect(await prisma.contractTerm.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: "ESCALATED",
    });
    const mail = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: setup.rfp.id, kind: "negotiation_escalation" },
    });
    expect(mail.toEmail).toBe(setup.executive.email);
    expect(mail.bodyText).toContain("Accept vendor-set levels if credits are 10%?");
    // Escalated twice → refused (only an open term can be escalated).
    await expectRefused(setup, 422, () => lead.post({ ...form, version: "2" }));
  });
});

describe("the executive sponsor's escalation queue", () => {
  it("lists only the sponsor's escalated terms and lets only the sponsor decide them", async () => {
    const setup = await createNegotiationRfp();
    await nameSponsor(setup);
    const lead = await asLead(setup, termsRoute, "/terms");
    const [, second] = await terms(setup.negotiationId);
    if (!second) throw new Error("no term");
    await lead.post({ intent: "escalate-term", termId: second.id, version: "1", question: "Credits at 10%?" });

    const path = "/negotiations/escalations";
    const sponsorCookie = await sessionCookie(setup.executive);
    const otherCookie = await sessionCookie(setup.otherExecutive);
    const queue = (await callLoader(escalationsRoute, path, { cookie: sponsorCookie })).data as Awaited<
      ReturnType<typeof escalationsRoute.loader>
    >;
    expect(queue.pending.map((term) => term.id)).toEqual([second.id]);
    const dashboard = async (cookie: string) =>
      (
        (await callLoader(dashboardRoute, "/dashboard", { cookie })).data as Awaited<
          ReturnType<typeof dashboardRoute.loader>
        >
      ).escalations;
    expect((await dashboard(sponsorCookie))?.map((term) => term.id)).toEqual([second.id]);
    expect(await dashboard(otherCookie)).toEqual([]);
    expect(await dashboard(lead.cookie)).toBeNull();
    const other = (await callLoader(escalationsRoute, path, { cookie: otherCookie })).data as typeof queue;
    expect(other.pending).toEqual([]);
    // Not an executive account at all → 403 from the page itself.
    expect((await callLoader(escalationsRoute, path, { cookie: lead.cookie })).status).toBe(403);

    const decision = {
      intent: "decide-escalation",
      termId: second.id,
      version: "2",
      decision: "Accept with 10% credits.",
      outcome: "AGREED",
      agreedWording: "Service credits of 10% of the monthly fee per missed level.",
    };
    await expectRefused(setup, 403, () => callAction(escalationsRoute, path, { cookie: otherCookie, form: decision }));
    await expectRefused(setup, 403, () => callAction(escalationsRoute, path, { cookie: lead.cookie, form: decision }));
    await expectRefused(setup, 400, () =>
      callAction(escalationsRoute, path, { cookie: sponsorCookie, form: { ...decision, agreedWording: "" } }),
    );
    await expectRefused(setup, 409, () =>
      callAction(escalationsRoute, path, { cookie: sponsorCookie, form: { ...decision, version: "1" } }),
    );
    const decided = await callAction(escalationsRoute, path, { cookie: sponsorCookie, form: decision });
    expect(decided.status).toBe(302);
    const term = await prisma.contractTerm.findUniqueOrThrow({ where: { id: second.id } });
    expect(term).toMatchObject({
      status: "AGREED",
      escalationDecision: "Accept with 10% credits.",
      agreedWording: decision.agreedWording,
    });
    const told = await prisma.outboxMessage.findFirstOrThrow({
      where: { rfpId: setup.rfp.id, kind: "negotiation_escalation_decided" },
    });
    expect(told.toEmail).toBe(setup.lead.email);
    const after = (await callLoader(escalationsRoute, path, { cookie: sponsorCookie })).data as typeof queue;
    expect(after.pending).toEqual([]);
    expect(after.decided.map((entry) => entry.id)).toEqual([second.id]);
  });
});

describe("commitments register", () => {
  it("turns promises into obligations, drops them with a reason, accepts limitations with a future date", async () => {
    const setup = await createNegotiationRfp();
    const lead = await asLead(setup, commitmentsRoute, "/commitments");
    const data = (await lead.load()) as Awaited<ReturnType<typeof commitmentsRoute.loader>>;
    const items = data.register?.commitments ?? [];
    expect(items.map((item) => item.kind)).toEqual(["CLAIM", "COMMITMENT", "LIMITATION", "CLAIM"]);
    const [claim, commitment, limitation, interview] = items;
    if (!claim || !commitment || !limitation || !interview) throw new Error("register incomplete");
    const version = () => negotiationVersion(setup.negotiationId);
    const decide = async (itemId: string, fields: Record<string, string>) => ({
      intent: "decide-commitment",
      negotiationId: setup.negotiationId,
      version: await version(),
      itemId,
      obligationWording: "",
      dropReason: "",
      resolveBy: "",
      ...fields,
    });
    await expectRefused(setup, 400, async () => lead.post(await decide(claim.id, { disposition: "DROPPED" })));
    await expectRefused(setup, 400, async () =>
      lead.post(await decide(limitation.id, { disposition: "ACCEPTED_LIMITATION", obligationWording: "x" })),
    );
    await expectRefused(setup, 422, async () =>
      lead.post(
        await decide(limitation.id, {
          disposition: "ACCEPTED_LIMITATION",
          obligationWording: "Finnish support in year two.",
          resolveBy: "2001-01-01",
        }),
      ),
    );
    await expectRefused(setup, 409, async () =>
      lead.post({ ...(await decide(claim.id, { disposition: "DROPPED", dropReason: "Marketing." })), version: "99" }),
    );
    expect((await lead.post(await decide(claim.id, { disposition: "DROPPED", dropReason: "Marketing." }))).status).toBe(
      302,
    );
    expect(
      (
        await lead.post(
          await decide(commitment.id, { disposition: "OBLIGATION", obligationWording: "The vendor shall …" }),
        )
      ).status,
    ).toBe(302);
    const resolveBy = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await lead.post(
          await decide(limitation.id, {
            disposition: "ACCEPTED_LIMITATION",
            obligationWording: "Accepted until then.",
            resolveBy,
          }),
        )
      ).status,
    ).toBe(302);
    const stored = await prisma.commitmentItem.findMany({
      where: { negotiationId: setup.negotiationId },
      orderBy: { position: "asc" },
    });
    expect(stored.map((item) => item.disposition)).toEqual(["DROPPED", "OBLIGATION", "ACCEPTED_LIMITATION", "PENDING"]);
    expect(stored[2]?.resolveBy).not.toBeNull();

    // Proposal words stay as written; interview notes may be reworded and split.
    const edit = async (intent: string, itemId: string, text: string) => ({
      intent,
      negotiationId: setup.negotiationId,
      version: await version(),
      itemId,
      kind: "COMMITMENT",
      text,
    });
    await expectRefused(setup, 422, async () => lead.post(await edit("edit-commitment", claim.id, "Reworded.")));
    expect((await lead.post(await edit("split-commitment", interview.id, "Named service manager."))).status).toBe(302);
    expect((await lead.post(await edit("edit-commitment", interview.id, "24/7 cover from go-live."))).status).toBe(302);
    const after = await prisma.commitmentItem.findMany({
      where: { negotiationId: setup.negotiationId, source: "INTERVIEW" },
      orderBy: { position: "asc" },
    });
    expect(after.map((item) => [item.kind, item.text])).toEqual([
      ["COMMITMENT", "24/7 cover from go-live."],
      ["COMMITMENT", "Named service manager."],
    ]);
  });
});

describe("term risk review", () => {
  it("explains each flag with a suggested alternative; the lead resolves or accepts it with a note", async () => {
    const setup = await createNegotiationRfp();
    const lead = await asLead(setup, risksRoute, "/risks");
    const data = (await lead.load()) as Awaited<ReturnType<typeof risksRoute.loader>>;
    const flags = data.review?.flags ?? [];
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      expect(flag.explanation.length).toBeGreaterThan(10);
      expect(flag.suggestion.length).toBeGreaterThan(10);
      expect(flag.outstanding).toBe(true);
    }
    const [flag] = flags;
    if (!flag) throw new Error("no flag");
    const form = {
      intent: "decide-flag",
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
      flagKey: flag.key,
      status: "ACCEPTED",
      note: "",
    };
    await expectRefused(setup, 400, () => lead.post(form));
    await expectRefused(setup, 422, () => lead.post({ ...form, flagKey: "NO_SUCH_RULE", note: "n" }));
    await expectRefused(setup, 409, () => lead.post({ ...form, version: "99", note: "n" }));
    expect((await lead.post({ ...form, note: "Accepted: the board wants this vendor." })).status).toBe(302);
    const after = (await lead.load()) as typeof data;
    const decided = after.review?.flags.find((candidate) => candidate.key === flag.key);
    expect(decided).toMatchObject({ outstanding: false, decision: { status: "ACCEPTED" } });
    expect(await prisma.auditEvent.count({ where: { action: "risk_flag.accepted", rfpId: setup.rfp.id } })).toBe(1);

    const reopen = {
      intent: "reopen-flag",
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
      flagKey: flag.key,
    };
    expect((await lead.post(reopen)).status).toBe(302);
    await expectRefused(setup, 422, async () =>
      lead.post({ ...reopen, version: await negotiationVersion(setup.negotiationId) }),
    );
  });

  it("a flag disappears when the terms are changed to satisfy its rule", async () => {
    const setup = await createNegotiationRfp();
    const risks = await asLead(setup, risksRoute, "/risks");
    const contract = await asLead(setup, contractRoute, "/contract");
    const keys = async () =>
      ((await risks.load()) as Awaited<ReturnType<typeof risksRoute.loader>>).review?.flags.map((flag) => flag.ruleId);
    expect(await keys()).toContain("LONG_TERM_WITHOUT_PERFORMANCE_EXIT");
    const saved = await contract.post({
      intent: "save-term",
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
      termLengthMonths: "12",
      startDate: "2027-01-01",
      renewal: "AUTOMATIC",
      noticePeriodDays: "30",
      exitOnChronicSlaFailure: "on",
    });
    expect(saved.status).toBe(302);
    const now = await keys();
    expect(now).not.toContain("LONG_TERM_WITHOUT_PERFORMANCE_EXIT");
    expect(now).toContain("AUTOMATIC_RENEWAL");
  });
});

describe("term and prices", () => {
  it("saves the term, tier, terms of service, price changes and price lines; rejects bad input untouched", async () => {
    const setup = await createNegotiationRfp();
    const page = await asLead(setup, contractRoute, "/contract");
    const keys = async () => ({
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
    });
    const data = (await page.load()) as Awaited<ReturnType<typeof contractRoute.loader>>;
    expect(data.contract?.tiers.map((tier) => tier.name)).toEqual(["Baseline triage", "Proactive monitoring"]);
    expect(data.contract?.prices.totalCostOfOwnership).toBe("845280.00");

    await expectRefused(setup, 400, async () =>
      page.post({ intent: "save-term", ...(await keys()), termLengthMonths: "twelve", renewal: "NONE" }),
    );
    await expectRefused(setup, 400, async () =>
      page.post({ intent: "save-term", ...(await keys()), renewal: "FOREVER" }),
    );
    await expectRefused(setup, 409, async () =>
      page.post({ intent: "save-term", negotiationId: setup.negotiationId, version: "99", renewal: "NONE" }),
    );
    await expectRefused(setup, 400, async () =>
      page.post({
        intent: "add-price-line",
        ...(await keys()),
        description: "X",
        kind: "RECURRING",
        unit: "m",
        quantity: "1,5",
        unitPrice: "1",
      }),
    );
    await expectRefused(setup, 400, async () => page.post({ intent: "delete-price-line", ...(await keys()) }));
    await expectRefused(setup, 422, async () =>
      page.post({ intent: "choose-tier", ...(await keys()), tierId: "nope" }),
    );
    await expectRefused(setup, 400, async () =>
      page.post({ intent: "save-price-change", ...(await keys()), kind: "INDEXED", index: "" }),
    );

    expect(
      (await page.post({ intent: "save-term", ...(await keys()), termLengthMonths: "24", renewal: "NONE" })).status,
    ).toBe(302);
    const premium = data.contract?.tiers[1];
    expect((await page.post({ intent: "choose-tier", ...(await keys()), tierId: premium?.id ?? "" })).status).toBe(302);
    expect(
      (await page.post({ intent: "save-terms-of-service", ...(await keys()), termsOfService: "Premium terms v3." }))
        .status,
    ).toBe(302);
    expect(
      (
        await page.post({
          intent: "save-price-change",
          ...(await keys()),
          kind: "INDEXED",
          index: "CPI",
          capPercent: "3",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await page.post({
          intent: "add-price-line",
          ...(await keys()),
          description: "Monitoring",
          kind: "RECURRING",
          unit: "month",
          quantity: "1",
          unitPrice: "1000",
        })
      ).status,
    ).toBe(302);
    const after = (await page.load()) as typeof data;
    const contract = after.contract;
    expect(contract).toMatchObject({
      termLengthMonths: 24,
      terminationForConvenience: false,
      serviceTier: "Proactive monitoring",
      termsOfService: "Premium terms v3.",
      priceChange: { kind: "INDEXED", index: "CPI", capPercent: 3 },
    });
    expect(contract?.prices.monthly).toBe("23230.00");
    const line = contract?.prices.lines.at(-1);
    expect(
      (
        await page.post({
          intent: "update-price-line",
          ...(await keys()),
          lineId: line?.id ?? "",
          description: "Monitoring",
          kind: "RECURRING",
          unit: "month",
          quantity: "2",
          unitPrice: "1000",
        })
      ).status,
    ).toBe(302);
    expect((await page.post({ intent: "delete-price-line", ...(await keys()), lineId: line?.id ?? "" })).status).toBe(
      302,
    );
    await expectRefused(setup, 422, async () =>
      page.post({ intent: "delete-price-line", ...(await keys()), lineId: line?.id ?? "" }),
    );
    const slaLines = await prisma.slaLine.findMany({ where: { negotiationId: setup.negotiationId } });
    expect(slaLines.map((sla) => sla.metric).sort()).toEqual(["Availability", "On-site response"]);
    expect(
      await prisma.auditEvent.count({ where: { rfpId: setup.rfp.id, action: { startsWith: "negotiation." } } }),
    ).toBe(8); // opened + the seven saves
  });
});

describe("service levels, fees and obligations", () => {
  it("adds, edits and removes each; an early-termination fee raises a flag", async () => {
    const setup = await createNegotiationRfp();
    const page = await asLead(setup, serviceLevelsRoute, "/service-levels");
    const keys = async () => ({
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
    });
    const data = (await page.load()) as Awaited<ReturnType<typeof serviceLevelsRoute.loader>>;
    expect(data.levels?.slaLines.map((line) => [line.metric, line.credit, line.gaps])).toEqual([
      ["First response", true, []],
    ]);
    const sla = {
      intent: "add-sla",
      metric: "Availability",
      target: "99.5%",
      measurementWindow: "calendar month",
      reporting: "Monthly report",
      serviceCredit: "5% of the monthly fee",
      setBy: "CUSTOMER",
    };
    await expectRefused(setup, 400, async () => page.post({ ...sla, ...(await keys()), target: "" }));
    await expectRefused(setup, 400, async () => page.post({ ...sla, ...(await keys()), setBy: "NOBODY" }));
    expect((await page.post({ ...sla, ...(await keys()) })).status).toBe(302);
    const added = await prisma.slaLine.findFirstOrThrow({
      where: { negotiationId: setup.negotiationId, metric: "Availability" },
    });
    expect(
      (
        await page.post({
          ...sla,
          intent: "update-sla",
          ...(await keys()),
          slaLineId: added.id,
          target: "best efforts",
        })
      ).status,
    ).toBe(302);
    const reread = (await page.load()) as typeof data;
    expect(reread.levels?.slaLines.find((line) => line.id === added.id)?.gaps).toContain("no number");
    expect((await page.post({ intent: "delete-sla", ...(await keys()), slaLineId: added.id })).status).toBe(302);

    const risks = await asLead(setup, risksRoute, "/risks");
    const ruleIds = async () =>
      ((await risks.load()) as Awaited<ReturnType<typeof risksRoute.loader>>).review?.flags.map((flag) => flag.ruleId);
    expect(await ruleIds()).not.toContain("EARLY_TERMINATION_FEE");
    await expectRefused(setup, 400, async () =>
      page.post({ intent: "add-fee", ...(await keys()), kind: "EARLY_TERMINATION", description: "" }),
    );
    expect(
      (
        await page.post({
          intent: "add-fee",
          ...(await keys()),
          kind: "EARLY_TERMINATION",
          description: "Six months' fees.",
        })
      ).status,
    ).toBe(302);
    expect(await ruleIds()).toContain("EARLY_TERMINATION_FEE");
    const fee = await prisma.contractFee.findFirstOrThrow({ where: { negotiationId: setup.negotiationId } });
    expect(
      (
        await page.post({
          intent: "update-fee",
          ...(await keys()),
          feeId: fee.id,
          kind: "ONE_OFF",
          description: "Set-up.",
        })
      ).status,
    ).toBe(302);
    expect(await ruleIds()).not.toContain("EARLY_TERMINATION_FEE");
    expect((await page.post({ intent: "delete-fee", ...(await keys()), feeId: fee.id })).status).toBe(302);

    await expectRefused(setup, 400, async () =>
      page.post({ intent: "add-obligation", ...(await keys()), party: "VENDOR", text: "" }),
    );
    expect(
      (
        await page.post({
          intent: "add-obligation",
          ...(await keys()),
          party: "CUSTOMER",
          text: "Provide site access.",
        })
      ).status,
    ).toBe(302);
    const obligation = await prisma.contractObligation.findFirstOrThrow({
      where: { negotiationId: setup.negotiationId },
    });
    expect(
      (
        await page.post({
          intent: "update-obligation",
          ...(await keys()),
          obligationId: obligation.id,
          party: "CUSTOMER",
          text: "Provide site access within 2 days.",
        })
      ).status,
    ).toBe(302);
    expect(
      (await page.post({ intent: "delete-obligation", ...(await keys()), obligationId: obligation.id })).status,
    ).toBe(302);
    expect(await prisma.contractObligation.count({ where: { negotiationId: setup.negotiationId } })).toBe(0);
  });
});

describe("readiness, close-out and fallback", () => {
  it("refuses to mark ready while anything is outstanding, then readies and concludes: RFP awarded, links expired", async () => {
    const setup = await createNegotiationRfp();
    const page = await asLead(setup, overviewRoute, "");
    const keys = async () => ({
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
    });
    const refused = await expectRefused(setup, 422, async () => page.post({ intent: "mark-ready", ...(await keys()) }));
    expect(JSON.stringify(refused)).toContain("not ready");
    await expectRefused(setup, 422, async () => page.post({ intent: "conclude", ...(await keys()) }));

    await settleNegotiation(setup, setup.negotiationId);
    expect((await page.post({ intent: "mark-ready", ...(await keys()) })).status).toBe(302);
    // Ready locks the contract: the pages refuse changes until it is reopened.
    const termsPage = await asLead(setup, termsRoute, "/terms");
    expect(((await termsPage.load()) as Awaited<ReturnType<typeof termsRoute.loader>>).canEdit).toBe(false);
    await expectRefused(setup, 409, async () =>
      page.post({ intent: "conclude", negotiationId: setup.negotiationId, version: "1" }),
    );
    expect((await page.post({ intent: "conclude", ...(await keys()) })).status).toBe(302);

    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: setup.rfp.id } });
    expect(rfp.stage).toBe("AWARDED");
    const negotiation = await prisma.negotiation.findUniqueOrThrow({ where: { id: setup.negotiationId } });
    expect(negotiation.status).toBe("CONCLUDED");
    const invitations = await prisma.invitation.findMany({ where: { rfpId: setup.rfp.id } });
    expect(invitations.every((invitation) => invitation.expiresAt !== null)).toBe(true);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "negotiation.concluded" },
      orderBy: { at: "desc" },
    });
    expect(JSON.stringify(audit.after)).toContain("As agreed.");
    const mails = await prisma.outboxMessage.findMany({
      where: { rfpId: setup.rfp.id, kind: { in: ["contract_concluded", "reserve_released"] } },
    });
    expect(mails.map((mail) => mail.kind).sort()).toEqual(["contract_concluded", "reserve_released"]);
    // Concluded: nothing changes any more.
    await expectRefused(setup, 422, async () => page.post({ intent: "reopen", ...(await keys()) }));
  });

  it("falls back to the runner-up: the winner's negotiation is closed with the reason, a new one pre-filled from the runner-up's proposal", async () => {
    const setup = await createNegotiationRfp();
    const page = await asLead(setup, overviewRoute, "");
    const keys = async () => ({
      negotiationId: setup.negotiationId,
      version: await negotiationVersion(setup.negotiationId),
    });
    await expectRefused(setup, 400, async () =>
      page.post({ intent: "break-down", ...(await keys()), reason: "Too short" }),
    );
    const result = await page.post({
      intent: "break-down",
      ...(await keys()),
      reason: "The vendor refused any service credits and an exit right.",
    });
    expect(result.status).toBe(302);
    const all = await prisma.negotiation.findMany({ where: { rfpId: setup.rfp.id }, orderBy: { openedAt: "asc" } });
    expect(all.map((negotiation) => [negotiation.invitationId, negotiation.status])).toEqual([
      [setup.winner.id, "BROKEN_DOWN"],
      [setup.runnerUp.id, "OPEN"],
    ]);
    const fallback = all[1];
    const runnerUpProposal = await prisma.proposal.findUniqueOrThrow({
      where: { invitationId: setup.runnerUp.id },
      include: { commitments: true, priceLines: true },
    });
    expect(await prisma.commitmentItem.count({ where: { negotiationId: fallback?.id } })).toBe(
      runnerUpProposal.commitments.length,
    );
    const commitmentSources = await prisma.commitmentItem.findMany({ where: { negotiationId: fallback?.id } });
    expect(commitmentSources.every((item) => runnerUpProposal.commitments.some((c) => c.id === item.sourceRef))).toBe(
      true,
    );
    expect(await prisma.negotiationPriceLine.count({ where: { negotiationId: fallback?.id } })).toBe(
      runnerUpProposal.priceLines.length,
    );
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: setup.winner.id } })).status).toBe("ELIMINATED");
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: setup.runnerUp.id } })).status).toBe("AWARDED");

    // The overview now shows the runner-up's negotiation and the earlier one on the record; the old one reads back.
    const overview = (await page.load()) as Awaited<ReturnType<typeof overviewRoute.loader>>;
    expect(overview.negotiation?.invitation.vendor.name).toBe(setup.runnerUp.name);
    expect(overview.past.map((past) => past.breakdownReason)).toEqual([
      "The vendor refused any service credits and an exit right.",
    ]);
    expect(overview.runnerUp).toBeNull();
    const past = await callLoader(pastRoute, `/rfps/${setup.rfp.id}/negotiation/past/${setup.negotiationId}`, {
      cookie: page.cookie,
      params: { rfpId: setup.rfp.id, negotiationId: setup.negotiationId },
    });
    expect(past.status).toBe(200);
    expect((past.data as Awaited<ReturnType<typeof pastRoute.loader>>).past.terms).toHaveLength(5);
    const current = await callLoader(pastRoute, `/rfps/${setup.rfp.id}/negotiation/past/${fallback?.id}`, {
      cookie: page.cookie,
      params: { rfpId: setup.rfp.id, negotiationId: fallback?.id ?? "" },
    });
    expect(current.status).toBe(404);
    // The closed negotiation cannot be changed any more.
    await expectRefused(setup, 422, async () =>
      page.post({ intent: "break-down", ...(await keys()), reason: "Again, for the record." }),
    );
  });

  it("refuses the fallback when no runner-up is in reserve", async () => {
    const setup = await createNegotiationRfp({ runnerUp: false });
    const page = await asLead(setup, overviewRoute, "");
    await expectRefused(setup, 422, async () =>
      page.post({
        intent: "break-down",
        negotiationId: setup.negotiationId,
        version: await negotiationVersion(setup.negotiationId),
        reason: "The vendor walked away from the table.",
      }),
    );
  });
});
