/**
 * The price schedule of a proposal and its total cost of ownership over the contract term:
 * one-time lines once, recurring (monthly) lines for every month of the term. Amounts are exact
 * decimals, computed in integer hundredths (BigInt) so sums never drift the way floats do.
 * Runs in the browser (live total while typing) and on the server (what is stored and audited).
 */
export const PRICE_KINDS = ["ONE_TIME", "RECURRING"] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

export const PRICE_KIND_INFO: Record<PriceKind, { label: string; short: string }> = {
  ONE_TIME: { label: "One-time", short: "once" },
  RECURRING: { label: "Recurring, per month", short: "per month" },
};

/** Decimal places kept: quantities to thousandths (e.g. 2.5 FTE, 0.125 days), prices to cents. */
export const QUANTITY_SCALE = 3;
export const PRICE_SCALE = 2;
export const MAX_TERM_MONTHS = 600;

const ZERO = BigInt(0);
const TEN = BigInt(10);

/**
 * "1 250.50" → 125050n at scale 2. Spaces, commas, apostrophes and underscores are accepted as
 * thousands separators only between groups of three digits, so a decimal comma ("12,5") is not
 * silently read as 125. Negative amounts and more decimals than the scale are refused (null);
 * an empty value is null too — callers decide whether that means zero or "missing".
 */
export function parseDecimal(value: string | number | null | undefined, scale: number): bigint | null {
  if (value === null || value === undefined) return null;
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  if (/^\d{1,3}([\s,'_]\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/[\s,'_]/g, "");
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > scale) return null;
  return BigInt(whole) * TEN ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
}

/** 125050n at scale 2 → "1250.50". */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < ZERO;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

export type PriceLineValues = {
  kind?: string | null;
  description?: string | null;
  unit?: string | null;
  quantity?: string | number | null;
  unitPrice?: string | number | null;
};

/** A row the vendor has not started (only the preset kind): ignored everywhere. */
export function isBlankPriceLine(line: PriceLineValues) {
  const empty = (value: string | number | null | undefined) =>
    value === null || value === undefined || `${value}`.trim() === "";
  return empty(line.description) && empty(line.unit) && empty(line.quantity) && empty(line.unitPrice);
}

/** quantity × unit price in cents, rounded half up; null when either is missing or not a number. */
export function lineAmountCents(line: PriceLineValues): bigint | null {
  const quantity = parseDecimal(line.quantity, QUANTITY_SCALE);
  const unitPrice = parseDecimal(line.unitPrice, PRICE_SCALE);
  if (quantity === null || unitPrice === null) return null;
  const divisor = TEN ** BigInt(QUANTITY_SCALE);
  return (quantity * unitPrice + divisor / BigInt(2)) / divisor;
}

/** The line's amount as a decimal string ("1250.50"), or null when it cannot be computed yet. */
export function lineAmount(line: PriceLineValues): string | null {
  const cents = lineAmountCents(line);
  return cents === null ? null : formatScaled(cents, PRICE_SCALE);
}

/** A term in whole months between 1 and MAX_TERM_MONTHS, or null. */
export function parseTermMonths(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = `${value}`.trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const months = Number(text);
  return months >= 1 && months <= MAX_TERM_MONTHS ? months : null;
}

export type CostOfOwnership = {
  /** Sum of one-time lines. */
  oneTime: string;
  /** Sum of recurring lines: the monthly charge. */
  monthly: string;
  /** The monthly charge × the term (zero while the term is missing). */
  recurringOverTerm: string;
  /** oneTime + recurringOverTerm. */
  total: string;
  termMonths: number | null;
  /** Started lines whose quantity or unit price is missing or not a number (counted as zero). */
  incompleteLines: number;
  /** Recurring charges exist but there is no term to multiply them by. */
  termMissing: boolean;
};

/** Total cost of ownership = one-time + recurring per month × months of the term. */
export function totalCostOfOwnership(
  lines: readonly PriceLineValues[],
  termMonthsValue: string | number | null | undefined,
): CostOfOwnership {
  let oneTime = ZERO;
  let monthly = ZERO;
  let incompleteLines = 0;
  let hasRecurring = false;
  for (const line of lines) {
    if (isBlankPriceLine(line)) continue;
    const amount = lineAmountCents(line);
    if (amount === null) incompleteLines++;
    if (line.kind === "RECURRING") {
      hasRecurring = true;
      monthly += amount ?? ZERO;
    } else if (line.kind === "ONE_TIME") {
      oneTime += amount ?? ZERO;
    } else {
      incompleteLines += amount === null ? 0 : 1;
    }
  }
  const termMonths = parseTermMonths(termMonthsValue);
  const recurringOverTerm = monthly * BigInt(termMonths ?? 0);
  return {
    oneTime: formatScaled(oneTime, PRICE_SCALE),
    monthly: formatScaled(monthly, PRICE_SCALE),
    recurringOverTerm: formatScaled(recurringOverTerm, PRICE_SCALE),
    total: formatScaled(oneTime + recurringOverTerm, PRICE_SCALE),
    termMonths,
    incompleteLines,
    termMissing: hasRecurring && termMonths === null,
  };
}
