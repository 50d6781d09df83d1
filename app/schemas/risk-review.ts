import * as z from "zod";
import { requiredText } from "~/utils/forms";
import { recordId, version } from "./negotiation";

/** The lead's answer to a risk flag: fixed outside the rules' view, or accepted — with a note either way. */
const flagKey = z.string({ error: "Missing flag." }).trim().min(1, "Missing flag.").max(200);

export const decideFlagSchema = z.object({
  intent: z.literal("decide-flag"),
  negotiationId: recordId,
  version,
  flagKey,
  status: z.enum(["RESOLVED", "ACCEPTED"], { error: "Choose resolved or accepted." }),
  note: requiredText("A note", 2000),
});

export const riskReviewActionSchema = z.discriminatedUnion(
  "intent",
  [decideFlagSchema, z.object({ intent: z.literal("reopen-flag"), negotiationId: recordId, version, flagKey })],
  { error: "Unknown action." },
);
