import { prisma } from "~/db.server";
import { logger } from "~/utils/logger.server";

/** Readiness: the database answers. Load balancers stop sending traffic while it does not. */
export async function loader() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response("ready", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    return new Response("database unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
    });
  }
}
