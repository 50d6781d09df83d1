import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Database } from "../db.server";
import { logger } from "../utils/logger.server";

/**
 * Applies prisma/migrations/* without Prisma's native schema engine (it cannot be downloaded
 * here; see docs/decisions/002-offline-migrations.md). The history table has the exact shape
 * Prisma uses, so `prisma migrate deploy` and `prisma migrate status` keep working for anyone
 * who has the native engine, and the advisory lock key is Prisma's own (72707369): our runner
 * and Prisma's exclude each other, and several app instances starting together against one
 * PostgreSQL migrate exactly once.
 */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationFile = { name: string; sql: string; checksum: string };

export function defaultMigrationsDir() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? "prisma/migrations");
}

export function readMigrations(dir = defaultMigrationsDir()): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The minimal SQL surface the runner needs, implemented for PGlite and for a pg client. */
type Session = {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `script` and records it, atomically. */
  applyInTransaction(script: string, record: { sql: string; params: unknown[] }): Promise<void>;
};

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export async function migrate(database: Database, dir = defaultMigrationsDir()): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  if (database.pglite) {
    const pglite = database.pglite;
    return applyAll(
      {
        async query(sql, params) {
          return (await pglite.query(sql, params as unknown[])).rows as never;
        },
        async applyInTransaction(script, record) {
          await pglite.transaction(async (tx) => {
            await tx.exec(script);
            await tx.query(record.sql, record.params);
          });
        },
      },
      migrations,
    );
  }
  if (database.config.kind !== "postgres") throw new Error("unreachable: no database handle");
  // A dedicated connection: the advisory lock belongs to a session, not to a pool.
  const client = new pg.Client({ connectionString: database.config.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    return await applyAll(
      {
        async query(sql, params) {
          return (await client.query(sql, params)).rows;
        },
        async applyInTransaction(script, record) {
          await client.query("BEGIN");
          try {
            await client.query(script);
            await client.query(record.sql, record.params);
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
        },
      },
      migrations,
    );
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyAll(session: Session, migrations: MigrationFile[]): Promise<MigrationResult> {
  await session.query(HISTORY_TABLE);
  const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.filter((row) => row.finished_at).map((row) => [row.migration_name, row.checksum]));
  const failed = rows.filter((row) => !row.finished_at).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `Migration(s) ${failed.join(", ")} started but never finished. Inspect the database, then mark them rolled back.`,
    );
  }
  for (const name of applied.keys()) {
    if (!migrations.some((migration) => migration.name === name)) {
      logger.warn({ migration: name }, "database has a migration that is not in prisma/migrations");
    }
  }
  const result: MigrationResult = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum) {
      result.alreadyApplied++;
      if (checksum !== migration.checksum) {
        logger.warn({ migration: migration.name }, "applied migration was edited afterwards (checksum differs)");
      }
      continue;
    }
    await session.applyInTransaction(migration.sql, {
      sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
            VALUES ($1, $2, $3, now(), now(), 1)`,
      params: [randomUUID(), migration.checksum, migration.name],
    });
    logger.info({ migration: migration.name }, "applied migration");
    result.applied.push(migration.name);
  }
  return result;
}
