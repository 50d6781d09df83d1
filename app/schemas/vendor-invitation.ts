import * as z from "zod";

const id = (message: string) => z.string({ error: message }).min(1, message).max(64, message);
const invitationId = id("Unknown invitation.");

/** The forms of an RFP's Vendors tab, told apart by `intent`. */
export const invitationFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("invite"), contactId: id("Choose a vendor and the contact who receives the link.") }),
    z.object({ intent: z.literal("revoke"), invitationId }),
    z.object({
      intent: z.literal("resend"),
      invitationId,
      contactId: z.preprocess((value) => (value === "" ? undefined : value), z.string().max(64).optional()),
    }),
    z.object({ intent: z.literal("remove"), invitationId }),
  ],
  { error: "Unknown action." },
);
export const inviteSchema = invitationFormSchema.options[0];
