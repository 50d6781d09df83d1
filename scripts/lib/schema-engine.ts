import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readMigrations } from "../../app/db/migrate.server";

/**
 * Prisma's schema engine compiled to WebAssembly (npm: @prisma/schema-engine-wasm, pinned to
 * the engine build of the installed Prisma). The native engine that `prisma migrate` wants is
 * downloaded from outside the npm registry, which this project must never need.
 *
 * The engine diffs schema-to-schema with no database, and migrations-to-schema by replaying the
 * migrations into a throwaway in-memory PGlite shadow database through the driver adapter.
 */
type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string }>;
};

const require = createRequire(import.meta.url);
const FILTERS = { externalTables: [], externalEnums: [] };

// The generated JS glue keeps module-level views of the WASM memory, so the module is
// instantiated once per process and every engine shares it.
let bindingsPromise: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | null = null;

function loadBindings() {
  bindingsPromise ??= (async () => {
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return bindings;
  })();
  return bindingsPromise;
}

async function loadEngine(schema: string): Promise<Engine> {
  const bindings = await loadBindings();
  // The engine only uses the adapter for the shadow database; the main connection is never opened.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite("memory://")));
  return (await bindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    adapter,
  )) as unknown as Engine;
}

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");

export function readSchema(schemaPath = SCHEMA_PATH) {
  return fs.readFileSync(schemaPath, "utf8");
}

/** SQL that turns a database migrated with every file in `migrationsDir` into `schema`. */
export async function diffMigrationsToSchema(migrationsDir: string, schema = readSchema()) {
  const engine = await loadEngine(schema);
  const migrations = readMigrations(migrationsDir);
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const result = await engine.diff({
    from: {
      tag: "migrations",
      baseDir: migrationsDir,
      lockfile: {
        path: "migration_lock.toml",
        content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
      },
      migrationDirectories: migrations.map((migration) => ({
        path: migration.name,
        migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
      })),
      shadowDbInitScript: "",
    },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: true,
    filters: FILTERS,
  });
  return { empty: result.exitCode === 0, sql: result.stdout };
}

/** SQL that creates `schema` from nothing (used to compare migrated databases with the schema). */
export async function sqlForSchema(schema = readSchema()) {
  const engine = await loadEngine(schema);
  const result = await engine.diff({
    from: { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: FILTERS,
  });
  return result.stdout;
}
