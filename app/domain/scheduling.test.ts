import { describe, expect, it } from "vitest";
import {
  type AutoScheduleRequest,
  autoSchedule,
  businessHoursIssues,
  businessTime,
  DEFAULT_BUSINESS_HOURS,
  describeConflict,
  type InterviewSlot,
  type InterviewWindow,
  localDate,
  overlaps,
  panelLoad,
  proposedSlotProblems,
  scheduleConflicts,
  slotIssues,
  type Unavailability,
} from "./scheduling";

// Europe/Berlin is UTC+2 in May 2027; 3 May 2027 is a Monday.
const BERLIN = "Europe/Berlin";
const utc = (iso: string) => new Date(iso);
/** A Berlin wall-clock time in May 2027 (UTC+2) as an instant. */
const berlin = (day: number, time: string) => new Date(`2027-05-${String(day).padStart(2, "0")}T${time}:00+02:00`);

const window: InterviewWindow = {
  start: berlin(3, "00:00"),
  end: berlin(6, "00:00"),
  timeZone: BERLIN,
  businessHours: DEFAULT_BUSINESS_HOURS,
};

function slot(id: string, vendorId: string, day: number, from: string, to: string, panel: string[]): InterviewSlot {
  return { id, vendorId, start: berlin(day, from), end: berlin(day, to), panelMemberIds: panel };
}

function away(panelMemberId: string, day: number, from: string, to: string, note?: string): Unavailability {
  return { panelMemberId, start: berlin(day, from), end: berlin(day, to), ...(note ? { note } : {}) };
}

function request(overrides: Partial<AutoScheduleRequest> = {}): AutoScheduleRequest {
  return {
    vendorIds: ["acme", "beta", "core", "delta"],
    panelMemberIds: ["lead", "cfo"],
    slotMinutes: 120,
    bufferMinutes: 30,
    window,
    unavailability: [],
    ...overrides,
  };
}

function times(slots: { vendorId: string; start: Date; end: Date }[]) {
  return slots.map((entry) => [entry.vendorId, entry.start.toISOString(), entry.end.toISOString()]);
}

describe("overlaps", () => {
  it("treats intervals as half-open: touching is not overlapping", () => {
    const nine = { start: utc("2027-05-03T09:00:00Z"), end: utc("2027-05-03T11:00:00Z") };
    expect(overlaps(nine, { start: utc("2027-05-03T11:00:00Z"), end: utc("2027-05-03T12:00:00Z") })).toBe(false);
    expect(overlaps(nine, { start: utc("2027-05-03T10:59:00Z"), end: utc("2027-05-03T12:00:00Z") })).toBe(true);
    expect(overlaps(nine, { start: utc("2027-05-03T09:30:00Z"), end: utc("2027-05-03T10:00:00Z") })).toBe(true);
  });
});

describe("businessHoursIssues", () => {
  it("accepts the default hours and refuses malformed or inverted ones", () => {
    expect(businessHoursIssues(DEFAULT_BUSINESS_HOURS)).toEqual([]);
    expect(businessHoursIssues({ opens: "9:00", closes: "24:00", weekdays: [1] })).toEqual([
      "Opening time “9:00” is not a time like 09:00.",
      "Closing time “24:00” is not a time like 17:00.",
    ]);
    expect(businessHoursIssues({ opens: "17:00", closes: "09:00", weekdays: [] })).toEqual([
      "Business hours must close after they open.",
      "Choose at least one working day.",
    ]);
    expect(businessHoursIssues({ opens: "09:00", closes: "17:00", weekdays: [0, 8] })).toEqual([
      "Working days are numbered 1 (Monday) to 7 (Sunday).",
    ]);
  });
});

describe("businessTime", () => {
  it("lists each working day's hours in the RFP's time zone, clipped to the window", () => {
    const clipped = { ...window, start: berlin(3, "10:07"), end: berlin(5, "12:00") };
    expect(times(businessTime(clipped).map((range) => ({ vendorId: "", ...range })))).toEqual([
      ["", "2027-05-03T08:07:00.000Z", "2027-05-03T15:00:00.000Z"],
      ["", "2027-05-04T07:00:00.000Z", "2027-05-04T15:00:00.000Z"],
      ["", "2027-05-05T07:00:00.000Z", "2027-05-05T10:00:00.000Z"],
    ]);
  });

  it("skips non-working days", () => {
    // Friday 7 May to Monday 10 May: Saturday and Sunday have no business hours.
    const weekend = { ...window, start: berlin(7, "00:00"), end: berlin(11, "00:00") };
    expect(businessTime(weekend).map((range) => localDate(range.start, BERLIN))).toEqual(["2027-05-07", "2027-05-10"]);
  });

  it("follows the clocks across a daylight-saving change", () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 28 March 2027; 09:00 stays 09:00 local.
    const spring = { ...window, start: utc("2027-03-26T00:00:00Z"), end: utc("2027-03-30T00:00:00Z") };
    expect(businessTime(spring).map((range) => range.start.toISOString())).toEqual([
      "2027-03-26T08:00:00.000Z",
      "2027-03-29T07:00:00.000Z",
    ]);
  });
});

