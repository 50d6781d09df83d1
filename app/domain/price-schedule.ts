/**
 * A vendor's price schedule: one-time lines and recurring (monthly) lines. The total cost of
 * ownership over the term is what gets compared: one-time costs plus every month of the term.
 * Amounts arrive as decimal strings (database decimals) and are summed in whole cents, so no
 * binary rounding creeps into a contract figure.
 */
export type PriceLineInput = {
  description: string;
  kind: "ONE_TIME" | "RECURRING";
  unit: string;
  quantity: string | number;
  unitPrice: string | number;
};

export type PricedLine<T extends PriceLineInput = PriceLineInput> = T & {
  /** quantity × unit price, once (ONE_TIME) or per month (RECURRING), as a decimal string. */
  lineTotal: string;
};

export type PriceScheduleTotals<T extends PriceLineInput = PriceLineInput> = {
  lines: PricedLine<T>[];
  oneTime: string;
  monthly: string;
  /** Months the recurring lines are paid for; null when the vendor named no term. */
  termMonths: number | null;
  /** oneTime + monthly × termMonths; null without a term (it cannot be compared then). */
  totalCostOfOwnership: string | null;
};

/** Decimal text → an exact count of thousandths of a cent (quantity has 3 decimals, price 2). */
function toScaled(value: string | number, decimals: number): bigint {
  const text = String(value).trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const [, sign, whole, fraction = ""] = match;
  const digits = BigInt(`${whole}${fraction.padEnd(decimals, "0").slice(0, decimals)}`);
  return sign ? -digits : digits;
}

/** Cents (bigint) rounded half away from zero from a value scaled by 10^(2 + extra). */
function roundToCents(value: bigint, extraDecimals: number) {
  const factor = 10n ** BigInt(extraDecimals);
  const half = factor / 2n;
  return value >= 0n ? (value + half) / factor : -((-value + half) / factor);
}

function centsToText(cents: bigint) {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const whole = absolute / 100n;
  const fraction = String(absolute % 100n).padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export function priceScheduleTotals<T extends PriceLineInput>(
  lines: T[],
  termMonths: number | null,
): PriceScheduleTotals<T> {
  let oneTime = 0n;
  let monthly = 0n;
  const priced = lines.map((line) => {
    // quantity (3 decimals) × price (2 decimals) = 5 decimals; rounded to cents per line, as invoiced.
    const cents = roundToCents(toScaled(line.quantity, 3) * toScaled(line.unitPrice, 2), 3);
    if (line.kind === "ONE_TIME") oneTime += cents;
    else monthly += cents;
    return { ...line, lineTotal: centsToText(cents) };
  });
  const term = termMonths && termMonths > 0 ? termMonths : null;
  return {
    lines: priced,
    oneTime: centsToText(oneTime),
    monthly: centsToText(monthly),
    termMonths: term,
    totalCostOfOwnership: term === null ? null : centsToText(oneTime + monthly * BigInt(term)),
  };
}
