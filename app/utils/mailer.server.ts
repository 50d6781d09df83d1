import nodemailer, { type Transporter } from "nodemailer";
import { singleton } from "./singleton.server";

/**
 * Email leaves through SMTP only when SMTP_URL is set (e.g. smtp://user:pass@mail.example:587).
 * Without it nothing is sent: messages stay in the outbox marked "not sent", where the lead can
 * read them (and copy a portal link to pass on by hand).
 */
export type MailConfig = { transport: Transporter; from: string };

export const DEFAULT_MAIL_FROM = "Shortlist <no-reply@shortlist.invalid>";

/** A transport plus sender, e.g. a nodemailer `jsonTransport` in tests (no network). */
export function createMailConfig(
  transport: Transporter,
  from = process.env.MAIL_FROM ?? DEFAULT_MAIL_FROM,
): MailConfig {
  return { transport, from };
}

export function mailConfig(): MailConfig | null {
  return singleton("mail-config", () => {
    const url = process.env.SMTP_URL?.trim();
    if (!url) return null;
    return createMailConfig(nodemailer.createTransport(url));
  });
}

export function isMailConfigured() {
  return mailConfig() !== null;
}
