/**
 * The access matrix: every route module in app/routes, every kind of visitor, loader and action.
 * A route file without an entry here fails the test, so a new route cannot ship unreviewed.
 *
 * Expectations per visitor:
 * - allowed      → not 401/403 and not sent to login (200, a redirect elsewhere, or 4xx for the
 *                  deliberately invalid form the action receives);
 * - not allowed  → 403 for signed-in visitors; anonymous visitors are sent to the login page
 *                  (pages) or get 401 (resource routes).
 * Vendors have no accounts: "vendor" and "otherVendor" hold a portal cookie for their own
 * invitation (two vendors of one published RFP) and count as anonymous on staff routes. Portal
 * routes send everyone without a portal session to /portal/signed-out (pages) or answer 401;
 * a record of another vendor answers 404, exactly like one that does not exist.
 */
/// <reference types="vite/client" />
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as attachmentsRoute from "~/routes/portal.proposal_.attachments";
import { createTestRfp, createTestUser, createTestVendor, sessionCookie } from "../fixtures/factories";
import { fileOf, pdfBytes } from "../fixtures/files";
import { createPublishedRfp, portalCookie } from "../fixtures/portal";
import { callAction, callLoader, type RouteResult } from "../fixtures/routes";

const VISITORS = [
  "anonymous",
  "admin",
  "lead",
  "otherLead",
  "panel",
  "observer",
  "otherPanel",
  "executive",
  "vendor",
  "otherVendor",
] as const;
type Visitor = (typeof VISITORS)[number];
const VENDORS: Visitor[] = ["vendor", "otherVendor"];
const isVendor = (visitor: Visitor) => VENDORS.includes(visitor);
const SIGNED_IN = VISITORS.filter((visitor) => visitor !== "anonymous" && !isVendor(visitor));
const RFP_MEMBERS: Visitor[] = ["lead", "panel", "observer"];
/** Account-level lead permissions (rfp.create, vendor.manage): every procurement lead. */
const LEADS: Visitor[] = ["lead", "otherLead"];

/** Who may use the route; "public" means anyone, "signed-in" any staff session. */
type Rule = "public" | "signed-in" | Visitor[];
type Entry = {
  path: string;
  /** Page (anonymous → login) or resource route (anonymous → 401). */
  kind: "page" | "resource";
  loader: Rule;
  action?: Rule;
  /** A vendor-portal route: no portal session → /portal/signed-out (pages) or 401. */
  portal?: true;
  /** Visitors for whom the record in the path is someone else's: 404, as if it did not exist. */
  notFoundFor?: Visitor[];
};

