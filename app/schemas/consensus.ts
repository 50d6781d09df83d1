import * as z from "zod";
import { MIN_RATIONALE } from "~/domain/consensus";

/**
 * The consensus page's forms: opening consensus (lead), recording the panel's agreed score for
 * an item with its rationale (lead, as facilitator), and a minority opinion beside it.
 */
const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message);

const explanation = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(min, `${label} needs at least ${min} characters.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`);

export const openConsensusSchema = z.object({ intent: z.literal("open") });

export const consensusScoreSchema = z.object({
  intent: z.literal("record"),
  invitationId: id("Reload the page and try again."),
  criterionId: id("Reload the page and try again."),
  value: z
    .string({ error: "Choose the agreed score." })
    .trim()
    .regex(/^\d{1,3}$/, "Choose the agreed score.")
    .transform(Number),
  rationale: explanation("The rationale", MIN_RATIONALE, 2000),
});
export type ConsensusScoreInput = Pick<
  z.output<typeof consensusScoreSchema>,
  "invitationId" | "criterionId" | "value" | "rationale"
>;

export const minorityOpinionSchema = z.object({
  intent: z.literal("minority"),
  consensusId: id("Reload the page and try again."),
  /** Only the lead names a member; a panel member always records their own. */
  memberId: z.string().trim().max(64).default(""),
  opinion: explanation("The opinion", MIN_RATIONALE, 2000),
});
export type MinorityOpinionInput = Pick<z.output<typeof minorityOpinionSchema>, "consensusId" | "memberId" | "opinion">;

export const consensusActionSchema = z.discriminatedUnion(
  "intent",
  [openConsensusSchema, consensusScoreSchema, minorityOpinionSchema],
  { error: "Unknown action." },
);