describe("localDate", () => {
  it("gives the calendar date where the buyer is, not in UTC", () => {
    expect(localDate(utc("2027-05-03T23:30:00Z"), BERLIN)).toBe("2027-05-04");
    expect(localDate(utc("2027-05-03T23:30:00Z"), "America/New_York")).toBe("2027-05-03");
  });
});

describe("slotIssues", () => {
  it("accepts a slot inside the window and one business day", () => {
    expect(slotIssues(slot("s1", "acme", 3, "09:00", "17:00", ["lead"]), window)).toEqual([]);
  });

  it("refuses a slot before opening, after closing, on a weekend or outside the window", () => {
    expect(slotIssues(slot("s1", "acme", 3, "08:30", "10:00", ["lead"]), window)).toEqual([
      { kind: "OUTSIDE_BUSINESS_HOURS", slotId: "s1" },
    ]);
    expect(slotIssues(slot("s1", "acme", 3, "16:00", "17:30", ["lead"]), window)).toEqual([
      { kind: "OUTSIDE_BUSINESS_HOURS", slotId: "s1" },
    ]);
    expect(
      slotIssues(slot("s1", "acme", 8, "10:00", "11:00", ["lead"]), { ...window, end: berlin(9, "00:00") }),
    ).toEqual([{ kind: "OUTSIDE_BUSINESS_HOURS", slotId: "s1" }]);
    expect(slotIssues(slot("s1", "acme", 6, "10:00", "11:00", ["lead"]), window)).toEqual([
      { kind: "OUTSIDE_WINDOW", slotId: "s1" },
    ]);
  });

  it("refuses a slot that ends before it starts", () => {
    expect(slotIssues(slot("s1", "acme", 3, "11:00", "10:00", ["lead"]), window)).toEqual([
      { kind: "ENDS_BEFORE_START", slotId: "s1" },
    ]);
  });
});

describe("scheduleConflicts", () => {
  const slots = [
    slot("s1", "acme", 3, "09:00", "11:00", ["lead", "cfo"]),
    slot("s2", "beta", 3, "10:30", "12:30", ["cfo", "architect"]),
    slot("s3", "core", 3, "11:00", "12:00", ["lead"]),
    slot("s4", "acme", 3, "10:00", "10:30", ["counsel"]),
  ];

  it("finds a member in two overlapping interviews, a member booked while away, and a vendor twice at once", () => {
    const dentist = away("lead", 3, "11:30", "13:00", "dentist");
    expect(scheduleConflicts(slots, [dentist, away("architect", 4, "09:00", "17:00")])).toEqual([
      { kind: "DOUBLE_BOOKED", panelMemberId: "cfo", slotIds: ["s1", "s2"] },
      { kind: "VENDOR_DOUBLE_BOOKED", vendorId: "acme", slotIds: ["s1", "s4"] },
      { kind: "UNAVAILABLE", panelMemberId: "lead", slotId: "s3", period: dentist },
    ]);
  });

  it("finds nothing in back-to-back interviews of one panel", () => {
    const backToBack = [
      slot("s1", "acme", 3, "09:00", "11:00", ["lead", "cfo"]),
      slot("s2", "beta", 3, "11:00", "13:00", ["lead", "cfo"]),
    ];
    expect(scheduleConflicts(backToBack, [away("lead", 3, "13:00", "14:00")])).toEqual([]);
  });

  it("describes conflicts in plain words", () => {
    const names = (id: string) => ({ cfo: "Chris (CFO)", acme: "Acme" })[id] ?? id;
    expect(describeConflict({ kind: "DOUBLE_BOOKED", panelMemberId: "cfo", slotIds: ["s1", "s2"] }, names)).toBe(
      "Chris (CFO) would be in two interviews at once.",
    );
    expect(
      describeConflict(
        {
          kind: "UNAVAILABLE",
          panelMemberId: "cfo",
          slotId: "s1",
          period: away("cfo", 3, "09:00", "10:00", "board meeting"),
        },
        names,
      ),
    ).toBe("Chris (CFO) is unavailable then (board meeting).");
  });
});

