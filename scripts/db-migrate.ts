/** npm run db:migrate — apply pending migrations to the configured database (see README). */

import { describeDatabase } from "../app/db/config.server";
import { migrate } from "../app/db/migrate.server";
import { closeDatabase, getDatabase } from "../app/db.server";

const database = getDatabase();
try {
  const result = await migrate(database);
  process.stdout.write(
    `${describeDatabase(database.config)}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place.\n`,
  );
} finally {
  await closeDatabase();
}
