import { missingTimelineFields, type Timeline, timelineLabel, timelineOrderIssues } from "./timeline";

/**
 * The RFP stage machine. Vendors are narrowed in stages, each stage deciding who is invited to
 * the next; the guards below are the rules that keep a stage from starting before the previous
 * one has produced what it must.
 */
export const PIPELINE = [
  "DRAFT",
  "PUBLISHED",
  "EVALUATION",
  "SHORTLIST",
  "INTERVIEWS",
  "DECISION",
  "NEGOTIATION",
  "AWARDED",
] as const;
export const RFP_STAGES = [...PIPELINE, "CANCELLED"] as const;
export type RfpStage = (typeof RFP_STAGES)[number];

export const STAGE_INFO: Record<RfpStage, { label: string; description: string }> = {
  DRAFT: { label: "Draft", description: "The lead writes the RFP; nothing is visible to vendors." },
  PUBLISHED: { label: "Published", description: "Vendors read the RFP, ask questions and submit sealed proposals." },
  EVALUATION: { label: "Evaluation", description: "Proposals are opened; the panel scores them independently." },
  SHORTLIST: { label: "Shortlist", description: "Consensus is reached and the shortlist is decided with evidence." },
  INTERVIEWS: { label: "Interviews", description: "Shortlisted vendors present; the panel debriefs and ranks." },
  DECISION: { label: "Decision", description: "Executives review the recommendation and approve the award." },
  NEGOTIATION: {
    label: "Negotiation",
    description: "The winner's promises become contract terms; runner-up in reserve.",
  },
  AWARDED: { label: "Awarded", description: "The contract is concluded." },
  CANCELLED: { label: "Cancelled", description: "The procurement was stopped." },
};

/**
 * Everything the guards look at, gathered by the model layer. Facts for stages whose features
 * are not built yet are reported as "nothing done", which keeps those transitions closed rather
 * than letting an RFP skip work that has no screen yet.
 */
export type TransitionFacts = {
  now: Date;
  rfp: { title: string; summary: string; timeline: Timeline };
  /** What is missing from the document before vendors may read it (domain/document). */
  document: { issues: string[] };
  /** Invitations whose link is not revoked. */
  invitations: { active: number };
  proposals: { submitted: number; opened: boolean };
  scoring: { sheetsPending: number; consensusComplete: boolean };
  shortlist: { decided: boolean; size: number };
  interviews: { shortlistedWithoutDebrief: number };
  award: { approved: boolean };
  negotiation: { concluded: boolean };
};

export type TransitionCheck = { to: RfpStage; allowed: boolean; blockers: string[] };

const MIN_CANCEL_REASON = 10;

export function isTerminal(stage: RfpStage) {
  return stage === "AWARDED" || stage === "CANCELLED";
}

export function nextStage(stage: RfpStage): RfpStage | null {
  if (isTerminal(stage)) return null;
  const index = PIPELINE.indexOf(stage as (typeof PIPELINE)[number]);
  return PIPELINE[index + 1] ?? null;
}

/** Why the RFP cannot leave `from` for `to` yet; an empty list means it can. */
export function transitionBlockers(from: RfpStage, to: RfpStage, facts: TransitionFacts): string[] {
  if (isTerminal(from)) return [`This RFP is ${STAGE_INFO[from].label.toLowerCase()}; its stage cannot change.`];
  if (to === "CANCELLED") return [];
  if (to !== nextStage(from)) {
    return [`${STAGE_INFO[to].label} does not follow ${STAGE_INFO[from].label}.`];
  }
  const { timeline } = facts.rfp;
  switch (to) {
    case "PUBLISHED": {
      const blockers: string[] = [];
      if (!facts.rfp.title.trim()) blockers.push("The RFP needs a title.");
      if (!facts.rfp.summary.trim()) blockers.push("The RFP needs a summary.");
      const missing = missingTimelineFields(timeline);
      if (missing.length > 0) {
        blockers.push(`Complete the timeline: ${missing.map(timelineLabel).join(", ").toLowerCase()}.`);
      }
      blockers.push(...timelineOrderIssues(timeline).map((issue) => `${issue.message}.`));
      if (timeline.proposalDeadline && timeline.proposalDeadline.getTime() <= facts.now.getTime()) {
        blockers.push("The proposal deadline has already passed; move it into the future.");
      }
      blockers.push(...facts.document.issues);
      if (facts.invitations.active === 0) blockers.push("Invite at least one vendor.");
      return blockers;
    }
    case "EVALUATION": {
      if (!timeline.proposalDeadline || timeline.proposalDeadline.getTime() > facts.now.getTime()) {
        return ["Proposals stay sealed until the proposal deadline has passed."];
      }
      return facts.proposals.submitted === 0
        ? ["No proposal was submitted; extend the deadline or cancel the RFP."]
        : [];
    }
    case "SHORTLIST": {
      const blockers: string[] = [];
      if (!facts.proposals.opened) blockers.push("Open the proposals first.");
      if (facts.scoring.sheetsPending > 0) {
        blockers.push(`${facts.scoring.sheetsPending} score sheet(s) are not submitted yet.`);
      }
      if (!facts.scoring.consensusComplete) blockers.push("Consensus has not been recorded.");
      return blockers;
    }
    case "INTERVIEWS":
      if (!facts.shortlist.decided) return ["Decide the shortlist first."];
      return facts.shortlist.size === 0 ? ["The shortlist is empty."] : [];
    case "DECISION":
      return facts.interviews.shortlistedWithoutDebrief > 0
        ? [`${facts.interviews.shortlistedWithoutDebrief} shortlisted vendor(s) have no interview debrief.`]
        : [];
    case "NEGOTIATION":
      return facts.award.approved ? [] : ["Every named executive must approve the award."];
    case "AWARDED":
      return facts.negotiation.concluded ? [] : ["Conclude the contract negotiation first."];
    default:
      return [`Unknown stage ${to}.`];
  }
}

/** The moves open from `stage` (the next stage, and cancelling), each with its blockers. */
export function availableTransitions(stage: RfpStage, facts: TransitionFacts): TransitionCheck[] {
  if (isTerminal(stage)) return [];
  const targets: RfpStage[] = [];
  const next = nextStage(stage);
  if (next) targets.push(next);
  targets.push("CANCELLED");
  return targets.map((to) => {
    const blockers = transitionBlockers(stage, to, facts);
    return { to, allowed: blockers.length === 0, blockers };
  });
}

export function validateCancelReason(reason: string | undefined | null) {
  const trimmed = reason?.trim() ?? "";
  return trimmed.length >= MIN_CANCEL_REASON
    ? null
    : `Say why the RFP is cancelled (at least ${MIN_CANCEL_REASON} characters); vendors and auditors will read it.`;
}

/** Position of each pipeline stage relative to the current one, for the stage bar. */
export function stageBar(stage: RfpStage) {
  const current = stage === "CANCELLED" ? -1 : PIPELINE.indexOf(stage as (typeof PIPELINE)[number]);
  return PIPELINE.map((candidate, index) => ({
    stage: candidate,
    label: STAGE_INFO[candidate].label,
    state:
      current === -1
        ? ("inactive" as const)
        : index < current
          ? ("done" as const)
          : index === current
            ? ("current" as const)
            : ("todo" as const),
  }));
}
