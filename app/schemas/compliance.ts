import * as z from "zod";
import { requiredText } from "~/utils/forms";

/**
 * The screening matrix posts one radio group and one note per cell, named
 * `decision:<proposalId>:<requirementId>` and `note:<proposalId>:<requirementId>`.
 */
export const decisionField = (proposalId: string, requirementId: string) => `decision:${proposalId}:${requirementId}`;
export const noteField = (proposalId: string, requirementId: string) => `note:${proposalId}:${requirementId}`;

const CELL_KEY = /^(decision|note):([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{1,64})$/;
export const NOTE_MAX = 1000;

export const screeningSchema = z
  .object({ intent: z.literal("screen") })
  .catchall(z.string().max(NOTE_MAX, `Notes are at most ${NOTE_MAX} characters.`))
  .superRefine((values, ctx) => {
    for (const [key, value] of Object.entries(values)) {
      if (key === "intent") continue;
      const match = CELL_KEY.exec(key);
      if (!match)
        ctx.addIssue({
          code: "custom",
          path: ["form"],
          message: "The form does not match the matrix. Reload the page.",
        });
      else if (match[1] === "decision" && value !== "PASS" && value !== "FAIL") {
        ctx.addIssue({ code: "custom", path: [key], message: "Choose pass or fail." });
      } else if (match[1] === "note" && value.trim() && !values[`decision:${match[2]}:${match[3]}`]) {
        ctx.addIssue({ code: "custom", path: [key], message: "Choose pass or fail for this note." });
      }
    }
  })
  .transform((values) =>
    Object.entries(values).flatMap(([key, value]) => {
      const match = CELL_KEY.exec(key);
      if (match?.[1] !== "decision" || !match[2] || !match[3]) return [];
      return [
        {
          proposalId: match[2],
          requirementId: match[3],
          decision: value as "PASS" | "FAIL",
          note: (values[noteField(match[2], match[3])] ?? "").trim(),
        },
      ];
    }),
  );

export const disqualifySchema = z.object({
  intent: z.literal("disqualify"),
  invitationId: z
    .string({ error: "Choose the vendor to disqualify." })
    .min(1, "Choose the vendor to disqualify.")
    .max(64),
  reason: requiredText("Reason", 2000).min(20, "Explain the reason (at least 20 characters); the vendor will read it."),
});
