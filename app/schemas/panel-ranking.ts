import * as z from "zod";
import { type FieldErrors, fieldErrorsFrom, formValues } from "~/utils/forms";
import { nestedFormValues } from "~/utils/nested-form";

/**
 * A panel member's ranking: a place number per interviewed vendor ("places.0.candidateId",
 * "places.0.place"); equal numbers are a tie. Without JavaScript the member types the numbers;
 * with it, the sortable list writes them. Whether every vendor is there exactly once, and the
 * numbers run from 1 to the number of vendors, is checked against the RFP (domain/panel-rankings).
 */
export const MAX_RANKED_VENDORS = 50;

export const RANKING_INTENTS = ["save", "submit"] as const;

export const panelRankingSchema = z.object({
  intent: z.enum(RANKING_INTENTS, { error: "Unknown action." }),
  places: z
    .array(
      z.object({
        candidateId: z.string().trim().min(1).max(64),
        place: z
          .string({ error: "Give this vendor a place." })
          .trim()
          .regex(/^\d{1,2}$/, "Give this vendor a place as a whole number (1 = best).")
          .transform(Number),
      }),
    )
    .min(1, "There are no vendors to rank.")
    .max(MAX_RANKED_VENDORS),
});

export type PanelRankingFormResult =
  | { success: true; data: z.output<typeof panelRankingSchema>; values: Record<string, string> }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

export function parsePanelRankingForm(formData: FormData): PanelRankingFormResult {
  const values = formValues(formData);
  const result = panelRankingSchema.safeParse(nestedFormValues(formData));
  if (result.success) return { success: true, data: result.data, values };
  return { success: false, fieldErrors: fieldErrorsFrom(result.error), values };
}
