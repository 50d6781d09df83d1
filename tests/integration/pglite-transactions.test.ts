/**
 * The embedded database is one connection: interactive transactions must queue, never
 * interleave. This file always runs on PGlite (even when the suite runs on PostgreSQL), because
 * that is the property under test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "~/db/migrate.server";
import { closeDatabase, getDatabase, prisma } from "~/db.server";

beforeAll(async () => {
  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await migrate(getDatabase());
  expect(getDatabase().config.kind).toBe("pglite");
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PGlite interactive transactions", () => {
  it("50 concurrent read-modify-write transactions: serialized, no interleaving, no lost update", async () => {
    await prisma.setting.create({ data: { key: "counter", value: 0 } });
    const log: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        prisma.$transaction(async (tx) => {
          log.push(`start ${index}`);
          const current = await tx.setting.findUniqueOrThrow({ where: { key: "counter" } });
          // Give every other transaction the chance to run in between, if it could.
          await pause(2);
          await tx.setting.update({ where: { key: "counter" }, data: { value: Number(current.value) + 1 } });
          log.push(`end ${index}`);
        }),
      ),
    );
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: "counter" } })).value).toBe(50);
    expect(log).toHaveLength(100);
    for (let position = 0; position < log.length; position += 2) {
      const started = log[position]?.split(" ")[1];
      expect(log[position]).toBe(`start ${started}`);
      expect(log[position + 1]).toBe(`end ${started}`);
    }
  });

  it("a failing transaction rolls back entirely and the next one proceeds", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "half-written", value: true } });
        throw new Error("abort halfway");
      }),
    ).rejects.toThrow("abort halfway");
    expect(await prisma.setting.findUnique({ where: { key: "half-written" } })).toBeNull();
    await prisma.$transaction((tx) => tx.setting.create({ data: { key: "after-abort", value: true } }));
    expect(await prisma.setting.count({ where: { key: "after-abort" } })).toBe(1);
  });

  it("a query outside waits for an open transaction instead of reading its uncommitted state", async () => {
    await prisma.setting.create({ data: { key: "isolation", value: "before" } });
    let outsideRead: unknown = null;
    await prisma.$transaction(async (tx) => {
      await tx.setting.update({ where: { key: "isolation" }, data: { value: "during" } });
      // Fired from outside while the transaction is open; it can only run after the commit.
      void prisma.setting.findUniqueOrThrow({ where: { key: "isolation" } }).then((row) => {
        outsideRead = row.value;
      });
      await pause(20);
      expect(outsideRead).toBeNull();
      await tx.setting.update({ where: { key: "isolation" }, data: { value: "after" } });
    });
    await pause(20);
    expect(outsideRead).toBe("after");
  });
});
