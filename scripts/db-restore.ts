/**
 * npm run db:restore FILE — load a backup made by db:backup into the configured database. The
 * database is migrated first and must be empty (a fresh data folder or PostgreSQL database);
 * the restore is one transaction, so it either completes or changes nothing.
 */

import { readBackupFile, restoreBackup } from "../app/db/backup.server";
import { describeDatabase } from "../app/db/config.server";
import { migrate } from "../app/db/migrate.server";
import { closeDatabase, getDatabase } from "../app/db.server";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run db:restore <backup file>\n");
  process.exit(2);
}
const database = getDatabase();
try {
  await migrate(database);
  const summary = await restoreBackup(database, readBackupFile(file));
  process.stdout.write(
    `Restored ${summary.rows} rows in ${summary.tables} tables into ${describeDatabase(database.config)}\n`,
  );
} catch (error) {
  process.stderr.write(`Restore failed, nothing was changed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
