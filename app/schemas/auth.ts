import * as z from "zod";

/** Length is the shared rule; the common-password check runs on the server (utils/password.server). */
export const PASSWORD_MIN = 12;
const newPassword = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(256, "Use at most 256 characters.");

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("Enter a valid email address."));

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256),
  redirectTo: z.string().max(2000).optional(),
});

export const setupSchema = z
  .object({
    name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(120),
    email,
    password: newPassword,
    confirmPassword: z.string({ error: "Repeat the password." }),
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(256),
    newPassword,
    confirmPassword: z.string({ error: "Repeat the new password." }),
  })
  .refine((values) => values.newPassword === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

export { email as emailField, newPassword as newPasswordField };
