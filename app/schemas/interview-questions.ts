import * as z from "zod";
import { PUBLISH_DAYS_MAX, PUBLISH_DAYS_MIN } from "~/domain/interview-publish";
import { requiredText } from "~/utils/forms";

/** Forms of an interview's advance questions and its publishing to the vendor. */
const id = (label: string) =>
  z
    .string({ error: `Missing ${label}.` })
    .trim()
    .min(1, `Missing ${label}.`)
    .max(64);
const questionText = requiredText("Question", 1000);

export const customQuestionSchema = z.object({
  intent: z.literal("add-custom"),
  category: requiredText("Category", 80),
  text: questionText,
});

export const followUpSchema = z.object({
  intent: z.literal("add-follow-up"),
  criterionId: id("criterion"),
  text: questionText,
});

export const publishDaysSchema = z.object({
  intent: z.literal("publish-days"),
  publishDaysBefore: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(PUBLISH_DAYS_MIN, `Publish at least ${PUBLISH_DAYS_MIN} day before the interview.`)
    .max(PUBLISH_DAYS_MAX, `Publish at most ${PUBLISH_DAYS_MAX} days before the interview.`),
});

export const advanceQuestionActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add-bank"), questionId: id("question") }),
    customQuestionSchema,
    followUpSchema,
    z.object({ intent: z.literal("remove-question"), slotQuestionId: id("question") }),
    z.object({
      intent: z.literal("move-question"),
      slotQuestionId: id("question"),
      direction: z.enum(["up", "down"], { error: "Move up or down." }),
    }),
    z.object({ intent: z.literal("publish-now") }),
    publishDaysSchema,
  ],
  { error: "Unknown action." },
);
export type AdvanceQuestionAction = z.output<typeof advanceQuestionActionSchema>;
