import { prisma, type TransactionClient } from "~/db.server";
import { logger } from "~/utils/logger.server";
import { isMailConfigured, type MailConfig, mailConfig } from "~/utils/mailer.server";

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

export async function countOutbox(filter: { rfpId?: string }) {
  return prisma.outboxMessage.count({ where: { rfpId: filter.rfpId } });
}

/** Portal links are secrets: once a message is delivered, the stored copy keeps only a hint. */
export function redactPortalLinks(body: string) {
  return body.replace(
    /(\/v\/)([A-Za-z0-9_-]{20,})/g,
    (_match, prefix: string, token: string) => `${prefix}…${token.slice(-4)}`,
  );
}

/** How long a claimed message is left to the worker that claimed it before another may retry it. */
export const DELIVERY_LEASE_MS = 10 * 60_000;

/** Back-off after a failed attempt: 1, 2, 4, 8 minutes (then the message is marked FAILED). */
export function retryDelayMs(attempts: number) {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

type ClaimedMessage = {
  id: string;
  toEmail: string;
  toName: string | null;
  subject: string;
  bodyText: string;
  attempts: number;
};

/**
 * Deliver up to `batch` pending messages that are due. Claiming a message moves its
 * `nextAttemptAt` a lease ahead in the same statement that selects it (rows locked with
 * FOR UPDATE SKIP LOCKED), so two runs — in one process or in several instances — never hold the
 * same message, and a crashed worker's messages become due again once the lease ends.
 * Delivery is at least once: if the process dies between handing a message to the SMTP server
 * and recording it as sent, it is sent again after the lease.
 */
export async function deliverPendingMessages(options: { batch?: number; now?: Date; mail?: MailConfig | null } = {}) {
  const config = options.mail === undefined ? mailConfig() : options.mail;
  if (!config) return { sent: 0, failed: 0 };
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + DELIVERY_LEASE_MS);
  const claimed = await prisma.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${leaseUntil}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "createdAt", "id" LIMIT ${options.batch ?? 20} FOR UPDATE SKIP LOCKED
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
        data: {
          status: giveUp ? "FAILED" : "PENDING",
          lastError: String(error).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
        },
      });
      logger.warn({ err: error, messageId: message.id, giveUp }, "email delivery failed");
    }
  }
  return { sent, failed };
}

export type DeliveryWorker = { stop(): Promise<void> };

/**
 * Deliver due messages every `intervalMs` in the background. One run at a time per worker (a slow
 * SMTP server never piles up runs); `stop()` waits for the run in progress, so the database can be
 * closed after it.
 */
export function startDeliveryWorker(options: { intervalMs?: number; mail?: MailConfig } = {}): DeliveryWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverPendingMessages({ mail: options.mail })
      .then((result) => {
        if (result.sent + result.failed > 0) logger.info(result, "outbox delivery run");
      })
      .catch((error: unknown) => logger.error({ err: error }, "outbox delivery run failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 5_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
