import * as z from "zod";
import { ACCOUNT_ROLES } from "~/domain/policy";
import { emailField, newPasswordField } from "./auth";

export const createUserSchema = z.object({
  name: z.string({ error: "Enter the person's name." }).trim().min(1, "Enter the person's name.").max(120),
  email: emailField,
  role: z.enum(ACCOUNT_ROLES, { error: "Choose a role." }),
  password: newPasswordField,
});

export const userAdminSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("disable"), userId: z.string().min(1).max(64) }),
    z.object({ intent: z.literal("enable"), userId: z.string().min(1).max(64) }),
    z.object({
      intent: z.literal("role"),
      userId: z.string().min(1).max(64),
      role: z.enum(ACCOUNT_ROLES, { error: "Choose a role." }),
    }),
  ],
  { error: "Unknown action." },
);
