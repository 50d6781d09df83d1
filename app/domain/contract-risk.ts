/**
 * Contract term risk review. The selection is only worth something if the winner's promises end
 * up in a contract that commits it to perform, not merely the customer to pay. These rules flag
 * one-sided terms with a plain explanation and a suggested alternative; flags are then resolved
 * or accepted with a note before the contract is marked ready.
 *
 * Text heuristics (SLA targets, fees, obligations) are deliberately simple keyword rules: they
 * point a human at a clause to read, they do not interpret it. Each one is documented where it
 * is defined.
 */

export type RenewalType = "NONE" | "AUTOMATIC" | "BY_MUTUAL_AGREEMENT";

export type SlaLine = {
  id: string;
  metric: string;
  /** As written in the contract: "99.9%", "4 business hours", "≤ 2 per month". */
  target: string;
  /** "calendar month", "rolling 30 days"; null when the contract does not say. */
  measurementWindow: string | null;
  reporting: string | null;
  /** "5% of the monthly fee per 0.1% below target"; null or "none" when there is none. */
  serviceCredit: string | null;
  setBy: "VENDOR" | "CUSTOMER" | "AGREED";
};

export type PriceChangeClause =
  | { kind: "FIXED" }
  | { kind: "INDEXED"; index: string; capPercent: number | null }
  | { kind: "BY_MUTUAL_AGREEMENT" }
  | { kind: "VENDOR_DISCRETION"; noticeDays: number | null };

export type ContractFee = {
  id: string;
  kind: "EARLY_TERMINATION" | "ONE_OFF" | "RECURRING" | "OTHER";
  description: string;
};

export type Obligation = { id: string; party: "VENDOR" | "CUSTOMER"; text: string };

export type ContractTerms = {
  term: {
    /** Minimum committed term; 1 for month-to-month; null when not yet known. */
    lengthMonths: number | null;
    renewal: RenewalType;
    noticePeriodDays: number | null;
    terminationForConvenience: boolean;
    exitOnChronicSlaFailure: boolean;
  };
  /** The terms of service (text or a reference to the document); null or blank when missing. */
  termsOfService: string | null;
  slaLines: readonly SlaLine[];
  priceChange: PriceChangeClause | null;
  fees: readonly ContractFee[];
  obligations: readonly Obligation[];
};

export type RiskSeverity = "HIGH" | "MEDIUM" | "LOW";

export const RISK_RULES = {
  MISSING_TERMS_OF_SERVICE: {
    severity: "HIGH",
    title: "No terms of service",
    suggestion:
      "Attach the vendor's terms of service for the tier bought (baseline triage, proactive monitoring, priority on-site) and state which tier applies.",
  },
  MISSING_SLA: {
    severity: "HIGH",
    title: "No service level agreement",
    suggestion:
      "Add an SLA with measurable targets, service credits for misses and an exit right on chronic failure — even if no premium tier is bought.",
  },
  LONG_TERM_WITHOUT_PERFORMANCE_EXIT: {
    severity: "HIGH",
    title: "Long minimum term without a performance exit",
    suggestion:
      "Shorten the term (12 months or month-to-month) or add the right to terminate without penalty on chronic SLA failure (e.g. three misses in six months).",
  },
  UNILATERAL_PRICE_INCREASE: {
    severity: "HIGH",
    title: "Vendor may raise prices on its own",
    suggestion:
      "Fix prices for the term, or tie increases to a published index with an annual cap, with the right to terminate if an increase is not accepted.",
  },
  SLA_TARGET_NOT_MEASURABLE: {
    severity: "HIGH",
    title: "Service level cannot be measured",
    suggestion:
      "State the target as a number with a unit over a measurement window (e.g. 99.9% availability per calendar month, measured by the vendor's monitoring and reported monthly).",
  },
  AUTOMATIC_RENEWAL: {
    severity: "MEDIUM",
    title: "Automatic renewal",
    suggestion:
      "Renew only by mutual written agreement, or convert to month-to-month after the initial term with a notice period of 30 days or less.",
  },
  SLA_WITHOUT_SERVICE_CREDIT: {
    severity: "MEDIUM",
    title: "Service level without a service credit",
    suggestion:
      "Attach a service credit to the line (e.g. a percentage of the monthly fee per step below target), credited automatically on the next invoice.",
  },
  EARLY_TERMINATION_FEE: {
    severity: "MEDIUM",
    title: "Early-termination fee",
    suggestion:
      "Remove the fee, or limit it to documented unrecovered set-up costs that decline to zero over the first year; never charge it when leaving for the vendor's poor performance.",
  },
  VENDOR_OWNS_CUSTOMER_PROCESS: {
    severity: "MEDIUM",
    title: "Vendor put in charge of our internal process",
    suggestion:
      "Keep ownership of internal processes and decisions with us; make the vendor responsible for its inputs to them (information, deadlines, quality). Escalate above the day-to-day contact if needed.",
  },
  SLA_SET_BY_VENDOR: {
    severity: "LOW",
    title: "Service level set by the vendor alone",
    suggestion:
      "Ask who set the service level and why; agree the target from our business need (and market benchmarks), not from what the vendor already achieves.",
  },
} as const satisfies Record<string, { severity: RiskSeverity; title: string; suggestion: string }>;

