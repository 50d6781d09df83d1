import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { userActor } from "~/models/audit.server";
import { addRequirement } from "~/models/requirement.server";
import { transitionRfp } from "~/models/rfp.server";
import * as documentRoute from "~/routes/rfps.$rfpId.document._index";
import * as sectionRoute from "~/routes/rfps.$rfpId.document.$sectionId";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

async function setup(options: { colead?: boolean } = {}) {
  const lead = await createTestUser();
  const colead = options.colead ? await createTestUser() : null;
  const rfp = await createTestRfp(lead, { members: colead ? [{ user: colead, role: "LEAD" }] : [] });
  const section = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id } });
  return { lead, colead, rfp, section, cookie: await sessionCookie(lead) };
}

const documentPath = (rfpId: string) => `/rfps/${rfpId}/document`;

function postDocument(rfpId: string, cookie: string, form: Record<string, string>) {
  return callAction(documentRoute, documentPath(rfpId), { cookie, params: { rfpId }, form });
}

function postSection(rfpId: string, sectionId: string, cookie: string, form: Record<string, string>) {
  return callAction(sectionRoute, `${documentPath(rfpId)}/${sectionId}`, {
    cookie,
    params: { rfpId, sectionId },
    form,
  });
}

function loadSection(rfpId: string, sectionId: string, cookie: string, query = "") {
  return callLoader(sectionRoute, `${documentPath(rfpId)}/${sectionId}${query}`, {
    cookie,
    params: { rfpId, sectionId },
  });
}

type SectionData = {
  canEdit: boolean;
  section: {
    version: number;
    title: string;
    body: string;
    requirements: { id: string; code: string; fingerprint: string; kind: string; criterionId: string | null }[];
  };
  criteria: { id: string; label: string }[];
  editing: { id: string } | null;
  status: { readiness: string[]; changes: string[] | null; latestVersion: { number: number } | null };
};

async function snapshot(rfpId: string) {
  const [sections, requirements, events, rfp] = await Promise.all([
    prisma.rfpSection.findMany({ where: { rfpId }, orderBy: { position: "asc" } }),
    prisma.requirement.findMany({ where: { rfpId }, orderBy: { code: "asc" } }),
    prisma.auditEvent.count({ where: { rfpId } }),
    prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { nextRequirementNumber: true } }),
  ]);
  return { sections, requirements, events, next: rfp.nextRequirementNumber };
}

async function addSections(rfpId: string, titles: string[]) {
  const existing = await prisma.rfpSection.count({ where: { rfpId } });
  for (const [index, title] of titles.entries()) {
    await prisma.rfpSection.create({ data: { rfpId, title, position: existing + index } });
  }
}

const titles = async (rfpId: string) =>
  (await prisma.rfpSection.findMany({ where: { rfpId }, orderBy: { position: "asc" } })).map((s) => s.title);

