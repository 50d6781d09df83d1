/**
 * What a vendor may do in the portal, and when. Deadlines are legal moments: at the proposal
 * deadline the proposal locks, at the questions deadline questions close, both checked on the
 * server at the moment of the change (a deadline extension simply moves the deadline).
 */
export const INVITATION_STATUSES = [
  "INVITED",
  "INTENDS_TO_BID",
  "DECLINED",
  "SUBMITTED",
  "DISQUALIFIED",
  "SHORTLISTED",
  "NOT_SHORTLISTED",
  "ELIMINATED",
  "RESERVE",
  "AWARDED",
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export type ProposalStatus = "DRAFT" | "SUBMITTED" | "WITHDRAWN";

export const INVITATION_STATUS_INFO: Record<InvitationStatus, { label: string; tone: string; vendorText: string }> = {
  INVITED: {
    label: "Invited",
    tone: "published",
    vendorText: "You are invited to bid. Tell the buyer whether you intend to.",
  },
  INTENDS_TO_BID: {
    label: "Intends to bid",
    tone: "published",
    vendorText: "You told the buyer you intend to bid. Build and submit your proposal before the deadline.",
  },
  DECLINED: {
    label: "Declined",
    tone: "draft",
    vendorText: "You declined to bid. You can change your answer until the proposal deadline.",
  },
  SUBMITTED: {
    label: "Proposal submitted",
    tone: "success",
    vendorText: "Your proposal is submitted and sealed until the deadline.",
  },
  DISQUALIFIED: {
    label: "Disqualified",
    tone: "danger",
    vendorText: "Your proposal did not meet a mandatory requirement.",
  },
  SHORTLISTED: {
    label: "Shortlisted",
    tone: "success",
    vendorText:
      "You are on the shortlist. The next stage is an oral interview; the buyer will send a time slot and an agenda. Being shortlisted is not an award.",
  },
  NOT_SHORTLISTED: {
    label: "Not shortlisted",
    tone: "draft",
    vendorText:
      "Your proposal was not shortlisted and will not be considered further. The buyer offers a debrief: reply to the email you received to arrange one. Thank you for taking part.",
  },
  ELIMINATED: { label: "Not selected", tone: "draft", vendorText: "You were not selected. Thank you for taking part." },
  RESERVE: { label: "Reserve", tone: "warning", vendorText: "You are kept in reserve while negotiation continues." },
  AWARDED: { label: "Awarded", tone: "awarded", vendorText: "The contract is awarded to you." },
};

export type PortalClock = { stage: string; deadline: Date | null; now: Date };

/** Still before the deadline while the RFP is published (no deadline set means closed: fail safe). */
export function isOpen({ stage, deadline, now }: PortalClock) {
  return stage === "PUBLISHED" && deadline !== null && now.getTime() < deadline.getTime();
}

export type ProposalLock = "closed" | "declined" | "not_invited" | "submitted";

export const PROPOSAL_LOCK_TEXT: Record<ProposalLock, string> = {
  closed: "The proposal deadline has passed: the proposal is read-only and can no longer be submitted.",
  declined: "You declined to bid. Change your answer on the portal home page to work on a proposal.",
  not_invited: "Your invitation no longer allows changes to the proposal.",
  submitted: "Your proposal is submitted. To change it, withdraw it, edit and submit again before the deadline.",
};

/**
 * Why the proposal cannot be edited now, or null when it can. Submitted proposals are locked
 * too: changing one means withdrawing it first, so a submitted version is always whole.
 */
export function proposalLock(input: {
  stage: string;
  proposalDeadline: Date | null;
  invitationStatus: InvitationStatus;
  proposalStatus: ProposalStatus | null;
  now: Date;
}): ProposalLock | null {
  if (!isOpen({ stage: input.stage, deadline: input.proposalDeadline, now: input.now })) return "closed";
  if (input.invitationStatus === "DECLINED") return "declined";
  if (!["INVITED", "INTENDS_TO_BID", "SUBMITTED"].includes(input.invitationStatus)) return "not_invited";
  if (input.proposalStatus === "SUBMITTED") return "submitted";
  return null;
}

/** Intent can be declared (or a decline reversed) until the deadline; declining needs no submitted proposal. */
export function intentChangeProblem(input: {
  to: "INTENDS_TO_BID" | "DECLINED";
  stage: string;
  proposalDeadline: Date | null;
  invitationStatus: InvitationStatus;
  now: Date;
}): string | null {
  if (!isOpen({ stage: input.stage, deadline: input.proposalDeadline, now: input.now })) {
    return "The proposal deadline has passed, so your answer can no longer change.";
  }
  if (input.invitationStatus === input.to) {
    return input.to === "DECLINED" ? "You have already declined." : "You have already said you intend to bid.";
  }
  if (input.invitationStatus === "SUBMITTED") {
    return "Your proposal is submitted. Withdraw it first if you no longer wish to bid.";
  }
  if (!["INVITED", "INTENDS_TO_BID", "DECLINED"].includes(input.invitationStatus)) {
    return "Your invitation's status can no longer change here.";
  }
  return null;
}

export type CountdownParts = { passed: boolean; days: number; hours: number; minutes: number };

/** Whole days, hours and minutes left until `deadline` (rounded down), or passed. */
export function countdown(deadline: Date, now: Date): CountdownParts {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return { passed: true, days: 0, hours: 0, minutes: 0 };
  const totalMinutes = Math.floor(ms / 60_000);
  return {
    passed: false,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/** "3 days 4 hours left", "2 hours 5 minutes left", "closed". */
export function countdownLabel(parts: CountdownParts) {
  if (parts.passed) return "closed";
  const unit = (value: number, name: string) => `${value} ${name}${value === 1 ? "" : "s"}`;
  if (parts.days > 0) return `${unit(parts.days, "day")} ${unit(parts.hours, "hour")} left`;
  if (parts.hours > 0) return `${unit(parts.hours, "hour")} ${unit(parts.minutes, "minute")} left`;
  return parts.minutes > 0 ? `${unit(parts.minutes, "minute")} left` : "less than a minute left";
}

export type NextStep = { text: string; to: string };

/** The vendor's to-do list on the portal home page, most urgent first. */
export function vendorNextSteps(input: {
  stage: string;
  invitationStatus: InvitationStatus;
  proposalStatus: ProposalStatus | null;
  questionsDeadline: Date | null;
  proposalDeadline: Date | null;
  unacknowledgedAddenda: number;
  now: Date;
}): NextStep[] {
  const steps: NextStep[] = [];
  const proposalOpen = isOpen({ stage: input.stage, deadline: input.proposalDeadline, now: input.now });
  const questionsOpen = isOpen({ stage: input.stage, deadline: input.questionsDeadline, now: input.now });
  if (input.unacknowledgedAddenda > 0) {
    steps.push({
      text: `Acknowledge ${input.unacknowledgedAddenda === 1 ? "the new addendum" : `${input.unacknowledgedAddenda} addenda`} to the RFP.`,
      to: "/portal/rfp#addenda",
    });
  }
  if (!proposalOpen) return steps;
  switch (input.invitationStatus) {
    case "INVITED":
      steps.push({ text: "Tell the buyer whether you intend to bid.", to: "/portal#intent" });
      steps.push({ text: "Read the RFP document.", to: "/portal/rfp" });
      break;
    case "INTENDS_TO_BID":
      steps.push({
        text:
          input.proposalStatus === "WITHDRAWN"
            ? "Your proposal is withdrawn: submit it again before the deadline."
            : "Complete and submit your proposal before the deadline.",
        to: "/portal/proposal",
      });
      break;
    case "DECLINED":
      steps.push({ text: "Changed your mind? You can still decide to bid.", to: "/portal#intent" });
      return steps;
    case "SUBMITTED":
      steps.push({
        text: "Your proposal is submitted. You can still withdraw and resubmit it until the deadline.",
        to: "/portal/proposal",
      });
      break;
    default:
      return steps;
  }
  if (questionsOpen)
    steps.push({ text: "Ask a clarification question if anything is unclear.", to: "/portal/questions" });
  return steps;
}
