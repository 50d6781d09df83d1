import { prisma, type TransactionClient } from "~/db.server";
import { logger } from "~/utils/logger.server";
import { isMailConfigured, mailConfig } from "~/utils/mailer.server";

/**
 * Every email goes through this table, written in the same transaction as the change that causes
 * it (an invitation, an addendum), so a message exists if and only if its reason does. A worker in
 * each app instance delivers pending messages when SMTP is configured.
 */
export type OutgoingMessage = {
  rfpId?: string | null;
  invitationId?: string | null;
  kind: string;
  toEmail: string;
  toName?: string | null;
  subject: string;
  bodyText: string;
};

export const MAX_DELIVERY_ATTEMPTS = 5;

export async function queueMessage(tx: TransactionClient, message: OutgoingMessage) {
  return tx.outboxMessage.create({
    data: {
      rfpId: message.rfpId ?? null,
      invitationId: message.invitationId ?? null,
      kind: message.kind,
      toEmail: message.toEmail,
      toName: message.toName ?? null,
      subject: message.subject,
      bodyText: message.bodyText,
      status: isMailConfigured() ? "PENDING" : "NOT_SENT",
    },
    select: { id: true, status: true },
  });
}

export async function listOutbox(filter: { rfpId?: string; take?: number }) {
  return prisma.outboxMessage.findMany({
    where: { rfpId: filter.rfpId },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 200,
    select: {
      id: true,
      kind: true,
      toEmail: true,
      toName: true,
      subject: true,
      bodyText: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
}

/** Portal links are secrets: once a message is delivered, the stored copy keeps only a hint. */
export function redactPortalLinks(body: string) {
  return body.replace(
    /(\/v\/)([A-Za-z0-9_-]{20,})/g,
    (_match, prefix: string, token: string) => `${prefix}…${token.slice(-4)}`,
  );
}

/**
 * Deliver up to `batch` pending messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several instances never send the same message twice.
 */
export async function deliverPendingMessages(batch = 20) {
  const config = mailConfig();
  if (!config) return { sent: 0, failed: 0 };
  const claimed = await prisma.$queryRaw<
    { id: string; toEmail: string; toName: string | null; subject: string; bodyText: string; attempts: number }[]
  >`
    UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage" WHERE "status" = 'PENDING' ORDER BY "createdAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "toEmail", "toName", "subject", "bodyText", "attempts"`;
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    try {
      await config.transport.sendMail({
        from: config.from,
        to: message.toName ? { name: message.toName, address: message.toEmail } : message.toEmail,
        subject: message.subject,
        text: message.bodyText,
      });
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: { status: "SENT", sentAt: new Date(), lastError: null, bodyText: redactPortalLinks(message.bodyText) },
      });
      sent++;
    } catch (error) {
      failed++;
      const giveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: { status: giveUp ? "FAILED" : "PENDING", lastError: String(error).slice(0, 500) },
      });
      logger.warn({ err: error, messageId: message.id, giveUp }, "email delivery failed");
    }
  }
  return { sent, failed };
}
