import { prisma } from "~/db.server";
import { mayDoRfpAction, type RfpAction, rfpActionsFor } from "~/domain/policy";
import type { CurrentUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/http.server";
import { memoizeForRequest } from "~/utils/request-context.server";

/**
 * "May this user do X on this RFP?" for loaders and actions: one query for the RFP and the user's
 * membership, then the rule from domain/policy. Missing RFP → 404; not allowed → 403.
 */
export async function requireRfpPermission(user: CurrentUser, rfpId: string, action: RfpAction) {
  const rfp = await memoizeForRequest(`rfp-access:${rfpId}:${user.id}`, () => loadRfpAccess(user.id, rfpId));
  if (!rfp) throw notFound("We could not find that RFP.");
  const membership = rfp.members[0]?.role ?? null;
  if (!mayDoRfpAction(membership, action)) {
    throw forbidden(membership ? "Your role on this RFP does not allow that." : "You are not a member of this RFP.");
  }
  const { members: _members, ...summary } = rfp;
  return { rfp: summary, membership, permissions: rfpActionsFor(membership) };
}

function loadRfpAccess(userId: string, rfpId: string) {
  return prisma.rfp.findUnique({
    where: { id: rfpId },
    select: {
      id: true,
      reference: true,
      title: true,
      stage: true,
      timeZone: true,
      version: true,
      members: { where: { userId }, select: { role: true } },
    },
  });
}