export type RiskRuleId = keyof typeof RISK_RULES;
export const RISK_RULE_IDS = Object.keys(RISK_RULES).filter((id): id is RiskRuleId => id in RISK_RULES);

export type RiskSubject =
  | { kind: "CONTRACT" }
  | { kind: "SLA_LINE"; slaLineId: string }
  | { kind: "FEE"; feeId: string }
  | { kind: "OBLIGATION"; obligationId: string };

export type RiskFlag = {
  ruleId: RiskRuleId;
  /** Stable across reviews of the same contract, for storing a resolution: "RULE" or "RULE:subjectId". */
  key: string;
  severity: RiskSeverity;
  title: string;
  explanation: string;
  suggestion: string;
  subject: RiskSubject;
};

/** Above this minimum term a performance exit is required. */
export const MAX_TERM_WITHOUT_EXIT_MONTHS = 12;
/** An automatic renewal with a notice period longer than this (or unknown) is rated HIGH. */
export const LONG_NOTICE_DAYS = 90;

export type ReviewOptions = {
  /** How the contract names the customer ("the Authority", "Buyer"); matched case-insensitively. */
  customerNames?: readonly string[];
};

export const DEFAULT_CUSTOMER_NAMES = ["customer", "client", "buyer", "purchaser", "authority"] as const;

/** Every flag raised by the rules, most severe first (then in rule order, then in contract order). */
export function reviewContract(contract: ContractTerms, options: ReviewOptions = {}): RiskFlag[] {
  const flags = [
    ...termFlags(contract),
    ...slaFlags(contract),
    ...priceFlags(contract),
    ...feeFlags(contract),
    ...obligationFlags(contract, options.customerNames ?? DEFAULT_CUSTOMER_NAMES),
  ];
  const severityRank: Record<RiskSeverity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
  return flags
    .map((flag, index) => ({ flag, index }))
    .sort(
      (a, b) =>
        severityRank[a.flag.severity] - severityRank[b.flag.severity] ||
        RISK_RULE_IDS.indexOf(a.flag.ruleId) - RISK_RULE_IDS.indexOf(b.flag.ruleId) ||
        a.index - b.index,
    )
    .map(({ flag }) => flag);
}

function flag(ruleId: RiskRuleId, subject: RiskSubject, explanation: string, severity?: RiskSeverity): RiskFlag {
  const rule = RISK_RULES[ruleId];
  const subjectId =
    subject.kind === "SLA_LINE"
      ? subject.slaLineId
      : subject.kind === "FEE"
        ? subject.feeId
        : subject.kind === "OBLIGATION"
          ? subject.obligationId
          : null;
  return {
    ruleId,
    key: subjectId === null ? ruleId : `${ruleId}:${subjectId}`,
    severity: severity ?? rule.severity,
    title: rule.title,
    explanation,
    suggestion: rule.suggestion,
    subject,
  };
}

const CONTRACT: RiskSubject = { kind: "CONTRACT" };

