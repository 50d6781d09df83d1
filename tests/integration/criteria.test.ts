import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as criteriaRoute from "~/routes/rfps.$rfpId.criteria";
import type { CriteriaFormValues, CriterionFormValues } from "~/schemas/criteria";
import { createTestRfp, createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader } from "../fixtures/routes";

/** The form as the browser posts it: dotted names, as react-hook-form's field arrays register them. */
function formDataOf(values: CriteriaFormValues, intent = "save") {
  const data = new FormData();
  data.append("version", values.version);
  const add = (rows: CriterionFormValues[], prefix: string) => {
    rows.forEach((row, index) => {
      const path = `${prefix}.${index}`;
      for (const field of ["id", "name", "description", "weight", "stage", "scaleMin", "scaleMax"] as const) {
        data.append(`${path}.${field}`, row[field]);
      }
      for (const [point, descriptor] of row.descriptors.entries())
        data.append(`${path}.descriptors.${point}`, descriptor);
      add(row.children, `${path}.children`);
    });
  };
  add(values.criteria, "criteria");
  data.append("intent", intent);
  return data;
}

async function setup() {
  const lead = await createTestUser();
  const rfp = await createTestRfp(lead);
  const cookie = await sessionCookie(lead);
  const loaded = await callLoader(criteriaRoute, `/rfps/${rfp.id}/criteria`, { cookie, params: { rfpId: rfp.id } });
  return { lead, rfp, cookie, loaded: loaded.data as { values: CriteriaFormValues; canEdit: boolean } };
}

function post(rfpId: string, cookie: string, form: FormData) {
  return callAction(criteriaRoute, `/rfps/${rfpId}/criteria`, { cookie, params: { rfpId }, form });
}

async function stored(rfpId: string) {
  const [criteria, rfp, events] = await Promise.all([
    prisma.criterion.findMany({
      where: { rfpId },
      orderBy: [{ parentId: "asc" }, { position: "asc" }],
      select: { id: true, parentId: true, name: true, weight: true, stage: true, position: true, scaleMax: true },
    }),
    prisma.rfp.findUniqueOrThrow({ where: { id: rfpId }, select: { criteriaVersion: true } }),
    prisma.auditEvent.count({ where: { rfpId } }),
  ]);
  return { criteria: criteria.map((c) => ({ ...c, weight: Number(c.weight) })), version: rfp.criteriaVersion, events };
}

function row(
  name: string,
  weight: string,
  stage = "WRITTEN",
  children: CriterionFormValues[] = [],
): CriterionFormValues {
  return {
    id: "",
    name,
    description: "",
    weight,
    stage,
    scaleMin: "0",
    scaleMax: "5",
    descriptors: ["0", "1", "2", "3", "4", "5"],
    children,
  };
}

