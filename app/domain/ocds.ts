/**
 * The whole contracting process as an Open Contracting Data Standard 1.1 release package: planning
 * (budget and rationale), tender (criteria, eligibility, periods, documents, amendments, bidders),
 * awards and contracts (value and period), with every organisation in `parties`. One release
 * describes the process as it stands when exported ("generated on demand"); its tags say which
 * sections it carries. Only core OCDS 1.1 fields are used, so it validates against the official
 * schema with no extension. Pure: the model loads the rows.
 */
import { countryName } from "./countries";
import type { CriterionStage } from "./criteria";
import { priceScheduleTotals } from "./price-schedule";
import type { RfpStage } from "./workflow";

export const OCDS_VERSION = "1.1";

export type OcdsInput = {
  /** The publisher's registered ocid prefix, e.g. "ocds-a1b2c3". */
  ocidPrefix: string;
  /** Where this package can be fetched again (its `uri`). */
  packageUri: string;
  buyer: { name: string };
  generatedAt: Date;
  rfp: {
    id: string;
    reference: string;
    title: string;
    summary: string;
    category: string;
    stage: RfpStage;
    currency: string;
    budgetAmount: string | null;
    issueDate: Date | null;
    questionsDeadline: Date | null;
    proposalDeadline: Date | null;
    cancelledReason: string | null;
  };
  criteria: readonly {
    id: string;
    parentId: string | null;
    position: number;
    name: string;
    weight: number;
    stage: CriterionStage;
  }[];
  mandatoryRequirements: readonly { code: string; text: string }[];
  documentVersions: readonly { number: number; createdAt: Date }[];
  addenda: readonly { number: number; title: string; summary: string; reason: string; issuedAt: Date }[];
  /** Published answers to vendors' questions (the enquiries). */
  publishedQuestions: number;
  bidders: readonly {
    invitationId: string;
    vendorId: string;
    name: string;
    country: string | null;
    website: string | null;
    /** Null when the vendor never submitted a proposal (invited only). */
    submittedAt: Date | null;
  }[];
  /** The approved award recommendation, if any. */
  award: { id: string; decidedAt: Date; invitationId: string } | null;
  negotiations: readonly {
    id: string;
    invitationId: string;
    status: "OPEN" | "READY" | "BROKEN_DOWN" | "CONCLUDED";
    currency: string;
    termLengthMonths: number | null;
    startDate: Date | null;
    openedAt: Date;
    closedAt: Date | null;
    breakdownReason: string | null;
    agreedTerms: number;
    priceLines: readonly { kind: "ONE_TIME" | "RECURRING"; quantity: string; unitPrice: string }[];
  }[];
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const BUYER_PARTY_ID = "buyer";

const iso = (instant: Date) => instant.toISOString();

export function ocidOf(prefix: string, rfp: { reference: string }) {
  return `${prefix}-${rfp.reference}`;
}

/** PUBLISHED … DECISION: the tender is running; once an award is approved the tender is complete. */
export function tenderStatus(stage: RfpStage): "planning" | "active" | "complete" | "cancelled" {
  switch (stage) {
    case "DRAFT":
      return "planning";
    case "NEGOTIATION":
    case "AWARDED":
      return "complete";
    case "CANCELLED":
      return "cancelled";
    default:
      return "active";
  }
}

/** A negotiation that broke down cancels its award and contract; a concluded one makes them active. */
export function contractStatus(status: OcdsInput["negotiations"][number]["status"]) {
  if (status === "CONCLUDED") return "active";
  if (status === "BROKEN_DOWN") return "cancelled";
  return "pending";
}

/** "Written quality 60% (Service 50%, Staff 50%); Oral 20%; Price 20%", in tree order. */
export function criteriaDetails(criteria: OcdsInput["criteria"]): string {
  const childrenOf = (parentId: string | null) =>
    criteria.filter((criterion) => criterion.parentId === parentId).sort((a, b) => a.position - b.position);
  const describe = (criterion: OcdsInput["criteria"][number]): string => {
    const children = childrenOf(criterion.id);
    const own = `${criterion.name} ${criterion.weight}%`;
    return children.length === 0 ? own : `${own} (${children.map(describe).join(", ")})`;
  };
  const roots = childrenOf(null);
  if (roots.length === 0) return "";
  return `Weighted criteria, each weight a percentage of its parent: ${roots.map(describe).join("; ")}.`;
}

function value(amount: string | null, currency: string): JsonObject | null {
  if (amount === null) return null;
  const number = Number(amount);
  return Number.isFinite(number) ? { amount: number, currency } : null;
}

function addMonths(start: Date, months: number) {
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

function contractPeriod(negotiation: OcdsInput["negotiations"][number]): JsonObject | null {
  const { startDate, termLengthMonths } = negotiation;
  if (!startDate && termLengthMonths === null) return null;
  const period: JsonObject = {};
  if (startDate) period.startDate = iso(startDate);
  if (startDate && termLengthMonths !== null) {
    const end = addMonths(startDate, termLengthMonths);
    // The last moment of the term: the day before the same date N months later.
    period.endDate = iso(new Date(end.getTime() - 1000));
    period.durationInDays = Math.round((end.getTime() - startDate.getTime()) / 86_400_000);
  } else if (termLengthMonths !== null) {
    period.durationInDays = Math.round(termLengthMonths * 30.4375);
  }
  return period;
}

function negotiatedValue(negotiation: OcdsInput["negotiations"][number]) {
  const totals = priceScheduleTotals(
    negotiation.priceLines.map((line) => ({ ...line, description: "", unit: "" })),
    negotiation.termLengthMonths,
  );
  return value(negotiation.priceLines.length === 0 ? null : totals.totalCostOfOwnership, negotiation.currency);
}

function party(bidder: OcdsInput["bidders"][number], roles: string[]): JsonObject {
  const organization: JsonObject = { id: bidder.vendorId, name: bidder.name, roles };
  const country = countryName(bidder.country);
  if (country) organization.address = { countryName: country };
  // The schema wants an absolute URI; a website typed without a scheme is left out rather than guessed.
  if (bidder.website && /^https?:\/\/[^\s/]+/i.test(bidder.website) && URL.canParse(bidder.website)) {
    organization.contactPoint = { url: bidder.website };
  }
  return organization;
}

function documents(input: OcdsInput): JsonObject[] {
  const list: JsonObject[] = input.documentVersions.map((version) => ({
    id: `rfp-document-v${version.number}`,
    documentType: "biddingDocuments",
    title: version.number === 1 ? "Request for proposal" : `Request for proposal, version ${version.number}`,
    description: "The RFP document with its requirements, evaluation criteria, timeline and instructions.",
    datePublished: iso(version.createdAt),
    format: "application/pdf",
    language: "en",
  }));
  if (input.rfp.stage === "CANCELLED" && input.rfp.cancelledReason) {
    list.push({
      id: "cancellation",
      documentType: "cancellationDetails",
      title: "Why the RFP was cancelled",
      description: input.rfp.cancelledReason,
      language: "en",
    });
  }
  if (input.publishedQuestions > 0) {
    list.push({
      id: "clarifications",
      documentType: "clarifications",
      title: "Questions and answers",
      description: `${input.publishedQuestions} vendor question${input.publishedQuestions === 1 ? "" : "s"} answered and published to every bidder.`,
      language: "en",
    });
  }
  return list;
}

function tender(input: OcdsInput, tenderers: JsonObject[]): JsonObject {
  const { rfp } = input;
  const section: JsonObject = {
    id: rfp.reference,
    title: rfp.title,
    description: rfp.summary,
    status: tenderStatus(rfp.stage),
    procuringEntity: { id: BUYER_PARTY_ID, name: input.buyer.name },
    items: [{ id: "1", description: rfp.category ? `${rfp.category}: ${rfp.title}` : rfp.title }],
    procurementMethod: "selective",
    procurementMethodDetails:
      "Request for proposal to invited vendors; written proposals scored by a panel, a shortlist interviewed, award approved by named executives.",
    mainProcurementCategory: "services",
    awardCriteria: "ratedCriteria",
    submissionMethod: ["electronicSubmission"],
    submissionMethodDetails: "Proposals are submitted through the vendor portal before the deadline.",
    hasEnquiries: input.publishedQuestions > 0,
    numberOfTenderers: tenderers.length,
    tenderers,
    documents: documents(input),
  };
  const details = criteriaDetails(input.criteria);
  if (details) section.awardCriteriaDetails = details;
  if (input.mandatoryRequirements.length > 0) {
    section.eligibilityCriteria = `Mandatory (pass/fail) requirements: ${input.mandatoryRequirements
      .map((requirement) => `${requirement.code} ${requirement.text}`)
      .join("; ")}`;
  }
  const budget = value(rfp.budgetAmount, rfp.currency);
  if (budget) section.value = budget;
  if (rfp.issueDate || rfp.proposalDeadline) {
    section.tenderPeriod = {
      ...(rfp.issueDate ? { startDate: iso(rfp.issueDate) } : {}),
      ...(rfp.proposalDeadline ? { endDate: iso(rfp.proposalDeadline) } : {}),
    };
  }
  if (rfp.issueDate || rfp.questionsDeadline) {
    section.enquiryPeriod = {
      ...(rfp.issueDate ? { startDate: iso(rfp.issueDate) } : {}),
      ...(rfp.questionsDeadline ? { endDate: iso(rfp.questionsDeadline) } : {}),
    };
  }
  if (rfp.proposalDeadline) {
    section.awardPeriod = {
      startDate: iso(rfp.proposalDeadline),
      ...(input.award ? { endDate: iso(input.award.decidedAt) } : {}),
    };
  }
  if (input.addenda.length > 0) {
    section.amendments = input.addenda.map((addendum) => ({
      id: `addendum-${addendum.number}`,
      date: iso(addendum.issuedAt),
      rationale: addendum.reason,
      description: `Addendum ${addendum.number}: ${addendum.title}. ${addendum.summary}`,
    }));
  }
  return section;
}

/**
 * Awards: one per negotiation (the winner's; the runner-up's after a breakdown), or a pending one
 * for an approved recommendation whose negotiation has not opened yet. Contracts: one per
 * negotiation, with the negotiated value over the term and the contract period.
 */
function awardsAndContracts(input: OcdsInput, supplierRef: (invitationId: string) => JsonObject | null) {
  const awards: JsonObject[] = [];
  const contracts: JsonObject[] = [];
  for (const negotiation of input.negotiations) {
    const supplier = supplierRef(negotiation.invitationId);
    const awardId = `award-${negotiation.id}`;
    const amount = negotiatedValue(negotiation);
    const period = contractPeriod(negotiation);
    const award: JsonObject = {
      id: awardId,
      title: `Award to ${supplier?.name ?? "the selected vendor"}`,
      status: negotiation.status === "BROKEN_DOWN" ? "cancelled" : "active",
      date: iso(negotiation.openedAt),
      suppliers: supplier ? [supplier] : [],
    };
    if (negotiation.status === "BROKEN_DOWN" && negotiation.breakdownReason) {
      award.description = `Negotiation broke down: ${negotiation.breakdownReason}`;
    }
    if (amount) award.value = amount;
    if (period) award.contractPeriod = period;
    awards.push(award);
    const contract: JsonObject = {
      id: `contract-${negotiation.id}`,
      awardID: awardId,
      title: `${input.rfp.title} — contract with ${supplier?.name ?? "the selected vendor"}`,
      description: `${negotiation.agreedTerms} negotiated term${negotiation.agreedTerms === 1 ? "" : "s"} agreed.`,
      status: contractStatus(negotiation.status),
      documents: [
        {
          id: `term-sheet-${negotiation.id}`,
          documentType: negotiation.status === "CONCLUDED" ? "contractSummary" : "contractDraft",
          title: "Term sheet",
          format: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          language: "en",
        },
      ],
    };
    if (amount) contract.value = amount;
    if (period) contract.period = period;
    if (negotiation.status === "CONCLUDED" && negotiation.closedAt) contract.dateSigned = iso(negotiation.closedAt);
    contracts.push(contract);
  }
  if (input.award && input.negotiations.length === 0) {
    const supplier = supplierRef(input.award.invitationId);
    awards.push({
      id: `award-${input.award.id}`,
      title: `Award to ${supplier?.name ?? "the selected vendor"}`,
      status: "pending",
      date: iso(input.award.decidedAt),
      suppliers: supplier ? [supplier] : [],
    });
  }
  return { awards, contracts };
}

export function ocdsReleasePackage(input: OcdsInput): JsonObject {
  const { rfp } = input;
  const ocid = ocidOf(input.ocidPrefix, rfp);
  const tenderers = input.bidders.filter((bidder) => bidder.submittedAt !== null);
  const awardedInvitations = new Set([
    ...input.negotiations.map((negotiation) => negotiation.invitationId),
    ...(input.award && input.negotiations.length === 0 ? [input.award.invitationId] : []),
  ]);
  const byInvitation = new Map(input.bidders.map((bidder) => [bidder.invitationId, bidder]));
  const supplierRef = (invitationId: string) => {
    const bidder = byInvitation.get(invitationId);
    return bidder ? { id: bidder.vendorId, name: bidder.name } : null;
  };
  const { awards, contracts } = awardsAndContracts(input, supplierRef);
  const parties: JsonObject[] = [
    { id: BUYER_PARTY_ID, name: input.buyer.name, roles: ["buyer", "procuringEntity"] },
    ...tenderers.map((bidder) =>
      party(bidder, awardedInvitations.has(bidder.invitationId) ? ["tenderer", "supplier"] : ["tenderer"]),
    ),
  ];
  const tags = ["planning", "tender"];
  if (awards.length > 0) tags.push("award");
  if (contracts.length > 0) tags.push("contract");
  const planning: JsonObject = { rationale: rfp.summary };
  const budget = value(rfp.budgetAmount, rfp.currency);
  if (budget)
    planning.budget = { id: `${rfp.reference}-budget`, description: "Budget for this purchase", amount: budget };
  const release: JsonObject = {
    ocid,
    id: `${ocid}-${input.generatedAt.getTime()}`,
    date: iso(input.generatedAt),
    tag: tags,
    initiationType: "tender",
    language: "en",
    parties,
    buyer: { id: BUYER_PARTY_ID, name: input.buyer.name },
    planning,
    tender: tender(
      input,
      tenderers.map((bidder) => ({ id: bidder.vendorId, name: bidder.name })),
    ),
  };
  if (awards.length > 0) release.awards = awards;
  if (contracts.length > 0) release.contracts = contracts;
  return {
    uri: input.packageUri,
    version: OCDS_VERSION,
    publishedDate: iso(input.generatedAt),
    publisher: { name: input.buyer.name },
    releases: [release],
  };
}