describe("document outline", () => {
  it("shows the sections, their requirements and what blocks publishing; editing controls only for the lead", async () => {
    const panel = await createTestUser({ role: "EVALUATOR" });
    const observer = await createTestUser({ role: "EXECUTIVE" });
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead, {
      members: [
        { user: panel, role: "PANEL" },
        { user: observer, role: "OBSERVER" },
      ],
    });
    const asLead = await callLoader(documentRoute, documentPath(rfp.id), {
      cookie: await sessionCookie(lead),
      params: { rfpId: rfp.id },
    });
    expect(asLead.status).toBe(200);
    expect(asLead.data).toMatchObject({
      canEdit: true,
      status: { stage: "DRAFT", editable: true, readiness: [], latestVersion: null },
      sections: [
        {
          title: "Scope of services",
          requirements: [
            { code: "R-01", kind: "MANDATORY", criterion: null },
            { code: "R-02", kind: "SCORED", criterion: { name: "Service desk" } },
          ],
        },
      ],
    });
    for (const user of [panel, observer]) {
      const result = await callLoader(documentRoute, documentPath(rfp.id), {
        cookie: await sessionCookie(user),
        params: { rfpId: rfp.id },
      });
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({ canEdit: false, sections: [{ title: "Scope of services" }] });
    }
    const otherLead = await createTestUser();
    const outsider = await callLoader(documentRoute, documentPath(rfp.id), {
      cookie: await sessionCookie(otherLead),
      params: { rfpId: rfp.id },
    });
    expect(outsider.status).toBe(403);
  });

  it("lists what blocks publishing for an empty document", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead, { document: false });
    const result = await callLoader(documentRoute, documentPath(rfp.id), {
      cookie: await sessionCookie(lead),
      params: { rfpId: rfp.id },
    });
    expect((result.data as SectionData).status.readiness).toEqual([
      "Add at least one section to the document.",
      "Add at least one requirement for vendors to answer.",
      "Define the evaluation criteria and their weights.",
    ]);
  });

  it("adds a section at the end, audited, and sends the lead to its editor", async () => {
    const { rfp, cookie } = await setup();
    const result = await postDocument(rfp.id, cookie, { intent: "add-section", title: "  Service levels " });
    expect(result.status).toBe(302);
    const added = await prisma.rfpSection.findFirstOrThrow({ where: { rfpId: rfp.id, title: "Service levels" } });
    expect(result.headers.get("Location")).toBe(`${documentPath(rfp.id)}/${added.id}`);
    expect(await titles(rfp.id)).toEqual(["Scope of services", "Service levels"]);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "document.section_added", rfpId: rfp.id },
    });
    expect(event).toMatchObject({ entityId: added.id, after: { title: "Service levels" } });
  });

  it("refuses a section without a title, an unknown action, and writes nothing", async () => {
    const { rfp, cookie } = await setup();
    const before = await snapshot(rfp.id);
    const blank = await postDocument(rfp.id, cookie, { intent: "add-section", title: "   " });
    expect(blank.status).toBe(400);
    expect(blank.data).toMatchObject({ fieldErrors: { title: "Title is required." } });
    const unknown = await postDocument(rfp.id, cookie, { intent: "publish-everything" });
    expect(unknown.status).toBe(400);
    expect(await snapshot(rfp.id)).toEqual(before);
  });

  it("moves sections up and down with the buttons (no JavaScript needed)", async () => {
    const { rfp, cookie } = await setup();
    await addSections(rfp.id, ["Service levels", "Commercial terms"]);
    const commercial = await prisma.rfpSection.findFirstOrThrow({
      where: { rfpId: rfp.id, title: "Commercial terms" },
    });
    const up = await postDocument(rfp.id, cookie, {
      intent: "move-section",
      sectionId: commercial.id,
      direction: "up",
    });
    expect(up.status).toBe(302);
    expect(await titles(rfp.id)).toEqual(["Scope of services", "Commercial terms", "Service levels"]);
    await postDocument(rfp.id, cookie, { intent: "move-section", sectionId: commercial.id, direction: "up" });
    expect(await titles(rfp.id)).toEqual(["Commercial terms", "Scope of services", "Service levels"]);
    // Already first: nothing moves and nothing is recorded.
    const events = await prisma.auditEvent.count({ where: { action: "document.sections_reordered", rfpId: rfp.id } });
    await postDocument(rfp.id, cookie, { intent: "move-section", sectionId: commercial.id, direction: "up" });
    expect(await titles(rfp.id)).toEqual(["Commercial terms", "Scope of services", "Service levels"]);
    expect(await prisma.auditEvent.count({ where: { action: "document.sections_reordered", rfpId: rfp.id } })).toBe(
      events,
    );
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "document.sections_reordered", rfpId: rfp.id },
      orderBy: { id: "desc" },
    });
    expect(event.after).toEqual({ order: ["Commercial terms", "Scope of services", "Service levels"] });
  });

  it("applies a dragged order only if it names exactly the current sections", async () => {
    const { rfp, cookie } = await setup();
    await addSections(rfp.id, ["B", "C"]);
    const sections = await prisma.rfpSection.findMany({ where: { rfpId: rfp.id }, orderBy: { position: "asc" } });
    const [a, b, c] = sections.map((section) => section.id);
    const ok = await postDocument(rfp.id, cookie, { intent: "reorder-sections", order: [c, a, b].join(",") });
    expect(ok.status).toBe(200);
    expect(await titles(rfp.id)).toEqual(["C", "Scope of services", "B"]);
    const before = await snapshot(rfp.id);
    const stale = await postDocument(rfp.id, cookie, { intent: "reorder-sections", order: [a, b].join(",") });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ fieldErrors: { form: expect.stringContaining("The sections changed") } });
    const foreign = await postDocument(rfp.id, cookie, { intent: "reorder-sections", order: [a, b, "x"].join(",") });
    expect(foreign.status).toBe(409);
    expect(await snapshot(rfp.id)).toEqual(before);
  });

  it("deletes a section with its requirements only at the version the lead saw; codes are not reused", async () => {
    const { lead, rfp, section, cookie } = await setup();
    const before = await snapshot(rfp.id);
    await prisma.rfpSection.update({ where: { id: section.id }, data: { body: "Edited elsewhere", version: 2 } });
    const stale = await postDocument(rfp.id, cookie, { intent: "delete-section", sectionId: section.id, version: "1" });
    expect(stale.status).toBe(409);
    expect(await prisma.rfpSection.count({ where: { rfpId: rfp.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id } })).toBe(before.events);

    const deleted = await postDocument(rfp.id, cookie, {
      intent: "delete-section",
      sectionId: section.id,
      version: "2",
    });
    expect(deleted.status).toBe(302);
    expect(await snapshot(rfp.id)).toMatchObject({ sections: [], requirements: [], next: 3 });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "document.section_deleted", rfpId: rfp.id },
    });
    expect(event.before).toEqual({ title: "Scope of services", requirements: ["R-01", "R-02"] });

    const fresh = await prisma.rfpSection.create({ data: { rfpId: rfp.id, title: "Again", position: 0 } });
    const added = await addRequirement(userActor(lead), rfp.id, fresh.id, {
      text: "Hold ISO 9001",
      kind: "MANDATORY",
      criterionId: null,
    });
    expect(added.code).toBe("R-03");
  });

  it("is changed by the RFP's leads only", async () => {
    const panel = await createTestUser({ role: "EVALUATOR" });
    const observer = await createTestUser({ role: "EXECUTIVE" });
    const otherLead = await createTestUser();
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead, {
      members: [
        { user: panel, role: "PANEL" },
        { user: observer, role: "OBSERVER" },
      ],
    });
    const before = await snapshot(rfp.id);
    for (const user of [panel, observer, otherLead]) {
      const result = await postDocument(rfp.id, await sessionCookie(user), { intent: "add-section", title: "Sneaky" });
      expect(result.status).toBe(403);
    }
    expect(await snapshot(rfp.id)).toEqual(before);
  });
});

