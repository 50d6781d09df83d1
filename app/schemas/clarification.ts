import * as z from "zod";
import { requiredText } from "~/utils/forms";

/** The answer form: the question as vendors will read it (anonymized) and the answer. */
export const answerFormSchema = z.object({
  questionId: z.string().min(1).max(64),
  publishedQuestion: requiredText("The question as published", 4000),
  answer: requiredText("Answer", 8000),
  /** Ticked when a flagged name is not about the vendor who asked. */
  allowMention: z.literal("on").optional(),
});

/** "Save answer" keeps it private; "Publish" numbers it and sends it to every vendor. */
export const questionActionSchema = z.discriminatedUnion(
  "intent",
  [answerFormSchema.extend({ intent: z.literal("answer") }), answerFormSchema.extend({ intent: z.literal("publish") })],
  { error: "Unknown action." },
);