describe("proposedSlotProblems", () => {
  const schedule = [
    slot("s1", "acme", 3, "09:00", "11:00", ["lead", "cfo"]),
    slot("s2", "beta", 3, "13:00", "15:00", ["lead"]),
  ];

  it("refuses a new slot that overlaps an interview of one of its members", () => {
    const proposed = slot("new", "core", 3, "10:00", "12:00", ["cfo"]);
    expect(proposedSlotProblems(proposed, schedule, [], window)).toEqual({
      issues: [],
      conflicts: [{ kind: "DOUBLE_BOOKED", panelMemberId: "cfo", slotIds: ["new", "s1"] }],
    });
  });

  it("lets a slot move over its own old time and ignores conflicts it is not part of", () => {
    const moved = slot("s1", "acme", 3, "10:00", "12:00", ["lead", "cfo"]);
    const clash = slot("s9", "delta", 3, "13:30", "14:00", ["lead"]);
    expect(proposedSlotProblems(moved, [...schedule, clash], [], window)).toEqual({ issues: [], conflicts: [] });
  });

  it("reports window issues and unavailability together", () => {
    const period = away("lead", 4, "16:00", "18:00");
    const proposed = slot("new", "core", 4, "16:00", "18:00", ["lead"]);
    expect(proposedSlotProblems(proposed, schedule, [period], window)).toEqual({
      issues: [{ kind: "OUTSIDE_BUSINESS_HOURS", slotId: "new" }],
      conflicts: [{ kind: "UNAVAILABLE", panelMemberId: "lead", slotId: "new", period }],
    });
  });
});

describe("panelLoad", () => {
  it("adds up interviews and hours per member, per local day", () => {
    const loads = panelLoad(
      [
        slot("s2", "beta", 4, "09:00", "10:30", ["lead"]),
        slot("s1", "acme", 3, "09:00", "11:00", ["lead", "cfo"]),
        slot("s3", "core", 3, "13:00", "14:00", ["lead", "lead"]),
      ],
      BERLIN,
    );
    expect(loads).toEqual([
      {
        panelMemberId: "lead",
        interviews: 3,
        minutes: 270,
        hours: 4.5,
        byDay: [
          { date: "2027-05-03", interviews: 2, minutes: 180 },
          { date: "2027-05-04", interviews: 1, minutes: 90 },
        ],
      },
      {
        panelMemberId: "cfo",
        interviews: 1,
        minutes: 120,
        hours: 2,
        byDay: [{ date: "2027-05-03", interviews: 1, minutes: 120 }],
      },
    ]);
  });
});