describe("section editor", () => {
  it("loads the section with its requirements, their fingerprints and the criteria a scored requirement may use", async () => {
    const { rfp, section, cookie } = await setup();
    const result = await loadSection(rfp.id, section.id, cookie, "?edit=nope");
    expect(result.status).toBe(200);
    const loaded = result.data as SectionData;
    expect(loaded.canEdit).toBe(true);
    expect(loaded.section).toMatchObject({ title: "Scope of services", version: 1 });
    expect(loaded.section.requirements.map((requirement) => requirement.code)).toEqual(["R-01", "R-02"]);
    expect(loaded.section.requirements[0]?.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    // Leaves scored from proposals or interviews only: not "Technical" (has sub-criteria), not "Price".
    expect(loaded.criteria.map((criterion) => criterion.label)).toEqual([
      "1.1 Service desk — written, 42% of the total",
      "1.2 Security — written, 28% of the total",
    ]);
    expect(loaded.editing).toBeNull();
    const missing = await loadSection(rfp.id, "no-such-section", cookie);
    expect(missing.status).toBe(404);
  });

  it("saves title and text, audits only what changed, and bumps the section's version", async () => {
    const { rfp, section, cookie } = await setup();
    const result = await postSection(rfp.id, section.id, cookie, {
      intent: "save-section",
      title: "Scope of services",
      body: "## Service desk\n\nRun the service desk for **2,000** staff.",
      version: "1",
    });
    expect(result.status).toBe(302);
    expect(await prisma.rfpSection.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({
      body: "## Service desk\n\nRun the service desk for **2,000** staff.",
      version: 2,
    });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "document.section_updated", rfpId: rfp.id },
    });
    expect(event.before).toEqual({ body: "Run the **service desk** for 1,800 staff." });
    expect(event.after).toEqual({ body: "## Service desk\n\nRun the service desk for **2,000** staff." });
  });

  it("two leads editing the same section: the second save gets 409 with both versions, nothing overwritten or lost", async () => {
    const { colead, rfp, section, cookie } = await setup({ colead: true });
    if (!colead) throw new Error("fixture");
    const coleadCookie = await sessionCookie(colead);
    const mine = (await loadSection(rfp.id, section.id, cookie)).data as SectionData;
    const theirs = (await loadSection(rfp.id, section.id, coleadCookie)).data as SectionData;

    const first = await postSection(rfp.id, section.id, cookie, {
      intent: "save-section",
      title: "Scope",
      body: "The lead's text.",
      version: String(mine.section.version),
    });
    expect(first.status).toBe(302);
    const events = await prisma.auditEvent.count({ where: { rfpId: rfp.id } });
    const second = await postSection(rfp.id, section.id, coleadCookie, {
      intent: "save-section",
      title: "Scope of work",
      body: "The co-lead's text.",
      version: String(theirs.section.version),
    });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      fieldErrors: { form: expect.stringContaining("Someone else saved this section") },
      values: { title: "Scope of work", body: "The co-lead's text.", version: "2" },
      sectionConflict: { version: 2, theirs: { title: "Scope", body: "The lead's text." } },
    });
    expect(await prisma.rfpSection.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({
      title: "Scope",
      body: "The lead's text.",
      version: 2,
    });
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id } })).toBe(events);

    // Having seen both, the co-lead deliberately saves over the newer version.
    const third = await postSection(rfp.id, section.id, coleadCookie, {
      intent: "save-section",
      title: "Scope of work",
      body: "The co-lead's text.",
      version: "2",
    });
    expect(third.status).toBe(302);
  });

  it("refuses an empty title or a missing version with the error on the field", async () => {
    const { rfp, section, cookie } = await setup();
    const before = await snapshot(rfp.id);
    const noTitle = await postSection(rfp.id, section.id, cookie, {
      intent: "save-section",
      title: "",
      body: "x",
      version: "1",
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.data).toMatchObject({ fieldErrors: { title: "Title is required." }, values: { body: "x" } });
    const noVersion = await postSection(rfp.id, section.id, cookie, { intent: "save-section", title: "T", body: "x" });
    expect(noVersion.status).toBe(400);
    expect(await snapshot(rfp.id)).toEqual(before);
  });
});

