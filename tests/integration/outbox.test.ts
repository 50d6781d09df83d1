/**
 * Email delivery from the outbox through a real nodemailer transport that never touches the
 * network: `jsonTransport` renders each message to JSON instead of speaking SMTP. A "compile"
 * plugin sees every message the transport is asked to send, so the tests can count them.
 */
import { setTimeout as delay } from "node:timers/promises";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { userActor } from "~/models/audit.server";
import {
  DELIVERY_LEASE_MS,
  deliverPendingMessages,
  MAX_DELIVERY_ATTEMPTS,
  retryDelayMs,
  startDeliveryWorker,
} from "~/models/outbox.server";
import { findInvitationByToken } from "~/models/portal-session.server";
import { transitionRfp } from "~/models/rfp.server";
import { createMailConfig } from "~/utils/mailer.server";
import { forgetSingleton } from "~/utils/singleton.server";
import { createTestRfp, createTestUser } from "../fixtures/factories";

type Sent = { to: string; subject: string; text: string };

/** A jsonTransport that records what it was asked to send, optionally slowly or failing. */
function recordingMail(options: { delayMs?: number; failFirst?: number; failAlways?: boolean } = {}) {
  const sent: Sent[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const transport = nodemailer.createTransport({ jsonTransport: true });
  transport.use("compile", (mail, callback) => {
    const finish = () => {
      if (options.failAlways || failuresLeft > 0) {
        failuresLeft--;
        callback(new Error("421 4.3.2 Service not available, try again later"));
        return;
      }
      sent.push({
        // The recipient as nodemailer got it ({ name, address } or a plain address).
        to: JSON.stringify(mail.data.to),
        subject: String(mail.data.subject),
        text: String(mail.data.text),
      });
      callback();
    };
    if (options.delayMs) setTimeout(finish, options.delayMs);
    else finish();
  });
  return { mail: createMailConfig(transport, "Shortlist <rfp@buyer.example>"), sent };
}

async function queuePending(count: number, prefix = "Message") {
  for (let index = 0; index < count; index++) {
    await prisma.outboxMessage.create({
      data: {
        kind: "test",
        toEmail: `vendor${index}@test.example`,
        subject: `${prefix} ${index}`,
        bodyText: "Hello",
        status: "PENDING",
        createdAt: new Date(Date.now() - (count - index) * 1000),
        nextAttemptAt: new Date(Date.now() - 60_000),
      },
    });
  }
}

beforeAll(() => {
  // queueMessage marks messages PENDING only when SMTP is configured; no connection is ever made
  // to this address: every delivery below gets its transport injected.
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  forgetSingleton("mail-config");
});
afterAll(() => {
  delete process.env.SMTP_URL;
  forgetSingleton("mail-config");
});
beforeEach(async () => {
  await prisma.outboxMessage.deleteMany();
});

describe("deliverPendingMessages", () => {
  it("sends the invitation with its working link, then keeps only a hint of the token in the stored copy", async () => {
    const lead = await createTestUser();
    const rfp = await createTestRfp(lead);
    const current = await prisma.rfp.findUniqueOrThrow({ where: { id: rfp.id }, select: { version: true } });
    await transitionRfp(userActor(lead), rfp.id, {
      to: "PUBLISHED",
      expectedVersion: current.version,
      origin: "https://shortlist.buyer.example",
    });
    const queued = await prisma.outboxMessage.findFirstOrThrow({ where: { rfpId: rfp.id, kind: "invitation" } });
    expect(queued.status).toBe("PENDING");
    const token = /\/v\/([A-Za-z0-9_-]{20,})/.exec(queued.bodyText)?.[1];
    if (!token) throw new Error("no portal link in the invitation");
    expect((await findInvitationByToken(token)).problem).toBeNull();

    const { mail, sent } = recordingMail();
    expect(await deliverPendingMessages({ mail })).toEqual({ sent: 1, failed: 0 });

    // The vendor received the real link...
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toContain(queued.toEmail);
    expect(sent[0]?.text).toContain(`https://shortlist.buyer.example/v/${token}`);
    // ...and the stored copy no longer holds the secret, only its last characters.
    const stored = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(stored.status).toBe("SENT");
    expect(stored.sentAt).not.toBeNull();
    expect(stored.attempts).toBe(1);
    expect(stored.bodyText).not.toContain(token);
    expect(stored.bodyText).toContain(`https://shortlist.buyer.example/v/…${token.slice(-4)}`);
    // Redacting the copy does not touch the link itself.
    expect((await findInvitationByToken(token)).problem).toBeNull();

    expect(await deliverPendingMessages({ mail })).toEqual({ sent: 0, failed: 0 });
    expect(sent).toHaveLength(1);
  });

  it("retries a failing message with back-off, then marks it FAILED and stops", async () => {
    await queuePending(1);
    const { mail, sent } = recordingMail({ failAlways: true });
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await deliverPendingMessages({ mail, now })).toEqual({ sent: 0, failed: 1 });
      const message = await prisma.outboxMessage.findFirstOrThrow();
      expect(message.attempts).toBe(attempt);
      expect(message.lastError).toContain("421 4.3.2");
      expect(message.status).toBe(attempt < MAX_DELIVERY_ATTEMPTS ? "PENDING" : "FAILED");
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        // Not due again before the back-off has passed.
        expect(
          await deliverPendingMessages({ mail, now: new Date(now.getTime() + retryDelayMs(attempt) - 1000) }),
        ).toEqual({ sent: 0, failed: 0 });
        now = new Date(now.getTime() + retryDelayMs(attempt));
      }
    }
    expect(await deliverPendingMessages({ mail, now: new Date(now.getTime() + 86_400_000) })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect((await prisma.outboxMessage.findFirstOrThrow()).attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(sent).toEqual([]);
  });

  it("delivers on a later attempt after a temporary failure", async () => {
    await queuePending(1);
    const { mail, sent } = recordingMail({ failFirst: 1 });
    const now = new Date();
    expect(await deliverPendingMessages({ mail, now })).toEqual({ sent: 0, failed: 1 });
    expect(await deliverPendingMessages({ mail, now: new Date(now.getTime() + retryDelayMs(1)) })).toEqual({
      sent: 1,
      failed: 0,
    });
    const message = await prisma.outboxMessage.findFirstOrThrow();
    expect(message).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(sent).toHaveLength(1);
  });

  it("never sends a message twice when several runs overlap", async () => {
    await queuePending(12);
    const { mail, sent } = recordingMail({ delayMs: 15 });
    // Three runs at once, small batches, so they compete for the same rows; repeated until done.
    let rounds = 0;
    while ((await prisma.outboxMessage.count({ where: { status: "PENDING" } })) > 0 && rounds < 10) {
      await Promise.all([
        deliverPendingMessages({ mail, batch: 4 }),
        deliverPendingMessages({ mail, batch: 4 }),
        deliverPendingMessages({ mail, batch: 4 }),
      ]);
      rounds++;
    }
    const subjects = sent.map((message) => message.subject).sort();
    expect(subjects).toEqual(Array.from({ length: 12 }, (_, index) => `Message ${index}`).sort());
    expect(await prisma.outboxMessage.count({ where: { status: "SENT", attempts: 1 } })).toBe(12);
  });

  it("leaves a message claimed by another worker alone until that worker's lease runs out", async () => {
    await queuePending(1);
    const now = new Date();
    // Another worker claimed it and then died without recording the outcome.
    await prisma.outboxMessage.updateMany({
      data: { attempts: 1, nextAttemptAt: new Date(now.getTime() + DELIVERY_LEASE_MS) },
    });
    const { mail, sent } = recordingMail();
    expect(await deliverPendingMessages({ mail, now })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverPendingMessages({ mail, now: new Date(now.getTime() + DELIVERY_LEASE_MS) })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(sent).toHaveLength(1);
  });

  it("does nothing without a mail configuration", async () => {
    await queuePending(1);
    expect(await deliverPendingMessages({ mail: null })).toEqual({ sent: 0, failed: 0 });
    expect((await prisma.outboxMessage.findFirstOrThrow()).status).toBe("PENDING");
  });
});

describe("delivery worker", () => {
  it("delivers in the background and, when stopped, finishes the run in progress first", async () => {
    await queuePending(3);
    const { mail, sent } = recordingMail({ delayMs: 30 });
    const worker = startDeliveryWorker({ mail, intervalMs: 50 });
    // The first run starts at once; stopping waits for it instead of abandoning it mid-way.
    await delay(10);
    await worker.stop();
    expect(sent).toHaveLength(3);
    expect(await prisma.outboxMessage.count({ where: { status: "SENT" } })).toBe(3);
    // Stopped means stopped: nothing new is picked up.
    await queuePending(1, "Later");
    await delay(120);
    expect(sent).toHaveLength(3);
  });
});
