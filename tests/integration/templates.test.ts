import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { builtInTemplate } from "~/domain/templates";
import { loadRfpContent } from "~/models/template.server";
import * as overviewRoute from "~/routes/rfps.$rfpId._index";
import * as saveRoute from "~/routes/rfps.$rfpId.save-as-template";
import * as newRoute from "~/routes/rfps.new";
import * as templatesRoute from "~/routes/templates._index";
import { createTestRfp, createTestUser, createTestVendor, inviteVendor, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

const DAY = 86_400_000;
function wallClock(days: number) {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 11).concat("10:00");
}

const details = {
  title: "Managed IT 2028",
  summary: "Service desk, devices and infrastructure for 2,000 staff.",
  category: "Managed IT services",
  budgetAmount: "3000000",
  currency: "EUR",
  timeZone: "Europe/Amsterdam",
};
const timeline = {
  issueDate: wallClock(2),
  questionsDeadline: wallClock(10),
  proposalDeadline: wallClock(20),
  interviewStart: wallClock(30),
  interviewEnd: wallClock(32),
  decisionTarget: wallClock(45),
};

async function createFrom(cookie: string, source: string, extra: Record<string, string> = {}) {
  return callAction(newRoute, "/rfps/new", { cookie, form: { ...details, ...extra, source } });
}

async function rfpFromLocation(location: string | null) {
  const id = location?.split("/").at(-1) ?? "";
  return prisma.rfp.findUniqueOrThrow({
    where: { id },
    include: {
      members: true,
      sections: { orderBy: { position: "asc" }, include: { requirements: { orderBy: { position: "asc" } } } },
      criteria: true,
      interviewQuestions: { orderBy: { position: "asc" } },
    },
  });
}

const counts = async () => {
  const [rfps, sections, requirements, criteria, questions, events, templates] = await Promise.all([
    prisma.rfp.count(),
    prisma.rfpSection.count(),
    prisma.requirement.count(),
    prisma.criterion.count(),
    prisma.interviewQuestion.count(),
    prisma.auditEvent.count(),
    prisma.rfpTemplate.count(),
  ]);
  return { rfps, sections, requirements, criteria, questions, events, templates };
};