describe("autoSchedule", () => {
  it("fills each business day from the opening, keeping the debrief buffer between interviews", () => {
    // 120 min + 30 min buffer: 09:00, 11:30, 14:00 on Monday; 16:30 would end after 17:00.
    const result = autoSchedule(request());
    expect(times(result.slots)).toEqual([
      ["acme", "2027-05-03T07:00:00.000Z", "2027-05-03T09:00:00.000Z"],
      ["beta", "2027-05-03T09:30:00.000Z", "2027-05-03T11:30:00.000Z"],
      ["core", "2027-05-03T12:00:00.000Z", "2027-05-03T14:00:00.000Z"],
      ["delta", "2027-05-04T07:00:00.000Z", "2027-05-04T09:00:00.000Z"],
    ]);
    expect(result.slots[0]?.panelMemberIds).toEqual(["lead", "cfo"]);
    expect(result.unplaced).toEqual([]);
  });

  it("produces a schedule that passes its own checks", () => {
    const result = autoSchedule(request({ unavailability: [away("cfo", 3, "10:00", "12:00")] }));
    const slots = result.slots.map((proposed, index) => ({ ...proposed, id: `p${index}` }));
    expect(slots.flatMap((proposed) => slotIssues(proposed, window))).toEqual([]);
    expect(scheduleConflicts(slots, [away("cfo", 3, "10:00", "12:00")])).toEqual([]);
  });

  it("works around a member's unavailability", () => {
    const result = autoSchedule(
      request({ vendorIds: ["acme", "beta", "core"], unavailability: [away("cfo", 3, "10:00", "12:00")] }),
    );
    expect(times(result.slots)).toEqual([
      ["acme", "2027-05-03T10:00:00.000Z", "2027-05-03T12:00:00.000Z"],
      ["beta", "2027-05-03T12:30:00.000Z", "2027-05-03T14:30:00.000Z"],
      ["core", "2027-05-04T07:00:00.000Z", "2027-05-04T09:00:00.000Z"],
    ]);
  });

  it("ignores the unavailability of people not on the panel", () => {
    const result = autoSchedule(
      request({ vendorIds: ["acme"], unavailability: [away("counsel", 3, "09:00", "17:00")] }),
    );
    expect(times(result.slots)).toEqual([["acme", "2027-05-03T07:00:00.000Z", "2027-05-03T09:00:00.000Z"]]);
  });

  it("keeps fixed interviews and the buffer around them, but only where panel members are shared", () => {
    const fixed = [
      slot("f1", "zeta", 3, "09:00", "11:00", ["lead"]),
      slot("f2", "omega", 3, "11:30", "13:30", ["someone-else"]),
    ];
    const result = autoSchedule(request({ vendorIds: ["acme"], fixedSlots: fixed }));
    expect(times(result.slots)).toEqual([["acme", "2027-05-03T09:30:00.000Z", "2027-05-03T11:30:00.000Z"]]);
  });

  it("aligns start times to the grid from the day's opening", () => {
    const late = { ...window, start: berlin(3, "10:07") };
    const result = autoSchedule(request({ vendorIds: ["acme"], window: late, stepMinutes: 15 }));
    expect(times(result.slots)).toEqual([["acme", "2027-05-03T08:15:00.000Z", "2027-05-03T10:15:00.000Z"]]);
  });

  it("places each vendor once even if listed twice", () => {
    expect(autoSchedule(request({ vendorIds: ["acme", "acme"] })).slots).toHaveLength(1);
  });

  it("returns the vendors that do not fit, with the reason", () => {
    const monday = { ...window, end: berlin(4, "00:00") };
    const result = autoSchedule(request({ vendorIds: ["a", "b", "c", "d", "e"], window: monday }));
    expect(result.slots.map((proposed) => proposed.vendorId)).toEqual(["a", "b", "c"]);
    expect(result.unplaced).toEqual([
      { vendorId: "d", reason: { kind: "NO_FREE_TIME", blockedBy: [] } },
      { vendorId: "e", reason: { kind: "NO_FREE_TIME", blockedBy: [] } },
    ]);
  });

  it("names the member whose absence alone blocks the remaining time", () => {
    const monday = { ...window, end: berlin(4, "00:00") };
    const result = autoSchedule(
      request({
        vendorIds: ["acme"],
        window: monday,
        unavailability: [away("cfo", 3, "08:00", "18:00"), away("lead", 3, "09:00", "12:00")],
      }),
    );
    expect(result).toEqual({
      slots: [],
      unplaced: [{ vendorId: "acme", reason: { kind: "NO_FREE_TIME", blockedBy: ["cfo"] } }],
    });
  });

  it("says when an interview is longer than a business day", () => {
    expect(autoSchedule(request({ vendorIds: ["acme"], slotMinutes: 540 })).unplaced).toEqual([
      { vendorId: "acme", reason: { kind: "LONGER_THAN_BUSINESS_DAY", slotMinutes: 540, businessDayMinutes: 480 } },
    ]);
  });

  it("says when the window holds no business time", () => {
    const weekend = { ...window, start: berlin(8, "00:00"), end: berlin(10, "00:00") };
    expect(autoSchedule(request({ vendorIds: ["acme"], window: weekend })).unplaced).toEqual([
      { vendorId: "acme", reason: { kind: "NO_BUSINESS_TIME_IN_WINDOW" } },
    ]);
  });

  it("refuses an invalid request, listing every problem", () => {
    const result = autoSchedule(
      request({
        vendorIds: ["acme"],
        panelMemberIds: [],
        slotMinutes: 0,
        bufferMinutes: -5,
        stepMinutes: 0,
        window: { ...window, end: window.start, timeZone: "Mars/Olympus" },
      }),
    );
    expect(result.unplaced).toEqual([
      {
        vendorId: "acme",
        reason: {
          kind: "INVALID_REQUEST",
          problems: [
            "The interview length must be a positive whole number of minutes.",
            "The buffer must be a whole number of minutes, zero or more.",
            "The start-time grid must be a positive whole number of minutes.",
            "The interview window must end after it starts.",
            "Unknown time zone “Mars/Olympus”.",
            "Name at least one panel member.",
          ],
        },
      },
    ]);
    expect(
      autoSchedule(
        request({ window: { ...window, businessHours: { opens: "17:00", closes: "09:00", weekdays: [1] } } }),
      ).unplaced[0]?.reason,
    ).toEqual({ kind: "INVALID_REQUEST", problems: ["Business hours must close after they open."] });
  });

  it("is deterministic", () => {
    const unavailability = [away("cfo", 3, "10:00", "12:00"), away("lead", 4, "13:00", "15:00")];
    const vendorIds = ["v1", "v2", "v3", "v4", "v5", "v6", "v7"];
    expect(autoSchedule(request({ vendorIds, unavailability }))).toEqual(
      autoSchedule(request({ vendorIds, unavailability })),
    );
  });
});
