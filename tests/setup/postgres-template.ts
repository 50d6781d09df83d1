/**
 * When TEST_POSTGRES_URL points at a PostgreSQL server (CI does this), build a migrated template
 * database once; every test file then gets its own copy (tests/setup/database.ts). Without it the
 * suite runs on in-memory PGlite and this does nothing.
 */
import pg from "pg";

export const TEMPLATE_DB = "shortlist_test_template";

export default async function setup() {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  process.env.DATABASE_URL = url.toString();
  const { getDatabase, closeDatabase } = await import("../../app/db.server");
  const { migrate } = await import("../../app/db/migrate.server");
  await migrate(getDatabase());
  await closeDatabase();
  delete process.env.DATABASE_URL;
}