describe("criteria tree", () => {
  it("loads the saved tree as nested form values, with the requirements each criterion scores", async () => {
    const { loaded } = await setup();
    expect(loaded.canEdit).toBe(true);
    expect(loaded.values.version).toBe("1");
    expect(
      loaded.values.criteria.map((criterion) => [
        criterion.name,
        criterion.weight,
        criterion.children.map((child) => [child.name, child.weight]),
      ]),
    ).toEqual([
      [
        "Technical",
        "70",
        [
          ["Service desk", "60"],
          ["Security", "40"],
        ],
      ],
      ["Price", "30", []],
    ]);
  });

  it("replaces the tree in one go: keeps ids, creates new criteria, deletes unlinked ones, audited", async () => {
    const { rfp, cookie, loaded } = await setup();
    const before = await stored(rfp.id);
    const [technical, price] = loaded.values.criteria;
    const serviceDesk = technical?.children[0];
    if (!technical || !price || !serviceDesk) throw new Error("fixture");
    const values: CriteriaFormValues = {
      version: loaded.values.version,
      criteria: [
        {
          ...technical,
          weight: "50",
          children: [
            { ...serviceDesk, name: "Service management", weight: "60" },
            row("Integration", "40", "WRITTEN", [row("APIs", "50"), row("Identity", "50")]),
          ],
        },
        { ...price, weight: "30" },
        row("Relationship", "20", "ORAL"),
      ],
    };
    const result = await post(rfp.id, cookie, formDataOf(values));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/rfps/${rfp.id}/criteria`);
    const after = await stored(rfp.id);
    expect(after.version).toBe(2);
    const byName = new Map(after.criteria.map((criterion) => [criterion.name, criterion]));
    // Kept criteria keep their ids (R-02 still points at "Service desk", now renamed).
    expect(byName.get("Technical")?.id).toBe(technical.id);
    expect(byName.get("Service management")?.id).toBe(serviceDesk.id);
    const r02 = await prisma.requirement.findFirstOrThrow({ where: { rfpId: rfp.id, code: "R-02" } });
    expect(r02.criterionId).toBe(serviceDesk.id);
    expect(byName.has("Security")).toBe(false);
    expect(byName.get("Integration")).toMatchObject({ parentId: technical.id, weight: 40, position: 1 });
    expect(byName.get("APIs")?.parentId).toBe(byName.get("Integration")?.id);
    expect(byName.get("Relationship")).toMatchObject({ parentId: null, stage: "ORAL", weight: 20, position: 2 });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "criteria.replaced", rfpId: rfp.id } });
    expect(event.before).toEqual({
      criteria: [
        "Technical 70% (written)",
        "  Service desk 60% (written)",
        "  Security 40% (written)",
        "Price 30% (price)",
      ],
    });
    expect(event.after).toMatchObject({ removed: ["Security"] });
    expect(after.events).toBe(before.events + 1);
  });

  it("weights not summing to 100: 400 with the message on that level, nothing written", async () => {
    const { rfp, cookie, loaded } = await setup();
    const before = await stored(rfp.id);
    const values = structuredClone(loaded.values);
    const security = values.criteria[0]?.children[1];
    if (security) security.weight = "30";
    const price = values.criteria[1];
    if (price) price.weight = "35";
    const result = await post(rfp.id, cookie, formDataOf(values));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: {
        criteria: "The weights under the top level add up to 105%, not 100%.",
        "criteria.0.children": "The weights under “Technical” add up to 90%, not 100%.",
      },
      // What was typed comes back to be fixed.
      values: { criteria: [{ children: [{ weight: "60" }, { weight: "30" }] }, { weight: "35" }] },
    });
    expect(await stored(rfp.id)).toEqual(before);
  });

  it("refuses to delete a criterion that a requirement is scored under, naming it; nothing written", async () => {
    const { rfp, cookie, loaded } = await setup();
    const before = await stored(rfp.id);
    const values = structuredClone(loaded.values);
    const technical = values.criteria[0];
    if (!technical?.children[1]) throw new Error("fixture");
    technical.children = [{ ...technical.children[1], weight: "100" }];
    const result = await post(rfp.id, cookie, formDataOf(values));
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      fieldErrors: {
        form: "“Service desk” cannot be deleted: requirement R-02 is scored under it. Link it to another criterion or delete it first.",
      },
      values: { criteria: [{ children: [{ name: "Security" }] }, { name: "Price" }] },
    });
    expect(await stored(rfp.id)).toEqual(before);
  });

  it("refuses moving a linked criterion to the price stage or giving it sub-criteria", async () => {
    const { rfp, cookie, loaded } = await setup();
    const before = await stored(rfp.id);
    const priced = structuredClone(loaded.values);
    const serviceDesk = priced.criteria[0]?.children[0];
    if (!serviceDesk) throw new Error("fixture");
    serviceDesk.stage = "PRICE";
    expect((await post(rfp.id, cookie, formDataOf(priced))).status).toBe(422);
    const parent = structuredClone(loaded.values);
    const desk = parent.criteria[0]?.children[0];
    if (!desk) throw new Error("fixture");
    desk.children = [row("Tooling", "100")];
    const result = await post(rfp.id, cookie, formDataOf(parent));
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ fieldErrors: { form: expect.stringContaining("cannot have sub-criteria") } });
    expect(await stored(rfp.id)).toEqual(before);
  });

  it("refuses a criterion id from another RFP", async () => {
    const { lead, rfp, cookie, loaded } = await setup();
    const other = await createTestRfp(lead);
    const foreign = await prisma.criterion.findFirstOrThrow({ where: { rfpId: other.id, name: "Price" } });
    const before = await stored(rfp.id);
    const values = structuredClone(loaded.values);
    const price = values.criteria[1];
    if (price) price.id = foreign.id;
    const result = await post(rfp.id, cookie, formDataOf(values));
    expect(result.status).toBe(422);
    expect(await stored(rfp.id)).toEqual(before);
    expect(await prisma.criterion.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ rfpId: other.id });
  });

  it("two leads saving at once: the second gets 409 with the other tree shown and its own values kept", async () => {
    const { rfp, cookie, loaded } = await setup();
    const first = structuredClone(loaded.values);
    if (first.criteria[0]) first.criteria[0].name = "Technical solution";
    expect((await post(rfp.id, cookie, formDataOf(first))).status).toBe(302);
    const before = await stored(rfp.id);
    const second = structuredClone(loaded.values);
    if (second.criteria[1]) second.criteria[1].name = "Total cost";
    const result = await post(rfp.id, cookie, formDataOf(second));
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      values: { version: "2", criteria: [{ name: "Technical" }, { name: "Total cost" }] },
      conflict: { version: 2, theirs: { criteria: [{ name: "Technical solution" }, { name: "Price" }] } },
    });
    expect(await stored(rfp.id)).toEqual(before);
  });

  it("without JavaScript, add and remove buttons change the form on the server without saving anything", async () => {
    const { rfp, cookie, loaded } = await setup();
    const before = await stored(rfp.id);
    const added = await post(rfp.id, cookie, formDataOf(loaded.values, "add:criteria.1.children"));
    expect(added.status).toBe(200);
    const addedValues = (added.data as { values: CriteriaFormValues }).values;
    expect(addedValues.criteria[1]?.children).toEqual([
      expect.objectContaining({ id: "", name: "", weight: "", stage: "PRICE" }),
    ]);
    const removed = await post(rfp.id, cookie, formDataOf(loaded.values, "remove:criteria.0.children.1"));
    expect((removed.data as { values: CriteriaFormValues }).values.criteria[0]?.children.map((c) => c.name)).toEqual([
      "Service desk",
    ]);
    const rescaled = structuredClone(loaded.values);
    if (rescaled.criteria[1]) rescaled.criteria[1].scaleMax = "10";
    const refreshed = await post(rfp.id, cookie, formDataOf(rescaled, "refresh"));
    expect((refreshed.data as { values: CriteriaFormValues }).values.criteria[1]?.descriptors).toHaveLength(11);
    const unknown = await post(rfp.id, cookie, formDataOf(loaded.values, "drop-table"));
    expect(unknown.status).toBe(400);
    expect(await stored(rfp.id)).toEqual(before);
  });

  it("saves a 1–10 scale with a descriptor per point, and refuses descriptors that do not fit the scale", async () => {
    const { rfp, cookie, loaded } = await setup();
    const values = structuredClone(loaded.values);
    const price = values.criteria[1];
    if (!price) throw new Error("fixture");
    price.scaleMin = "1";
    price.scaleMax = "10";
    const before = await stored(rfp.id);
    const mismatched = await post(rfp.id, cookie, formDataOf(values));
    expect(mismatched.status).toBe(400);
    expect(mismatched.data).toMatchObject({
      fieldErrors: { "criteria.1.descriptors": expect.stringContaining("Describe each point of the 1–10 scale") },
    });
    expect(await stored(rfp.id)).toEqual(before);
    price.descriptors = Array.from({ length: 10 }, (_, index) => `Point ${index + 1}`);
    expect((await post(rfp.id, cookie, formDataOf(values))).status).toBe(302);
    const saved = await prisma.criterion.findFirstOrThrow({ where: { rfpId: rfp.id, name: "Price" } });
    expect(saved).toMatchObject({ scaleMin: 1, scaleMax: 10 });
    expect(saved.descriptors).toHaveLength(10);
  });

  it("is read-only for panel members, observers and in evaluation; other leads get 403", async () => {
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
    const leadCookie = await sessionCookie(lead);
    const loaded = (
      await callLoader(criteriaRoute, `/rfps/${rfp.id}/criteria`, { cookie: leadCookie, params: { rfpId: rfp.id } })
    ).data as { values: CriteriaFormValues };
    const before = await stored(rfp.id);
    for (const user of [panel, observer]) {
      const cookie = await sessionCookie(user);
      const view = await callLoader(criteriaRoute, `/rfps/${rfp.id}/criteria`, { cookie, params: { rfpId: rfp.id } });
      expect(view.data).toMatchObject({ canEdit: false });
      expect((await post(rfp.id, cookie, formDataOf(loaded.values))).status).toBe(403);
    }
    const outsider = await sessionCookie(otherLead);
    expect(
      (await callLoader(criteriaRoute, `/rfps/${rfp.id}/criteria`, { cookie: outsider, params: { rfpId: rfp.id } }))
        .status,
    ).toBe(403);
    expect((await post(rfp.id, outsider, formDataOf(loaded.values))).status).toBe(403);

    await prisma.rfp.update({ where: { id: rfp.id }, data: { stage: "EVALUATION" } });
    const locked = await post(rfp.id, leadCookie, formDataOf(loaded.values));
    expect(locked.status).toBe(422);
    expect(await stored(rfp.id)).toEqual(before);
  });
});