describe("requirements", () => {
  async function criteriaOf(rfpId: string) {
    const criteria = await prisma.criterion.findMany({ where: { rfpId } });
    const byName = (name: string) => {
      const found = criteria.find((criterion) => criterion.name === name);
      if (!found) throw new Error(`no criterion ${name}`);
      return found.id;
    };
    return byName;
  }

  it("adds mandatory and scored requirements with the next codes, audited", async () => {
    const { rfp, section, cookie } = await setup();
    const criterion = await criteriaOf(rfp.id);
    const mandatory = await postSection(rfp.id, section.id, cookie, {
      intent: "add-requirement",
      text: "Provide on-site support within 4 hours",
      kind: "MANDATORY",
      criterionId: criterion("Security"),
      evidenceRequested: "",
    });
    expect(mandatory.status).toBe(302);
    const scored = await postSection(rfp.id, section.id, cookie, {
      intent: "add-requirement",
      text: "Describe your security operations",
      kind: "SCORED",
      criterionId: criterion("Security"),
      evidenceRequested: "SOC 2 report",
    });
    expect(scored.status).toBe(302);
    const added = await prisma.requirement.findMany({
      where: { rfpId: rfp.id, code: { in: ["R-03", "R-04"] } },
      orderBy: { code: "asc" },
      select: { code: true, kind: true, criterionId: true, evidenceRequested: true, position: true },
    });
    expect(added).toEqual([
      // A mandatory requirement is pass/fail: the criterion sent along is dropped.
      { code: "R-03", kind: "MANDATORY", criterionId: null, evidenceRequested: null, position: 2 },
      {
        code: "R-04",
        kind: "SCORED",
        criterionId: criterion("Security"),
        evidenceRequested: "SOC 2 report",
        position: 3,
      },
    ]);
    expect(await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id } })).toMatchObject({ nextRequirementNumber: 5 });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "document.requirement_added", rfpId: rfp.id },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({ code: "R-04", kind: "SCORED" });
  });

  it("links a scored requirement only to a written or oral criterion without sub-criteria of this RFP", async () => {
    const { lead, rfp, section, cookie } = await setup();
    const other = await createTestRfp(lead);
    const criterion = await criteriaOf(rfp.id);
    const foreign = await prisma.criterion.findFirstOrThrow({ where: { rfpId: other.id, name: "Security" } });
    const before = await snapshot(rfp.id);
    const attempt = (criterionId: string) =>
      postSection(rfp.id, section.id, cookie, { intent: "add-requirement", text: "X", kind: "SCORED", criterionId });
    const none = await attempt("");
    expect(none.status).toBe(400);
    expect(none.data).toMatchObject({
      fieldErrors: { criterionId: "Choose the criterion this requirement is scored under." },
    });
    for (const criterionId of [criterion("Technical"), criterion("Price")]) {
      const refused = await attempt(criterionId);
      expect(refused.status).toBe(422);
      expect(refused.data).toMatchObject({
        fieldErrors: { criterionId: expect.stringContaining("without sub-criteria") },
      });
    }
    const stolen = await attempt(foreign.id);
    expect(stolen.status).toBe(422);
    // Nothing written, and no code was spent on the refused attempts.
    expect(await snapshot(rfp.id)).toEqual(before);
  });

  it("never reuses a code: deleted codes stay retired, concurrent additions get distinct codes", async () => {
    const { lead, rfp, section, cookie } = await setup();
    const r02 = await prisma.requirement.findFirstOrThrow({ where: { rfpId: rfp.id, code: "R-02" } });
    const deleted = await postSection(rfp.id, section.id, cookie, {
      intent: "delete-requirement",
      requirementId: r02.id,
    });
    expect(deleted.status).toBe(302);
    const actor = userActor(lead);
    const added = await Promise.all(
      ["A", "B", "C", "D"].map((text) =>
        addRequirement(actor, rfp.id, section.id, { text, kind: "MANDATORY", criterionId: null }),
      ),
    );
    expect(added.map((requirement) => requirement.code).sort()).toEqual(["R-03", "R-04", "R-05", "R-06"]);
    const codes = (await prisma.requirement.findMany({ where: { rfpId: rfp.id }, select: { code: true } })).map(
      (requirement) => requirement.code,
    );
    expect(codes).not.toContain("R-02");
    expect(await prisma.auditEvent.count({ where: { action: "document.requirement_deleted", rfpId: rfp.id } })).toBe(1);
  });

  it("edits a requirement only if nobody changed it since it was opened", async () => {
    const { colead, rfp, section, cookie } = await setup({ colead: true });
    if (!colead) throw new Error("fixture");
    const loaded = (await loadSection(rfp.id, section.id, cookie, "?edit=")).data as SectionData;
    const r02 = loaded.section.requirements.find((requirement) => requirement.code === "R-02");
    if (!r02) throw new Error("fixture");
    const edited = (await loadSection(rfp.id, section.id, cookie, `?edit=${r02.id}`)).data as SectionData;
    expect(edited.editing?.id).toBe(r02.id);

    const first = await postSection(rfp.id, section.id, await sessionCookie(colead), {
      intent: "update-requirement",
      requirementId: r02.id,
      fingerprint: r02.fingerprint,
      text: "Describe your service desk model and tooling",
      kind: "SCORED",
      criterionId: r02.criterionId ?? "",
      evidenceRequested: "Two client references",
    });
    expect(first.status).toBe(302);
    const events = await prisma.auditEvent.count({ where: { rfpId: rfp.id } });
    const second = await postSection(rfp.id, section.id, cookie, {
      intent: "update-requirement",
      requirementId: r02.id,
      fingerprint: r02.fingerprint,
      text: "Describe your service desk",
      kind: "MANDATORY",
      evidenceRequested: "",
    });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      values: { text: "Describe your service desk", kind: "MANDATORY" },
      requirementConflict: {
        code: "R-02",
        theirs: { text: "Describe your service desk model and tooling", kind: "SCORED", criterion: "Service desk" },
      },
    });
    expect(await prisma.requirement.findUniqueOrThrow({ where: { id: r02.id } })).toMatchObject({
      text: "Describe your service desk model and tooling",
      kind: "SCORED",
    });
    expect(await prisma.auditEvent.count({ where: { rfpId: rfp.id } })).toBe(events);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "document.requirement_updated" } });
    expect(event.before).toEqual({ code: "R-02", text: "Describe your service desk model" });
    expect(event.after).toEqual({ text: "Describe your service desk model and tooling" });
  });

  it("moves a requirement within its section", async () => {
    const { rfp, section, cookie } = await setup();
    const r02 = await prisma.requirement.findFirstOrThrow({ where: { rfpId: rfp.id, code: "R-02" } });
    const result = await postSection(rfp.id, section.id, cookie, {
      intent: "move-requirement",
      requirementId: r02.id,
      direction: "up",
    });
    expect(result.status).toBe(302);
    const order = await prisma.requirement.findMany({ where: { sectionId: section.id }, orderBy: { position: "asc" } });
    expect(order.map((requirement) => requirement.code)).toEqual(["R-02", "R-01"]);
  });

  it("refuses to delete a requirement a vendor has already answered", async () => {
    const { rfp, section, cookie } = await setup();
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { rfpId: rfp.id } });
    const r01 = await prisma.requirement.findFirstOrThrow({ where: { rfpId: rfp.id, code: "R-01" } });
    await prisma.proposal.create({
      data: {
        rfpId: rfp.id,
        invitationId: invitation.id,
        currency: "EUR",
        responses: { create: { requirementId: r01.id, compliance: "COMPLIES", explanation: "Certified since 2019." } },
      },
    });
    const before = await snapshot(rfp.id);
    const refused = await postSection(rfp.id, section.id, cookie, {
      intent: "delete-requirement",
      requirementId: r01.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ fieldErrors: { form: expect.stringContaining("already answered") } });
    const whole = await postDocument(rfp.id, cookie, { intent: "delete-section", sectionId: section.id, version: "1" });
    expect(whole.status).toBe(422);
    expect(await snapshot(rfp.id)).toEqual(before);
  });
});

