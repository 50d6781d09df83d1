import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatRelative,
  isValidTimeZone,
  timeZoneOptions,
  utcToZonedLocal,
  zonedLocalToUtc,
} from "./dates";

const iso = (local: string, timeZone: string) => zonedLocalToUtc(local, timeZone)?.toISOString() ?? null;

describe("isValidTimeZone", () => {
  it.each(["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney"])(
    "accepts %s",
    (timeZone) => {
      expect(isValidTimeZone(timeZone)).toBe(true);
    },
  );

  it.each(["", "Mars/Olympus", "Europe/Londres", "GMT+25", "not a zone"])("refuses %j", (timeZone) => {
    expect(isValidTimeZone(timeZone)).toBe(false);
  });
});

describe("timeZoneOptions", () => {
  it("always offers UTC and the IANA zones", () => {
    const options = timeZoneOptions();
    expect(options).toContain("UTC");
    expect(options).toContain("Europe/London");
    expect(options).toContain("America/New_York");
    expect(options.filter((zone) => zone === "UTC")).toHaveLength(1);
    expect(options.every(isValidTimeZone)).toBe(true);
  });
});

describe("zonedLocalToUtc", () => {
  it("reads wall-clock time in the given zone", () => {
    expect(iso("2027-03-01T17:00", "UTC")).toBe("2027-03-01T17:00:00.000Z");
    expect(iso("2027-03-01T17:00", "Europe/London")).toBe("2027-03-01T17:00:00.000Z");
    expect(iso("2027-07-01T17:00", "Europe/London")).toBe("2027-07-01T16:00:00.000Z");
    expect(iso("2027-03-01T17:00", "America/New_York")).toBe("2027-03-01T22:00:00.000Z");
    expect(iso("2027-07-01T17:00", "America/New_York")).toBe("2027-07-01T21:00:00.000Z");
    expect(iso("2027-03-01T17:00", "Asia/Kolkata")).toBe("2027-03-01T11:30:00.000Z");
    expect(iso("2027-03-01T17:45", "Asia/Kathmandu")).toBe("2027-03-01T12:00:00.000Z");
  });

  it("crosses the date line when the zone is far from UTC", () => {
    expect(iso("2027-03-01T09:00", "Asia/Tokyo")).toBe("2027-03-01T00:00:00.000Z");
    expect(iso("2027-03-01T08:00", "Asia/Tokyo")).toBe("2027-02-28T23:00:00.000Z");
    expect(iso("2027-12-31T20:00", "America/Los_Angeles")).toBe("2028-01-01T04:00:00.000Z");
  });

  it("accepts the edges of the day and leap days", () => {
    expect(iso("2027-03-01T00:00", "UTC")).toBe("2027-03-01T00:00:00.000Z");
    expect(iso("2027-03-01T23:59", "UTC")).toBe("2027-03-01T23:59:00.000Z");
    expect(iso("2028-02-29T10:00", "UTC")).toBe("2028-02-29T10:00:00.000Z");
    expect(iso("2027-12-31T23:59", "Europe/London")).toBe("2027-12-31T23:59:00.000Z");
  });

  it.each([
    "2027-02-31T10:00",
    "2027-02-29T10:00",
    "2027-04-31T10:00",
    "2027-06-31T10:00",
    "2027-13-01T10:00",
    "2027-00-10T10:00",
    "2027-03-00T10:00",
    "2027-03-32T10:00",
    "2027-03-01T24:00",
    "2027-03-01T23:60",
  ])("refuses the nonexistent %s", (local) => {
    expect(zonedLocalToUtc(local, "Europe/London")).toBeNull();
  });

  it.each([
    "",
    "2027-03-01",
    "2027-03-01 17:00",
    "2027-03-01T17:00:00",
    "2027-03-01T17:00Z",
    "2027-3-1T17:00",
    "01/03/2027 17:00",
    " 2027-03-01T17:00",
    "2027-03-01T17:00 ",
    "tomorrow",
  ])("refuses the malformed %j", (local) => {
    expect(zonedLocalToUtc(local, "Europe/London")).toBeNull();
  });

  it("refuses a bad time zone", () => {
    expect(zonedLocalToUtc("2027-03-01T17:00", "Mars/Olympus")).toBeNull();
    expect(zonedLocalToUtc("2027-03-01T17:00", "")).toBeNull();
  });

  describe("daylight-saving gap (spring forward)", () => {
    it("moves a skipped London time forward by the gap", () => {
      // 28 March 2027: clocks go from 01:00 GMT to 02:00 BST; 01:00–01:59 never happens.
      expect(iso("2027-03-28T00:59", "Europe/London")).toBe("2027-03-28T00:59:00.000Z");
      expect(iso("2027-03-28T01:00", "Europe/London")).toBe("2027-03-28T01:00:00.000Z");
      expect(iso("2027-03-28T01:30", "Europe/London")).toBe("2027-03-28T01:30:00.000Z");
      expect(iso("2027-03-28T02:00", "Europe/London")).toBe("2027-03-28T01:00:00.000Z");
      expect(utcToZonedLocal(zonedLocalToUtc("2027-03-28T01:30", "Europe/London"), "Europe/London")).toBe(
        "2027-03-28T02:30",
      );
    });

    it("moves a skipped New York time forward by the gap", () => {
      // 14 March 2027: clocks go from 02:00 EST to 03:00 EDT.
      expect(iso("2027-03-14T01:59", "America/New_York")).toBe("2027-03-14T06:59:00.000Z");
      expect(iso("2027-03-14T02:30", "America/New_York")).toBe("2027-03-14T07:30:00.000Z");
      expect(iso("2027-03-14T03:00", "America/New_York")).toBe("2027-03-14T07:00:00.000Z");
      expect(utcToZonedLocal(zonedLocalToUtc("2027-03-14T02:30", "America/New_York"), "America/New_York")).toBe(
        "2027-03-14T03:30",
      );
    });
  });

  describe("daylight-saving overlap (fall back)", () => {
    it("resolves a repeated London time to its first occurrence (BST)", () => {
      // 31 October 2027: 01:00–01:59 happens in BST (00:xx UTC) and again in GMT (01:xx UTC).
      const instant = zonedLocalToUtc("2027-10-31T01:30", "Europe/London");
      expect(instant?.toISOString()).toBe("2027-10-31T00:30:00.000Z");
      expect(utcToZonedLocal(instant, "Europe/London")).toBe("2027-10-31T01:30");
    });

    it("resolves a repeated New York time to its first occurrence (EDT)", () => {
      // 7 November 2027: 01:00–01:59 happens in EDT (05:xx UTC) and again in EST (06:xx UTC).
      const instant = zonedLocalToUtc("2027-11-07T01:30", "America/New_York");
      expect(instant?.toISOString()).toBe("2027-11-07T05:30:00.000Z");
      expect(utcToZonedLocal(instant, "America/New_York")).toBe("2027-11-07T01:30");
    });

    it("picks the first occurrence in Berlin and Sydney too (east of UTC)", () => {
      expect(iso("2027-10-31T02:30", "Europe/Berlin")).toBe("2027-10-31T00:30:00.000Z");
      expect(iso("2027-04-04T02:30", "Australia/Sydney")).toBe("2027-04-03T15:30:00.000Z");
    });

    it("reads the unambiguous minutes around the overlap exactly", () => {
      expect(iso("2027-10-31T00:59", "Europe/London")).toBe("2027-10-30T23:59:00.000Z");
      expect(iso("2027-10-31T02:00", "Europe/London")).toBe("2027-10-31T02:00:00.000Z");
      expect(iso("2027-11-07T00:59", "America/New_York")).toBe("2027-11-07T04:59:00.000Z");
      expect(iso("2027-11-07T02:00", "America/New_York")).toBe("2027-11-07T07:00:00.000Z");
    });
  });
});

