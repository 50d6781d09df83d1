/**
 * Contract negotiation: the rules that turn what the winner promised into a contract that commits
 * it to perform. Which terms the risk rules read, how each promise in the commitments register is
 * disposed of, what a term needs before it counts as settled, and when the contract is ready.
 * Pure: the models load the rows and store the outcome.
 */
import {
  type ContractTerms,
  type FlagResolution,
  outstandingFlags,
  type PriceChangeClause,
  type RenewalType,
  type RiskFlag,
  reviewContract,
} from "./contract-risk";

export const NEGOTIATION_STATUSES = ["OPEN", "READY", "BROKEN_DOWN", "CONCLUDED"] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];
export const NEGOTIATION_STATUS_INFO: Record<NegotiationStatus, { label: string; tone: string }> = {
  OPEN: { label: "In negotiation", tone: "negotiation" },
  READY: { label: "Ready to conclude", tone: "success" },
  BROKEN_DOWN: { label: "Broken down", tone: "danger" },
  CONCLUDED: { label: "Concluded", tone: "awarded" },
};

export const TERM_STATUSES = ["OPEN", "AGREED", "ESCALATED", "DROPPED"] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export const TERM_STATUS_INFO: Record<TermStatus, { label: string; tone: string; description: string }> = {
  OPEN: { label: "Open", tone: "warning", description: "Still being negotiated." },
  AGREED: { label: "Agreed", tone: "success", description: "Both sides accept the agreed wording." },
  ESCALATED: {
    label: "Escalated",
    tone: "decision",
    description: "Waiting for the executive sponsor's decision.",
  },
  DROPPED: { label: "Dropped", tone: "draft", description: "Left out of the contract, with a reason." },
};
/** What the lead may set through the term form; ESCALATED only through an escalation. */
export const LEAD_TERM_STATUSES = ["OPEN", "AGREED", "DROPPED"] as const;

export const RENEWAL_TYPES = ["NONE", "AUTOMATIC", "BY_MUTUAL_AGREEMENT"] as const satisfies readonly RenewalType[];
export const RENEWAL_INFO: Record<RenewalType, string> = {
  NONE: "Ends after the term (no renewal)",
  AUTOMATIC: "Renews automatically unless cancelled",
  BY_MUTUAL_AGREEMENT: "Renews only by mutual written agreement",
};

export const SET_BY = ["VENDOR", "CUSTOMER", "AGREED"] as const;
export type SetBy = (typeof SET_BY)[number];
export const SET_BY_INFO: Record<SetBy, string> = {
  VENDOR: "The vendor (from its proposal)",
  CUSTOMER: "Us (from our business need)",
  AGREED: "Agreed by both sides",
};

export const FEE_KINDS = ["EARLY_TERMINATION", "ONE_OFF", "RECURRING", "OTHER"] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const FEE_KIND_INFO: Record<FeeKind, string> = {
  EARLY_TERMINATION: "Early-termination fee",
  ONE_OFF: "One-off fee",
  RECURRING: "Recurring fee",
  OTHER: "Other fee or charge",
};

export const PARTIES = ["VENDOR", "CUSTOMER"] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_INFO: Record<Party, string> = { VENDOR: "The vendor", CUSTOMER: "We (the customer)" };

export const PRICE_CHANGE_KINDS = ["FIXED", "INDEXED", "BY_MUTUAL_AGREEMENT", "VENDOR_DISCRETION"] as const;
export type PriceChangeKind = (typeof PRICE_CHANGE_KINDS)[number];
export const PRICE_CHANGE_INFO: Record<PriceChangeKind | "UNSTATED", string> = {
  UNSTATED: "Not stated yet",
  FIXED: "Fixed for the term",
  INDEXED: "Tied to a published index",
  BY_MUTUAL_AGREEMENT: "Changed only by mutual agreement",
  VENDOR_DISCRETION: "The vendor may raise prices",
};

export const COMMITMENT_KINDS = ["CLAIM", "COMMITMENT", "LIMITATION"] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_KIND_INFO: Record<CommitmentKind, string> = {
  CLAIM: "Claim",
  COMMITMENT: "Commitment",
  LIMITATION: "Limitation",
};

