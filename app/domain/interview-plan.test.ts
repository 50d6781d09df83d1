import { describe, expect, it } from "vitest";
import {
  agendaWindows,
  busySlots,
  defaultAttendance,
  expertiseNote,
  interviewLoad,
  interviewProblems,
  type PlannedInterview,
  parseExpertise,
  planConflicts,
} from "./interview-plan";
import { DEFAULT_BUSINESS_HOURS, type InterviewWindow, type Unavailability } from "./scheduling";

// Europe/Berlin is UTC+2 in May 2027; 3 May 2027 is a Monday.
const berlin = (day: number, time: string) => new Date(`2027-05-${String(day).padStart(2, "0")}T${time}:00+02:00`);
const window: InterviewWindow = {
  start: berlin(3, "00:00"),
  end: berlin(6, "00:00"),
  timeZone: "Europe/Berlin",
  businessHours: DEFAULT_BUSINESS_HOURS,
};

function interview(
  id: string,
  day: number,
  from: string,
  to: string,
  whole: string[],
  experts: { personId: string; windows: [string, string][] }[] = [],
): PlannedInterview {
  return {
    id,
    start: berlin(day, from),
    end: berlin(day, to),
    wholeAttendeeIds: whole,
    experts: experts.map((expert) => ({
      personId: expert.personId,
      windows: expert.windows.map(([start, end]) => ({ start: berlin(day, start), end: berlin(day, end) })),
    })),
  };
}

describe("expertiseNote", () => {
  it("names the expertise an item needs unless its title already does", () => {
    expect(expertiseNote("Q&A: System integration", "System integration")).toBeNull();
    expect(expertiseNote("Q&A: system INTEGRATION", " System integration ")).toBeNull();
    expect(expertiseNote("Integration deep dive", "System integration")).toBe("System integration");
    expect(expertiseNote("Demonstration", "")).toBeNull();
    expect(expertiseNote("Demonstration", null)).toBeNull();
  });
});

describe("defaultAttendance and parseExpertise", () => {
  it("invites people with recorded expertise as experts, everyone else (and the lead) for the whole interview", () => {
    expect(defaultAttendance({ role: "PANEL", expertise: [] })).toBe("WHOLE");
    expect(defaultAttendance({ role: "PANEL", expertise: ["  "] })).toBe("WHOLE");
    expect(defaultAttendance({ role: "PANEL", expertise: ["Branding"] })).toBe("EXPERT");
    expect(defaultAttendance({ role: "LEAD", expertise: ["Branding"] })).toBe("WHOLE");
  });

  it("splits a typed list on commas, semicolons and lines, dropping blanks and repeats", () => {
    expect(parseExpertise(" System  integration, branding;\nBranding ,, Quality control ")).toEqual([
      "System integration",
      "branding",
      "Quality control",
    ]);
    expect(parseExpertise("")).toEqual([]);
  });
});

describe("agendaWindows", () => {
  const start = berlin(3, "10:00");
  it("lays attended items on the clock and merges back-to-back ones", () => {
    const windows = agendaWindows([10, 25, 10, 10, 20], [2, 3], start);
    expect(windows).toEqual([{ start: berlin(3, "10:35"), end: berlin(3, "10:55") }]);
    expect(agendaWindows([10, 25, 10, 10, 20], [0, 2, 4], start)).toEqual([
      { start: berlin(3, "10:00"), end: berlin(3, "10:10") },
      { start: berlin(3, "10:35"), end: berlin(3, "10:45") },
      { start: berlin(3, "10:55"), end: berlin(3, "11:15") },
    ]);
  });

  it("ignores items of no length and indexes that do not exist", () => {
    expect(agendaWindows([10, 0, 10], [1, 7], start)).toEqual([]);
  });
});

describe("busySlots", () => {
  it("gives the whole-interview attendees the slot and each expert window its own slot", () => {
    const slots = busySlots(
      interview(
        "a",
        3,
        "10:00",
        "12:00",
        ["lena", "dana"],
        [
          {
            personId: "sam",
            windows: [
              ["10:35", "10:55"],
              ["11:10", "11:20"],
            ],
          },
        ],
      ),
    );
    expect(slots.map((slot) => [slot.panelMemberIds, slot.start, slot.end])).toEqual([
      [["lena", "dana"], berlin(3, "10:00"), berlin(3, "12:00")],
      [["sam"], berlin(3, "10:35"), berlin(3, "10:55")],
      [["sam"], berlin(3, "11:10"), berlin(3, "11:20")],
    ]);
    expect(new Set(slots.map((slot) => slot.vendorId)).size).toBe(3);
  });
});

