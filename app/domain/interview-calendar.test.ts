import { describe, expect, it } from "vitest";
import {
  formatTimeRange,
  type InterviewCalendarData,
  panelMemberEvents,
  timedAgenda,
  vendorEvent,
  wallClock,
} from "./interview-calendar";

// 3 May 2027 is a Monday; Berlin is UTC+2 then.
const start = new Date("2027-05-03T10:00:00+02:00");
const data: InterviewCalendarData = {
  interviewId: "int1",
  rfpReference: "RFP-2027-003",
  rfpTitle: "Contact centre",
  vendorName: "Fabrikam Inc",
  timeZone: "Europe/Berlin",
  start,
  end: new Date("2027-05-03T11:30:00+02:00"),
  mode: "IN_PERSON",
  location: "Head office, room 4.12",
  meetingLink: "",
  version: 3,
  agenda: [
    { title: "Introductions", minutes: 10, ownerName: "Lena Lead" },
    { title: "Vendor presentation", minutes: 30, ownerName: null },
    { title: "Q&A: System integration", minutes: 15, ownerName: "Lena Lead" },
    { title: "Q&A: Branding", minutes: 15, ownerName: "Lena Lead" },
    { title: "Demonstration", minutes: 10, ownerName: null },
    { title: "Q&A: Quality control", minutes: 10, ownerName: "Dana Panel" },
  ],
  organizer: { name: "Lena Lead", email: "lena@buyer.example" },
};

describe("time formatting", () => {
  it("gives wall-clock times and ranges in the RFP's time zone", () => {
    expect(wallClock(start, "Europe/Berlin")).toBe("10:00");
    expect(wallClock(start, "America/New_York")).toBe("04:00");
    expect(formatTimeRange({ start, end: data.end }, "Europe/Berlin")).toBe("Mon, 3 May 2027, 10:00–11:30 CEST");
  });

  it("lays the agenda on the clock", () => {
    const timed = timedAgenda(data.agenda, start);
    expect(timed.map((item) => wallClock(item.start, "Europe/Berlin"))).toEqual([
      "10:00",
      "10:10",
      "10:40",
      "10:55",
      "11:10",
      "11:20",
    ]);
    expect(timed.at(-1)?.end).toEqual(data.end);
  });
});

describe("panelMemberEvents", () => {
  it("gives a core panel member one entry for the whole interview with the agenda", () => {
    const events = panelMemberEvents(data, {
      memberId: "m1",
      name: "Dana Panel",
      email: "dana@buyer.example",
      whole: true,
      itemIndexes: [0, 1, 2, 3, 4, 5],
    });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      uid: "int1-m1@shortlist",
      start,
      end: data.end,
      title: "Interview: Fabrikam Inc (RFP-2027-003)",
      location: "Head office, room 4.12",
      url: null,
      sequence: 3,
      attendees: [{ name: "Dana Panel", email: "dana@buyer.example" }],
    });
    expect(event?.description).toContain("Panel member: the whole interview.");
    expect(event?.description).toContain("10:10–10:40 Vendor presentation (30 min, the vendor)");
  });

  it("gives an expert one entry per stretch of their items, saying which items", () => {
    const events = panelMemberEvents(data, {
      memberId: "m2",
      name: "Sam Expert",
      email: "sam@buyer.example",
      whole: false,
      itemIndexes: [2, 3, 5],
    });
    expect(events.map((event) => [event.start, event.end])).toEqual([
      [new Date("2027-05-03T10:40:00+02:00"), new Date("2027-05-03T11:10:00+02:00")],
      [new Date("2027-05-03T11:20:00+02:00"), new Date("2027-05-03T11:30:00+02:00")],
    ]);
    expect(events[0]?.title).toBe("Interview: Fabrikam Inc (RFP-2027-003) — Q&A: System integration, Q&A: Branding");
    expect(events[0]?.description).toContain(
      "Subject-matter expert: invited only for Q&A: System integration; Q&A: Branding; Q&A: Quality control.",
    );
    expect(events[1]?.description).toContain("This entry: Q&A: Quality control.");
    expect(events[1]?.description).not.toContain("Vendor presentation");
    expect(new Set(events.map((event) => event.uid)).size).toBe(2);
  });

  it("gives an expert invited to nothing no entry", () => {
    expect(
      panelMemberEvents(data, { memberId: "m3", name: "X", email: "x@y.example", whole: false, itemIndexes: [] }),
    ).toEqual([]);
  });
});

describe("vendorEvent", () => {
  it("gives the vendor contact the whole interview, its agenda and what to do, with the meeting link when virtual", () => {
    const event = vendorEvent(
      { ...data, mode: "VIRTUAL", meetingLink: "https://meet.example/abc" },
      { name: "Pat Bidder", email: "pat@fabrikam.example" },
    );
    expect(event).toMatchObject({
      uid: "int1-vendor@shortlist",
      title: "Oral interview: RFP-2027-003 Contact centre",
      location: "https://meet.example/abc",
      url: "https://meet.example/abc",
      attendees: [{ name: "Pat Bidder", email: "pat@fabrikam.example" }],
    });
    expect(event.description).toContain("Online: https://meet.example/abc");
    expect(event.description).toContain("10:10–10:40 Vendor presentation (30 min, your team)");
    expect(event.description).toContain("10:00–10:10 Introductions (10 min, the panel)");
    expect(event.description).toContain("confirm your attendance");
  });
});
