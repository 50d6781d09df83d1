/** Reference data for RFPs: categories of outsourcing and the currencies budgets are set in. */
export const RFP_CATEGORIES = [
  "Managed IT services",
  "Contact centre",
  "Facilities management",
  "Logistics",
  "Finance & accounting",
  "HR & payroll",
  "Software development",
  "Professional services",
  "Other",
] as const;
export type RfpCategory = (typeof RFP_CATEGORIES)[number];

export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY", "INR"] as const;

/** "RFP-2027-004": the year it was created and its number within that year. */
export function formatRfpReference(year: number, sequence: number) {
  return `RFP-${year}-${String(sequence).padStart(3, "0")}`;
}
