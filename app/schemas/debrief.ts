import * as z from "zod";
import type { DebriefDraft } from "~/domain/debrief";
import { type FieldErrors, fieldErrorsFrom, formValues } from "~/utils/forms";
import { nestedFormValues } from "~/utils/nested-form";

/**
 * The debrief forms. A member's view is one form with nested oral scores
 * ("oralScores.1.value"), autosaved as a draft; drafts may be incomplete, formats must be right.
 * What a submitted view must contain is checked by domain/debrief (debriefIssues).
 */
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    .default("");

/** "" → null; otherwise a whole number from `min` to `max`. */
const optionalWhole = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine(
      (value) => value === "" || (/^\d{1,3}$/.test(value) && Number(value) >= min && Number(value) <= max),
      message,
    )
    .transform((value) => (value === "" ? null : Number(value)));

export const MAX_PLACE = 100;

export const debriefDraftSchema = z.object({
  strengths: text(5000, "Strengths"),
  concerns: text(5000, "Concerns"),
  confidence: optionalWhole(1, 5, "Choose a confidence from 1 to 5."),
  placeSoFar: optionalWhole(1, MAX_PLACE, "Choose a place among the vendors interviewed so far."),
  oralScores: z
    .array(
      z.object({
        criterionId: z.string().trim().min(1).max(64),
        value: optionalWhole(0, 100, "Choose a score on the scale."),
        comment: text(2000, "The comment"),
      }),
    )
    .max(50)
    .default([]),
}) satisfies z.ZodType<DebriefDraft, unknown>;

export const DEBRIEF_INTENTS = ["autosave", "save", "submit"] as const;

export const debriefFormSchema = debriefDraftSchema.extend({
  intent: z.enum(DEBRIEF_INTENTS, { error: "Unknown action." }),
  /** The version the form was loaded at; 0 before the first save. */
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(0),
});

export type DebriefFormResult =
  | { success: true; data: z.output<typeof debriefFormSchema>; values: Record<string, string> }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Server side of the debrief form: FormData → nested draft → the schema the browser used. */
export function parseDebriefForm(formData: FormData): DebriefFormResult {
  const values = formValues(formData);
  const result = debriefFormSchema.safeParse(nestedFormValues(formData));
  if (result.success) return { success: true, data: result.data, values };
  return { success: false, fieldErrors: fieldErrorsFrom(result.error), values };
}

export const ownerNotesSchema = z.object({
  intent: z.literal("owner-notes"),
  ownerNotes: text(20_000, "The notes"),
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(1),
});

export const remindSchema = z.object({
  intent: z.literal("remind"),
  /** One member, or everyone who has not submitted when empty. */
  memberId: z.string().trim().max(64).default(""),
});

/** The lead's forms on the debrief page (the member's view is parsed by parseDebriefForm). */
export const debriefLeadActionSchema = z.discriminatedUnion("intent", [ownerNotesSchema, remindSchema], {
  error: "Unknown action.",
});