export const DISPOSITIONS = ["PENDING", "OBLIGATION", "DROPPED", "ACCEPTED_LIMITATION"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_INFO: Record<Disposition, { label: string; tone: string }> = {
  PENDING: { label: "Not decided", tone: "warning" },
  OBLIGATION: { label: "Contract obligation", tone: "success" },
  DROPPED: { label: "Dropped", tone: "draft" },
  ACCEPTED_LIMITATION: { label: "Accepted limitation", tone: "interviews" },
};

// Price change clause ---------------------------------------------------------------------------

/** The stored JSON column, read defensively: anything unrecognised counts as "not stated". */
export function parsePriceChange(value: unknown): PriceChangeClause | null {
  if (typeof value !== "object" || value === null) return null;
  const clause = value as Record<string, unknown>;
  const numberOrNull = (field: unknown) => (typeof field === "number" && Number.isFinite(field) ? field : null);
  switch (clause.kind) {
    case "FIXED":
      return { kind: "FIXED" };
    case "BY_MUTUAL_AGREEMENT":
      return { kind: "BY_MUTUAL_AGREEMENT" };
    case "INDEXED":
      return {
        kind: "INDEXED",
        index: typeof clause.index === "string" ? clause.index : "",
        capPercent: numberOrNull(clause.capPercent),
      };
    case "VENDOR_DISCRETION":
      return { kind: "VENDOR_DISCRETION", noticeDays: numberOrNull(clause.noticeDays) };
    default:
      return null;
  }
}

export function describePriceChange(clause: PriceChangeClause | null): string {
  if (!clause) return PRICE_CHANGE_INFO.UNSTATED;
  switch (clause.kind) {
    case "INDEXED":
      return `Tied to ${clause.index || "an index"}${clause.capPercent === null ? ", no cap" : `, capped at ${clause.capPercent}% a year`}`;
    case "VENDOR_DISCRETION":
      return `The vendor may raise prices${clause.noticeDays === null ? "" : ` on ${clause.noticeDays} days' notice`}`;
    default:
      return PRICE_CHANGE_INFO[clause.kind];
  }
}

// The contract the risk rules read -------------------------------------------------------------

export type NegotiatedContract = {
  termLengthMonths: number | null;
  renewal: RenewalType;
  noticePeriodDays: number | null;
  terminationForConvenience: boolean;
  exitOnChronicSlaFailure: boolean;
  termsOfService: string;
  priceChange: unknown;
  slaLines: readonly {
    id: string;
    metric: string;
    target: string;
    measurementWindow: string;
    reporting: string;
    serviceCredit: string;
    setBy: SetBy;
  }[];
  fees: readonly { id: string; kind: FeeKind; description: string }[];
  obligations: readonly { id: string; party: Party; text: string }[];
  commitments: readonly { id: string; disposition: Disposition; obligationWording: string }[];
};

/** Prefix of the obligation ids that come from the commitments register (risk flag keys use them). */
export const COMMITMENT_OBLIGATION_PREFIX = "commitment-";

/**
 * The negotiation's current terms as domain/contract-risk reads them. Promises turned into
 * obligations in the commitments register are vendor obligations of the contract too, so the
 * rules read their wording (a promise to "own the customer's approval process" is flagged).
 */
export function contractTermsOf(contract: NegotiatedContract): ContractTerms {
  const blankToNull = (text: string) => (text.trim() ? text : null);
  return {
    term: {
      lengthMonths: contract.termLengthMonths,
      renewal: contract.renewal,
      noticePeriodDays: contract.noticePeriodDays,
      terminationForConvenience: contract.terminationForConvenience,
      exitOnChronicSlaFailure: contract.exitOnChronicSlaFailure,
    },
    termsOfService: blankToNull(contract.termsOfService),
    slaLines: contract.slaLines.map((line) => ({
      id: line.id,
      metric: line.metric,
      target: line.target,
      measurementWindow: blankToNull(line.measurementWindow),
      reporting: blankToNull(line.reporting),
      serviceCredit: blankToNull(line.serviceCredit),
      setBy: line.setBy,
    })),
    priceChange: parsePriceChange(contract.priceChange),
    fees: contract.fees.map((fee) => ({ id: fee.id, kind: fee.kind, description: fee.description })),
    obligations: [
      ...contract.obligations.map((obligation) => ({
        id: obligation.id,
        party: obligation.party,
        text: obligation.text,
      })),
      ...contract.commitments
        .filter((item) => item.disposition === "OBLIGATION" && item.obligationWording.trim())
        .map((item) => ({
          id: `${COMMITMENT_OBLIGATION_PREFIX}${item.id}`,
          party: "VENDOR" as const,
          text: item.obligationWording,
        })),
    ],
  };
}

export function reviewNegotiation(contract: NegotiatedContract): RiskFlag[] {
  return reviewContract(contractTermsOf(contract));
}

/**
 * Decisions whose flag no longer fires: the terms were changed so the rule is satisfied. They are
 * removed, so a flag that comes back later (the clause was changed again) is looked at again
 * instead of riding on an answer given to a different contract.
 */
export function staleFlagDecisions<T extends { flagKey: string }>(flags: readonly RiskFlag[], decisions: readonly T[]) {
  const firing = new Set(flags.map((riskFlag) => riskFlag.key));
  return decisions.filter((decision) => !firing.has(decision.flagKey));
}

// Commitments register -------------------------------------------------------------------------

export type CommitmentDecision = {
  kind: CommitmentKind;
  disposition: Disposition;
  obligationWording: string;
  dropReason: string;
  resolveBy: Date | null;
};

/**
 * Every promise ends as a contract obligation (with its wording), dropped (with the reason, for
 * the record of what was said but not bought), or — for a limitation only — accepted with the
 * date by which it must be resolved. Claims and commitments cannot be "accepted": either the
 * vendor is held to them or they are explicitly let go.
 */
export function dispositionProblems(
  decision: CommitmentDecision,
  now: Date,
): { field: "obligationWording" | "dropReason" | "resolveBy" | "disposition"; message: string }[] {
  switch (decision.disposition) {
    case "PENDING":
      return [];
    case "OBLIGATION":
      return decision.obligationWording.trim()
        ? []
        : [{ field: "obligationWording", message: "Write the obligation as it will read in the contract." }];
    case "DROPPED":
      return decision.dropReason.trim()
        ? []
        : [{ field: "dropReason", message: "Say why this promise is not written into the contract." }];
    case "ACCEPTED_LIMITATION": {
      if (decision.kind !== "LIMITATION") {
        return [
          {
            field: "disposition",
            message: "Only a limitation can be accepted; hold the vendor to a claim or commitment, or drop it.",
          },
        ];
      }
      if (!decision.resolveBy) {
        return [{ field: "resolveBy", message: "Give the date by which the vendor must resolve this limitation." }];
      }
      return decision.resolveBy.getTime() > now.getTime()
        ? []
        : [{ field: "resolveBy", message: "The resolve-by date must be in the future." }];
    }
  }
}

/** Text of the one register item made from an interview debrief, for the lead to split and edit. */
export function interviewClaimText(debrief: { memberName: string; strengths: string; concerns: string }) {
  const parts = [
    debrief.strengths.trim() ? `Strengths noted: ${debrief.strengths.trim()}` : "",
    debrief.concerns.trim() ? `Concerns noted: ${debrief.concerns.trim()}` : "",
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return `Claims made in the interview, as ${debrief.memberName} recorded them. ${parts.join(" ")}`;
}

// Term-by-term tracker -------------------------------------------------------------------------

export type TermUpdate = { status: TermStatus; agreedWording: string; note: string; previousStatus: TermStatus };

export function termUpdateProblems(
  update: TermUpdate,
): { field: "status" | "agreedWording" | "note"; message: string }[] {
  if (update.status === "ESCALATED" && update.previousStatus !== "ESCALATED") {
    return [{ field: "status", message: "Escalate a term with “Escalate to the sponsor”, saying what to decide." }];
  }
  if (update.status === "AGREED" && !update.agreedWording.trim()) {
    return [{ field: "agreedWording", message: "An agreed term needs the agreed wording." }];
  }
  if (update.status === "DROPPED" && update.previousStatus !== "DROPPED" && !update.note.trim()) {
    return [{ field: "note", message: "Say why the term is dropped (it stays in the history)." }];
  }
  return [];
}

export function escalationProblems(term: { status: TermStatus }, sponsorId: string | null): string[] {
  const problems: string[] = [];
  if (term.status !== "OPEN") problems.push("Only an open term can be escalated.");
  if (!sponsorId) problems.push("Name the executive sponsor on the overview first; escalations go to them.");
  return problems;
}

export const ESCALATION_OUTCOMES = ["AGREED", "OPEN"] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];
export const ESCALATION_OUTCOME_INFO: Record<EscalationOutcome, string> = {
  AGREED: "Settled: the term is agreed with the wording below",
  OPEN: "Back to the lead: negotiate on with my decision as guidance",
};

/** Standard headings of the tracker, from the principles of contracting for performance. */
export function standardContractTerms(input: {
  proposalTermMonths: number | null;
  tierName: string | null;
  tierHasTermsOfService: boolean;
  vendorSlaLines: number;
}) {
  const term = input.proposalTermMonths;
  return [
    {
      title: "Contract term and renewal",
      ourPosition:
        "12 months or month-to-month, renewed only by mutual written agreement, with a notice period of 30 days or less.",
      vendorPosition: term ? `${term} months (proposal).` : "No term stated in the proposal.",
    },
    {
      title: "Service levels and service credits",
      ourPosition:
        "Measurable targets set from our business need, each with a service credit credited automatically on the next invoice.",
      vendorPosition:
        input.vendorSlaLines > 0
          ? `${input.vendorSlaLines} service level(s) from the ${input.tierName ?? "chosen"} tier, as the vendor set them.`
          : "No service levels in the proposal.",
    },
    {
      title: "Exit on chronic service failure",
      ourPosition:
        "Right to terminate without penalty after repeated SLA misses (e.g. three in six months), with exit assistance.",
      vendorPosition: "Not addressed in the proposal.",
    },
    {
      title: "Terms of service",
      ourPosition: "The vendor's terms of service for the tier bought are attached and the tier is named.",
      vendorPosition: input.tierHasTermsOfService
        ? `Terms of service of the ${input.tierName ?? "chosen"} tier (proposal).`
        : "No terms of service in the proposal.",
    },
    {
      title: "Price changes",
      ourPosition: "Prices fixed for the term, or indexed to a published index with an annual cap.",
      vendorPosition: "Not addressed in the proposal.",
    },
  ];
}

// Readiness ------------------------------------------------------------------------------------

export type Readiness = {
  ready: boolean;
  flags: RiskFlag[];
  terms: { id: string; title: string; status: TermStatus }[];
  commitments: { id: string; text: string; problem: string }[];
};

/**
 * The contract can be marked ready when every risk flag is resolved or accepted with a note,
 * every term is agreed or dropped (none open, none waiting for the sponsor), and every promise in
 * the register has been disposed of properly.
 */
export function readiness(input: {
  flags: readonly RiskFlag[];
  resolutions: readonly FlagResolution[];
  terms: readonly { id: string; title: string; status: TermStatus }[];
  commitments: readonly (CommitmentDecision & { id: string; text: string })[];
  now: Date;
}): Readiness {
  const flags = outstandingFlags(input.flags, input.resolutions);
  const terms = input.terms
    .filter((term) => term.status === "OPEN" || term.status === "ESCALATED")
    .map(({ id, title, status }) => ({ id, title, status }));
  const commitments = input.commitments.flatMap((item) => {
    if (item.disposition === "PENDING") return [{ id: item.id, text: item.text, problem: "Not decided yet." }];
    // A resolve-by date may pass during the negotiation; it was checked when the decision was made.
    const problems = dispositionProblems(item, new Date(0));
    return problems.length > 0 ? [{ id: item.id, text: item.text, problem: problems[0]?.message ?? "" }] : [];
  });
  return {
    ready: flags.length === 0 && terms.length === 0 && commitments.length === 0,
    flags,
    terms,
    commitments,
  };
}

/** The outstanding items as sentences, for the refusal message and the checklist. */
export function readinessBlockers(state: Readiness): string[] {
  const blockers: string[] = [];
  if (state.flags.length > 0) {
    blockers.push(
      `${state.flags.length} risk flag(s) are neither resolved nor accepted with a note: ${state.flags.map((riskFlag) => riskFlag.title).join("; ")}.`,
    );
  }
  const open = state.terms.filter((term) => term.status === "OPEN");
  if (open.length > 0) {
    blockers.push(`${open.length} term(s) are still open: ${open.map((term) => term.title).join("; ")}.`);
  }
  const escalated = state.terms.filter((term) => term.status === "ESCALATED");
  if (escalated.length > 0) {
    blockers.push(
      `${escalated.length} term(s) wait for the sponsor's decision: ${escalated.map((term) => term.title).join("; ")}.`,
    );
  }
  if (state.commitments.length > 0) {
    blockers.push(
      `${state.commitments.length} promise(s) in the commitments register are not turned into an obligation, dropped with a reason or accepted with a resolve-by date.`,
    );
  }
  return blockers;
}
