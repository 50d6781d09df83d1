/**
 * Runs before each integration test file: gives the file its own empty, migrated database and
 * closes it afterwards. PGlite in memory by default; a copy of the migrated template database
 * when TEST_POSTGRES_URL is set.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { migrate } from "~/db/migrate.server";
import { closeDatabase, getDatabase } from "~/db.server";

process.env.NODE_ENV = "test";
const adminUrl = process.env.TEST_POSTGRES_URL;
const databaseName = `shortlist_test_${randomBytes(5).toString("hex")}`;

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (adminUrl) {
    // Copying a template fails while another copy of it is being made; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await withAdmin((client) => client.query(`CREATE DATABASE ${databaseName} TEMPLATE shortlist_test_template`));
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    process.env.DATABASE_URL = "memory://";
  }
  await migrate(getDatabase());
});

afterAll(async () => {
  await closeDatabase();
  if (adminUrl) await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
});
