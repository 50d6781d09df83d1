import { describe, expect, it } from "vitest";
import {
  AGENDA_BLOCK_MINUTES,
  type AgendaItem,
  agendaAttendance,
  agendaIssues,
  agendaSummary,
  attends,
  describeAgendaIssue,
  expertiseMatches,
  type PanelAttendee,
  STANDARD_AGENDA,
  STANDARD_QUESTION_CATEGORIES,
  standardAgenda,
} from "./agenda";

function item(title: string, minutes: number, requiredExpertise: string | null = null): AgendaItem {
  return { title, minutes, owner: { kind: "LEAD" }, requiredExpertise };
}

function minutesOf(slotMinutes: number) {
  const result = standardAgenda(slotMinutes);
  if (!result.ok) throw new Error(`slot ${slotMinutes} refused`);
  return result.items.map((agendaItem) => agendaItem.minutes);
}

describe("agendaIssues", () => {
  it("accepts an agenda that fills the slot exactly", () => {
    expect(agendaIssues([item("Introductions", 10), item("Presentation", 50)], 60)).toEqual([]);
  });

  it("refuses an agenda that does not fit, saying by how much", () => {
    expect(agendaIssues([item("Introductions", 10), item("Presentation", 55)], 60)).toEqual([
      { kind: "OVERRUNS_SLOT", totalMinutes: 65, slotMinutes: 60, overBy: 5 },
    ]);
  });

  it("refuses an empty agenda, untitled items and non-positive or fractional minutes", () => {
    expect(agendaIssues([], 60)).toEqual([{ kind: "EMPTY_AGENDA" }]);
    expect(agendaIssues([item("  ", 10), item("Demo", 0), item("Q&A", -5), item("Wrap-up", 2.5)], 60)).toEqual([
      { kind: "TITLE_MISSING", index: 0 },
      { kind: "MINUTES_NOT_POSITIVE", index: 1, minutes: 0 },
      { kind: "MINUTES_NOT_POSITIVE", index: 2, minutes: -5 },
      { kind: "MINUTES_NOT_WHOLE", index: 3, minutes: 2.5 },
    ]);
    expect(agendaIssues([item("Demo", Number.NaN)], 60)).toEqual([
      { kind: "MINUTES_NOT_POSITIVE", index: 0, minutes: Number.NaN },
    ]);
  });

  it("refuses a slot that is not a positive whole number of minutes", () => {
    expect(agendaIssues([item("Demo", 10)], 0)).toEqual([{ kind: "INVALID_SLOT_LENGTH", slotMinutes: 0 }]);
    expect(agendaIssues([item("Demo", 10)], 90.5)).toEqual([{ kind: "INVALID_SLOT_LENGTH", slotMinutes: 90.5 }]);
  });
});

describe("agendaSummary", () => {
  it("shows each item's offsets and the running total against the slot", () => {
    const summary = agendaSummary([item("Introductions", 10), item("Presentation", 30), item("Q&A", 30)], 60);
    expect(
      summary.items.map((entry) => [entry.startMinute, entry.endMinute, entry.runningTotal, entry.overruns]),
    ).toEqual([
      [0, 10, 10, false],
      [10, 40, 40, false],
      [40, 70, 70, true],
    ]);
    expect(summary).toMatchObject({ totalMinutes: 70, slotMinutes: 60, remainingMinutes: -10, fits: false });
    expect(summary.issues).toEqual([{ kind: "OVERRUNS_SLOT", totalMinutes: 70, slotMinutes: 60, overBy: 10 }]);
  });

  it("reports the spare minutes of an agenda that fits", () => {
    expect(agendaSummary([item("Introductions", 10)], 60)).toMatchObject({
      remainingMinutes: 50,
      fits: true,
      issues: [],
    });
  });

  it("counts invalid minutes as zero in the running total (and reports them)", () => {
    const summary = agendaSummary([item("A", 10), item("B", -5), item("C", 10)], 60);
    expect(summary.items.map((entry) => entry.runningTotal)).toEqual([10, 10, 20]);
    expect(summary.fits).toBe(false);
  });
});