const ROUTES: Record<string, Entry> = {
  "_index.tsx": { path: "/", kind: "page", loader: "public" },
  "login.tsx": { path: "/login", kind: "page", loader: "public", action: "public" },
  "logout.tsx": { path: "/logout", kind: "page", loader: "public", action: "public" },
  "setup.tsx": { path: "/setup", kind: "page", loader: "public", action: "public" },
  "healthz.ts": { path: "/healthz", kind: "resource", loader: "public" },
  "readyz.ts": { path: "/readyz", kind: "resource", loader: "public" },
  "account.password.tsx": { path: "/account/password", kind: "page", loader: "signed-in", action: "signed-in" },
  "dashboard.tsx": { path: "/dashboard", kind: "page", loader: "signed-in" },
  "rfps._index.tsx": { path: "/rfps", kind: "page", loader: "signed-in" },
  "rfps.new.tsx": { path: "/rfps/new", kind: "page", loader: LEADS, action: LEADS },
  "rfps.$rfpId.tsx": { path: "/rfps/:rfpId", kind: "page", loader: RFP_MEMBERS },
  "rfps.$rfpId._index.tsx": { path: "/rfps/:rfpId", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  "rfps.$rfpId.edit.tsx": { path: "/rfps/:rfpId/edit", kind: "page", loader: ["lead"], action: ["lead"] },
  "rfps.$rfpId.team.tsx": { path: "/rfps/:rfpId/team", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  "rfps.$rfpId.activity.tsx": { path: "/rfps/:rfpId/activity", kind: "page", loader: ["lead", "observer"] },
  "rfps.$rfpId.document._index.tsx": {
    path: "/rfps/:rfpId/document",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead"],
  },
  "rfps.$rfpId.document.$sectionId.tsx": {
    path: "/rfps/:rfpId/document/:sectionId",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead"],
  },
  "rfps.$rfpId.criteria.tsx": { path: "/rfps/:rfpId/criteria", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  "rfps.$rfpId.interview-questions.tsx": {
    path: "/rfps/:rfpId/interview-questions",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead"],
  },
  // Interviews (issue 5): advance questions and publishing (lead acts), debriefs (lead and attending panel act).
  "rfps.$rfpId.interviews.$interviewId_.questions.tsx": {
    path: "/rfps/:rfpId/interviews/:interviewId/questions",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead"],
  },
  "rfps.$rfpId.interviews.$interviewId_.debrief.tsx": {
    path: "/rfps/:rfpId/interviews/:interviewId/debrief",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead", "panel"],
  },
  // Evaluation (issue 4): consensus (lead records, panel members add minority opinions), shortlist (lead decides).
  "rfps.$rfpId.consensus.tsx": {
    path: "/rfps/:rfpId/consensus",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead", "panel"],
  },
  // Panel rankings (panel members rank) and the final ranking (the lead sets weights and notifies).
  "rfps.$rfpId.rankings.tsx": { path: "/rfps/:rfpId/rankings", kind: "page", loader: RFP_MEMBERS, action: ["panel"] },
  "rfps.$rfpId.final-ranking.tsx": {
    path: "/rfps/:rfpId/final-ranking",
    kind: "page",
    loader: RFP_MEMBERS,
    action: ["lead"],
  },
  "rfps.$rfpId.shortlist.tsx": { path: "/rfps/:rfpId/shortlist", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  // Interviews: the schedule page takes each member's own unavailable times; the interview page's
  // intents are the lead's (per-intent rules: tests/integration/interview-*.test.ts).
  "rfps.$rfpId.interviews._index.tsx": {
    path: "/rfps/:rfpId/interviews",
    kind: "page",
    loader: RFP_MEMBERS,
    action: RFP_MEMBERS,
  },
  "rfps.$rfpId.interviews.$interviewId.tsx": {
    path: "/rfps/:rfpId/interviews/:interviewId",
    kind: "page",
    loader: RFP_MEMBERS,
    action: RFP_MEMBERS,
  },
  "rfps.$rfpId.interviews.$interviewId_.print.tsx": {
    path: "/rfps/:rfpId/interviews/:interviewId/print",
    kind: "page",
    loader: RFP_MEMBERS,
  },
  /** Each attendee's own entry (the lead: anyone's); the observer is not invited to the interview. */
  "rfps.$rfpId.interviews.$interviewId_.calendar[.ics].ts": {
    path: "/rfps/:rfpId/interviews/:interviewId/calendar.ics",
    kind: "resource",
    loader: ["lead", "panel"],
    notFoundFor: ["observer"],
  },
  "rfps.$rfpId.interviews.$interviewId_.vendor[.ics].ts": {
    path: "/rfps/:rfpId/interviews/:interviewId/vendor.ics",
    kind: "resource",
    loader: ["lead", "panel"],
  },
  "rfps.$rfpId.save-as-template.tsx": {
    path: "/rfps/:rfpId/save-as-template",
    kind: "page",
    loader: ["lead"],
    action: ["lead"],
  },
  "templates._index.tsx": {
    path: "/templates",
    kind: "page",
    loader: ["lead", "otherLead"],
    action: ["lead", "otherLead"],
  },
  "rfps.$rfpId.vendors.tsx": { path: "/rfps/:rfpId/vendors", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  "rfps.$rfpId.outbox.tsx": { path: "/rfps/:rfpId/outbox", kind: "page", loader: ["lead"] },
  "vendors._index.tsx": { path: "/vendors", kind: "page", loader: LEADS },
  "vendors.new.tsx": { path: "/vendors/new", kind: "page", loader: LEADS, action: LEADS },
  "vendors.$vendorId.tsx": { path: "/vendors/:vendorId", kind: "page", loader: LEADS, action: LEADS },
  "vendors.import.tsx": { path: "/vendors/import", kind: "page", loader: LEADS, action: LEADS },
  "vendors.import_.sample[.csv].ts": { path: "/vendors/import/sample.csv", kind: "resource", loader: LEADS },
  "rfps.$rfpId.addenda.tsx": { path: "/rfps/:rfpId/addenda", kind: "page", loader: RFP_MEMBERS, action: ["lead"] },
  "rfps.$rfpId.questions.tsx": {
    path: "/rfps/:rfpId/questions",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.proposals.tsx": {
    path: "/rfps/:rfpId/proposals",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.proposals.$proposalId.tsx": {
    path: "/rfps/:rfpId/proposals/:proposalId",
    kind: "page",
    loader: ["lead", "observer"],
  },
  "rfps.$rfpId.proposals.$proposalId.attachments.$attachmentId.tsx": {
    path: "/rfps/:rfpId/proposals/:proposalId/attachments/:attachmentId",
    kind: "resource",
    loader: ["lead", "observer"],
  },
  "rfps.$rfpId.review.tsx": {
    path: "/rfps/:rfpId/review",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.award-notices.tsx": {
    path: "/rfps/:rfpId/award-notices",
    kind: "page",
    loader: ["lead"],
    action: ["lead"],
  },
  // Executive accounts (the "observer" visitor's account is an executive one too).
  "approvals._index.tsx": { path: "/approvals", kind: "page", loader: ["observer", "executive"] },
  // Reading: named approvers only (checked in the model); anyone else gets 404, as for a missing record.
  "approvals.$recommendationId.tsx": {
    path: "/approvals/:recommendationId",
    kind: "page",
    loader: "signed-in",
    action: ["observer", "executive"],
  },
  "rfps.$rfpId.compliance.tsx": { path: "/rfps/:rfpId/compliance", kind: "page", loader: ["lead"], action: ["lead"] },
  // Prices are proposal content (lead, observers); the formula is the lead's.
  "rfps.$rfpId.price.tsx": { path: "/rfps/:rfpId/price", kind: "page", loader: ["lead", "observer"], action: ["lead"] },
  // Panel members read results only once consensus is open (not yet on this RFP): see results.test.ts.
  "rfps.$rfpId.results.tsx": { path: "/rfps/:rfpId/results", kind: "page", loader: ["lead", "observer"] },
  "rfps.$rfpId.sensitivity.tsx": { path: "/rfps/:rfpId/sensitivity", kind: "page", loader: ["lead", "observer"] },
  "rfps.$rfpId.results[.]xlsx.ts": {
    path: "/rfps/:rfpId/results.xlsx",
    kind: "resource",
    loader: ["lead", "observer"],
  },
  "rfps.$rfpId.results[.]csv.ts": { path: "/rfps/:rfpId/results.csv", kind: "resource", loader: ["lead", "observer"] },
  "rfps.$rfpId.panel.tsx": { path: "/rfps/:rfpId/panel", kind: "page", loader: ["lead", "observer"], action: ["lead"] },
  "rfps.$rfpId.progress.tsx": {
    path: "/rfps/:rfpId/progress",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.scoring._index.tsx": {
    path: "/rfps/:rfpId/scoring",
    kind: "page",
    loader: ["panel"],
    action: ["panel"],
  },
  "rfps.$rfpId.scoring.$invitationId.tsx": {
    path: "/rfps/:rfpId/scoring/:invitationId",
    kind: "page",
    loader: ["panel"],
    action: ["panel"],
  },
  "rfps.$rfpId.scoring.$invitationId_.attachments.$attachmentId.tsx": {
    path: "/rfps/:rfpId/scoring/:invitationId/attachments/:attachmentId",
    kind: "resource",
    loader: ["panel"],
  },
  "rfps.$rfpId.print.tsx": { path: "/rfps/:rfpId/print", kind: "page", loader: RFP_MEMBERS },
  "rfps.$rfpId.rfp[.]pdf.tsx": { path: "/rfps/:rfpId/rfp.pdf", kind: "resource", loader: RFP_MEMBERS },
  "rfps.$rfpId.exports.tsx": { path: "/rfps/:rfpId/exports", kind: "page", loader: ["lead", "observer"] },
  // Downloads are audited POSTs; a GET of the file's address leads to the Exports page.
  "rfps.$rfpId.exports.term-sheet[.docx].ts": {
    path: "/rfps/:rfpId/exports/term-sheet.docx",
    kind: "resource",
    loader: ["lead", "observer"],
    action: ["lead", "observer"],
  },
  "rfps.$rfpId.exports.term-sheet[.pdf].ts": {
    path: "/rfps/:rfpId/exports/term-sheet.pdf",
    kind: "resource",
    loader: ["lead", "observer"],
    action: ["lead", "observer"],
  },
  "rfps.$rfpId.exports.decision-memo[.pdf].ts": {
    path: "/rfps/:rfpId/exports/decision-memo.pdf",
    kind: "resource",
    loader: ["lead", "observer"],
    action: ["lead", "observer"],
  },
  "rfps.$rfpId.exports.ocds[.json].ts": {
    path: "/rfps/:rfpId/exports/ocds.json",
    kind: "resource",
    loader: ["lead", "observer"],
    action: ["lead", "observer"],
  },
  "portal.rfp[.]pdf.tsx": { path: "/portal/rfp.pdf", kind: "resource", portal: true, loader: VENDORS },
  "rfps.$rfpId.negotiation.tsx": {
    path: "/rfps/:rfpId/negotiation",
    kind: "page",
    loader: ["lead", "observer"],
  },
  "rfps.$rfpId.negotiation._index.tsx": {
    path: "/rfps/:rfpId/negotiation",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.negotiation.contract.tsx": {
    path: "/rfps/:rfpId/negotiation/contract",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.negotiation.service-levels.tsx": {
    path: "/rfps/:rfpId/negotiation/service-levels",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.negotiation.terms.tsx": {
    path: "/rfps/:rfpId/negotiation/terms",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.negotiation.commitments.tsx": {
    path: "/rfps/:rfpId/negotiation/commitments",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  "rfps.$rfpId.negotiation.risks.tsx": {
    path: "/rfps/:rfpId/negotiation/risks",
    kind: "page",
    loader: ["lead", "observer"],
    action: ["lead"],
  },
  // The record exists only after a fallback; the lead and observer get 404 for an unknown id.
  "rfps.$rfpId.negotiation.past.$negotiationId.tsx": {
    path: "/rfps/:rfpId/negotiation/past/:negotiationId",
    kind: "page",
    loader: ["lead", "observer"],
    notFoundFor: ["lead", "observer"],
  },
  // Executive accounts (the "observer" of the test RFP is one too); the model narrows to the sponsor.
  "negotiations.escalations.tsx": {
    path: "/negotiations/escalations",
    kind: "page",
    loader: ["executive", "observer"],
    action: ["executive", "observer"],
  },
  "admin.users._index.tsx": { path: "/admin/users", kind: "page", loader: ["admin"], action: ["admin"] },
  "admin.users.new.tsx": { path: "/admin/users/new", kind: "page", loader: ["admin"], action: ["admin"] },
  "admin.audit.tsx": { path: "/admin/audit", kind: "page", loader: ["admin"] },
  "v.$token.tsx": { path: "/v/:token", kind: "page", loader: "public", action: "public" },
  "portal_.signed-out.tsx": { path: "/portal/signed-out", kind: "page", loader: "public" },
  "portal_.sign-out.tsx": { path: "/portal/sign-out", kind: "page", loader: "public", action: "public" },
  "portal.tsx": { path: "/portal", kind: "page", portal: true, loader: VENDORS },
  "portal._index.tsx": { path: "/portal", kind: "page", portal: true, loader: VENDORS, action: VENDORS },
  "portal.rfp.tsx": { path: "/portal/rfp", kind: "page", portal: true, loader: VENDORS, action: VENDORS },
  "portal.questions.tsx": { path: "/portal/questions", kind: "page", portal: true, loader: VENDORS, action: VENDORS },
  "portal.proposal.tsx": { path: "/portal/proposal", kind: "page", portal: true, loader: VENDORS, action: VENDORS },
  "portal.interview.tsx": { path: "/portal/interview", kind: "page", portal: true, loader: VENDORS, action: VENDORS },
  "portal.interview[.]ics.tsx": { path: "/portal/interview.ics", kind: "resource", portal: true, loader: VENDORS },
  "portal.proposal_.attachments.tsx": {
    path: "/portal/proposal/attachments",
    kind: "page",
    portal: true,
    loader: VENDORS,
    action: VENDORS,
  },
  "portal.attachments.$attachmentId.tsx": {
    path: "/portal/attachments/:attachmentId",
    kind: "resource",
    portal: true,
    loader: ["vendor"],
    notFoundFor: ["otherVendor"],
  },
};

function allows(rule: Rule, visitor: Visitor) {
  if (rule === "public") return true;
  if (rule === "signed-in") return visitor !== "anonymous" && !isVendor(visitor);
  return rule.includes(visitor);
}

function outcome(result: RouteResult) {
  const location = result.headers.get("Location") ?? "";
  if (result.status === 302 && location.startsWith("/login")) return "login";
  if (result.status === 302 && location === "/portal/signed-out") return "portal-sign-in";
  if (result.status === 401) return "unauthorized";
  if (result.status === 403) return "forbidden";
  if (result.status === 404) return "not-found";
  if (result.status >= 500) return "error";
  return "allowed";
}

/**
 * Public routes may legitimately send anyone to a sign-in page (e.g. "/" or after logout), and an
 * allowed visitor may meet a 404 for a record that is not there.
 */
function matches(got: string, want: string, rule: Rule) {
  if (got === want) return true;
  if (want === "allowed" && got === "not-found") return true;
  return rule === "public" && want === "allowed" && (got === "login" || got === "portal-sign-in");
}

function expected(entry: Entry, rule: Rule, visitor: Visitor) {
  if (entry.notFoundFor?.includes(visitor)) return "not-found";
  if (allows(rule, visitor)) return "allowed";
  if (entry.portal) return entry.kind === "page" ? "portal-sign-in" : "unauthorized";
  if (visitor === "anonymous" || isVendor(visitor)) return entry.kind === "page" ? "login" : "unauthorized";
  return "forbidden";
}

const routeModules = import.meta.glob([
  "../../app/routes/*.ts",
  "../../app/routes/*.tsx",
  "!../../app/routes/*.test.*",
]);
const routeFiles = fs
  .readdirSync(path.resolve("app/routes"))
  .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes(".test."));
const cookies = new Map<Visitor, string | undefined>();
const users = new Map<Visitor, { id: string; email: string }>();
const vendorTokens = new Map<Visitor, string>();
/** Values for the path's parameters (":rfpId", ":token", ":attachmentId", …); unknown names get an id that does not exist. */
const pathParams: Record<string, string> = {};

/** New sessions before each route: logging out (one of the routes) ends the old ones. */
async function signInEveryone() {
  cookies.set("anonymous", undefined);
  for (const [visitor, user] of users) cookies.set(visitor, await sessionCookie(user));
  for (const [visitor, token] of vendorTokens) cookies.set(visitor, await portalCookie(token));
}

beforeAll(async () => {
  const [admin, lead, otherLead, panel, observer, otherPanel, executive] = await Promise.all([
    createTestUser({ role: "ADMIN" }),
    createTestUser({ role: "LEAD" }),
    createTestUser({ role: "LEAD" }),
    createTestUser({ role: "EVALUATOR" }),
    createTestUser({ role: "EXECUTIVE" }),
    createTestUser({ role: "EVALUATOR" }),
    createTestUser({ role: "EXECUTIVE" }),
  ]);
  const rfp = await createTestRfp(lead, {
    members: [
      { user: panel, role: "PANEL" },
      { user: observer, role: "OBSERVER" },
    ],
  });
  await createTestRfp(otherLead, { members: [{ user: otherPanel, role: "PANEL" }] });
  pathParams.rfpId = rfp.id;
  pathParams.sectionId = (
    await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id }, select: { id: true } })
  ).id;
  pathParams.vendorId = (await createTestVendor()).id;
  // An interview the lead and the panel member attend (the observer does not).
  const interviewers = await prisma.rfpMember.findMany({
    where: { rfpId: rfp.id, role: { in: ["LEAD", "PANEL"] } },
    select: { id: true },
  });
  const interviewStart = new Date(Date.now() + 30 * 86_400_000);
  const interview = await prisma.interview.create({
    data: {
      rfpId: rfp.id,
      invitationId: (await prisma.invitation.findFirstOrThrow({ where: { rfpId: rfp.id }, select: { id: true } })).id,
      startsAt: interviewStart,
      endsAt: new Date(interviewStart.getTime() + 2 * 3_600_000),
      mode: "VIRTUAL",
      meetingLink: "https://meet.example/interview",
      attendees: { create: interviewers.map((member) => ({ memberId: member.id })) },
      agenda: { create: [{ position: 0, title: "Introductions", minutes: 30 }] },
    },
    select: { id: true },
  });
  pathParams.interviewId = interview.id;
  for (const [visitor, user] of Object.entries({ admin, lead, otherLead, panel, observer, otherPanel, executive })) {
    users.set(visitor as Visitor, user);
  }
  // The portal: two vendors of one published RFP, plus a third vendor's link for the entry page.
  const published = await createPublishedRfp({ lead, vendors: ["Vendor One", "Vendor Two", "Link Holder"] });
  const [vendor, otherVendor, linkHolder] = published.vendors;
  if (!vendor || !otherVendor || !linkHolder) throw new Error("vendors not invited");
  vendorTokens.set("vendor", vendor.token);
  vendorTokens.set("otherVendor", otherVendor.token);
  pathParams.token = linkHolder.token;
  const upload = new FormData();
  upload.append("intent", "upload");
  upload.append("file", fileOf(pdfBytes(), "certificate.pdf"));
  await callAction(attachmentsRoute, "/portal/proposal/attachments", {
    cookie: await portalCookie(vendor.token),
    form: upload,
  });
  const attachment = await prisma.attachment.findFirstOrThrow({
    where: { proposal: { invitationId: vendor.invitation.id } },
  });
  pathParams.attachmentId = attachment.id;
});

describe("access matrix", () => {
  it("has an entry for every route module, and every entry has a module", () => {
    expect(routeFiles.filter((file) => !(file in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((file) => !routeFiles.includes(file))).toEqual([]);
  });

  for (const [file, entry] of Object.entries(ROUTES)) {
    it(`${file}: loader and action answer each visitor as the table says`, async () => {
      const load = routeModules[`../../app/routes/${file}`];
      if (!load) throw new Error(`no module for ${file}`);
      const module = (await load()) as Parameters<typeof callLoader>[0];
      await signInEveryone();
      const params: Record<string, string> = {};
      const url = entry.path.replace(/:(\w+)/g, (_match, name: string) => {
        params[name] = pathParams[name] ?? `no-such-${name}`;
        return params[name];
      });
      expect(Boolean(module.action), `${file} action presence`).toBe(Boolean(entry.action));
      const auditBefore = await prisma.auditEvent.count();
      const mismatches: string[] = [];
      for (const visitor of VISITORS) {
        const got = outcome(await callLoader(module, url, { cookie: cookies.get(visitor), params }));
        const want = expected(entry, entry.loader, visitor);
        if (!matches(got, want, entry.loader)) mismatches.push(`GET as ${visitor}: ${got}, expected ${want}`);
      }
      // Reading never writes: no GET may leave an audit event (i.e. change anything).
      expect(await prisma.auditEvent.count(), `${file} GET wrote audit events`).toBe(auditBefore);
      if (entry.action) {
        for (const visitor of VISITORS) {
          // An empty form: allowed visitors get a validation answer, the others never reach it.
          const got = outcome(await callAction(module, url, { cookie: cookies.get(visitor), params, form: {} }));
          const want = expected(entry, entry.action, visitor);
          if (!matches(got, want, entry.action)) mismatches.push(`POST as ${visitor}: ${got}, expected ${want}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("covers every kind of signed-in visitor", async () => {
    await signInEveryone();
    expect(SIGNED_IN.every((visitor) => cookies.get(visitor))).toBe(true);
  });
});
