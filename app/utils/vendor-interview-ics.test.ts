import { describe, expect, it } from "vitest";
import { vendorInterviewIcs } from "./vendor-interview-ics";

const event = {
  interviewId: "int_1",
  startsAt: new Date("2027-03-03T09:00:00Z"),
  endsAt: new Date("2027-03-03T10:30:00Z"),
  mode: "VIRTUAL" as const,
  location: "",
  meetingLink: "https://meet.example/abc",
  buyer: "Northwind Logistics",
  rfp: { reference: "RFP-2027-003", title: "Contact centre" },
  agenda: [
    { title: "Introductions", startsAt: new Date("2027-03-03T09:00:00Z"), endsAt: new Date("2027-03-03T09:10:00Z") },
    { title: "Demo", startsAt: new Date("2027-03-03T09:10:00Z"), endsAt: new Date("2027-03-03T10:30:00Z") },
  ],
  questionCount: 4,
};

/** Unfold RFC 5545 continuation lines (CRLF + space) so assertions read whole properties. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("vendorInterviewIcs", () => {
  it("builds one UTC event with a stable UID, the link, and the agenda in the RFP's time zone", () => {
    const ics = unfold(vendorInterviewIcs(event, { timeZone: "Europe/Berlin", host: "shortlist.example" }));
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain("UID:interview-int_1@shortlist.example");
    expect(ics).toContain("DTSTART:20270303T090000Z");
    expect(ics).toContain("DTEND:20270303T103000Z");
    expect(ics).toContain("SUMMARY:Interview: Contact centre (RFP-2027-003)");
    expect(ics).toContain("LOCATION:https://meet.example/abc");
    expect(ics).toContain("URL:https://meet.example/abc");
    expect(ics).toContain("10:00–10:10 Introductions");
    expect(ics).toContain("4 advance questions");
  });

  it("uses the address in person, and never turns a non-web meeting text into a URL", () => {
    const inPerson = unfold(
      vendorInterviewIcs(
        { ...event, mode: "IN_PERSON", location: "Northwind HQ, Hamburg", meetingLink: "" },
        { timeZone: "Europe/Berlin", host: "h" },
      ),
    );
    expect(inPerson).toContain("LOCATION:Northwind HQ\\, Hamburg");
    expect(inPerson).not.toContain("URL:");
    const odd = unfold(
      vendorInterviewIcs({ ...event, meetingLink: "javascript:alert(1)" }, { timeZone: "Europe/Berlin", host: "h" }),
    );
    expect(odd).not.toContain("URL:");
  });
});
