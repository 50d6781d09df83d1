/**
 * The term sheet: what the negotiation has settled, as numbered sections and clauses that the DOCX
 * and PDF exports both render (so Word and PDF never disagree). Price schedule, contract term,
 * service levels, obligations (including the promises from the commitments register that became
 * obligations) and every negotiated term with its agreed wording and status. Pure: dates and
 * money arrive with their formatters, so the RFP's time zone and currency are the caller's.
 */

import type { RenewalType } from "./contract-risk";
import {
  COMMITMENT_KIND_INFO,
  type CommitmentKind,
  type Disposition,
  describePriceChange,
  FEE_KIND_INFO,
  type FeeKind,
  NEGOTIATION_STATUS_INFO,
  type NegotiationStatus,
  PARTY_INFO,
  type Party,
  parsePriceChange,
  RENEWAL_INFO,
  SET_BY_INFO,
  type SetBy,
  TERM_STATUS_INFO,
  type TermStatus,
} from "./negotiation";
import { priceScheduleTotals } from "./price-schedule";

export type TermSheetInput = {
  buyer: string;
  rfp: { reference: string; title: string };
  vendorName: string;
  negotiation: {
    status: NegotiationStatus;
    currency: string;
    termLengthMonths: number | null;
    startDate: Date | null;
    renewal: RenewalType;
    noticePeriodDays: number | null;
    terminationForConvenience: boolean;
    exitOnChronicSlaFailure: boolean;
    serviceTier: string;
    termsOfService: string;
    priceChange: unknown;
    closedAt: Date | null;
  };
  priceLines: readonly {
    description: string;
    kind: "ONE_TIME" | "RECURRING";
    unit: string;
    quantity: string;
    unitPrice: string;
  }[];
  slaLines: readonly {
    metric: string;
    target: string;
    measurementWindow: string;
    reporting: string;
    serviceCredit: string;
    setBy: SetBy;
  }[];
  fees: readonly { kind: FeeKind; description: string }[];
  obligations: readonly { party: Party; text: string }[];
  commitments: readonly {
    kind: CommitmentKind;
    text: string;
    disposition: Disposition;
    obligationWording: string;
    dropReason: string;
    resolveBy: Date | null;
  }[];
  terms: readonly {
    title: string;
    ourPosition: string;
    vendorPosition: string;
    agreedWording: string;
    status: TermStatus;
    escalationDecision: string | null;
    ownerName: string | null;
  }[];
  generatedAt: Date;
  format: { date: (instant: Date) => string; money: (amount: string) => string; quantity: (value: string) => string };
};

export type Clause = { number: string; title: string; text: string; note?: string };
export type TermSheetTable = {
  columns: { label: string; numeric?: boolean }[];
  rows: string[][];
  /** Summary rows under the table (totals). */
  footer?: string[][];
};
export type TermSheetSection = {
  number: number;
  title: string;
  intro?: string;
  table?: TermSheetTable;
  clauses: Clause[];
  /** Said when the section has nothing in it yet. */
  empty?: string;
};
export type TermSheet = {
  title: string;
  subtitle: string;
  /** Not binding until the negotiation is concluded: the exports mark it as a draft. */
  draft: boolean;
  facts: [string, string][];
  sections: TermSheetSection[];
  filenameStem: string;
};

const PRICE_KIND_LABEL = { ONE_TIME: "One-off", RECURRING: "Monthly" } as const;

function numbered(number: number, clauses: Omit<Clause, "number">[]): Clause[] {
  return clauses.map((clause, index) => ({ ...clause, number: `${number}.${index + 1}` }));
}

