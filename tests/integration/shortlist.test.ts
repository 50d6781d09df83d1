import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as portalHome from "~/routes/portal._index";
import * as overviewRoute from "~/routes/rfps.$rfpId._index";
import * as shortlistRoute from "~/routes/rfps.$rfpId.shortlist";
import { createConsensusRfp, createShortlistRfp, writeAllSheets } from "../fixtures/evaluation-consensus";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { portalCookie } from "../fixtures/portal";
import { callAction, callLoader } from "../fixtures/routes";

async function setup() {
  const t = await createShortlistRfp();
  const [contoso, fabrikam, litware] = t.vendors;
  const [ann] = t.panel;
  if (!contoso || !fabrikam || !litware || !ann) throw new Error("fixture incomplete");
  const cookies = {
    lead: await sessionCookie(t.lead),
    ann: await sessionCookie(ann.user),
    observer: await sessionCookie(t.observer),
  };
  return { ...t, contoso, fabrikam, litware, ann, cookies };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const path = (rfpId: string, query = "") => `/rfps/${rfpId}/shortlist${query}`;
const load = (t: Setup, cookie: string, query = "") =>
  callLoader(shortlistRoute, path(t.rfp.id, query), { cookie, params: { rfpId: t.rfp.id } });
const post = (t: Setup, cookie: string, form: Record<string, string>) =>
  callAction(shortlistRoute, path(t.rfp.id), { cookie, params: { rfpId: t.rfp.id }, form });

type Page = {
  visible: boolean;
  ruleText?: string;
  canDecide?: boolean;
  blocker?: string | null;
  ruleErrors: Record<string, string> | null;
  vendors?: { vendorId: string; name: string; total: number; rank: number; suggested: boolean; decision: unknown }[];
};

/** The form the page posts: vendors in ranked order (Contoso 78, Fabrikam 74, Litware 48). */
function decisionForm(
  t: Setup,
  overrides: Partial<Record<"contoso" | "fabrikam" | "litware", Record<string, string>>> = {},
  rule: Record<string, string> = { method: "TOP_N", size: "2", threshold: "" },
) {
  const form: Record<string, string> = { intent: "decide", ...rule };
  const rows = [
    ["contoso", t.contoso, "SHORTLISTED", "false", "Strongest service desk model and 24/7 staffing."],
    ["fabrikam", t.fabrikam, "SHORTLISTED", "false", "Solid security posture, good references."],
    ["litware", t.litware, "NOT_SHORTLISTED", "true", "Thin transition plan; well below the others."],
  ] as const;
  rows.forEach(([key, vendor, outcome, belowLine, rationale], index) => {
    const fields = {
      invitationId: vendor.invitationId,
      outcome,
      belowLine,
      rationale,
      justification: "",
      requestedBy: "",
      ...overrides[key],
    };
    for (const [name, value] of Object.entries(fields)) form[`decisions.${index}.${name}`] = value;
  });
  return form;
}

const snapshot = async (rfpId: string) => ({
  decisions: await prisma.shortlistDecision.count({ where: { rfpId } }),
  statuses: (
    await prisma.invitation.findMany({ where: { rfpId }, orderBy: { id: "asc" }, select: { status: true } })
  ).map((row) => row.status),
  rfp: await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: { shortlistDecidedAt: true, shortlistSize: true },
  }),
  outbox: await prisma.outboxMessage.count({ where: { rfpId } }),
  audit: await prisma.auditEvent.count({ where: { rfpId } }),
});

