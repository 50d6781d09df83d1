import * as z from "zod";
import { CURRENCIES, RFP_CATEGORIES } from "~/domain/rfp";
import { TIMELINE_FIELDS, type Timeline, type TimelineKey, timelineOrderIssues } from "~/domain/timeline";
import { RFP_STAGES } from "~/domain/workflow";
import { isValidTimeZone, zonedLocalToUtc } from "~/utils/dates";
import { optionalText, requiredText } from "~/utils/forms";

const localDateTime = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time.")
    .optional(),
);

// Spaces, apostrophes and commas are accepted as thousands separators only when they separate
// groups of three digits, so a decimal comma ("12,5") is refused rather than read as 125.
const money = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return /^\d{1,3}([\s,'_]\d{3})+(\.\d{1,2})?$/.test(trimmed) ? trimmed.replace(/[\s,'_]/g, "") : trimmed;
  },
  z
    .string()
    .regex(/^\d{1,14}(\.\d{1,2})?$/, "Enter an amount such as 1250000 or 1 250 000.50 (decimal point, not comma).")
    .optional()
    .or(z.literal("").transform(() => undefined)),
);

const timelineShape = Object.fromEntries(TIMELINE_FIELDS.map((field) => [field.key, localDateTime])) as Record<
  TimelineKey,
  typeof localDateTime
>;

/** Wall-clock timeline values in `timeZone` → UTC instants (null where empty or invalid). */
export function timelineFromForm(values: Partial<Record<TimelineKey, string | undefined>>, timeZone: string): Timeline {
  return Object.fromEntries(
    TIMELINE_FIELDS.map((field) => {
      const local = values[field.key];
      return [field.key, local ? zonedLocalToUtc(local, timeZone) : null];
    }),
  ) as Timeline;
}

export const rfpDetailsSchema = z
  .object({
    title: requiredText("Title", 200),
    summary: requiredText("Summary", 4000),
    category: z.enum(RFP_CATEGORIES, { error: "Choose a category." }),
    budgetAmount: money,
    currency: z.enum(CURRENCIES, { error: "Choose a currency." }),
    timeZone: z.string().max(64).refine(isValidTimeZone, "Choose a time zone."),
    ...timelineShape,
  })
  .superRefine((values, ctx) => {
    if (!isValidTimeZone(values.timeZone)) return;
    const timeline = timelineFromForm(values, values.timeZone);
    for (const field of TIMELINE_FIELDS) {
      if (values[field.key] && !timeline[field.key]) {
        ctx.addIssue({ code: "custom", path: [field.key], message: "This date does not exist." });
      }
    }
    // The ordering rule itself lives in domain/timeline; the form only reports it per field.
    for (const issue of timelineOrderIssues(timeline)) {
      ctx.addIssue({ code: "custom", path: [issue.field], message: `${issue.message}.` });
    }
  });
export type RfpDetailsInput = z.output<typeof rfpDetailsSchema>;

export const rfpEditSchema = rfpDetailsSchema.and(z.object({ version: z.coerce.number().int().positive() }));

export const rfpTransitionSchema = z.object({
  intent: z.literal("transition"),
  to: z.enum(RFP_STAGES, { error: "Unknown stage." }),
  reason: optionalText(2000),
  version: z.coerce.number().int().positive(),
});
