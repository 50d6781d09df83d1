import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "~/db/migrate.server";
import { getDatabase, prisma } from "~/db.server";
import { diffMigrationsToSchema } from "../../scripts/lib/schema-engine";

describe("migrations", () => {
  it("applying every migration to an empty database yields exactly schema.prisma", async () => {
    const result = await diffMigrationsToSchema(path.resolve("prisma/migrations"));
    expect(result.sql.trim()).toBe("-- This is an empty migration.");
    expect(result.empty).toBe(true);
  });

  it("records each migration in Prisma's history table with its checksum, and re-running applies nothing", async () => {
    const files = readMigrations();
    const rows = await prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    expect(rows.map((row) => row.checksum)).toEqual(files.map((file) => file.checksum));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);

    const again = await migrate(getDatabase());
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it("detects a schema change that has no migration yet", async () => {
    const schema = (await import("node:fs")).readFileSync("prisma/schema.prisma", "utf8");
    const changed = schema.replace("model Setting {", "model Setting {\n  note String?");
    const result = await diffMigrationsToSchema(path.resolve("prisma/migrations"), changed);
    expect(result.empty).toBe(false);
    expect(result.sql).toContain('ALTER TABLE "Setting" ADD COLUMN     "note" TEXT');
  });

  it("keeps the audit log append-only at the database level", async () => {
    await prisma.auditEvent.create({ data: { actorLabel: "system", action: "test.event", entityType: "Test" } });
    await expect(prisma.auditEvent.updateMany({ data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditEvent" CASCADE')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count({ where: { action: "test.event" } })).toBe(1);
  });
});
