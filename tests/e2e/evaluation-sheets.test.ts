import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createEvaluation, lengthenCriteriaTree } from "../fixtures/evaluation-sheets";
import { waitForHydration } from "../fixtures/hydration";

const e2e = useE2E();

async function flash(page: Page, text: string | RegExp) {
  await page.locator(".toast").filter({ hasText: text }).first().waitFor();
}

describe("an evaluator scores independently", () => {
  it("declares conflicts, waits for the lead's decision, scores with autosave, submits; the lead reopens", async () => {
    const ev = await createEvaluation();
    const alice = await e2e.pageAs(ev.alice);
    const lead = await e2e.pageAs(ev.lead);

    // 1. Conflicts first: no proposal opens before every vendor is declared.
    await alice.goto(`/rfps/${ev.rfp.id}/scoring`);
    await waitForHydration(alice);
    await alice.getByRole("heading", { name: "Conflicts of interest" }).waitFor();
    expect(await alice.getByRole("heading", { name: "My score sheets" }).count()).toBe(0);
    const contoso = alice.getByRole("group", { name: "Contoso Services Ltd" });
    const fabrikam = alice.getByRole("group", { name: "Fabrikam Inc" });
    await contoso.getByLabel("I have a conflict").check();
    // A conflict needs a description: checked in the browser before anything is sent.
    await fabrikam.getByLabel("No conflict").check();
    await alice.getByRole("button", { name: "Save my declarations" }).click();
    await contoso.getByText(/Describe the conflict/).waitFor();
    await contoso.getByLabel(/describe it/).fill("I worked at Contoso until last spring.");
    await alice.getByRole("button", { name: "Save my declarations" }).click();
    await flash(alice, /The lead has been told/);
    const sheets = alice.getByRole("region", { name: "My score sheets" });
    await sheets.getByText(/stays closed to you until the lead decides/).waitFor();
    expect(await sheets.getByRole("link", { name: /Contoso/ }).count()).toBe(0);
    await alice.screenshot({ path: "test-results/evaluation-my-evaluation.png", fullPage: true });

    // 2. The lead decides: accepted with a mitigation.
    await lead.goto(`/rfps/${ev.rfp.id}/panel`);
    await waitForHydration(lead);
    const conflicts = lead.getByRole("region", { name: "Conflicts of interest" });
    await conflicts.getByText("I worked at Contoso until last spring.").waitFor();
    await conflicts.getByLabel("Accepted with mitigation").check();
    await conflicts.getByRole("button", { name: /Record decision/ }).click();
    await conflicts.getByText(/Write down the mitigation/).waitFor();
    await conflicts.getByLabel(/^Note/).fill("Bob reviews Alice's Contoso scores before consensus.");
    await conflicts.getByRole("button", { name: /Record decision/ }).click();
    await flash(lead, /Accepted with mitigation/i);
    // The lead records Alice's functional group and expertise.
    const aliceRow = lead.getByRole("listitem").filter({ hasText: "Alice Evaluator" }).last();
    await aliceRow.getByText("Edit").click();
    await aliceRow.getByLabel("Functional group").fill("IT");
    await aliceRow.getByLabel("Expertise").fill("ITIL, service desk");
    await lead.screenshot({ path: "test-results/evaluation-panel.png", fullPage: true });
    await aliceRow.getByRole("button", { name: /Save/ }).click();
    await flash(lead, /panel details are saved/);
    expect(
      await prisma.rfpMember.findFirstOrThrow({
        where: { userId: ev.alice.id },
        select: { functionalGroup: true, expertise: true },
      }),
    ).toEqual({ functionalGroup: "IT", expertise: ["ITIL", "service desk"] });
    expect(
      await prisma.conflictDeclaration.findFirstOrThrow({ where: { rfpId: ev.rfp.id, hasConflict: true } }),
    ).toMatchObject({ decision: "ACCEPTED_WITH_MITIGATION" });

    // 3. Alice scores Fabrikam: drafts save themselves.
    await alice.goto(`/rfps/${ev.rfp.id}/scoring`);
    await alice.getByRole("link", { name: "Score Fabrikam Inc" }).click();
    await alice.waitForURL(`**/scoring/${ev.invitations[1]?.id}`);
    await waitForHydration(alice);
    const serviceDesk = alice.getByRole("region", { name: /Service desk/ });
    const security = alice.getByRole("region", { name: /Security/ });
    await serviceDesk.getByText("Answer to R-02: certified since 2019.").waitFor();
    await serviceDesk.getByRole("radio", { name: /^4 / }).check();
    await alice
      .getByTestId("autosave-status")
      .filter({ hasText: /Saved at/ })
      .waitFor();
    expect((await prisma.score.findMany({ where: { sheet: { rfpId: ev.rfp.id } } })).map((s) => s.value)).toEqual([4]);
    // The next autosave posts only the criterion edited since (its score and comment travel together).
    const serviceDeskId = ev.criteria.find((criterion) => criterion.name === "Service desk")?.id ?? "";
    const autosaved = alice.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes(".data"),
    );
    await serviceDesk.getByLabel(/^Comment/).fill("Certified since 2019.");
    const posted = new URLSearchParams((await autosaved).request().postData() ?? "");
    expect([...posted.keys()].sort()).toEqual([
      `comment:${serviceDeskId}`,
      "intent",
      `score:${serviceDeskId}`,
      "version",
    ]);
    expect(Object.fromEntries(posted)).toMatchObject({ intent: "autosave", version: "1" });
    expect(
      await prisma.score.findMany({ where: { sheet: { rfpId: ev.rfp.id } }, select: { value: true, comment: true } }),
    ).toEqual([{ value: 4, comment: "Certified since 2019." }]);

    // The highest point needs a comment; the sheet is not submitted without it.
    await security.getByRole("radio", { name: /^5 / }).check();
    await security.getByText("(required for this score)").waitFor();
    await alice.screenshot({ path: "test-results/evaluation-score-sheet.png", fullPage: true });
    // Stopped in the browser before the confirmation (an unexpected dialog would be dismissed).
    await alice.getByRole("button", { name: "Submit my sheet" }).click();
    await security.getByText(/Explain your score of 5/).waitFor();
    await security.getByLabel(/^Comment/).fill("ISO 27001 and a SOC 2 report attached.");
    alice.once("dialog", (dialog) => void dialog.accept());
    await alice.getByRole("button", { name: "Submit my sheet" }).click();
    await alice.waitForURL(`**/rfps/${ev.rfp.id}/scoring`);
    await flash(alice, /submitted and sealed/);
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { rfpId: ev.rfp.id }, select: { status: true } });
    expect(sheet.status).toBe("SUBMITTED");

    // 4. The lead sees who submitted (no scores) and reopens it with a reason.
    await lead.goto(`/rfps/${ev.rfp.id}/progress`);
    await waitForHydration(lead);
    await lead.getByText("1 of 4 sheets submitted").waitFor();
    await lead.getByText(/Reopen.*Alice Evaluator's sheet for Fabrikam Inc/).click();
    await lead.getByLabel(/Why reopen/).fill("Please re-check security against the addendum.");
    await lead.getByRole("button", { name: "Reopen the sheet" }).click();
    await flash(lead, /is reopened/);
    await lead.screenshot({ path: "test-results/evaluation-progress.png", fullPage: true });

    await alice.goto(`/rfps/${ev.rfp.id}/scoring/${ev.invitations[1]?.id}`);
    await alice.getByText("Reason: Please re-check security against the addendum.").waitFor();
    expect(await alice.getByRole("button", { name: "Submit my sheet" }).isVisible()).toBe(true);
  });

  it("saves a draft without JavaScript", async () => {
    const ev = await createEvaluation();
    const bob = await e2e.pageAs(ev.bob, { javaScriptEnabled: false });
    await bob.goto(`/rfps/${ev.rfp.id}/scoring`);
    await bob.getByRole("group", { name: "Contoso Services Ltd" }).getByLabel("No conflict").check();
    await bob.getByRole("group", { name: "Fabrikam Inc" }).getByLabel("No conflict").check();
    await bob.getByRole("button", { name: "Save my declarations" }).click();
    await bob.getByRole("link", { name: "Score Contoso Services Ltd" }).click();
    await bob
      .getByRole("region", { name: /Service desk/ })
      .getByRole("radio", { name: /^3 / })
      .check();
    await bob.getByRole("button", { name: "Save draft" }).last().click();
    await flash(bob, /Draft saved/);
    const scores = await prisma.score.findMany({ where: { sheet: { rfpId: ev.rfp.id } }, select: { value: true } });
    expect(scores).toEqual([{ value: 3 }]);
  });
  it("scores a long sheet one section at a time, with or without JavaScript", async () => {
    const ev = await createEvaluation({ vendors: ["Contoso Services Ltd"] });
    const leaves = await lengthenCriteriaTree(ev.rfp.id);
    const [contoso] = ev.invitations;
    if (!contoso) throw new Error("setup");
    for (const user of [ev.alice, ev.bob]) {
      await prisma.conflictDeclaration.create({
        data: { rfpId: ev.rfp.id, memberId: ev.memberOf(user), invitationId: contoso.id, hasConflict: false },
      });
    }
    const sheetPath = `/rfps/${ev.rfp.id}/scoring/${contoso.id}`;
    const alice = await e2e.pageAs(ev.alice);
    await alice.goto(sheetPath);
    await waitForHydration(alice);
    const sections = alice.getByRole("navigation", { name: "Sections of the sheet" });
    expect(await sections.getByRole("link", { name: /^1\. Technical/ }).getAttribute("aria-current")).toBe("page");
    await alice.getByRole("heading", { name: "Section 1 of 2: 1. Technical" }).waitFor();
    expect(await alice.locator(".sheet-criterion").count()).toBe(16);

    // An autosave on this section, then "Save, on to" the next one.
    await alice
      .getByRole("region", { name: /Service desk/ })
      .getByRole("radio", { name: /^3 / })
      .check();
    await alice
      .getByTestId("autosave-status")
      .filter({ hasText: /Saved at/ })
      .waitFor();
    await alice.getByRole("button", { name: "Save, on to 3. Operations →" }).click();
    await alice.waitForURL(`**${sheetPath}?section=3`);
    await alice.getByRole("heading", { name: "Section 2 of 2: 3. Operations" }).waitFor();
    await sections.getByRole("link", { name: /^1\. Technical.*1 of 16 scored/ }).waitFor();

    // Section 3 complete, section 1 not: the submission is refused and says where the gaps are.
    for (const leaf of leaves.filter((candidate) => candidate.section === "3")) {
      await alice
        .getByRole("region", { name: new RegExp(`${leaf.name}\\b`) })
        .getByRole("radio", { name: /^2 / })
        .check();
    }
    await alice.screenshot({ path: "test-results/evaluation-score-sheet-sections.png", fullPage: true });
    alice.once("dialog", (dialog) => void dialog.accept());
    await alice.getByRole("button", { name: "Submit my sheet" }).click();
    await alice.getByText("The sheet is not complete: 15 criteria to score, in 1. Technical.").waitFor();
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { rfpId: ev.rfp.id }, select: { status: true } });
    expect(sheet.status).toBe("DRAFT");

    // Without JavaScript: the section links and "Save, back to" work as plain links and posts.
    const bob = await e2e.pageAs(ev.bob, { javaScriptEnabled: false });
    await bob.goto(sheetPath);
    await bob
      .getByRole("navigation", { name: "Sections of the sheet" })
      .getByRole("link", { name: /^3\. Operations/ })
      .click();
    await bob.getByRole("heading", { name: "Section 2 of 2: 3. Operations" }).waitFor();
    await bob
      .getByRole("region", { name: /Operations 1\b/ })
      .getByRole("radio", { name: /^4 / })
      .check();
    await bob.getByRole("button", { name: "← Save, back to 1. Technical" }).click();
    await bob.getByRole("heading", { name: "Section 1 of 2: 1. Technical" }).waitFor();
    await flash(bob, /Draft saved/);
    const bobs = await prisma.score.findMany({
      where: { sheet: { member: { userId: ev.bob.id } } },
      select: { value: true, criterionId: true },
    });
    expect(bobs).toEqual([{ value: 4, criterionId: leaves.find((leaf) => leaf.name === "Operations 1")?.id }]);
  });
});
