import * as z from "zod";
import { CONFLICT_DECISIONS, conflictDescriptionProblem, decisionNoteProblem } from "~/domain/conflict";

/**
 * The declaration form posts, per vendor, a radio group `conflict:<invitationId>` (NONE or
 * CONFLICT) and a description `description:<invitationId>`. Built from the vendors the member
 * must declare for, in the browser from the loader and on the server from the database.
 */
export const declarationField = (invitationId: string) => `conflict:${invitationId}`;
export const descriptionField = (invitationId: string) => `description:${invitationId}`;

const FIELD_KEY = /^(conflict|description):([A-Za-z0-9_-]{1,64})$/;
const MISMATCH = "The list of vendors changed. Reload the page.";

export type DeclarationInput = { invitationId: string; hasConflict: boolean; description: string };

export function declarationSchema(invitationIds: readonly string[]) {
  const known = new Set(invitationIds);
  return z
    .object({ intent: z.literal("declare", { error: "Unknown action." }) })
    .catchall(z.string().nullable())
    .superRefine((values, ctx) => {
      for (const key of Object.keys(values)) {
        if (key === "intent") continue;
        const match = FIELD_KEY.exec(key);
        if (!match?.[2] || !known.has(match[2])) {
          ctx.addIssue({ code: "custom", path: ["form"], message: MISMATCH });
          return;
        }
      }
      for (const invitationId of invitationIds) {
        const answer = values[declarationField(invitationId)];
        if (answer !== "NONE" && answer !== "CONFLICT") {
          ctx.addIssue({
            code: "custom",
            path: [declarationField(invitationId)],
            message: "Declare “no conflict” or a conflict for this vendor.",
          });
          continue;
        }
        const problem = conflictDescriptionProblem(answer === "CONFLICT", values[descriptionField(invitationId)] ?? "");
        if (problem) ctx.addIssue({ code: "custom", path: [descriptionField(invitationId)], message: problem });
      }
    })
    .transform((values): DeclarationInput[] =>
      invitationIds.map((invitationId) => {
        const hasConflict = values[declarationField(invitationId)] === "CONFLICT";
        return {
          invitationId,
          hasConflict,
          description: hasConflict ? (values[descriptionField(invitationId)] ?? "").trim() : "",
        };
      }),
    );
}

/** The lead's decision on one declared conflict. */
export const decideConflictSchema = z
  .object({
    intent: z.literal("decide"),
    declarationId: z.string().min(1).max(64),
    decision: z.enum(CONFLICT_DECISIONS, { error: "Choose a decision." }),
    note: z.string().max(4000).default(""),
  })
  .superRefine((values, ctx) => {
    const problem = decisionNoteProblem(values.decision, values.note);
    if (problem) ctx.addIssue({ code: "custom", path: ["note"], message: problem });
  })
  .transform((values) => ({ ...values, note: values.note.trim() }));
