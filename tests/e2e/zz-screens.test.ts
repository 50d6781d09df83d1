import { describe, it } from "vitest";
import { prisma } from "~/db.server";
import { useE2E } from "../fixtures/e2e";
import { waitForHydration } from "../fixtures/hydration";
import {
  completeDebriefForm,
  createInterviewRfp,
  endInterview,
  scheduleTestInterview,
  submitWrittenSheet,
} from "../fixtures/interviews-debrief";

const e2e = useE2E();

describe("screens", () => {
  it("shoots", async () => {
    const t = await createInterviewRfp({ panel: ["Ann Panel", "Ben Panel"] });
    const [ann, ben] = t.panel;
    const [contoso, fabrikam] = t.vendors;
    if (!ann || !ben || !contoso || !fabrikam) throw new Error("x");
    for (const [member, desk, sec] of [
      [ann, 1, 1],
      [ben, 2, 5],
    ] as const) {
      await submitWrittenSheet(t.rfp.id, member.memberId, contoso.invitationId, {
        [t.criteria.serviceDesk.id]: desk,
        [t.criteria.security.id]: sec,
      });
    }
    const interview = await scheduleTestInterview(t.rfp.id, contoso.invitationId, {
      attendees: [ann.memberId, ben.memberId],
      mode: "VIRTUAL",
    });
    const lead = await e2e.pageAs(t.lead);
    await lead.setViewportSize({ width: 1280, height: 900 });
    await lead.goto(`/rfps/${t.rfp.id}/interviews/${interview.id}/questions`);
    await waitForHydration(lead);
    await lead.screenshot({ path: "test-results/screen-questions.png", fullPage: true });
    await lead.getByRole("button", { name: "Add follow-up on Service desk" }).click();
    await lead.getByTestId("toast").waitFor();
    lead.on("dialog", (dialog) => void dialog.accept());
    await lead.getByRole("button", { name: "Publish now" }).click();
    await lead.getByTestId("toast").getByText("Published").waitFor();
    await lead.screenshot({ path: "test-results/screen-questions-published.png", fullPage: true });

    const vendor = await e2e.newPage();
    await vendor.setViewportSize({ width: 1280, height: 900 });
    await vendor.goto(`/v/${contoso.token}`);
    await vendor.getByRole("button", { name: "Open the portal" }).click();
    await vendor.waitForURL((url) => url.pathname === "/portal");
    await vendor.goto("/portal/interview");
    await vendor.screenshot({ path: "test-results/screen-portal-interview.png", fullPage: true });

    await endInterview(interview.id);
    await prisma.debrief.deleteMany({ where: { interviewId: interview.id } });
    const annPage = await e2e.pageAs(ann.user);
    await annPage.setViewportSize({ width: 1280, height: 900 });
    await annPage.goto(`/rfps/${t.rfp.id}/interviews/${interview.id}/debrief`);
    await waitForHydration(annPage);
    await annPage.screenshot({ path: "test-results/screen-debrief-form.png", fullPage: true });
    await lead.goto(`/rfps/${t.rfp.id}/interviews/${interview.id}/debrief`);
    await lead.screenshot({ path: "test-results/screen-debrief-lead.png", fullPage: true });
    void completeDebriefForm;
  });
});
