import * as z from "zod";
import { type PriceFormula, priceFormulaIssues } from "~/domain/price";
import { PRICE_FORMULA_KINDS, type PriceEvaluationSettings } from "~/domain/price-envelope";
import { formatScaled, MAX_TERM_MONTHS, PRICE_SCALE, parseDecimal, parseTermMonths } from "~/domain/pricing";

/**
 * The price formula form (the lead fixes it once) and the panel's price visibility toggle. The
 * formula's own rules (points above zero, factor above 1, ceiling above target) come from
 * domain/price, so the browser and the server refuse exactly the same formulas.
 */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalNumberText = z.preprocess(blankToUndefined, z.string().trim().max(40).optional());

function amount(text: string | undefined): number | null {
  const scaled = parseDecimal(text, PRICE_SCALE);
  return scaled === null ? null : Number(formatScaled(scaled, PRICE_SCALE));
}

function plainNumber(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,6}(\.\d{1,4})?$/.test(text)) return null;
  return Number(text);
}

export const priceFormulaSchema = z
  .object({
    intent: z.literal("fix"),
    kind: z.enum(PRICE_FORMULA_KINDS, { error: "Choose a formula." }),
    maxPoints: optionalNumberText,
    factor: optionalNumberText,
    targetPrice: optionalNumberText,
    ceilingPrice: optionalNumberText,
    termMonths: optionalNumberText,
  })
  .superRefine((values, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (parseTermMonths(values.termMonths) === null) {
      issue("termMonths", `Enter the contract term in whole months (1 to ${MAX_TERM_MONTHS}).`);
    }
    const maxPoints = plainNumber(values.maxPoints);
    if (maxPoints === null) issue("maxPoints", "Enter the points price is worth, e.g. 100.");
    if (values.kind === "LOGARITHMIC" && plainNumber(values.factor) === null) {
      issue("factor", "Enter the factor, e.g. 2 (a bid twice the lowest scores zero).");
    }
    if (values.kind === "BUDGET") {
      if (amount(values.targetPrice) === null) issue("targetPrice", "Enter the target price, e.g. 750000.");
      if (amount(values.ceilingPrice) === null) issue("ceilingPrice", "Enter the ceiling price, e.g. 900000.");
    }
    const formula = formulaOf(values);
    if (!formula) return;
    for (const problem of priceFormulaIssues(formula)) issue(problem.field, problem.message);
  })
  .transform((values): PriceEvaluationSettings => {
    const formula = formulaOf(values);
    const termMonths = parseTermMonths(values.termMonths);
    // superRefine has refused every value for which these are null.
    if (!formula || termMonths === null) throw new Error("unreachable: validated price formula");
    return { formula, termMonths };
  });
export type PriceFormulaInput = z.input<typeof priceFormulaSchema>;

function formulaOf(values: {
  kind: PriceFormula["kind"];
  maxPoints?: string;
  factor?: string;
  targetPrice?: string;
  ceilingPrice?: string;
}): PriceFormula | null {
  const maxPoints = plainNumber(values.maxPoints);
  if (maxPoints === null) return null;
  switch (values.kind) {
    case "RELATIVE":
    case "LINEAR":
      return { kind: values.kind, maxPoints };
    case "LOGARITHMIC": {
      const factor = plainNumber(values.factor);
      return factor === null ? null : { kind: "LOGARITHMIC", maxPoints, factor };
    }
    case "BUDGET": {
      const targetPrice = amount(values.targetPrice);
      const ceilingPrice = amount(values.ceilingPrice);
      return targetPrice === null || ceilingPrice === null
        ? null
        : { kind: "BUDGET", maxPoints, targetPrice, ceilingPrice };
    }
  }
}

export const priceVisibilitySchema = z.object({
  intent: z.literal("visibility"),
  visible: z.enum(["yes", "no"], { error: "Choose whether evaluators may see prices." }),
});
