import * as z from "zod";
import { requiredText } from "~/utils/forms";

/** Forms of the interview question bank. */
const questionId = z.string({ error: "Missing question." }).trim().min(1, "Missing question.").max(64);
const questionFields = {
  category: requiredText("Category", 80),
  text: requiredText("Question", 1000),
};

export const addQuestionSchema = z.object({ intent: z.literal("add-question"), ...questionFields });
export const updateQuestionSchema = z.object({ intent: z.literal("update-question"), questionId, ...questionFields });

export const questionActionSchema = z.discriminatedUnion(
  "intent",
  [
    addQuestionSchema,
    updateQuestionSchema,
    z.object({ intent: z.literal("delete-question"), questionId }),
    z.object({ intent: z.literal("add-standard") }),
  ],
  { error: "Unknown action." },
);
export type QuestionInput = z.output<typeof addQuestionSchema>;