describe("new RFP from a template", () => {
  it("offers built-in templates, the lead's own templates and the RFPs they lead", async () => {
    const lead = await createTestUser();
    const colleague = await createTestUser();
    const led = await createTestRfp(lead, { title: "Led by me", invite: false });
    await createTestRfp(colleague, {
      title: "Where I am panel",
      members: [{ user: lead, role: "PANEL" }],
      invite: false,
    });
    await prisma.rfpTemplate.create({
      data: { name: "Mine", description: "d", category: "Other", content: {}, createdById: lead.id },
    });
    await prisma.rfpTemplate.create({
      data: { name: "Theirs", description: "d", category: "Other", content: {}, createdById: colleague.id },
    });
    const result = await callLoader(newRoute, "/rfps/new", { cookie: await sessionCookie(lead) });
    const { sources, selected } = result.data as {
      sources: {
        builtIn: { id: string; name: string; summary: { requirements: number } }[];
        templates: { name: string }[];
        rfps: { id: string }[];
      };
      selected: string;
    };
    expect(selected).toBe("blank");
    expect(sources.builtIn.map((template) => template.name)).toEqual([
      "Managed IT services outsourcing",
      "Contact-centre outsourcing",
    ]);
    expect(sources.builtIn[0]?.summary.requirements).toBeGreaterThanOrEqual(10);
    expect(sources.templates.map((template) => template.name)).toEqual(["Mine"]);
    expect(sources.rfps.map((rfp) => rfp.id)).toEqual([led.id]);
  });

  it("fills the new draft from a built-in template in the same transaction, audited, with codes R-01…", async () => {
    const lead = await createTestUser();
    const cookie = await sessionCookie(lead);
    const result = await createFrom(cookie, "builtin:managed-it-services", timeline);
    expect(result.status).toBe(302);
    const rfp = await rfpFromLocation(result.headers.get("Location"));
    const template = builtInTemplate("managed-it-services");
    if (!template) throw new Error("fixture");
    expect(rfp.stage).toBe("DRAFT");
    expect(rfp.members).toEqual([expect.objectContaining({ userId: lead.id, role: "LEAD" })]);
    expect(rfp.sections.map((section) => section.title)).toEqual(template.content.sections.map((s) => s.title));
    const codes = rfp.sections.flatMap((section) => section.requirements.map((requirement) => requirement.code));
    expect(codes[0]).toBe("R-01");
    expect(new Set(codes).size).toBe(codes.length);
    expect(rfp.nextRequirementNumber).toBe(codes.length + 1);
    expect(rfp.criteria).toHaveLength(template.content.criteria.length);
    expect(rfp.interviewQuestions.filter((question) => question.standard).length).toBeGreaterThanOrEqual(9);
    // Scored requirements point at this RFP's own criteria.
    const criterionIds = new Set(rfp.criteria.map((criterion) => criterion.id));
    for (const requirement of rfp.sections.flatMap((section) => section.requirements)) {
      if (requirement.kind === "SCORED") expect(criterionIds.has(requirement.criterionId ?? "")).toBe(true);
    }
    const events = await prisma.auditEvent.findMany({ where: { rfpId: rfp.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["rfp.created", "rfp.content_copied"]);
    expect(events[1]?.after).toMatchObject({
      source: "Built-in template “Managed IT services outsourcing”",
      sections: template.content.sections.length,
      requirements: codes.length,
    });
  });

  it("yields a publishable document: with a vendor invited, the RFP moves to Published", async () => {
    for (const id of ["managed-it-services", "contact-centre"]) {
      const lead = await createTestUser();
      const cookie = await sessionCookie(lead);
      const created = await createFrom(cookie, `builtin:${id}`, timeline);
      const rfp = await rfpFromLocation(created.headers.get("Location"));
      await inviteVendor(rfp.id, lead, await createTestVendor());
      const overview = await callLoader(overviewRoute, `/rfps/${rfp.id}`, { cookie, params: { rfpId: rfp.id } });
      expect((overview.data as { transitions: unknown[] }).transitions[0]).toEqual({
        to: "PUBLISHED",
        allowed: true,
        blockers: [],
      });
      const published = await callAction(overviewRoute, `/rfps/${rfp.id}`, {
        cookie,
        params: { rfpId: rfp.id },
        form: { intent: "transition", to: "PUBLISHED", version: "1" },
      });
      expect(published.status).toBe(302);
      expect((await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).stage).toBe("PUBLISHED");
    }
  });

  it("refuses unknown templates, someone else's template and RFPs the user does not lead; nothing written", async () => {
    const lead = await createTestUser();
    const colleague = await createTestUser();
    const theirTemplate = await prisma.rfpTemplate.create({
      data: { name: "Theirs", description: "d", category: "Other", content: {}, createdById: colleague.id },
    });
    const theirRfp = await createTestRfp(colleague, { members: [{ user: lead, role: "PANEL" }] });
    const cookie = await sessionCookie(lead);
    const before = await counts();
    for (const [source, message] of [
      ["builtin:space-station", "That built-in template does not exist."],
      [`template:${theirTemplate.id}`, "That template does not exist or is not yours."],
      [`rfp:${theirRfp.id}`, "You can only duplicate an RFP you lead."],
    ] as const) {
      const result = await createFrom(cookie, source);
      expect(result.status).toBe(422);
      expect(result.data).toMatchObject({ fieldErrors: { source: message }, values: { title: details.title } });
    }
    const malformed = await createFrom(cookie, "../../etc");
    expect(malformed.status).toBe(400);
    expect(malformed.data).toMatchObject({ fieldErrors: { source: "Choose where the RFP starts from." } });
    expect(await counts()).toEqual(before);
  });

  it("duplicates an RFP the user leads: same document, criteria and questions; new reference; timeline cleared; only them as lead", async () => {
    const lead = await createTestUser();
    const panel = await createTestUser({ role: "EVALUATOR" });
    const original = await createTestRfp(lead, { members: [{ user: panel, role: "PANEL" }] });
    await prisma.interviewQuestion.create({
      data: { rfpId: original.id, position: 0, category: "Transition", text: "Who runs the transition?" },
    });
    const cookie = await sessionCookie(lead);
    const prefill = await callLoader(newRoute, `/rfps/new?from=rfp:${original.id}`, { cookie });
    expect(prefill.data).toMatchObject({
      selected: `rfp:${original.id}`,
      prefill: { title: "Facilities management 2028 (copy)", currency: "EUR", timeZone: "Europe/Berlin" },
    });
    const result = await createFrom(cookie, `rfp:${original.id}`, { title: "Facilities management 2029" });
    expect(result.status).toBe(302);
    const copy = await rfpFromLocation(result.headers.get("Location"));
    expect(copy.id).not.toBe(original.id);
    expect(copy.reference).not.toBe(original.reference);
    expect(copy).toMatchObject({ stage: "DRAFT", proposalDeadline: null, issueDate: null, decisionTarget: null });
    expect(copy.members).toEqual([expect.objectContaining({ userId: lead.id, role: "LEAD" })]);
    const [originalContent, copiedContent] = await Promise.all([loadRfpContent(original.id), loadRfpContent(copy.id)]);
    // Same content except the criteria's ids (keys); links are remapped to the copy's criteria.
    const withoutKeys = (content: typeof originalContent) => {
      const names = new Map(content.criteria.map((criterion) => [criterion.key, criterion.name]));
      return {
        sections: content.sections.map((section) => ({
          ...section,
          requirements: section.requirements.map((requirement) => ({
            ...requirement,
            criterionKey: requirement.criterionKey ? names.get(requirement.criterionKey) : null,
          })),
        })),
        criteria: content.criteria.map(({ key: _key, parentKey, ...criterion }) => ({
          ...criterion,
          parent: parentKey ? names.get(parentKey) : null,
        })),
        interviewQuestions: content.interviewQuestions,
      };
    };
    expect(withoutKeys(copiedContent)).toEqual(withoutKeys(originalContent));
    expect(await prisma.invitation.count({ where: { rfpId: copy.id } })).toBe(0);
  });
});

describe("save as template", () => {
  it("stores the document, criteria and question bank (no vendor data) as the lead's template, audited", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const cookie = await sessionCookie(lead);
    const path = `/rfps/${rfp.id}/save-as-template`;
    const loaded = await callLoader(saveRoute, path, { cookie, params: { rfpId: rfp.id } });
    expect(loaded.data).toMatchObject({
      summary: { sections: 1, requirements: 2, criteria: 4 },
      defaults: { name: "Facilities management 2028" },
    });
    const result = await callAction(saveRoute, path, {
      cookie,
      params: { rfpId: rfp.id },
      form: { intent: "save-template", name: "Facilities outline", description: "Three sites, hard and soft FM." },
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/templates");
    const template = await prisma.rfpTemplate.findFirstOrThrow({ where: { createdById: lead.id } });
    expect(template).toMatchObject({ name: "Facilities outline", category: "Facilities management" });
    const stored = JSON.stringify(template.content);
    const vendor = await prisma.invitation.findFirstOrThrow({ where: { rfpId: rfp.id }, include: { vendor: true } });
    expect(stored).not.toContain(vendor.vendor.name);
    expect(stored).not.toContain("900000");
    expect(Object.keys(template.content as object).sort()).toEqual(["criteria", "interviewQuestions", "sections"]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "template.saved", rfpId: rfp.id } });
    expect(event.after).toMatchObject({ name: "Facilities outline", from: rfp.reference, requirements: 2 });

    // A new RFP from it has the same document.
    const created = await createFrom(cookie, `template:${template.id}`);
    const fromTemplate = await rfpFromLocation(created.headers.get("Location"));
    expect(fromTemplate.sections[0]?.requirements.map((requirement) => [requirement.code, requirement.kind])).toEqual([
      ["R-01", "MANDATORY"],
      ["R-02", "SCORED"],
    ]);
    const serviceDesk = fromTemplate.criteria.find((criterion) => criterion.name === "Service desk");
    expect(fromTemplate.sections[0]?.requirements[1]?.criterionId).toBe(serviceDesk?.id);
  });

  it("needs a name and a description; only the RFP's lead may save it", async () => {
    const lead = await createTestUser();
    const panel = await createTestUser({ role: "EVALUATOR" });
    const observer = await createTestUser({ role: "EXECUTIVE" });
    const otherLead = await createTestUser();
    const rfp = await createTestRfp(lead, {
      members: [
        { user: panel, role: "PANEL" },
        { user: observer, role: "OBSERVER" },
      ],
    });
    const path = `/rfps/${rfp.id}/save-as-template`;
    const [leadCookie, ...others] = await Promise.all([lead, panel, observer, otherLead].map(sessionCookie));
    // Sessions are audited (sign-ins): open them before counting.
    const before = await counts();
    const blank = await callAction(saveRoute, path, {
      cookie: leadCookie,
      params: { rfpId: rfp.id },
      form: { intent: "save-template", name: " ", description: "" },
    });
    expect(blank.status).toBe(400);
    expect(blank.data).toMatchObject({
      fieldErrors: { name: "Template name is required.", description: "Description is required." },
    });
    for (const cookie of others) {
      const result = await callAction(saveRoute, path, {
        cookie,
        params: { rfpId: rfp.id },
        form: { intent: "save-template", name: "Copy", description: "Copy" },
      });
      expect(result.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("the lead's templates", () => {
  it("lists only their own templates and deletes them, audited; someone else's cannot be deleted", async () => {
    const lead = await createTestUser();
    const colleague = await createTestUser();
    const rfp = await createTestRfp(lead, { invite: false });
    const content = JSON.parse(JSON.stringify(await loadRfpContent(rfp.id)));
    const mine = await prisma.rfpTemplate.create({
      data: { name: "Mine", description: "d", category: "Other", content, createdById: lead.id },
    });
    const theirs = await prisma.rfpTemplate.create({
      data: { name: "Theirs", description: "d", category: "Other", content, createdById: colleague.id },
    });
    const cookie = await sessionCookie(lead);
    const list = await callLoader(templatesRoute, "/templates", { cookie });
    expect(list.data).toMatchObject({
      templates: [{ id: mine.id, name: "Mine", summary: { sections: 1, requirements: 2, criteria: 4 } }],
    });
    const refused = await callAction(templatesRoute, "/templates", {
      cookie,
      form: { intent: "delete-template", templateId: theirs.id },
    });
    expect(refused.status).toBe(422);
    expect(await prisma.rfpTemplate.count({ where: { id: theirs.id } })).toBe(1);
    const deleted = await callAction(templatesRoute, "/templates", {
      cookie,
      form: { intent: "delete-template", templateId: mine.id },
    });
    expect(deleted.status).toBe(302);
    expect(await prisma.rfpTemplate.count({ where: { id: mine.id } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "template.deleted", entityId: mine.id },
    });
    expect(event).toMatchObject({ actorId: lead.id, before: { name: "Mine" } });
  });

  it("refuses a damaged template when creating an RFP from it", async () => {
    const lead = await createTestUser();
    const damaged = await prisma.rfpTemplate.create({
      data: { name: "Broken", description: "d", category: "Other", content: { sections: "no" }, createdById: lead.id },
    });
    const cookie = await sessionCookie(lead);
    const before = await counts();
    const result = await createFrom(cookie, `template:${damaged.id}`);
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      fieldErrors: { source: "The template “Broken” is damaged and cannot be used." },
    });
    expect(await counts()).toEqual(before);
  });
});