function priceSection(input: TermSheetInput, number: number): TermSheetSection {
  const { negotiation, format } = input;
  const totals = priceScheduleTotals([...input.priceLines], negotiation.termLengthMonths);
  const footer: string[][] = [
    ["One-off charges", "", "", "", "", format.money(totals.oneTime)],
    ["Monthly charges", "", "", "", "", format.money(totals.monthly)],
  ];
  footer.push([
    totals.termMonths === null ? "Total over the term (term not set yet)" : `Total over ${totals.termMonths} months`,
    "",
    "",
    "",
    "",
    totals.totalCostOfOwnership === null ? "—" : format.money(totals.totalCostOfOwnership),
  ]);
  const clauses = numbered(number, [
    { title: "Price changes", text: `${describePriceChange(parsePriceChange(negotiation.priceChange))}.` },
    ...input.fees.map((fee) => ({ title: FEE_KIND_INFO[fee.kind], text: fee.description })),
  ]);
  return {
    number,
    title: "Price schedule",
    intro: `All amounts in ${negotiation.currency}, excluding taxes. Monthly lines are charged for every month of the term.`,
    table:
      totals.lines.length === 0
        ? undefined
        : {
            columns: [
              { label: "Item" },
              { label: "Charged" },
              { label: "Unit" },
              { label: "Quantity", numeric: true },
              { label: "Unit price", numeric: true },
              { label: "Line total", numeric: true },
            ],
            rows: totals.lines.map((line) => [
              line.description,
              PRICE_KIND_LABEL[line.kind],
              line.unit,
              format.quantity(String(line.quantity)),
              format.money(String(line.unitPrice)),
              format.money(line.lineTotal),
            ]),
            footer,
          },
    clauses,
    empty: totals.lines.length === 0 ? "No price lines yet." : undefined,
  };
}

function termSection(input: TermSheetInput, number: number): TermSheetSection {
  const { negotiation, format } = input;
  const length =
    negotiation.termLengthMonths === null
      ? "The length of the contract is not agreed yet."
      : `The contract runs for ${negotiation.termLengthMonths} months${negotiation.startDate ? ` from ${format.date(negotiation.startDate)}` : ""}.`;
  return {
    number,
    title: "Contract term",
    clauses: numbered(number, [
      { title: "Length and start", text: length },
      { title: "Renewal", text: `${RENEWAL_INFO[negotiation.renewal]}.` },
      {
        title: "Notice period",
        text:
          negotiation.noticePeriodDays === null
            ? "The notice period is not agreed yet."
            : `Either party gives ${negotiation.noticePeriodDays} days' written notice.`,
      },
      {
        title: "Termination for convenience",
        text: negotiation.terminationForConvenience
          ? "We may end the contract for convenience on the notice period, without a termination fee."
          : "No right to end the contract for convenience.",
      },
      {
        title: "Exit on chronic service failure",
        text: negotiation.exitOnChronicSlaFailure
          ? "We may end the contract if the service levels are missed repeatedly (chronic failure)."
          : "No exit right on chronic service-level failure.",
      },
    ]),
  };
}

function serviceSection(input: TermSheetInput, number: number): TermSheetSection {
  const { negotiation } = input;
  return {
    number,
    title: "Service levels",
    table:
      input.slaLines.length === 0
        ? undefined
        : {
            columns: [
              { label: "Metric" },
              { label: "Target" },
              { label: "Measured over" },
              { label: "Reporting" },
              { label: "Service credit" },
              { label: "Set by" },
            ],
            rows: input.slaLines.map((line) => [
              line.metric,
              line.target,
              line.measurementWindow || "—",
              line.reporting || "—",
              line.serviceCredit || "None",
              SET_BY_INFO[line.setBy],
            ]),
          },
    clauses: numbered(number, [
      { title: "Service tier", text: negotiation.serviceTier || "No service tier chosen yet." },
      { title: "Terms of service", text: negotiation.termsOfService || "No terms of service recorded yet." },
    ]),
    empty: input.slaLines.length === 0 ? "No service levels agreed yet." : undefined,
  };
}