function termFlags({ term, termsOfService }: ContractTerms): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (!termsOfService?.trim()) {
    flags.push(
      flag(
        "MISSING_TERMS_OF_SERVICE",
        CONTRACT,
        "Every contract needs terms of service, whether or not a premium tier is bought; without them nobody can say what the vendor owes.",
      ),
    );
  }
  if (term.renewal === "AUTOMATIC") {
    const notice = term.noticePeriodDays;
    const longNotice = notice === null || notice > LONG_NOTICE_DAYS;
    flags.push(
      flag(
        "AUTOMATIC_RENEWAL",
        CONTRACT,
        `The contract renews itself unless cancelled ${notice === null ? "with a notice period it does not state" : `at least ${notice} days ahead`}; missing that date commits us to another term whatever the service was like.`,
        longNotice ? "HIGH" : "MEDIUM",
      ),
    );
  }
  if (term.lengthMonths !== null && term.lengthMonths > MAX_TERM_WITHOUT_EXIT_MONTHS && !term.exitOnChronicSlaFailure) {
    flags.push(
      flag(
        "LONG_TERM_WITHOUT_PERFORMANCE_EXIT",
        CONTRACT,
        `We commit to ${term.lengthMonths} months, but cannot leave if the service keeps failing: a commitment to pay, not to perform.`,
      ),
    );
  }
  return flags;
}

// SLA heuristics -------------------------------------------------------------------------------

/**
 * A target is measurable when it has a number, a unit, and no hedging words, and the line states
 * a measurement window. Units recognised: %, percent/per cent; time (ms, s, sec, second, min,
 * minute, h, hr, hour, day, business/working day, week, month); a rate ("per month", "per 1,000
 * calls"); a score out of a maximum ("4.5/5", "out of 10").
 */
const HAS_NUMBER = /\d/;
const HAS_UNIT =
  /%|\bper\s?cent\b|\bpercent\b|\d\s*(ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)\b|\b(business|working|calendar)\s+(days?|hours?)\b|\bper\s+\S+|\/\s*\d|\bout of\s+\d/i;
/** Hedging that turns a target into an intention. */
const VAGUE =
  /\b(best|reasonable|commercially reasonable|endeavou?rs?|promptly|as soon as (possible|practicable)|timely|industry[- ]standard|appropriate|adequate|where possible|aims? to|strives?|typically|generally)\b/i;

export function measurabilityGaps(line: SlaLine): string[] {
  const gaps: string[] = [];
  if (!HAS_NUMBER.test(line.target)) gaps.push("no number");
  if (!HAS_UNIT.test(line.target)) gaps.push("no unit");
  if (VAGUE.test(line.target)) gaps.push("hedged wording");
  if (!line.measurementWindow?.trim()) gaps.push("no measurement window");
  return gaps;
}

/** Blank, or an explicit "none": n/a, no, nil, not applicable, 0, 0%, a dash. */
const NO_CREDIT = /^(none|n\/?a|no|nil|not applicable|0|0\s*%|-|—)?$/i;

export function hasServiceCredit(line: SlaLine) {
  return !NO_CREDIT.test((line.serviceCredit ?? "").trim());
}

function slaFlags({ slaLines }: ContractTerms): RiskFlag[] {
  if (slaLines.length === 0) {
    return [
      flag(
        "MISSING_SLA",
        CONTRACT,
        "There is no service level agreement, so there is nothing the vendor can be held to and no credit or exit when service is poor.",
      ),
    ];
  }
  const flags: RiskFlag[] = [];
  for (const line of slaLines) {
    const subject: RiskSubject = { kind: "SLA_LINE", slaLineId: line.id };
    const name = line.metric.trim() || "This service level";
    const gaps = measurabilityGaps(line);
    if (gaps.length > 0) {
      flags.push(
        flag(
          "SLA_TARGET_NOT_MEASURABLE",
          subject,
          `${name} (“${line.target}”) has ${joinWords(gaps)}, so nobody can show whether it was met.`,
        ),
      );
    }
    if (!hasServiceCredit(line)) {
      flags.push(
        flag(
          "SLA_WITHOUT_SERVICE_CREDIT",
          subject,
          `${name} carries no service credit: missing it costs the vendor nothing.`,
        ),
      );
    }
    if (line.setBy === "VENDOR") {
      flags.push(
        flag(
          "SLA_SET_BY_VENDOR",
          subject,
          `${name} was set by the vendor alone; it may describe what the vendor already does rather than what we need.`,
        ),
      );
    }
  }
  return flags;
}

function priceFlags({ priceChange }: ContractTerms): RiskFlag[] {
  if (priceChange?.kind !== "VENDOR_DISCRETION") return [];
  const notice = priceChange.noticeDays === null ? "" : ` on ${priceChange.noticeDays} days' notice`;
  return [
    flag(
      "UNILATERAL_PRICE_INCREASE",
      CONTRACT,
      `The vendor may raise prices${notice} without our agreement or a cap, while we stay bound to the term.`,
    ),
  ];
}

