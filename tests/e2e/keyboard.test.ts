/**
 * Keyboard only: the two screens people work in for long stretches — the score sheet and the
 * agenda builder — used without a mouse. Each control is reached with Tab (proving it is in the
 * tab order, not merely focusable from a script) and operated with Space, Enter, the arrow keys
 * and typing.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { createEvaluation } from "../fixtures/evaluation-sheets";
import { waitForHydration } from "../fixtures/hydration";
import { createContosoInterview, createInterviewRfp } from "../fixtures/interviews";

const e2e = useE2E();

/** Press Tab until `target` has the focus; fails if it is not reached within `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  const handle = await target.elementHandle();
  if (!handle) throw new Error("tabTo: the target is not on the page");
  for (let press = 0; press < limit; press++) {
    if (await handle.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`tabTo: not reached with ${limit} presses of Tab`);
}

describe("keyboard only", () => {
  it("an evaluator declares, scores, comments and submits a sheet without a mouse", async () => {
    const ev = await createEvaluation({ vendors: ["Contoso Services Ltd"] });
    const page = await e2e.pageAs(ev.alice);
    await page.goto(`/rfps/${ev.rfp.id}/scoring`);
    await waitForHydration(page);

    // Declarations: Tab to the radio, Space to choose, Tab to the button, Enter to save.
    const contoso = page.getByRole("group", { name: "Contoso Services Ltd" });
    await tabTo(page, contoso.getByLabel("No conflict"));
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: "Save my declarations" }));
    await page.keyboard.press("Enter");
    const link = page.getByRole("link", { name: "Score Contoso Services Ltd" });
    await link.waitFor();
    await tabTo(page, link);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/scoring/${ev.invitations[0]?.id}`);
    await waitForHydration(page);

    // Each criterion: Tab into its scale, arrow keys to move between points, Tab on to the comment.
    for (const criterion of ev.criteria) {
      const region = page.getByRole("region", { name: new RegExp(criterion.name) });
      const first = region.getByRole("radio").first();
      await tabTo(page, first);
      await page.keyboard.press("Space"); // the lowest point…
      await page.keyboard.press("ArrowRight"); // …then one up, and one more: 2
      await page.keyboard.press("ArrowRight");
      await tabTo(page, region.getByLabel(/^Comment/));
      await page.keyboard.type(`Adequate on ${criterion.name.toLowerCase()}, little specific evidence.`);
    }
    page.once("dialog", (dialog) => void dialog.accept());
    await tabTo(page, page.getByRole("button", { name: "Submit my sheet" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/rfps/${ev.rfp.id}/scoring`);

    const sheet = await prisma.scoreSheet.findFirstOrThrow({
      where: { rfpId: ev.rfp.id },
      select: { status: true, scores: { select: { value: true, comment: true } } },
    });
    expect(sheet.status).toBe("SUBMITTED");
    expect(sheet.scores.map((score) => score.value)).toEqual(ev.criteria.map(() => 2));
    expect(sheet.scores.every((score) => score.comment.startsWith("Adequate on"))).toBe(true);
  });

  it("the lead adds, reorders and saves agenda items without a mouse", async () => {
    const setup = await createInterviewRfp({ people: [{ name: "Dana Panel" }], vendors: ["Contoso Services Ltd"] });
    const { rfp, lead } = setup;
    const interview = await createContosoInterview(setup, 30);
    const page = await e2e.pageAs(lead);
    await page.goto(`/rfps/${rfp.id}/interviews/${interview.id}`);
    await waitForHydration(page);

    await tabTo(page, page.getByRole("button", { name: "Add item" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Item 3 title"));
    await page.keyboard.type("Wrap-up");
    // Labels follow the title as it is typed.
    await tabTo(page, page.getByLabel("Minutes for “Wrap-up”"));
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("15");
    // Move the presentation above the introductions.
    await tabTo(page, page.getByRole("button", { name: "Move “Vendor presentation” up" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("button", { name: "Save agenda" }));
    await page.keyboard.press("Enter");
    await page.getByText("Agenda saved: 55 of 60 minutes.").waitFor();

    const items = await prisma.agendaItem.findMany({
      where: { interviewId: interview.id },
      orderBy: { position: "asc" },
      select: { title: true, minutes: true },
    });
    expect(items).toEqual([
      { title: "Vendor presentation", minutes: 30 },
      { title: "Introductions", minutes: 10 },
      { title: "Wrap-up", minutes: 15 },
    ]);
  });
});
