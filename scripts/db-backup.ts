/**
 * npm run db:backup [FILE] — a consistent logical backup of the configured database (PGlite or
 * PostgreSQL) as gzip'd JSON lines; default file: data/backups/shortlist-<timestamp>.jsonl.gz.
 * With the embedded database, stop the server first (only one process may open it).
 */
import path from "node:path";
import { writeBackupFile } from "../app/db/backup.server";
import { describeDatabase } from "../app/db/config.server";
import { closeDatabase, getDatabase } from "../app/db.server";

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
const file = path.resolve(process.argv[2] ?? `data/backups/shortlist-${stamp}.jsonl.gz`);
const database = getDatabase();
try {
  await writeBackupFile(database, file);
  process.stdout.write(`Backed up ${describeDatabase(database.config)} to ${path.relative(process.cwd(), file)}\n`);
} finally {
  await closeDatabase();
}
