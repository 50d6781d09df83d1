/** npm run db:seed — load the demo organisation into an empty database (refuses otherwise). */

import { migrate } from "../app/db/migrate.server";
import { closeDatabase, getDatabase } from "../app/db.server";
import { seedDemoIfFresh } from "../prisma/seed";

try {
  await migrate(getDatabase());
  const seeded = await seedDemoIfFresh();
  process.stdout.write(
    seeded
      ? "Demo data loaded. Accounts and password: see README.\n"
      : "The database already has users; nothing seeded.\n",
  );
} finally {
  await closeDatabase();
}
