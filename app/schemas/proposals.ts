import * as z from "zod";

/** "Open proposals": the PUBLISHED → EVALUATION move, based on the RFP version the page showed. */
export const openProposalsSchema = z.object({
  intent: z.literal("open"),
  version: z.coerce.number().int().positive(),
});
