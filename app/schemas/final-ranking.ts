import * as z from "zod";
import { WEIGHT_TOLERANCE } from "~/domain/criteria";

/** The final-ranking page: the lead sets the weights, or tells the vendors where they stand. */
const weight = (label: string) =>
  z
    .string({ error: `The ${label} weight is required.` })
    .trim()
    .min(1, `The ${label} weight is required.`)
    .regex(/^\d{1,3}(\.\d{1,2})?$/, `The ${label} weight is a percentage from 0 to 100.`)
    .transform(Number)
    .refine((value) => value <= 100, `The ${label} weight is a percentage from 0 to 100.`);

export const finalWeightsSchema = z
  .object({
    intent: z.literal("set-weights"),
    WRITTEN: weight("written"),
    ORAL: weight("oral"),
    PRICE: weight("price"),
  })
  .refine((weights) => Math.abs(weights.WRITTEN + weights.ORAL + weights.PRICE - 100) <= WEIGHT_TOLERANCE, {
    message: "The three weights must add up to 100%.",
    path: ["form"],
  });

export const notifyOutcomesSchema = z.object({ intent: z.literal("notify-outcomes") });