describe("utcToZonedLocal", () => {
  it("shows an instant as wall-clock time in the zone", () => {
    expect(utcToZonedLocal(new Date("2027-03-01T17:00:00Z"), "Europe/London")).toBe("2027-03-01T17:00");
    expect(utcToZonedLocal(new Date("2027-07-01T16:00:00Z"), "Europe/London")).toBe("2027-07-01T17:00");
    expect(utcToZonedLocal(new Date("2027-03-01T12:00:00Z"), "Asia/Kathmandu")).toBe("2027-03-01T17:45");
    expect(utcToZonedLocal(new Date("2027-03-01T03:00:00Z"), "America/New_York")).toBe("2027-02-28T22:00");
  });

  it("accepts ISO strings, as loaders serialise dates", () => {
    expect(utcToZonedLocal("2027-03-01T17:00:00.000Z", "America/New_York")).toBe("2027-03-01T12:00");
  });

  it("shows both instants of a repeated hour as the same wall-clock time", () => {
    expect(utcToZonedLocal("2027-10-31T00:30:00Z", "Europe/London")).toBe("2027-10-31T01:30");
    expect(utcToZonedLocal("2027-10-31T01:30:00Z", "Europe/London")).toBe("2027-10-31T01:30");
  });

  it("returns an empty string for no date", () => {
    expect(utcToZonedLocal(null, "UTC")).toBe("");
    expect(utcToZonedLocal(undefined, "UTC")).toBe("");
    expect(utcToZonedLocal("", "UTC")).toBe("");
  });

  it.each([
    ["2027-03-01T17:00", "Europe/London"],
    ["2027-07-01T09:15", "Europe/London"],
    ["2027-11-07T03:00", "America/New_York"],
    ["2028-02-29T23:59", "Asia/Tokyo"],
    ["2027-01-01T00:00", "Australia/Sydney"],
    ["2027-06-15T12:30", "Asia/Kolkata"],
  ])("round-trips %s in %s", (local, timeZone) => {
    expect(utcToZonedLocal(zonedLocalToUtc(local, timeZone), timeZone)).toBe(local);
  });
});