function obligationsSection(input: TermSheetInput, number: number): TermSheetSection {
  const { format } = input;
  const fromRegister = input.commitments.filter((item) => item.disposition === "OBLIGATION");
  const limitations = input.commitments.filter((item) => item.disposition === "ACCEPTED_LIMITATION");
  const clauses = numbered(number, [
    ...input.obligations.map((obligation) => ({ title: PARTY_INFO[obligation.party], text: obligation.text })),
    ...fromRegister.map((item) => ({
      title: "The vendor",
      text: item.obligationWording || item.text,
      note: `From the vendor's ${COMMITMENT_KIND_INFO[item.kind].toLowerCase()}: “${item.text}”`,
    })),
    ...limitations.map((item) => ({
      title: "Accepted limitation",
      text: item.text,
      note: item.resolveBy ? `To be resolved by ${format.date(item.resolveBy)}.` : "No resolve-by date set.",
    })),
  ]);
  return {
    number,
    title: "Obligations",
    intro: "What each party commits to, including the vendor's promises from its proposal and interview.",
    clauses,
    empty: clauses.length === 0 ? "No obligations recorded yet." : undefined,
  };
}

function termText(term: TermSheetInput["terms"][number]) {
  if (term.status === "AGREED") return term.agreedWording || "Agreed (no wording recorded).";
  if (term.status === "DROPPED") return term.agreedWording || "Left out of the contract.";
  const positions = [
    term.ourPosition ? `Our position: ${term.ourPosition}` : null,
    term.vendorPosition ? `Vendor's position: ${term.vendorPosition}` : null,
  ].filter(Boolean);
  return [term.agreedWording ? `Proposed wording: ${term.agreedWording}` : "No agreed wording yet.", ...positions].join(
    " ",
  );
}

function negotiatedSection(input: TermSheetInput, number: number): TermSheetSection {
  return {
    number,
    title: "Negotiated terms",
    intro: "Each term with the wording agreed so far and where it stands.",
    clauses: numbered(
      number,
      input.terms.map((term) => ({
        title: `${term.title} — ${TERM_STATUS_INFO[term.status].label}`,
        text: termText(term),
        note:
          [
            term.escalationDecision ? `Sponsor's decision: ${term.escalationDecision}` : null,
            term.ownerName ? `Owner: ${term.ownerName}` : null,
          ]
            .filter(Boolean)
            .join(" · ") || undefined,
      })),
    ),
    empty: input.terms.length === 0 ? "No terms in the tracker yet." : undefined,
  };
}

function droppedSection(input: TermSheetInput, number: number): TermSheetSection | null {
  const dropped = input.commitments.filter((item) => item.disposition === "DROPPED");
  if (dropped.length === 0) return null;
  return {
    number,
    title: "Promises not carried into the contract",
    intro: "Said by the vendor but deliberately left out, with the reason (for the record).",
    clauses: numbered(
      number,
      dropped.map((item) => ({ title: COMMITMENT_KIND_INFO[item.kind], text: item.text, note: item.dropReason })),
    ),
  };
}

export function termSheet(input: TermSheetInput): TermSheet {
  const { negotiation, format } = input;
  const builders = [priceSection, termSection, serviceSection, obligationsSection, negotiatedSection];
  const sections: TermSheetSection[] = builders.map((build, index) => build(input, index + 1));
  const dropped = droppedSection(input, sections.length + 1);
  if (dropped) sections.push(dropped);
  const draft = negotiation.status !== "CONCLUDED";
  return {
    title: "Term sheet",
    subtitle: `${input.rfp.reference} · ${input.rfp.title}`,
    draft,
    facts: [
      ["Customer", input.buyer],
      ["Supplier", input.vendorName],
      ["Status", NEGOTIATION_STATUS_INFO[negotiation.status].label],
      [
        draft ? "Generated" : "Concluded",
        format.date(draft || !negotiation.closedAt ? input.generatedAt : negotiation.closedAt),
      ],
    ],
    sections,
    filenameStem: `${input.rfp.reference}-term-sheet${draft ? "-draft" : ""}`,
  };
}
