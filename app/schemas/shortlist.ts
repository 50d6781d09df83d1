import * as z from "zod";
import { MIN_JUSTIFICATION, MIN_RATIONALE, SHORTLIST_METHODS, type ShortlistRule } from "~/domain/consensus";
import { type FieldErrors, fieldErrorsFrom, formValues } from "~/utils/forms";
import { nestedFormValues } from "~/utils/nested-form";

/**
 * The shortlist: the suggestion's rule (top N or a threshold; a GET form, nothing is saved) and
 * the lead's decision, one entry per vendor ("decisions.2.rationale"). Whether a vendor is below
 * the line is recomputed on the server (domain/consensus); the `belowLine` field only lets the
 * browser ask for the justification before posting.
 */
export const MAX_SHORTLIST_SIZE = 50;

const ruleFields = {
  method: z.enum(SHORTLIST_METHODS, { error: "Choose top N or a score threshold." }),
  size: z
    .string()
    .trim()
    .default("")
    .refine(
      (value) => value === "" || (/^\d{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_SHORTLIST_SIZE),
      `Choose a number from 1 to ${MAX_SHORTLIST_SIZE}.`,
    ),
  threshold: z
    .string()
    .trim()
    .default("")
    .refine(
      (value) => value === "" || (/^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= 100),
      "Choose a score from 0 to 100.",
    ),
};

function toRule(values: { method: "TOP_N" | "THRESHOLD"; size: string; threshold: string }, ctx: z.RefinementCtx) {
  if (values.method === "TOP_N" && values.size === "") {
    ctx.addIssue({ code: "custom", path: ["size"], message: "How many vendors should the suggestion take?" });
  }
  if (values.method === "THRESHOLD" && values.threshold === "") {
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "Which score must a vendor reach?" });
  }
}

function ruleOf(values: { method: "TOP_N" | "THRESHOLD"; size: string; threshold: string }): ShortlistRule {
  return values.method === "TOP_N"
    ? { method: "TOP_N", size: Number(values.size) }
    : { method: "THRESHOLD", threshold: Number(values.threshold) };
}

export const shortlistRuleSchema = z.object(ruleFields).superRefine(toRule).transform(ruleOf);

const decision = z
  .object({
    invitationId: z.string().trim().min(1).max(64),
    outcome: z.enum(["SHORTLISTED", "NOT_SHORTLISTED"], { error: "Shortlist this vendor or not." }),
    rationale: z
      .string()
      .trim()
      .default("")
      .refine((value) => value.length >= MIN_RATIONALE, `Give a rationale (at least ${MIN_RATIONALE} characters).`)
      .refine((value) => value.length <= 2000, "The rationale must be at most 2,000 characters."),
    belowLine: z.enum(["true", "false"]).default("false"),
    justification: z.string().trim().max(2000, "The justification must be at most 2,000 characters.").default(""),
    requestedBy: z.string().trim().max(120, "The name must be at most 120 characters.").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.outcome !== "SHORTLISTED" || value.belowLine !== "true") return;
    if (value.justification.length < MIN_JUSTIFICATION) {
      ctx.addIssue({
        code: "custom",
        path: ["justification"],
        message: `This vendor is below the line: justify bringing it in (at least ${MIN_JUSTIFICATION} characters).`,
      });
    }
    if (!value.requestedBy) {
      ctx.addIssue({
        code: "custom",
        path: ["requestedBy"],
        message: "Name who asked for this vendor to be brought in.",
      });
    }
  });

export const shortlistDecisionSchema = z
  .object({
    intent: z.literal("decide"),
    ...ruleFields,
    decisions: z.array(decision).min(1, "Reload the page: there is no vendor to decide on.").max(200),
  })
  .superRefine(toRule);

export type ShortlistDecisionInput = {
  rule: ShortlistRule;
  decisions: {
    vendorId: string;
    outcome: "SHORTLISTED" | "NOT_SHORTLISTED";
    rationale: string;
    justification: string;
    requestedBy: string;
  }[];
};

export type ShortlistFormResult =
  | { success: true; data: ShortlistDecisionInput; values: Record<string, string> }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Server side of the decision form: FormData → nested values → the schema the browser used. */
export function parseShortlistForm(formData: FormData): ShortlistFormResult {
  const values = formValues(formData);
  const result = shortlistDecisionSchema.safeParse(nestedFormValues(formData));
  if (!result.success) return { success: false, fieldErrors: fieldErrorsFrom(result.error), values };
  const { decisions, ...rule } = result.data;
  return {
    success: true,
    values,
    data: {
      rule: ruleOf(rule),
      decisions: decisions.map(({ invitationId, outcome, rationale, justification, requestedBy }) => ({
        vendorId: invitationId,
        outcome,
        rationale,
        justification,
        requestedBy,
      })),
    },
  };
}