describe("describeAgendaIssue", () => {
  it("tells the lead what to do", () => {
    expect(describeAgendaIssue({ kind: "OVERRUNS_SLOT", totalMinutes: 65, slotMinutes: 60, overBy: 5 })).toBe(
      "The agenda takes 65 minutes but the slot is 60; cut 5 minutes.",
    );
    expect(describeAgendaIssue({ kind: "TITLE_MISSING", index: 2 })).toBe("Item 3 needs a title.");
  });
});

describe("STANDARD_AGENDA", () => {
  it("runs introductions, presentation, one Q&A block per standard category, demo and wrap-up in two hours", () => {
    expect(STANDARD_AGENDA.map((entry) => entry.title)).toEqual([
      "Introductions",
      "Vendor presentation",
      "Q&A: Similar industry engagements",
      "Q&A: System integration",
      "Q&A: Communication channels",
      "Q&A: Quality control",
      "Q&A: Branding",
      "Demonstration",
      "Wrap-up and next steps",
    ]);
    expect(STANDARD_AGENDA.reduce((sum, entry) => sum + entry.minutes, 0)).toBe(120);
    expect(STANDARD_AGENDA.filter((entry) => entry.questionCategory).map((entry) => entry.questionCategory)).toEqual(
      STANDARD_QUESTION_CATEGORIES.map((category) => category.key),
    );
    expect(STANDARD_AGENDA[3]?.requiredExpertise).toBe("System integration");
    expect(STANDARD_AGENDA[1]?.owner).toEqual({ kind: "VENDOR" });
  });
});

