import { TZDate } from "@date-fns/tz";

/**
 * Dates cross three worlds: the form (a wall-clock "2027-03-01T17:00" in the RFP's time zone),
 * the database (a UTC instant) and the screen (the reader's locale, still in the RFP's zone,
 * because a deadline is a moment where the buyer is). These helpers run on server and client.
 */
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Building an Intl formatter costs far more than using one (a page of dates built dozens per
 * request), so they are kept per locale + options. Locales and zones come from a small validated
 * set; the bound only guards against the unexpected.
 */
const FORMATTER_LIMIT = 500;
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  create: () => T,
): T {
  const known = formatters.get(key);
  if (known) return known as T;
  if (formatters.size >= FORMATTER_LIMIT) formatters.clear();
  const created = create();
  formatters.set(key, created);
  return created;
}
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  return formatter(`dt|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function isValidTimeZone(timeZone: string) {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function timeZoneOptions(): string[] {
  const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return supported.includes("UTC") ? supported : ["UTC", ...supported];
}

/** "2027-03-01T17:00" in `timeZone` → the UTC instant, or null if the text is not such a value. */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const match = LOCAL_DATETIME.exec(local);
  if (!match || !isValidTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const zoned = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
  // Reject dates that rolled over (31 February would become 3 March). A wall-clock time inside
  // a daylight-saving gap moves forward by the gap, which is what people mean by it.
  if (zoned.getFullYear() !== year || zoned.getMonth() !== month - 1 || zoned.getDate() !== day) return null;
  // A wall-clock time that occurs twice (clocks going back) means its first occurrence, in every
  // zone: the earlier, stricter deadline. (The library alone picks differently east and west of UTC.)
  for (const hours of [1, 2]) {
    const earlier = new Date(zoned.getTime() - hours * 3_600_000);
    if (utcToZonedLocal(earlier, timeZone) === local) return earlier;
  }
  return new Date(zoned.getTime());
}

/** The UTC instant as a wall-clock "YYYY-MM-DDTHH:mm" in `timeZone` (for datetime-local inputs). */
export function utcToZonedLocal(instant: Date | string | null | undefined, timeZone: string): string {
  if (!instant) return "";
  const zoned = new TZDate(new Date(instant).getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}T${pad(zoned.getHours())}:${pad(zoned.getMinutes())}`;
}

export function formatDateTime(instant: Date | string, options: { timeZone: string; locale?: string }) {
  return dateTimeFormat(options.locale ?? "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: options.timeZone,
    timeZoneName: "short",
  }).format(new Date(instant));
}

export function formatDate(instant: Date | string, options: { timeZone: string; locale?: string }) {
  return dateTimeFormat(options.locale ?? "en-GB", { dateStyle: "medium", timeZone: options.timeZone }).format(
    new Date(instant),
  );
}

/** "in 3 days" / "2 hours ago", for deadlines on dashboards. */
export function formatRelative(instant: Date | string, now: Date, locale = "en-GB") {
  const diffMs = new Date(instant).getTime() - now.getTime();
  const format = formatter(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  // Round halves away from zero, so 90 minutes ago and ahead read alike.
  const round = (value: number) => Math.sign(value) * Math.round(Math.abs(value));
  const minutes = round(diffMs / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = round(diffMs / 3_600_000);
  if (Math.abs(hours) < 48) return format.format(hours, "hour");
  return format.format(round(diffMs / 86_400_000), "day");
}

/** Money with its currency; cents only when there are any. */
export function formatMoney(amount: string | number | null | undefined, currency: string, locale = "en-GB") {
  if (amount === null || amount === undefined || amount === "") return "—";
  const value = Number(amount);
  if (!Number.isFinite(value)) return "—";
  const fractionDigits = Number.isInteger(value) ? 0 : 2;
  return formatter(
    `money|${locale}|${currency}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value);
}

/** "11:30 CET": a time of day in the RFP's zone (interview slots, debriefs). */
export function timeOfDay(instant: Date | string, options: { timeZone: string; locale?: string }) {
  return dateTimeFormat(options.locale ?? "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: options.timeZone,
    timeZoneName: "short",
  }).format(new Date(instant));
}