describe("document across stages", () => {
  it("after publishing, edits the working copy and reports how it differs from what vendors read", async () => {
    const { lead, rfp, section, cookie } = await setup();
    await transitionRfp(userActor(lead), rfp.id, { to: "PUBLISHED", expectedVersion: 1, origin: "http://localhost" });
    const unchanged = (await loadSection(rfp.id, section.id, cookie)).data as SectionData;
    expect(unchanged.canEdit).toBe(true);
    expect(unchanged.status).toMatchObject({ latestVersion: { number: 1 }, changes: [] });

    const saved = await postSection(rfp.id, section.id, cookie, {
      intent: "save-section",
      title: "Scope of services",
      body: "Run the service desk for 2,400 staff.",
      version: "1",
    });
    expect(saved.status).toBe(302);
    const changed = (await loadSection(rfp.id, section.id, cookie)).data as SectionData;
    expect(changed.status.changes).toEqual(["Section “Scope of services” text changed."]);
    // Vendors still read version 1.
    const frozen = await prisma.rfpDocumentVersion.findFirstOrThrow({ where: { rfpId: rfp.id, number: 1 } });
    expect(JSON.stringify(frozen.snapshot)).toContain("1,800 staff");
  });

  it("is read-only from evaluation on: nothing can be changed", async () => {
    const { rfp, section, cookie } = await setup();
    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "EVALUATION" } });
    const loaded = (await loadSection(rfp.id, section.id, cookie)).data as SectionData & {
      status: { lockReason: string };
    };
    expect(loaded.canEdit).toBe(false);
    expect(loaded.status.lockReason).toMatch(/evaluated against this document/);
    const before = await snapshot(rfp.id);
    const attempts = [
      postSection(rfp.id, section.id, cookie, { intent: "save-section", title: "T", body: "B", version: "1" }),
      postSection(rfp.id, section.id, cookie, { intent: "add-requirement", text: "X", kind: "MANDATORY" }),
      postDocument(rfp.id, cookie, { intent: "add-section", title: "Late" }),
      postDocument(rfp.id, cookie, { intent: "delete-section", sectionId: section.id, version: "1" }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status).toBe(422);
      expect(result.data).toMatchObject({ fieldErrors: { form: expect.stringMatching(/can no longer change/) } });
    }
    expect(await snapshot(rfp.id)).toEqual(before);
  });
});
