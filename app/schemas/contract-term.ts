import * as z from "zod";
import { ESCALATION_OUTCOMES, LEAD_TERM_STATUSES, TERM_STATUSES } from "~/domain/negotiation";
import { requiredText } from "~/utils/forms";
import { recordId, version } from "./negotiation";

/** Forms of the term-by-term tracker and the sponsor's escalation queue. */
const text = (max: number) =>
  z
    .string()
    .max(max, `At most ${max.toLocaleString("en")} characters.`)
    .default("")
    .transform((value) => value.replace(/\r\n?/g, "\n").trim());

const owner = z.string({ error: "Choose an owner." }).trim().min(1, "Choose an owner.").max(64);

export const addTermSchema = z.object({
  intent: z.literal("add-term"),
  negotiationId: recordId,
  title: requiredText("Title", 200),
  ourPosition: text(5000),
  vendorPosition: text(5000),
  ownerId: owner,
});

export const updateTermSchema = z.object({
  intent: z.literal("update-term"),
  termId: recordId,
  version,
  title: requiredText("Title", 200),
  ourPosition: text(5000),
  vendorPosition: text(5000),
  agreedWording: text(10_000),
  // ESCALATED is accepted only to keep an escalated term escalated (domain/negotiation).
  status: z.enum(TERM_STATUSES, { error: "Choose a status." }),
  ownerId: owner,
  note: text(2000),
});

export const escalateTermSchema = z.object({
  intent: z.literal("escalate-term"),
  termId: recordId,
  version,
  question: requiredText("What the sponsor should decide", 2000),
});

export const termsActionSchema = z.discriminatedUnion("intent", [addTermSchema, updateTermSchema, escalateTermSchema], {
  error: "Unknown action.",
});

export const decideEscalationSchema = z
  .object({
    intent: z.literal("decide-escalation"),
    termId: recordId,
    version,
    decision: requiredText("Your decision", 4000),
    outcome: z.enum(ESCALATION_OUTCOMES, { error: "Choose whether the term is settled or goes back to the lead." }),
    agreedWording: text(10_000),
  })
  .superRefine((values, ctx) => {
    if (values.outcome === "AGREED" && !values.agreedWording) {
      ctx.addIssue({ code: "custom", path: ["agreedWording"], message: "A settled term needs its agreed wording." });
    }
  });

export { LEAD_TERM_STATUSES };
export type UpdateTermInput = z.output<typeof updateTermSchema>;
export type AddTermInput = z.output<typeof addTermSchema>;
export type DecideEscalationInput = z.output<typeof decideEscalationSchema>;
