import * as z from "zod";
import { RESULT_METHODS, type ResultMethod } from "~/domain/evaluation-results";
import { EXPORT_VIEWS } from "~/domain/results-export";

/**
 * Query strings of the results, sensitivity and export pages. These are GET forms (reading, never
 * changing anything), so they work without JavaScript and their URLs can be shared; a value out
 * of range is a field error next to the input, and the page shows the defaults meanwhile.
 */
export function resultMethodOf(url: URL): ResultMethod {
  const parsed = z.enum(RESULT_METHODS).safeParse(url.searchParams.get("method"));
  return parsed.success ? parsed.data : "raw";
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const numberField = (label: string, min: number, max: number, integer: boolean) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label} must be a number.` })
      .refine((value) => Number.isFinite(value) && value >= min && value <= max, {
        message: `${label} must be between ${min} and ${max}.`,
      })
      .refine((value) => !integer || Number.isInteger(value), { message: `${label} must be a whole number.` })
      .optional(),
  );

export const MAX_DRAWS = 50_000;

export const monteCarloSchema = z.object({
  spread: numberField("The spread", 0, 100, false),
  draws: numberField("The number of draws", 100, MAX_DRAWS, true),
  topN: numberField("Top N", 1, 50, true),
});
export type MonteCarloQuery = { spreadPercent: number; draws: number; topN: number };

export const WEIGHT_PREFIX = "weight-";

const weightSchema = numberField("A weight", 0, 100, false);

/** Top-level weights typed into the what-if form (`weight-<criterion id>`, percent; renormalised later). */
export function weightsFrom(params: URLSearchParams) {
  const weights: Record<string, number> = {};
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!key.startsWith(WEIGHT_PREFIX)) continue;
    const parsed = weightSchema.safeParse(value);
    if (!parsed.success) fieldErrors[key] = parsed.error.issues[0]?.message ?? "Enter a weight between 0 and 100.";
    else if (parsed.data !== undefined) weights[key.slice(WEIGHT_PREFIX.length)] = parsed.data;
  }
  return { weights, fieldErrors };
}

export const exportViewSchema = z.enum(EXPORT_VIEWS, { error: "Choose a view to export." });
