import * as z from "zod";
import { RFP_ROLES } from "~/domain/policy";
import { optionalText } from "~/utils/forms";
import { emailField } from "./auth";

export const teamSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add"),
      email: emailField,
      role: z.enum(RFP_ROLES, { error: "Choose a role on this RFP." }),
      functionalGroup: optionalText(60),
    }),
    z.object({ intent: z.literal("remove"), memberId: z.string().min(1).max(64) }),
  ],
  { error: "Unknown action." },
);
export const addMemberSchema = teamSchema.options[0];