describe("the suggestion", () => {
  it("ranks on written quality with agreed scores and draws the line by top N or threshold", async () => {
    const t = await setup();
    const page = (await load(t, t.cookies.lead)).data as Page;
    expect(
      page.vendors?.map((vendor) => [vendor.name, Number(vendor.total.toFixed(1)), vendor.rank, vendor.suggested]),
    ).toEqual([
      [t.contoso.name, 78, 1, true],
      [t.fabrikam.name, 74, 2, true],
      [t.litware.name, 48, 3, true],
    ]);
    expect(page.canDecide).toBe(true);
    const top2 = (await load(t, t.cookies.lead, "?method=TOP_N&size=2")).data as Page;
    expect(top2.vendors?.map((vendor) => vendor.suggested)).toEqual([true, true, false]);
    const threshold = (await load(t, t.cookies.lead, "?method=THRESHOLD&threshold=75")).data as Page;
    expect(threshold.vendors?.map((vendor) => vendor.suggested)).toEqual([true, false, false]);
    expect(threshold.ruleText).toBe("every vendor scoring at least 75 points out of 100");
    // A bad rule falls back to the saved one and says what is wrong; nothing is written by viewing.
    const before = await snapshot(t.rfp.id);
    const bad = (await load(t, t.cookies.lead, "?method=THRESHOLD&threshold=abc")).data as Page;
    expect(bad.ruleErrors).toEqual({ threshold: "Choose a score from 0 to 100." });
    expect(bad.vendors?.every((vendor) => vendor.suggested)).toBe(true);
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });

  it("is sealed for panel members until consensus is open; observers read it but cannot decide", async () => {
    const t = await createConsensusRfp();
    await writeAllSheets(t);
    const [ann] = t.panel;
    if (!ann) throw new Error("fixture incomplete");
    const sealed = await callLoader(shortlistRoute, path(t.rfp.id), {
      cookie: await sessionCookie(ann.user),
      params: { rfpId: t.rfp.id },
    });
    expect(sealed.status).toBe(200);
    expect(sealed.data).toMatchObject({ visible: false });
    expect(JSON.stringify(sealed.data)).not.toMatch(/"total"|"vendors"/);
    const s = await setup();
    const observer = (await load(s, s.cookies.observer)).data as Page;
    expect(observer.visible).toBe(true);
    expect(observer.canDecide).toBe(false);
    const outsider = await sessionCookie(await createTestUser({ role: "LEAD" }));
    expect((await load(s, outsider)).status).toBe(403);
  });
});

