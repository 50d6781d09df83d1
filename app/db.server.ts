import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type DatabaseConfig, readDatabaseConfig } from "./db/config.server";
import { lockDataDir } from "./db/pglite-lock.server";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { logger } from "./utils/logger.server";
import { getRequestContext } from "./utils/request-context.server";
import { forgetSingleton, singleton } from "./utils/singleton.server";

export type Database = {
  config: DatabaseConfig;
  prisma: PrismaClient;
  /** Set for the embedded database: migrations and backups talk to it directly. */
  pglite: PGlite | null;
  /** Set for PostgreSQL: the bounded pool Prisma draws from. */
  pool: pg.Pool | null;
  close(): Promise<void>;
};

/**
 * The benchmark counts queries per page view (no N+1): with QUERY_COUNTING=1 every query adds one
 * to the current request's counter, which the HTTP layer reports in an X-Query-Count header.
 */
function createClient(adapter: PrismaPg | PrismaPGlite): PrismaClient {
  if (process.env.QUERY_COUNTING !== "1") return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] as const });
  client.$on("query", () => {
    const context = getRequestContext();
    if (context) context.queries = (context.queries ?? 0) + 1;
  });
  return client as unknown as PrismaClient;
}

/** A new database handle; most code wants getDatabase() (one per process) instead. */
export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolMax,
      connectionTimeoutMillis: config.acquireTimeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: config.statementTimeoutMs,
    });
    // An idle client losing its server (PostgreSQL restart) emits 'error' on the pool; unhandled,
    // it would crash the process. Log it: the pool replaces the client on the next checkout.
    pool.on("error", (error) => logger.warn({ err: error }, "idle PostgreSQL connection failed"));
    const prisma = createClient(new PrismaPg(pool));
    return {
      config,
      prisma,
      pglite: null,
      pool,
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const unlock = config.dataDir ? lockDataDir(config.dataDir) : () => {};
  const pglite = new PGlite(config.dataDir ?? "memory://");
  const prisma = createClient(new PrismaPGlite(pglite));
  let closing: Promise<void> | null = null;
  return {
    config,
    prisma,
    pglite,
    pool: null,
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
        unlock();
      })();
      return closing;
    },
  };
}

export function getDatabase(): Database {
  return singleton("database", () => openDatabase(readDatabaseConfig()));
}

/** Close the process's database (graceful shutdown, end of a test file). */
export async function closeDatabase() {
  const registry = globalThis as unknown as { __shortlistSingletons?: Map<string, unknown> };
  const database = registry.__shortlistSingletons?.get("database") as Database | undefined;
  if (!database) return;
  forgetSingleton("database");
  await database.close();
}

/** The Prisma client. Models import this; nothing else talks to the database. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type TransactionClient = Prisma.TransactionClient;
