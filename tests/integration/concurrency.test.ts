/**
 * Many requests at once against whichever database the suite runs on (PGlite, or PostgreSQL in
 * CI): each request is an interactive transaction; none may be lost, doubled or deadlocked.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as newRoute from "~/routes/rfps.new";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction } from "../fixtures/routes";

const REQUESTS = 50;

describe("concurrent requests", () => {
  it(`${REQUESTS} simultaneous "create RFP" requests all succeed with gap-free references and one audit event each`, async () => {
    const lead = await createTestUser();
    const cookie = await sessionCookie(lead);
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_, index) =>
        callAction(newRoute, "/rfps/new", {
          cookie,
          form: {
            title: `Concurrent RFP ${index}`,
            summary: "Created in a burst.",
            category: "Logistics",
            currency: "EUR",
            timeZone: "UTC",
          },
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(REQUESTS).fill(302));
    const rfps = await prisma.rfp.findMany({
      where: { title: { startsWith: "Concurrent RFP " } },
      select: { id: true, reference: true, _count: { select: { members: true, auditEvents: true } } },
      orderBy: { reference: "asc" },
    });
    expect(rfps).toHaveLength(REQUESTS);
    const year = new Date().getUTCFullYear();
    expect(rfps.map((rfp) => rfp.reference)).toEqual(
      Array.from({ length: REQUESTS }, (_, index) => `RFP-${year}-${String(index + 1).padStart(3, "0")}`),
    );
    expect(rfps.every((rfp) => rfp._count.members === 1 && rfp._count.auditEvents === 1)).toBe(true);
  });
});
