import path from "node:path";

/**
 * Where the data lives, decided once from the environment:
 * - `DATABASE_URL` unset            → embedded PGlite persisted in ./data/pglite
 * - `DATABASE_URL=memory://`        → embedded PGlite in memory (tests)
 * - `DATABASE_URL=pglite:///abs/dir` or `pglite:relative/dir` → embedded PGlite in that folder
 * - `DATABASE_URL=postgres://…`     → PostgreSQL through @prisma/adapter-pg (scale-out path)
 */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string | null }
  | {
      kind: "postgres";
      url: string;
      poolMax: number;
      /** How long a request waits for a pooled connection before failing. */
      acquireTimeoutMs: number;
      statementTimeoutMs: number;
    };

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "pglite", dataDir: path.resolve("data/pglite") };
  if (url === "memory://" || url === "pglite://memory") return { kind: "pglite", dataDir: null };
  if (url.startsWith("pglite:")) {
    const dir = url.replace(/^pglite:(\/\/)?/, "");
    return { kind: "pglite", dataDir: path.resolve(dir) };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return {
      kind: "postgres",
      url,
      poolMax: positiveInt(env.DATABASE_POOL_MAX, 10),
      acquireTimeoutMs: positiveInt(env.DATABASE_ACQUIRE_TIMEOUT_MS, 5_000),
      statementTimeoutMs: positiveInt(env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000),
    };
  }
  throw new Error(
    `DATABASE_URL must be unset (embedded database), memory://, pglite:<dir> or postgres://…; got "${url.split(":")[0]}:…"`,
  );
}

function positiveInt(value: string | undefined, fallback: number) {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function describeDatabase(config: DatabaseConfig) {
  if (config.kind === "postgres") {
    const { hostname, port, pathname } = new URL(config.url);
    return `PostgreSQL ${hostname}:${port || 5432}${pathname}`;
  }
  return config.dataDir
    ? `embedded PGlite at ${path.relative(process.cwd(), config.dataDir) || "."}`
    : "embedded PGlite in memory";
}
