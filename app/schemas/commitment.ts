import * as z from "zod";
import { COMMITMENT_KINDS, DISPOSITIONS } from "~/domain/negotiation";
import { requiredText } from "~/utils/forms";
import { isoDate, recordId, version } from "./negotiation";

/** Forms of the commitments register: one disposition per promise, and editing interview notes. */
const text = (max: number) =>
  z
    .string()
    .max(max, `At most ${max.toLocaleString("en")} characters.`)
    .default("")
    .transform((value) => value.replace(/\r\n?/g, "\n").trim());

const withItem = { negotiationId: recordId, version, itemId: recordId };

export const decideCommitmentSchema = z
  .object({
    intent: z.literal("decide-commitment"),
    ...withItem,
    disposition: z.enum(DISPOSITIONS, { error: "Choose what happens to this promise." }),
    obligationWording: text(4000),
    dropReason: text(2000),
    resolveBy: isoDate,
  })
  .superRefine((values, ctx) => {
    // Mirrors domain/negotiation dispositionProblems for instant feedback; the model applies the
    // full rule (it knows the item's kind and today's date in the RFP's time zone).
    if (values.disposition === "OBLIGATION" && !values.obligationWording) {
      ctx.addIssue({
        code: "custom",
        path: ["obligationWording"],
        message: "Write the obligation as it will read in the contract.",
      });
    }
    if (values.disposition === "DROPPED" && !values.dropReason) {
      ctx.addIssue({
        code: "custom",
        path: ["dropReason"],
        message: "Say why this promise is not written into the contract.",
      });
    }
    if (values.disposition === "ACCEPTED_LIMITATION" && !values.resolveBy) {
      ctx.addIssue({
        code: "custom",
        path: ["resolveBy"],
        message: "Give the date by which the vendor must resolve this limitation.",
      });
    }
  });

export const editCommitmentSchema = z.object({
  intent: z.literal("edit-commitment"),
  ...withItem,
  kind: z.enum(COMMITMENT_KINDS, { error: "Choose claim, commitment or limitation." }),
  text: requiredText("The promise", 4000),
});

export const splitCommitmentSchema = z.object({
  intent: z.literal("split-commitment"),
  ...withItem,
  kind: z.enum(COMMITMENT_KINDS, { error: "Choose claim, commitment or limitation." }),
  text: requiredText("The promise", 4000),
});

export const commitmentsActionSchema = z.discriminatedUnion(
  "intent",
  [decideCommitmentSchema, editCommitmentSchema, splitCommitmentSchema],
  { error: "Unknown action." },
);

export type DecideCommitmentInput = z.output<typeof decideCommitmentSchema>;