describe("planConflicts", () => {
  it("finds a panel member in two interviews and says when they clash", () => {
    const conflicts = planConflicts(
      [interview("a", 3, "10:00", "12:00", ["lena", "dana"]), interview("b", 3, "11:00", "13:00", ["dana"])],
      [],
    );
    expect(conflicts).toEqual([
      {
        kind: "DOUBLE_BOOKED",
        personId: "dana",
        interviewIds: ["a", "b"],
        when: { start: berlin(3, "11:00"), end: berlin(3, "12:00") },
      },
    ]);
  });

  it("holds experts only to their windows", () => {
    const withExpert = (windows: [string, string][]) => [
      interview("a", 3, "10:00", "12:00", ["lena"], [{ personId: "sam", windows }]),
      interview("b", 3, "11:00", "13:00", ["dana", "sam"]),
    ];
    expect(planConflicts(withExpert([["10:00", "10:50"]]), [])).toEqual([]);
    expect(
      planConflicts(
        withExpert([
          ["10:00", "10:50"],
          ["11:30", "11:45"],
        ]),
        [],
      ),
    ).toEqual([
      {
        kind: "DOUBLE_BOOKED",
        personId: "sam",
        interviewIds: ["a", "b"],
        when: { start: berlin(3, "11:30"), end: berlin(3, "11:45") },
      },
    ]);
  });

  it("reports one clash per person and pair, even over several expert windows", () => {
    const conflicts = planConflicts(
      [
        interview(
          "a",
          3,
          "10:00",
          "12:00",
          ["lena"],
          [
            {
              personId: "sam",
              windows: [
                ["10:00", "10:30"],
                ["11:00", "11:30"],
              ],
            },
          ],
        ),
        interview("b", 3, "09:00", "12:00", ["sam"]),
      ],
      [],
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.when).toEqual({ start: berlin(3, "10:00"), end: berlin(3, "11:30") });
  });

  it("flags a member booked while unavailable, with the period", () => {
    const period: Unavailability = {
      panelMemberId: "dana",
      start: berlin(3, "11:30"),
      end: berlin(3, "15:00"),
      note: "Dentist",
    };
    const conflicts = planConflicts([interview("a", 3, "10:00", "12:00", ["lena", "dana"])], [period]);
    expect(conflicts).toEqual([
      {
        kind: "UNAVAILABLE",
        personId: "dana",
        interviewId: "a",
        period,
        when: { start: berlin(3, "11:30"), end: berlin(3, "12:00") },
      },
    ]);
  });

  it("lets back-to-back interviews share people (half-open intervals)", () => {
    expect(
      planConflicts([interview("a", 3, "10:00", "12:00", ["dana"]), interview("b", 3, "12:00", "13:00", ["dana"])], []),
    ).toEqual([]);
  });
});

describe("interviewProblems", () => {
  const existing = [
    interview("a", 3, "10:00", "12:00", ["lena", "dana"]),
    interview("c", 4, "10:00", "12:00", ["lena"]),
  ];

  it("names the proposed interview first and ignores clashes between the others", () => {
    const others = [...existing, interview("d", 4, "11:00", "12:00", ["lena"])];
    const proposed = interview("b", 3, "09:00", "11:00", ["dana"]);
    const { issues, conflicts } = interviewProblems(proposed, others, [], window);
    expect(issues).toEqual([]);
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: "DOUBLE_BOOKED", personId: "dana", interviewIds: ["b", "a"] }),
    ]);
  });

  it("treats an interview being moved as itself, not as a clash with its old time", () => {
    const moved = interview("a", 3, "11:00", "13:00", ["lena", "dana"]);
    expect(interviewProblems(moved, existing, [], window)).toEqual({ issues: [], conflicts: [] });
  });

  it("reports slots outside the window and business hours", () => {
    const late = interview("b", 5, "16:00", "18:00", ["dana"]);
    expect(interviewProblems(late, existing, [], window).issues.map((issue) => issue.kind)).toEqual([
      "OUTSIDE_BUSINESS_HOURS",
    ]);
    const after = interview("b", 7, "10:00", "11:00", ["dana"]);
    expect(interviewProblems(after, existing, [], window).issues.map((issue) => issue.kind)).toContain(
      "OUTSIDE_WINDOW",
    );
  });

  it("includes unavailability of the proposed interview's people", () => {
    const period: Unavailability = { panelMemberId: "sam", start: berlin(4, "13:00"), end: berlin(4, "14:00") };
    const proposed = interview(
      "b",
      4,
      "13:00",
      "15:00",
      ["dana"],
      [{ personId: "sam", windows: [["13:30", "13:45"]] }],
    );
    expect(interviewProblems(proposed, existing, [period], window).conflicts).toEqual([
      expect.objectContaining({ kind: "UNAVAILABLE", personId: "sam", interviewId: "b" }),
    ]);
  });
});

describe("interviewLoad", () => {
  it("counts interviews per person (not windows) and the minutes they sit in, per day", () => {
    const loads = interviewLoad(
      [
        interview(
          "a",
          3,
          "10:00",
          "12:00",
          ["lena"],
          [
            {
              personId: "sam",
              windows: [
                ["10:00", "10:30"],
                ["11:00", "11:20"],
              ],
            },
          ],
        ),
        interview("b", 3, "13:00", "14:00", ["lena", "sam"]),
        interview("c", 4, "10:00", "11:30", ["lena"]),
      ],
      "Europe/Berlin",
    );
    const lena = loads.find((load) => load.panelMemberId === "lena");
    const sam = loads.find((load) => load.panelMemberId === "sam");
    expect(lena).toMatchObject({
      interviews: 3,
      minutes: 270,
      hours: 4.5,
      byDay: [
        { date: "2027-05-03", interviews: 2, minutes: 180 },
        { date: "2027-05-04", interviews: 1, minutes: 90 },
      ],
    });
    expect(sam).toMatchObject({
      interviews: 2,
      minutes: 110,
      byDay: [{ date: "2027-05-03", interviews: 2, minutes: 110 }],
    });
  });
});