describe("formatDateTime and formatDate", () => {
  it("shows the instant in the RFP's zone with the zone's abbreviation", () => {
    expect(formatDateTime("2027-03-01T17:00:00Z", { timeZone: "Europe/London" })).toBe("1 Mar 2027, 17:00 GMT");
    expect(formatDateTime(new Date("2027-07-01T17:00:00Z"), { timeZone: "Europe/London" })).toBe(
      "1 Jul 2027, 18:00 BST",
    );
  });

  it("shows the calendar day in the RFP's zone", () => {
    expect(formatDate("2027-03-01T23:30:00Z", { timeZone: "Asia/Tokyo" })).toBe("2 Mar 2027");
    expect(formatDate("2027-03-01T23:30:00Z", { timeZone: "UTC" })).toBe("1 Mar 2027");
  });
});

describe("formatMoney", () => {
  it("formats with the currency, in whole units unless there are cents", () => {
    expect(formatMoney(1250000, "USD")).toBe("US$1,250,000");
    expect(formatMoney("1250000", "EUR")).toBe("€1,250,000");
    expect(formatMoney("0", "GBP")).toBe("£0");
    expect(formatMoney(1234567, "JPY")).toBe("JP¥1,234,567");
    expect(formatMoney("1234.4", "EUR")).toBe("€1,234.40");
    expect(formatMoney("1250000.50", "EUR")).toBe("€1,250,000.50");
  });

  it("shows a dash for amounts that are not numbers", () => {
    expect(formatMoney("abc", "EUR")).toBe("—");
  });

  it("follows the locale's grouping", () => {
    expect(formatMoney(100000, "INR", "en-IN")).toBe("₹1,00,000");
    expect(formatMoney(1250000, "EUR", "de-DE")).toBe("1.250.000\u00a0€");
  });

  it("shows a dash when there is no amount", () => {
    expect(formatMoney(null, "EUR")).toBe("—");
    expect(formatMoney(undefined, "EUR")).toBe("—");
    expect(formatMoney("", "EUR")).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const inMs = (ms: number) => formatRelative(new Date(now.getTime() + ms), now);
  const minute = 60_000;
  const hour = 60 * minute;

  it("speaks in minutes under an hour", () => {
    expect(inMs(0)).toBe("this minute");
    expect(inMs(29_000)).toBe("this minute");
    expect(inMs(31_000)).toBe("in 1 minute");
    expect(inMs(-minute)).toBe("1 minute ago");
    expect(inMs(59 * minute)).toBe("in 59 minutes");
  });

  it("speaks in hours under two days", () => {
    expect(inMs(59.5 * minute)).toBe("in 1 hour");
    expect(inMs(-100 * minute)).toBe("2 hours ago");
    expect(inMs(-61 * minute)).toBe("1 hour ago");
    expect(inMs(24 * hour)).toBe("in 24 hours");
    expect(inMs(47 * hour)).toBe("in 47 hours");
  });

  it("speaks in days from two days on", () => {
    expect(inMs(48 * hour)).toBe("in 2 days");
    expect(inMs(-48 * hour)).toBe("2 days ago");
    expect(inMs(3 * 24 * hour)).toBe("in 3 days");
    expect(formatRelative("2027-03-31T12:00:00Z", now)).toBe("in 30 days");
  });

  it("uses the reader's locale", () => {
    expect(formatRelative("2027-03-04T12:00:00Z", now, "de-DE")).toBe("in 3 Tagen");
    expect(formatRelative("2027-03-01T10:00:00Z", now, "fr-FR")).toBe("il y a 2 heures");
  });
});

describe("formatter reuse", () => {
  it("keeps formatters apart by locale, zone, currency and precision", () => {
    const instant = "2027-03-01T16:00:00Z";
    const berlin = formatDateTime(instant, { timeZone: "Europe/Berlin" });
    const tokyo = formatDateTime(instant, { timeZone: "Asia/Tokyo" });
    expect(berlin).toContain("17:00");
    expect(tokyo).toContain("01:00");
    expect(formatDateTime(instant, { timeZone: "Europe/Berlin" })).toBe(berlin);
    expect(formatDateTime(instant, { timeZone: "Europe/Berlin", locale: "de-DE" })).not.toBe(berlin);
    expect(formatMoney(1200, "EUR")).toBe("€1,200");
    expect(formatMoney(1200.5, "EUR")).toBe("€1,200.50");
    expect(formatMoney(1200, "USD")).toBe("US$1,200");
    expect(formatRelative("2027-03-04T16:00:00Z", new Date(instant))).toBe("in 3 days");
    expect(formatRelative("2027-03-04T16:00:00Z", new Date(instant), "de-DE")).toBe("in 3 Tagen");
  });
});
