/**
 * The consensus page with a long list of items (34 written criteria in three top-level sections):
 * all items are shown one section at a time (?section=…), the flagged list stays whole, and the
 * links and redirects keep the vendor and section. Short lists: see consensus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as root from "~/root";
import * as rfpLayout from "~/routes/rfps.$rfpId";
import * as consensusRoute from "~/routes/rfps.$rfpId.consensus";
import { getRequestContext, runWithRequestContext } from "~/utils/request-context.server";
import { createConsensusRfp, openConsensusDirectly, writeAllSheets } from "../fixtures/evaluation-consensus";
import { createSectionedConsensusRfp, SECTIONED_CRITERIA } from "../fixtures/evaluation-consensus-sections";
import { sessionCookie } from "../fixtures/factories";
import { buildRequest, callAction, callLoader } from "../fixtures/routes";

// Must be set before the database opens (tests/setup/database.ts opens it in beforeAll).
process.env.QUERY_COUNTING = "1";

type Item = {
  criterionId: string;
  criterion: { outline: string; name: string };
  scores: (number | null)[];
  flags: string[];
};
type Section = { number: string; name: string; criteria: number; flagged: number; remaining: number };
type Page = {
  visible: boolean;
  vendor: { id: string; criteria: number; flagged: number; items: Item[] } | null;
  items: "all" | "flagged";
  itemsRequested: "all" | "flagged" | null;
  sections: Section[];
  section: string | null;
};

async function setup() {
  const t = await createSectionedConsensusRfp();
  await openConsensusDirectly(t.rfp.id);
  const [contoso, fabrikam] = t.vendors;
  if (!contoso || !fabrikam) throw new Error("fixture incomplete");
  return { ...t, contoso, fabrikam, cookie: await sessionCookie(t.lead) };
}

const path = (rfpId: string, query: string) => `/rfps/${rfpId}/consensus${query}`;

async function page(t: { rfp: { id: string } }, cookie: string, query: string) {
  const result = await callLoader(consensusRoute, path(t.rfp.id, query), { cookie, params: { rfpId: t.rfp.id } });
  expect(result.status).toBe(200);
  const data = result.data as Page;
  expect(data.visible).toBe(true);
  return data;
}

const outlines = (data: Page) => data.vendor?.items.map((item) => item.criterion.outline) ?? [];
const sectionOf = (outline: string) => outline.split(".")[0];

describe("a long list of all items, one section at a time", () => {
  it("shows the first section without ?section=, with every section and its flagged items", async () => {
    const t = await setup();
    const data = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=all`);
    expect(data.sections).toEqual([
      { number: "1", name: "Technical", criteria: 2, flagged: 1, remaining: 1 },
      { number: "3", name: "Service delivery", criteria: SECTIONED_CRITERIA, flagged: 1, remaining: 1 },
      { number: "4", name: "Security and compliance", criteria: SECTIONED_CRITERIA, flagged: 1, remaining: 1 },
    ]);
    expect(data.section).toBe("1");
    // Flagged first (service desk), then the rest of the section; the vendor's count is still all of them.
    expect(outlines(data)).toEqual(["1.1", "1.2"]);
    expect(data.vendor?.criteria).toBe(2 + 2 * SECTIONED_CRITERIA);
    expect(data.vendor?.flagged).toBe(3);
  });

  it("returns only the requested section's items, with their scores and flags", async () => {
    const t = await setup();
    const data = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=all&section=3`);
    expect(data.section).toBe("3");
    const shown = outlines(data);
    expect(shown).toHaveLength(SECTIONED_CRITERIA);
    expect(new Set(shown.map(sectionOf))).toEqual(new Set(["3"]));
    // 3.2 is flagged (Ann's 1 against three 4s), so it comes first; the rest in outline order.
    expect(shown.slice(0, 3)).toEqual(["3.2", "3.1", "3.3"]);
    const flagged = data.vendor?.items[0];
    expect(flagged?.criterionId).toBe(t.leaf("Service delivery 2").id);
    expect(flagged?.scores).toEqual([1, 4, 4, 4]);
    expect(flagged?.flags.length).toBeGreaterThan(0);
    expect(data.vendor?.items.slice(1).every((item) => item.flags.length === 0)).toBe(true);
    // Nothing of another section is in the page's data.
    expect(JSON.stringify(data)).not.toContain(t.leaf("Security and compliance 3").id);
  });

  it("shows the first section for an unknown or malformed section", async () => {
    const t = await setup();
    for (const section of ["2", "9", "abc", "", "1.1"]) {
      const data = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=all&section=${section}`);
      expect(data.section, `?section=${section}`).toBe("1");
      expect(outlines(data)).toEqual(["1.1", "1.2"]);
    }
  });

  it("pages a vendor's list of all items by default when it has no flagged item", async () => {
    const t = await setup();
    const litware = t.vendors[2];
    if (!litware) throw new Error("fixture incomplete");
    const data = await page(t, t.cookie, `?vendor=${litware.invitationId}&section=4`);
    expect(data.items).toBe("all");
    expect(data.itemsRequested).toBeNull();
    expect(data.section).toBe("4");
    expect(new Set(outlines(data).map(sectionOf))).toEqual(new Set(["4"]));
    expect(data.sections.every((section) => section.flagged === 0)).toBe(true);
  });

  it("does not page the flagged list, and keeps a known section for the links", async () => {
    const t = await setup();
    const byDefault = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}`);
    expect(byDefault.items).toBe("flagged");
    expect(outlines(byDefault)).toEqual(["1.1", "3.2", "4.3"]);
    expect(byDefault.section).toBeNull();
    const kept = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=flagged&section=4`);
    expect(outlines(kept)).toEqual(["1.1", "3.2", "4.3"]);
    expect(kept.section).toBe("4");
    expect((await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=flagged&section=7`)).section).toBeNull();
  });

  it("records an item of another section, and goes back to the vendor and section it was posted from", async () => {
    const t = await setup();
    const item = t.leaf("Security and compliance 3");
    const query = `?vendor=${t.contoso.invitationId}&items=all&section=3`;
    const recorded = await callAction(consensusRoute, path(t.rfp.id, query), {
      cookie: t.cookie,
      params: { rfpId: t.rfp.id },
      form: {
        intent: "record",
        invitationId: t.contoso.invitationId,
        criterionId: item.id,
        value: "5",
        rationale: "Dan read the 2027 certificate; the current one is in annex C.",
      },
    });
    expect(recorded.status).toBe(302);
    expect(recorded.headers.get("Location")).toBe(
      `/rfps/${t.rfp.id}/consensus?vendor=${t.contoso.invitationId}&items=all&section=3#item-${item.id}`,
    );
    const saved = await prisma.consensusScore.findUniqueOrThrow({
      where: { invitationId_criterionId: { invitationId: t.contoso.invitationId, criterionId: item.id } },
      select: { value: true },
    });
    expect(saved.value).toBe(5);
    const after = await page(t, t.cookie, `?vendor=${t.contoso.invitationId}&items=all&section=4`);
    expect(after.sections.find((section) => section.number === "4")).toMatchObject({ flagged: 1, remaining: 0 });
    expect(after.sections.find((section) => section.number === "3")).toMatchObject({ flagged: 1, remaining: 1 });
  });

  it("keeps the section when moving to another vendor's minority opinion redirect", async () => {
    const t = await setup();
    const item = t.leaf("Service delivery 2");
    const consensus = await prisma.consensusScore.create({
      data: {
        rfpId: t.rfp.id,
        invitationId: t.contoso.invitationId,
        criterionId: item.id,
        value: 4,
        rationale: "Ann had scored the wrong annex.",
        decidedById: t.lead.id,
      },
      select: { id: true },
    });
    const ann = t.panel[0];
    if (!ann) throw new Error("fixture incomplete");
    // Posted from Fabrikam's page (section 3): back to Contoso, whose item it is, same section.
    const posted = await callAction(
      consensusRoute,
      path(t.rfp.id, `?vendor=${t.fabrikam.invitationId}&items=all&section=3`),
      {
        cookie: await sessionCookie(ann.user),
        params: { rfpId: t.rfp.id },
        form: { intent: "minority", consensusId: consensus.id, opinion: "The annex promises more than it shows." },
      },
    );
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(
      `/rfps/${t.rfp.id}/consensus?vendor=${t.contoso.invitationId}&items=all&section=3`,
    );
  });

  it("stays within the query budget on a paged view", async () => {
    const t = await setup();
    const context = { requestId: "budget", ip: "127.0.0.1", queries: 0 };
    await runWithRequestContext(context, async () => {
      expect(getRequestContext()).toBe(context);
      const request = () =>
        buildRequest(path(t.rfp.id, `?vendor=${t.contoso.invitationId}&items=all&section=3`), {
          cookie: t.cookie,
        });
      await Promise.all(
        [root, rfpLayout, consensusRoute].map((module) =>
          (module.loader as unknown as (args: unknown) => Promise<unknown>)({
            request: request(),
            params: { rfpId: t.rfp.id },
            context: { cspNonce: "", requestId: "budget" },
          }),
        ),
      );
    });
    expect(context.queries).toBeGreaterThan(0);
    expect(context.queries).toBeLessThanOrEqual(8);
  });
});

describe("a short list", () => {
  it("is on one page, whatever ?section= says", async () => {
    const t = await createConsensusRfp();
    await writeAllSheets(t);
    await openConsensusDirectly(t.rfp.id);
    const litware = t.vendors[2];
    if (!litware) throw new Error("fixture incomplete");
    const data = await page(t, await sessionCookie(t.lead), `?vendor=${litware.invitationId}&items=all&section=1`);
    expect(data.sections).toEqual([]);
    expect(data.section).toBeNull();
    expect(outlines(data)).toEqual(["1.1", "1.2"]);
  });
});
