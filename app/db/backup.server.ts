import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type { Database } from "../db.server";
import type { Prisma } from "../generated/prisma/client";

/**
 * Logical backups that work the same on PGlite and PostgreSQL (and restore across them): every
 * table's rows as the database's own JSON, read in one repeatable-read transaction (a consistent
 * snapshot while the app keeps running on PostgreSQL). Rows never pass through JavaScript numbers,
 * so decimals and 64-bit ids keep every digit.
 *
 * File format (gzip by the caller): JSON lines —
 *   {"format":"shortlist-backup","version":1,"createdAt":…,"source":…,"migrations":[…],"tables":[…]}
 *   then per table: {"table":"Name","rows":N} followed by one line with the rows as a JSON array.
 */
export const BACKUP_FORMAT = "shortlist-backup";
const SKIPPED = new Set(["_prisma_migrations"]);

type Sql = Prisma.TransactionClient;

async function tablesInDependencyOrder(sql: Sql) {
  const tables = await sql.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const edges = await sql.$queryRawUnsafe<{ child: string; parent: string; column: string }[]>(
    `SELECT child.relname AS child, parent.relname AS parent, attribute.attname AS column
     FROM pg_constraint c
     JOIN pg_class child ON child.oid = c.conrelid
     JOIN pg_class parent ON parent.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     JOIN pg_attribute attribute ON attribute.attrelid = c.conrelid AND attribute.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const names = tables.map((table) => table.name).filter((name) => !SKIPPED.has(name));
  const ordered: string[] = [];
  const pending = new Set(names);
  while (pending.size > 0) {
    const ready = [...pending].filter((name) =>
      edges.every((edge) => edge.child !== name || edge.parent === name || !pending.has(edge.parent)),
    );
    if (ready.length === 0) throw new Error(`Cannot order tables (foreign-key cycle among ${[...pending].join(", ")})`);
    for (const name of ready.sort()) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  const selfReferences = new Map(
    edges.filter((edge) => edge.child === edge.parent).map((edge) => [edge.child, edge.column]),
  );
  return { tables: ordered, selfReferences };
}

async function appliedMigrations(sql: Sql) {
  const rows = await sql.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.migration_name);
}

async function primaryKeyColumns(sql: Sql, table: string) {
  const rows = await sql.$queryRawUnsafe<{ column: string }[]>(
    `SELECT a.attname AS column FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY a.attname`,
    `"${table}"`,
  );
  return rows.map((row) => row.column);
}

/** Rows of one table as the database's JSON text, ordered by primary key (parents first for trees). */
async function tableJson(sql: Sql, table: string, selfReference: string | undefined) {
  const keys = await primaryKeyColumns(sql, table);
  const orderBy = keys.map((key) => `t."${key}"`).join(", ") || "1";
  const rows = await sql.$queryRawUnsafe<{ rows: string; count: number }[]>(
    `SELECT coalesce(json_agg(t ORDER BY ${orderBy})::text, '[]') AS rows, count(*)::int AS count FROM "${table}" t`,
  );
  // json_agg separates elements with newlines (whitespace only: newlines inside values are
  // escaped), and the file holds one table per line.
  const result = { rows: (rows[0]?.rows ?? "[]").replace(/\n/g, ""), count: rows[0]?.count ?? 0 };
  if (!selfReference) return result;
  // A tree (e.g. criteria) must be restored parents first: re-order by depth in SQL.
  const ordered = await sql.$queryRawUnsafe<{ rows: string }[]>(
    `WITH RECURSIVE tree AS (
       SELECT t.*, 0 AS depth FROM "${table}" t WHERE t."${selfReference}" IS NULL
       UNION ALL
       SELECT c.*, tree.depth + 1 FROM "${table}" c JOIN tree ON c."${selfReference}" = tree."${keys[0]}"
     )
     SELECT coalesce(json_agg(to_jsonb(tree) - 'depth' ORDER BY tree.depth, ${keys.map((key) => `tree."${key}"`).join(", ")})::text, '[]') AS rows FROM tree`,
  );
  return { rows: (ordered[0]?.rows ?? "[]").replace(/\n/g, ""), count: result.count };
}

export async function* createBackup(database: Database): AsyncGenerator<string> {
  const lines: string[] = [];
  await database.prisma.$transaction(
    async (sql) => {
      const { tables, selfReferences } = await tablesInDependencyOrder(sql);
      lines.push(
        JSON.stringify({
          format: BACKUP_FORMAT,
          version: 1,
          createdAt: new Date().toISOString(),
          source: database.config.kind,
          migrations: await appliedMigrations(sql),
          tables,
        }),
      );
      for (const table of tables) {
        const { rows, count } = await tableJson(sql, table, selfReferences.get(table));
        lines.push(JSON.stringify({ table, rows: count }), rows);
      }
    },
    { isolationLevel: "RepeatableRead", timeout: 600_000, maxWait: 60_000 },
  );
  for (const line of lines) yield `${line}\n`;
}

export type RestoreSummary = { tables: number; rows: number };

/**
 * Load a backup into a migrated, empty database (same migrations as the backup). Refuses rather
 * than merging into existing data. One transaction: all or nothing.
 */
export async function restoreBackup(
  database: Database,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<RestoreSummary> {
  const iterator = (
    Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : (lines as Iterable<string>)[Symbol.iterator]()
  ) as AsyncIterator<string> | Iterator<string>;
  const next = async () => {
    const result = await iterator.next();
    return result.done ? null : result.value;
  };
  const headerLine = await next();
  if (!headerLine) throw new Error("The backup file is empty.");
  const header = JSON.parse(headerLine) as {
    format?: string;
    version?: number;
    migrations?: string[];
    tables?: string[];
  };
  if (header.format !== BACKUP_FORMAT || header.version !== 1)
    throw new Error("This is not a Shortlist backup (version 1).");

  return database.prisma.$transaction(
    async (sql) => {
      const migrations = await appliedMigrations(sql);
      if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
        throw new Error(
          `The backup was taken at schema ${header.migrations?.at(-1) ?? "?"}, this database is at ${migrations.at(-1) ?? "no migrations"}. Restore into a database migrated to the same version.`,
        );
      }
      const { tables } = await tablesInDependencyOrder(sql);
      for (const table of tables) {
        const rows = await sql.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table}"`);
        if ((rows[0]?.count ?? 0) > 0)
          throw new Error(`Refusing to restore into a database that has data (table ${table} is not empty).`);
      }
      // The rows come with their evaluation versions: the triggers that count changes
      // (migration evaluation_version) stand aside for this transaction.
      await sql.$queryRawUnsafe(`SELECT set_config('shortlist.restoring', 'on', true)`);
      let total = 0;
      for (;;) {
        const envelopeLine = await next();
        if (envelopeLine === null || envelopeLine.trim() === "") break;
        const envelope = JSON.parse(envelopeLine) as { table: string; rows: number };
        const rowsJson = await next();
        if (rowsJson === null) throw new Error(`The backup ends in the middle of table ${envelope.table}.`);
        if (!tables.includes(envelope.table))
          throw new Error(`The backup has a table this database does not: ${envelope.table}.`);
        if (envelope.rows > 0) {
          await sql.$executeRawUnsafe(
            `INSERT INTO "${envelope.table}" SELECT * FROM json_populate_recordset(NULL::"${envelope.table}", $1::json)`,
            rowsJson,
          );
        }
        total += envelope.rows;
      }
      // Identity sequences continue after the restored rows.
      const sequences = await sql.$queryRawUnsafe<{ table: string; column: string }[]>(
        `SELECT table_name AS table, column_name AS column FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
      );
      for (const { table, column } of sequences) {
        await sql.$queryRawUnsafe(
          `SELECT setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce(max("${column}"), 1), max("${column}") IS NOT NULL)::text FROM "${table}"`,
        );
      }
      return { tables: tables.length, rows: total };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/** Write a gzip'd backup file (the format above). */
export async function writeBackupFile(database: Database, file: string) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await pipeline(Readable.from(createBackup(database)), createGzip(), createWriteStream(file));
}

/** The lines of a backup file, gzip'd (.gz) or not. */
export function readBackupFile(file: string): AsyncIterable<string> {
  const input = createReadStream(path.resolve(file));
  return createInterface({
    input: file.endsWith(".gz") ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
}