describe("standardAgenda", () => {
  it("keeps the template as it is for a two-hour slot", () => {
    expect(minutesOf(120)).toEqual([10, 25, 10, 10, 10, 10, 10, 25, 10]);
  });

  it("scales to 90 minutes in 5-minute blocks by largest remainder, earlier items first on ties", () => {
    // 18 blocks; ideal shares 1.5, 3.75, 1.5 ×5, 3.75, 1.5 → floors 13 blocks, 5 left: both
    // 3.75s, then the first three 1.5s.
    expect(minutesOf(90)).toEqual([10, 20, 10, 10, 5, 5, 5, 20, 5]);
  });

  it("scales to 60 and 180 minutes", () => {
    expect(minutesOf(60)).toEqual([5, 15, 5, 5, 5, 5, 5, 10, 5]);
    expect(minutesOf(180)).toEqual([15, 40, 15, 15, 15, 15, 15, 35, 15]);
  });

  it("gives every item at least one block, taking back from the largest when that overshoots", () => {
    expect(minutesOf(45)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(minutesOf(50)).toEqual([5, 10, 5, 5, 5, 5, 5, 5, 5]);
  });

  it("fills whole blocks and reports the minutes below one block as spare", () => {
    const result = standardAgenda(93);
    expect(result).toMatchObject({ ok: true, spareMinutes: 3 });
    if (result.ok) expect(agendaIssues(result.items, 93)).toEqual([]);
  });

  it("always produces an agenda that fits its slot", () => {
    for (let slot = 45; slot <= 240; slot++) {
      const result = standardAgenda(slot);
      if (!result.ok) throw new Error(`slot ${slot} refused`);
      const used = result.items.reduce((sum, entry) => sum + entry.minutes, 0);
      expect(used + result.spareMinutes).toBe(slot);
      expect(result.spareMinutes).toBeLessThan(AGENDA_BLOCK_MINUTES);
      expect(result.items.every((entry) => entry.minutes >= AGENDA_BLOCK_MINUTES)).toBe(true);
    }
  });

  it("refuses a slot too short for one block per item", () => {
    expect(standardAgenda(44)).toEqual({ ok: false, reason: "SLOT_TOO_SHORT", minimumMinutes: 45 });
    expect(standardAgenda(Number.NaN)).toEqual({ ok: false, reason: "SLOT_TOO_SHORT", minimumMinutes: 45 });
  });
});

describe("attendance", () => {
  const panel: PanelAttendee[] = [
    { panelMemberId: "lead", role: "CORE", expertise: [] },
    { panelMemberId: "cfo", role: "CORE", expertise: ["Finance"] },
    { panelMemberId: "architect", role: "EXPERT", expertise: ["system integration "] },
    { panelMemberId: "marketing", role: "EXPERT", expertise: ["Branding", "Quality control"] },
    { panelMemberId: "counsel", role: "EXPERT", expertise: ["Legal"] },
  ];
  const start = new Date("2027-05-03T10:00:00Z");

  it("matches expertise ignoring case and surrounding spaces", () => {
    expect(expertiseMatches("System integration", " system INTEGRATION")).toBe(true);
    expect(expertiseMatches("System integration", "Integration")).toBe(false);
  });

  it("invites the core panel to everything and experts only to their items", () => {
    const integration = STANDARD_AGENDA[3];
    const introductions = STANDARD_AGENDA[0];
    if (!integration || !introductions) throw new Error("template changed");
    expect(panel.filter((member) => attends(member, integration)).map((member) => member.panelMemberId)).toEqual([
      "lead",
      "cfo",
      "architect",
    ]);
    expect(panel.filter((member) => attends(member, introductions)).map((member) => member.panelMemberId)).toEqual([
      "lead",
      "cfo",
    ]);
  });

  it("always invites a panel member to the item they own", () => {
    const counselItem: AgendaItem = {
      title: "Contract terms",
      minutes: 10,
      owner: { kind: "PANEL_MEMBER", panelMemberId: "counsel" },
      requiredExpertise: null,
    };
    const invited = panel.filter((member) => attends(member, counselItem)).map((member) => member.panelMemberId);
    expect(invited).toEqual(["lead", "cfo", "counsel"]);
  });

  it("computes each item's time window from the interview start", () => {
    const { items } = agendaAttendance(STANDARD_AGENDA, panel, start);
    expect(
      items.map((entry) => [
        entry.title,
        entry.start.toISOString().slice(11, 16),
        entry.end.toISOString().slice(11, 16),
      ]),
    ).toEqual([
      ["Introductions", "10:00", "10:10"],
      ["Vendor presentation", "10:10", "10:35"],
      ["Q&A: Similar industry engagements", "10:35", "10:45"],
      ["Q&A: System integration", "10:45", "10:55"],
      ["Q&A: Communication channels", "10:55", "11:05"],
      ["Q&A: Quality control", "11:05", "11:15"],
      ["Q&A: Branding", "11:15", "11:25"],
      ["Demonstration", "11:25", "11:50"],
      ["Wrap-up and next steps", "11:50", "12:00"],
    ]);
    expect(items[6]?.attendeeIds).toEqual(["lead", "cfo", "marketing"]);
  });

  it("gives experts calendar windows for their items only, back-to-back items merged, and says so", () => {
    const { members } = agendaAttendance(STANDARD_AGENDA, panel, start);
    const byId = new Map(members.map((member) => [member.panelMemberId, member]));
    expect(byId.get("lead")).toMatchObject({
      itemIndexes: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      windows: [{ start: start, end: new Date("2027-05-03T12:00:00Z") }],
      note: "Panel member: the whole interview.",
    });
    expect(byId.get("architect")).toEqual({
      panelMemberId: "architect",
      role: "EXPERT",
      itemIndexes: [3],
      windows: [
        {
          start: new Date("2027-05-03T10:45:00Z"),
          end: new Date("2027-05-03T10:55:00Z"),
          itemTitles: ["Q&A: System integration"],
        },
      ],
      note: "Subject-matter expert: invited only for Q&A: System integration.",
    });
    expect(byId.get("marketing")?.windows).toEqual([
      {
        start: new Date("2027-05-03T11:05:00Z"),
        end: new Date("2027-05-03T11:25:00Z"),
        itemTitles: ["Q&A: Quality control", "Q&A: Branding"],
      },
    ]);
    expect(byId.get("counsel")).toMatchObject({
      itemIndexes: [],
      windows: [],
      note: "Not invited to any item of this interview.",
    });
  });

  it("splits an expert's calendar into separate windows when their items are apart", () => {
    const { members } = agendaAttendance(
      [item("Q&A: Branding", 10, "Branding"), item("Demo", 20), item("Q&A: Quality", 10, "Quality control")],
      [{ panelMemberId: "marketing", role: "EXPERT", expertise: ["Branding", "Quality control"] }],
      start,
    );
    expect(members[0]?.windows.map((window) => window.start.toISOString().slice(11, 16))).toEqual(["10:00", "10:30"]);
  });

  it("lists the items whose required expertise nobody on the panel has", () => {
    expect(agendaAttendance(STANDARD_AGENDA, panel, start).itemsWithoutExpert).toEqual([2, 4]);
  });
});
