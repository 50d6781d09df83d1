import { describe, expect, it } from "vitest";
import { approvalSummary, type DecisionMemoInput, panelRanking, standings } from "./decision-memo";

const input: DecisionMemoInput = {
  recommendation: {
    status: "APPROVED",
    round: 2,
    memo: "Contoso.",
    recommendedInvitationId: "c",
    runnerUpInvitationId: "f",
    submittedAt: new Date(),
    decidedAt: new Date(),
  },
  vendors: [
    { invitationId: "d", name: "Declined Co", status: "DECLINED", submitted: false },
    { invitationId: "n", name: "Northwind", status: "NOT_SHORTLISTED", submitted: true },
    { invitationId: "e", name: "Eliminated Ltd", status: "ELIMINATED", submitted: true },
    { invitationId: "f", name: "Fabrikam", status: "RESERVE", submitted: true },
    { invitationId: "c", name: "Contoso", status: "AWARDED", submitted: true },
  ],
  approvals: [
    { approverName: "Erin", round: 1, decision: "RETURNED", comment: "Check the price.", decidedAt: new Date() },
    { approverName: "Erin", round: 2, decision: "APPROVED", comment: "", decidedAt: new Date() },
    { approverName: "Oscar", round: 2, decision: "APPROVED", comment: "", decidedAt: new Date() },
  ],
};

describe("decision memo", () => {
  it("lists the recommended vendor, the runner-up, then the others by how far they got", () => {
    expect(standings(input)).toEqual([
      { place: 1, name: "Contoso", outcome: "Recommended for award", panelPlace: null, parts: null },
      { place: 2, name: "Fabrikam", outcome: "Runner-up, held in reserve", panelPlace: null, parts: null },
      {
        place: null,
        name: "Eliminated Ltd",
        outcome: "Not selected after the interviews",
        panelPlace: null,
        parts: null,
      },
      { place: null, name: "Northwind", outcome: "Not shortlisted", panelPlace: null, parts: null },
    ]);
  });

  it("counts approvals of the current round only", () => {
    expect(approvalSummary(input)).toBe("2 of 2 approvals in round 2");
    expect(approvalSummary({ ...input, recommendation: { ...input.recommendation, round: 1 } })).toBe(
      "0 of 1 approvals in round 1, 1 returned",
    );
    expect(approvalSummary({ ...input, approvals: [] })).toBe("Not submitted for approval yet.");
  });

  it("adds the panel's combined ranking and its agreement when two or more rankings are in", () => {
    const withPanel: DecisionMemoInput = {
      ...input,
      panelRankings: [
        { memberId: "m1", tiers: [["c"], ["f"], ["e"]] },
        { memberId: "m2", tiers: [["c"], ["e"], ["f"]] },
        { memberId: "m3", tiers: [["c"], ["f"], ["e"]] },
      ],
    };
    expect(standings(withPanel).map((row) => [row.name, row.panelPlace])).toEqual([
      ["Contoso", 1],
      ["Fabrikam", 2],
      ["Eliminated Ltd", 3],
      ["Northwind", null],
    ]);
    expect(panelRanking(withPanel)?.agreement).toMatch(/^The panel shows .* agreement \(W = 0\.\d\d\)/);
    expect(panelRanking({ ...withPanel, panelRankings: withPanel.panelRankings?.slice(0, 1) })).toBeNull();
  });

  it("carries the weighted written, oral and price parts the executives reviewed", () => {
    const withRanking: DecisionMemoInput = {
      ...input,
      finalRanking: {
        weights: { WRITTEN: 60, ORAL: 20, PRICE: 20 },
        rows: [
          { invitationId: "c", written: 80, oral: 70, price: 90, total: 80 },
          { invitationId: "f", written: 70, oral: 75, price: 100, total: 77 },
          { invitationId: "e", written: 60, oral: null, price: 95, total: 55 },
        ],
      },
    };
    expect(standings(withRanking).map((row) => [row.name, row.parts?.total ?? null, row.parts?.oral ?? null])).toEqual([
      ["Contoso", 80, 70],
      ["Fabrikam", 77, 75],
      ["Eliminated Ltd", 55, null],
      ["Northwind", null, null],
    ]);
  });
});