describe("deciding the shortlist", () => {
  it("records each decision, moves portal statuses, notifies every vendor and audits it all", async () => {
    const t = await setup();
    const result = await post(t, t.cookies.lead, decisionForm(t));
    expect(result.status).toBe(302);
    const decisions = await prisma.shortlistDecision.findMany({ where: { rfpId: t.rfp.id } });
    expect(decisions.map((row) => [row.invitationId, row.outcome, row.broughtInAnyway]).sort()).toEqual(
      [
        [t.contoso.invitationId, "SHORTLISTED", false],
        [t.fabrikam.invitationId, "SHORTLISTED", false],
        [t.litware.invitationId, "NOT_SHORTLISTED", false],
      ].sort(),
    );
    const rfp = await prisma.rfp.findUniqueOrThrow({ where: { id: t.rfp.id } });
    expect(rfp.shortlistDecidedAt).not.toBeNull();
    expect(rfp.shortlistSize).toBe(2);
    const status = async (invitationId: string) =>
      (await prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status;
    expect(await status(t.contoso.invitationId)).toBe("SHORTLISTED");
    expect(await status(t.litware.invitationId)).toBe("NOT_SHORTLISTED");
    const messages = await prisma.outboxMessage.findMany({ where: { rfpId: t.rfp.id }, orderBy: { toEmail: "asc" } });
    expect(messages.map((message) => message.kind).sort()).toEqual(["not_shortlisted", "shortlisted", "shortlisted"]);
    const rejection = messages.find((message) => message.kind === "not_shortlisted");
    expect(rejection?.toEmail).toBe(t.litware.contactEmail);
    expect(rejection?.bodyText).toContain("debrief");
    expect(rejection?.bodyText).not.toContain("Thin transition plan");
    const invitation = messages.find((message) => message.toEmail === t.contoso.contactEmail);
    expect(invitation?.bodyText).toContain("You are one of 2 vendors");
    expect(invitation?.bodyText).toContain("not an award");
    const actions = await prisma.auditEvent.findMany({
      where: { rfpId: t.rfp.id, action: { startsWith: "shortlist." } },
      select: { action: true },
    });
    expect(actions.map((event) => event.action).sort()).toEqual([
      "shortlist.decided",
      "shortlist.vendor_decided",
      "shortlist.vendor_decided",
      "shortlist.vendor_decided",
    ]);
    // The vendor's portal shows the new status.
    const portal = await callLoader(portalHome, "/portal", { cookie: await portalCookie(t.litware.token) });
    expect(JSON.stringify(portal.data)).toContain("NOT_SHORTLISTED");
    // Decided once: a second decision is refused and changes nothing.
    const before = await snapshot(t.rfp.id);
    const again = await post(t, t.cookies.lead, decisionForm(t));
    expect(again.status).toBe(422);
    expect(await snapshot(t.rfp.id)).toEqual(before);
    // The page now shows the record.
    const page = (await load(t, t.cookies.observer)).data as Page;
    expect(page.vendors?.every((vendor) => vendor.decision !== null)).toBe(true);
    expect(page.canDecide).toBe(false);
  });

  it("brings a vendor below the line in only with a justification and who asked; audited as such", async () => {
    const t = await setup();
    const before = await snapshot(t.rfp.id);
    const missing = await post(t, t.cookies.lead, decisionForm(t, { litware: { outcome: "SHORTLISTED" } }));
    expect(missing.status).toBe(400);
    expect((missing.data as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({
      "decisions.2.justification": expect.stringContaining("below the line"),
      "decisions.2.requestedBy": "Name who asked for this vendor to be brought in.",
    });
    // A tampered form that claims the vendor is above the line is caught on the server.
    const tampered = await post(
      t,
      t.cookies.lead,
      decisionForm(t, { litware: { outcome: "SHORTLISTED", belowLine: "false" } }),
    );
    expect(tampered.status).toBe(422);
    expect((tampered.data as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      "decisions.2.justification",
    );
    expect(await snapshot(t.rfp.id)).toEqual(before);
    const override = {
      outcome: "SHORTLISTED",
      justification: "Only bidder with an on-site team in Hamburg; Operations needs that option.",
      requestedBy: "Olga Operations (Head of Operations)",
    };
    expect((await post(t, t.cookies.lead, decisionForm(t, { litware: override }))).status).toBe(302);
    const row = await prisma.shortlistDecision.findUniqueOrThrow({ where: { invitationId: t.litware.invitationId } });
    expect(row).toMatchObject({ broughtInAnyway: true, ...override });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { rfpId: t.rfp.id, action: "shortlist.vendor_brought_in" },
    });
    expect(audit.after).toMatchObject({ vendor: t.litware.name, requestedBy: override.requestedBy });
    // Suggested vendors carry no justification even if one was typed.
    const contoso = await prisma.shortlistDecision.findUniqueOrThrow({
      where: { invitationId: t.contoso.invitationId },
    });
    expect(contoso.justification).toBeNull();
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const t = await setup();
    const before = await snapshot(t.rfp.id);
    const cases: [Record<string, string>, number, string][] = [
      [decisionForm(t, { contoso: { rationale: "ok" } }), 400, "decisions.0.rationale"],
      [decisionForm(t, { contoso: { outcome: "MAYBE" } }), 400, "decisions.0.outcome"],
      [decisionForm(t, {}, { method: "TOP_N", size: "0", threshold: "" }), 400, "size"],
      [decisionForm(t, {}, { method: "SOMETIMES", size: "2", threshold: "" }), 400, "method"],
      [{ intent: "decide", method: "TOP_N", size: "2" }, 400, "decisions"],
      [
        decisionForm(t, {
          contoso: { outcome: "NOT_SHORTLISTED" },
          fabrikam: { outcome: "NOT_SHORTLISTED" },
        }),
        422,
        "form",
      ],
      [decisionForm(t, { litware: { invitationId: "someone-else" } }), 422, "form"],
    ];
    for (const [form, status, field] of cases) {
      const result = await post(t, t.cookies.lead, form);
      expect(result.status, JSON.stringify(form)).toBe(status);
      expect(Object.keys((result.data as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    // Only the lead decides.
    expect((await post(t, t.cookies.ann, decisionForm(t))).status).toBe(403);
    expect((await post(t, t.cookies.observer, decisionForm(t))).status).toBe(403);
    expect(await snapshot(t.rfp.id)).toEqual(before);
  });

  it("is decided in the shortlist stage only, after consensus", async () => {
    const t = await setup();
    await prisma.rfp.update({ where: { id: t.rfp.id }, data: { stage: "EVALUATION" } });
    const early = await post(t, t.cookies.lead, decisionForm(t));
    expect(early.status).toBe(422);
    expect((early.data as { fieldErrors: { form: string } }).fieldErrors.form).toMatch(/shortlist stage/);
    expect(await prisma.shortlistDecision.count({ where: { rfpId: t.rfp.id } })).toBe(0);
  });
});

describe("stage guard: shortlist → interviews", () => {
  it("needs the shortlist decided", async () => {
    const t = await setup();
    const overview = async () =>
      (
        (await callLoader(overviewRoute, `/rfps/${t.rfp.id}`, { cookie: t.cookies.lead, params: { rfpId: t.rfp.id } }))
          .data as { transitions: { to: string; allowed: boolean; blockers: string[] }[] }
      ).transitions[0];
    expect(await overview()).toEqual({ to: "INTERVIEWS", allowed: false, blockers: ["Decide the shortlist first."] });
    await post(t, t.cookies.lead, decisionForm(t));
    expect((await overview())?.allowed).toBe(true);
  });
});
