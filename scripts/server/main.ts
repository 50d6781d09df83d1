/**
 * The Shortlist server: migrate, seed demo data on a fresh embedded database, serve, and shut
 * down cleanly (the embedded database must be closed, or its next start has to recover).
 *   npm start        build, then run this in production mode
 *   npm run dev      run this in development mode with rebuilds and live reload
 */
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import { describeDatabase } from "../../app/db/config.server";
import { migrate } from "../../app/db/migrate.server";
import { closeDatabase, getDatabase } from "../../app/db.server";
import { startInterviewPublishWorker } from "../../app/models/interview-publish.server";
import { type DeliveryWorker, startDeliveryWorker } from "../../app/models/outbox.server";
import { logger } from "../../app/utils/logger.server";
import { isMailConfigured } from "../../app/utils/mailer.server";
import { seedDemoIfFresh, shouldSeedDemo } from "../../prisma/seed";
import { createApp } from "./app";

installGlobals({ nativeFetch: true });

const mode = process.env.NODE_ENV === "production" ? "production" : "development";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const buildPath = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  // The query string defeats the module cache so development picks up each rebuild.
  const url = pathToFileURL(buildPath).href + (mode === "development" ? `?t=${Date.now()}` : "");
  return (await import(url)) as ServerBuild;
}

async function main() {
  const database = getDatabase();
  logger.info({ database: describeDatabase(database.config) }, "opening database");
  const migrations = await migrate(database);
  if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, "database migrated");
  if (shouldSeedDemo(database.config)) {
    const seeded = await seedDemoIfFresh();
    if (seeded) logger.info("demo data loaded (see README for the demo accounts)");
  }

  let build = await importBuild();
  const app = createApp({
    mode,
    build: mode === "development" ? async () => build : build,
    allowedOrigins: (process.env.APP_ORIGINS ?? "").split(",").filter(Boolean),
  });
  const server: Server = app.listen(port, host, () => {
    logger.info({ url: `http://localhost:${port}`, mode }, "Shortlist is listening");
    if (mode === "development") broadcastDevReady(build);
  });

  // Email: a background run every few seconds hands pending outbox messages to SMTP. Without
  // SMTP_URL nothing is sent; the outbox page shows the messages for the lead to pass on.
  const deliveryWorker: DeliveryWorker | null = isMailConfigured() ? startDeliveryWorker() : null;
  logger.info({ email: deliveryWorker ? "smtp" : "outbox only (SMTP_URL not set)" }, "email delivery");
  // Interviews reach the vendor's portal a set number of days ahead: a run every minute publishes due ones.
  const publishWorker = startInterviewPublishWorker();

  if (mode === "development") {
    const { watch } = await import("node:fs");
    let timer: NodeJS.Timeout | undefined;
    watch(path.dirname(buildPath), () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        build = await importBuild();
        broadcastDevReady(build);
      }, 100);
    });
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("requests still running after 10 s; closing anyway");
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    // No new delivery runs; one in progress records what it sent before the database closes.
    const deliveryStopped = Promise.all([deliveryWorker?.stop(), publishWorker.stop()]);
    server.close(async () => {
      await deliveryStopped;
      await closeDatabase();
      logger.info("database closed; bye");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch(async (error) => {
  logger.fatal({ err: error }, "could not start");
  await closeDatabase().catch(() => {});
  process.exit(1);
});