/**
 * A fee is an early-termination fee when its kind says so, or its description mentions early
 * termination, a termination/exit/break/cancellation fee or charge, or payment of the remaining
 * term or contract value.
 */
const EARLY_TERMINATION =
  /\bearly[- ]termination\b|\b(termination|exit|break|cancellation)\s+(fees?|charges?|payments?|costs?)\b|\bremaining\s+(term|months|contract value|fees)\b/i;

function feeFlags({ fees }: ContractTerms): RiskFlag[] {
  return fees
    .filter((fee) => fee.kind === "EARLY_TERMINATION" || EARLY_TERMINATION.test(fee.description))
    .map((fee) =>
      flag(
        "EARLY_TERMINATION_FEE",
        { kind: "FEE", feeId: fee.id },
        `“${fee.description}” makes leaving expensive, even when the reason is the vendor's own performance.`,
      ),
    );
}

// Obligation heuristics -------------------------------------------------------------------------

/**
 * A vendor obligation puts the vendor in charge of our internal process when it
 * (a) names something of ours — "the Customer's" (or another customer name) or "our", followed
 *     within four words by an internal-process word: internal, in-house, process, procedure,
 *     approval, policy, budget, staffing, hiring, employees, personnel, governance, decision,
 *     priorities, procurement, workflow — or has the vendor act "on behalf of the Customer";
 * and (b) gives the vendor control: own, manage, run, operate, control, direct, approve, decide,
 *     set, define, govern, oversee, take over, be responsible/accountable for.
 * Only VENDOR obligations are read. "Follow the Customer's change process", "report to the
 * Customer's service desk" or "manage its own staff to our satisfaction" do not match.
 */
const INTERNAL_PROCESS_WORDS =
  "internal|in-house|process(?:es)?|procedures?|approvals?|polic(?:y|ies)|budgets?|budgeting|staff(?:ing)?|hiring|employees|personnel|governance|decisions?|decision[- ]making|priorit(?:y|ies|isation|ization)|procurement|workflows?";
const CONTROL =
  /\b(own|owns|manage|manages|run|runs|operate|operates|control|controls|direct|directs|approve|approves|decide|decides|set|sets|define|defines|govern|governs|oversee|oversees|take over|takes over|be (solely )?(responsible|accountable) for|is (solely )?(responsible|accountable) for)\b/i;

function obligationFlags({ obligations }: ContractTerms, customerNames: readonly string[]): RiskFlag[] {
  const names = customerNames.map(escapeRegExp).join("|");
  const oursInternal = new RegExp(
    `(?:\\b(?:${names})(?:['’]s|s['’])|\\bour)\\s+(?:[\\w-]+\\s+){0,3}?(?:${INTERNAL_PROCESS_WORDS})\\b`,
    "i",
  );
  const onBehalf = new RegExp(`\\bon behalf of (?:the )?(?:${names})\\b`, "i");
  return obligations
    .filter((obligation) => {
      if (obligation.party !== "VENDOR") return false;
      const { text } = obligation;
      return (oursInternal.test(text) || onBehalf.test(text)) && CONTROL.test(text);
    })
    .map((obligation) =>
      flag(
        "VENDOR_OWNS_CUSTOMER_PROCESS",
        { kind: "OBLIGATION", obligationId: obligation.id },
        `“${obligation.text}” makes the vendor run something that is ours to run; a term like this serves neither side and is worth renegotiating.`,
      ),
    );
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function joinWords(words: string[]) {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

// Resolution -----------------------------------------------------------------------------------

export type FlagResolution = { key: string; status: "RESOLVED" | "ACCEPTED"; note: string };

/**
 * The flags still standing in the way of marking the contract ready: those with no resolution,
 * and those accepted without a note saying why the risk is acceptable.
 */
export function outstandingFlags(flags: readonly RiskFlag[], resolutions: readonly FlagResolution[]): RiskFlag[] {
  const byKey = new Map(resolutions.map((resolution) => [resolution.key, resolution]));
  return flags.filter((riskFlag) => {
    const resolution = byKey.get(riskFlag.key);
    if (!resolution) return true;
    return resolution.status === "ACCEPTED" && !resolution.note.trim();
  });
}
