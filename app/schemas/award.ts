import * as z from "zod";
import { optionalText, requiredText } from "~/utils/forms";

/** Forms of the award: the lead's recommendation and notices, the executives' decision. */
const recordId = z.string({ error: "Missing record." }).trim().min(1, "Missing record.").max(64);
const version = z.coerce.number({ error: "Missing version." }).int().positive();
const withRecommendation = { recommendationId: recordId, version };
/** Browsers post textarea line breaks as CRLF; the memo and notices are stored and emailed with LF. */
const unixNewlines = (text: string) => text.replace(/\r\n?/g, "\n");

export const createRecommendationSchema = z.object({
  intent: z.literal("create"),
  recommendedId: z
    .string({ error: "Choose the recommended vendor." })
    .trim()
    .min(1, "Choose the recommended vendor.")
    .max(64),
  runnerUpId: optionalText(64),
});

export const memoSchema = z.object({
  intent: z.literal("save-memo"),
  ...withRecommendation,
  memo: requiredText("The memo", 20_000).transform(unixNewlines),
});

/**
 * Checked executives: a plain form posts one `approverIds` per box (the route joins them with
 * commas); react-hook-form gives an array, or false when there is a single unchecked box.
 */
const approverIds = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value.split(",").filter(Boolean)
      : Array.isArray(value)
        ? value
        : typeof value === "boolean" || value === undefined
          ? []
          : value,
  z
    .array(z.string().trim().min(1).max(64))
    .min(1, "Choose at least one executive to approve the award.")
    .max(10, "Choose at most ten executives."),
);

export const submitSchema = z.object({ intent: z.literal("submit"), ...withRecommendation, approverIds });

export const reviewSchema = z.discriminatedUnion("intent", [createRecommendationSchema, memoSchema, submitSchema], {
  error: "Unknown action.",
});

export const decisionSchema = z
  .object({
    intent: z.literal("decide"),
    /** The round the executive read: a revised recommendation must be read again before deciding. */
    round: z.coerce.number({ error: "Missing round." }).int().positive(),
    decision: z.enum(["APPROVED", "RETURNED"], { error: "Approve or return the recommendation." }),
    comment: optionalText(4000),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "RETURNED" && !value.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Say what the lead should change." });
    }
  });

export const noticeSchema = z.object({
  intent: z.literal("save-notice"),
  invitationId: recordId,
  subject: requiredText("The subject", 200),
  bodyText: requiredText("The text", 10_000).transform(unixNewlines),
});
