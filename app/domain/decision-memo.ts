/**
 * The decision memo: the lead's recommendation memo with the outcome for every bidder (the
 * recommended vendor first, then the runner-up, then the others in the order they left the
 * process) and who approved or returned it, round by round. Pure: the model loads the rows.
 */
import { kendallsW } from "./agreement";
import { INVITATION_STATUS_INFO, type InvitationStatus } from "./portal";
import { aggregateRankings, standingsOf } from "./ranking";

export type RecommendationStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
export type ApprovalDecision = "PENDING" | "APPROVED" | "RETURNED";

export const RECOMMENDATION_STATUS_LABEL: Record<RecommendationStatus, string> = {
  DRAFT: "Draft, not submitted",
  SUBMITTED: "Submitted, waiting for approval",
  APPROVED: "Approved",
  RETURNED: "Returned to the lead",
};
export const APPROVAL_DECISION_LABEL: Record<ApprovalDecision, string> = {
  PENDING: "Waiting",
  APPROVED: "Approved",
  RETURNED: "Returned",
};

export type DecisionMemoInput = {
  recommendation: {
    status: RecommendationStatus;
    round: number;
    memo: string;
    recommendedInvitationId: string;
    runnerUpInvitationId: string | null;
    submittedAt: Date | null;
    decidedAt: Date | null;
  };
  vendors: readonly { invitationId: string; name: string; status: InvitationStatus; submitted: boolean }[];
  approvals: readonly {
    approverName: string;
    round: number;
    decision: ApprovalDecision;
    comment: string;
    decidedAt: Date | null;
  }[];
  /** The panel members' submitted rankings after the interviews: tiers of invitation ids, best first. */
  panelRankings?: readonly { memberId: string; tiers: readonly (readonly string[])[] }[];
  /**
   * The weighted final ranking the executives reviewed (written, oral and price parts out of 100,
   * and the total), per invitation; absent when it could not be computed.
   */
  finalRanking?: {
    weights: { WRITTEN: number; ORAL: number; PRICE: number };
    rows: readonly {
      invitationId: string;
      written: number | null;
      oral: number | null;
      price: number | null;
      total: number;
    }[];
  } | null;
};

export type StandingParts = { written: number | null; oral: number | null; price: number | null; total: number };
export type Standing = {
  place: number | null;
  name: string;
  outcome: string;
  panelPlace: number | null;
  /** The weighted parts, for vendors in the final ranking. */
  parts: StandingParts | null;
};

/** Later in this list = left the process later = placed higher among those not selected. */
const EXIT_ORDER: InvitationStatus[] = [
  "RESERVE",
  "AWARDED",
  "SHORTLISTED",
  "ELIMINATED",
  "NOT_SHORTLISTED",
  "DISQUALIFIED",
  "SUBMITTED",
  "INTENDS_TO_BID",
  "INVITED",
  "DECLINED",
];

function outcomeOf(
  vendor: DecisionMemoInput["vendors"][number],
  recommendation: DecisionMemoInput["recommendation"],
): string {
  if (vendor.invitationId === recommendation.recommendedInvitationId) return "Recommended for award";
  if (vendor.invitationId === recommendation.runnerUpInvitationId) return "Runner-up, held in reserve";
  if (vendor.status === "ELIMINATED") return "Not selected after the interviews";
  return INVITATION_STATUS_INFO[vendor.status].label;
}

/**
 * Bidders that submitted a proposal, recommended vendor first and runner-up second (places 1 and
 * 2); the rest follow by how far they got, without a place (their order among themselves is not a
 * ranking the panel decided).
 */
export function standings(input: DecisionMemoInput): Standing[] {
  const { recommendation } = input;
  const panelPlaces = panelRanking(input)?.places ?? new Map<string, number>();
  const rankOf = (vendor: DecisionMemoInput["vendors"][number]) => {
    if (vendor.invitationId === recommendation.recommendedInvitationId) return -2;
    if (vendor.invitationId === recommendation.runnerUpInvitationId) return -1;
    return EXIT_ORDER.indexOf(vendor.status);
  };
  return input.vendors
    .filter((vendor) => vendor.submitted)
    .sort((a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name))
    .map((vendor) => {
      const rank = rankOf(vendor);
      return {
        place: rank < 0 ? rank + 3 : null,
        name: vendor.name,
        outcome: outcomeOf(vendor, recommendation),
        panelPlace: panelPlaces.get(vendor.invitationId) ?? null,
        parts: partsOf(input, vendor.invitationId),
      };
    });
}

function partsOf(input: DecisionMemoInput, invitationId: string): StandingParts | null {
  const row = input.finalRanking?.rows.find((candidate) => candidate.invitationId === invitationId);
  return row ? { written: row.written, oral: row.oral, price: row.price, total: row.total } : null;
}

/** "2 of 2 approvals in round 1" — only the current round counts towards the award. */
export function approvalSummary(input: DecisionMemoInput): string {
  const current = input.approvals.filter((approval) => approval.round === input.recommendation.round);
  if (current.length === 0) return "Not submitted for approval yet.";
  const approved = current.filter((approval) => approval.decision === "APPROVED").length;
  const returned = current.filter((approval) => approval.decision === "RETURNED").length;
  const parts = [`${approved} of ${current.length} approvals in round ${input.recommendation.round}`];
  if (returned > 0) parts.push(`${returned} returned`);
  return parts.join(", ");
}

/**
 * The panel's combined ranking of the interviewed vendors (Schulze method over the submitted
 * rankings) and how far the panel agreed (Kendall's W in words); null without two or more
 * consistent rankings.
 */
export function panelRanking(input: DecisionMemoInput) {
  const rankings = (input.panelRankings ?? []).map((ranking) => ({
    panelMemberId: ranking.memberId,
    tiers: ranking.tiers,
  }));
  const candidates = [...new Set(rankings[0]?.tiers.flat() ?? [])].sort();
  if (rankings.length < 2 || candidates.length < 2) return null;
  const result = aggregateRankings(candidates, rankings);
  if (!result.ok) return null;
  const places = new Map(
    standingsOf(result.aggregation.schulze.ranking).map((standing) => [standing.candidateId, standing.place]),
  );
  return { places, agreement: kendallsW(result.aggregation.profile).summary, raters: rankings.length };
}
