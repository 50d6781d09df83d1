import * as z from "zod";
import { optionalText, requiredText } from "~/utils/forms";

/** The vendor portal's small forms (the proposal builder has its own file). */
const id = z.string({ error: "Reload the page and try again." }).trim().min(1).max(64);

export const intentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("bid") }),
    z.object({
      intent: z.literal("decline"),
      reason: requiredText("A reason", 2000).min(
        5,
        "Tell the buyer briefly why (at least 5 characters); it helps them plan future tenders.",
      ),
    }),
  ],
  { error: "Unknown action." },
);
export const declineSchema = intentSchema.options[1];

export const acknowledgeSchema = z.object({
  intent: z.literal("acknowledge", { error: "Unknown action." }),
  addendumId: id,
  acknowledgedBy: requiredText("Your name", 120).min(2, "Type your full name to acknowledge."),
});

export const questionSchema = z.object({
  intent: z.literal("ask", { error: "Unknown action." }),
  sectionId: optionalText(64),
  question: requiredText("Your question", 4000).min(10, "Write the question in at least 10 characters."),
});

export const deleteAttachmentSchema = z.object({
  intent: z.literal("delete", { error: "Unknown action." }),
  attachmentId: id,
});
