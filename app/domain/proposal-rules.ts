import {
  isBlankPriceLine,
  MAX_TERM_MONTHS,
  PRICE_SCALE,
  type PriceKind,
  parseDecimal,
  parseTermMonths,
} from "./pricing";

/**
 * A vendor's proposal as the builder form holds it (plain strings, as typed), the rules for
 * submitting it, and the rules for its attachments. Drafts may be incomplete; submission may not.
 */
export const COMPLIANCE_ANSWERS = ["COMPLIES", "PARTIAL", "DOES_NOT_COMPLY"] as const;
export type ComplianceAnswer = (typeof COMPLIANCE_ANSWERS)[number];
export const COMPLIANCE_INFO: Record<ComplianceAnswer, { label: string; tone: string }> = {
  COMPLIES: { label: "Complies", tone: "success" },
  PARTIAL: { label: "Partially complies", tone: "warning" },
  DOES_NOT_COMPLY: { label: "Does not comply", tone: "danger" },
};

export const COMMITMENT_KINDS = ["CLAIM", "COMMITMENT", "LIMITATION"] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_INFO: Record<CommitmentKind, { label: string; hint: string }> = {
  CLAIM: { label: "Claim", hint: "Something you state about your service or track record." },
  COMMITMENT: { label: "Commitment", hint: "Something you promise to deliver; it can become a contract term." },
  LIMITATION: { label: "Accepted limitation", hint: "Something you will not do (yet), written down now." },
};

export type ResponseDraft = { requirementId: string; compliance: ComplianceAnswer | ""; explanation: string };
export type PriceLineDraft = {
  description: string;
  kind: PriceKind;
  unit: string;
  quantity: string;
  unitPrice: string;
};
export type SlaTargetDraft = { metric: string; target: string; measurementWindow: string; serviceCredit: string };
export type ServiceTierDraft = {
  name: string;
  description: string;
  termsOfService: string;
  slaTargets: SlaTargetDraft[];
};
export type CommitmentDraft = { kind: CommitmentKind; text: string };
export type ProposalDraft = {
  executiveSummary: string;
  termMonths: string;
  responses: ResponseDraft[];
  priceLines: PriceLineDraft[];
  serviceTiers: ServiceTierDraft[];
  commitments: CommitmentDraft[];
};

export const BLANK_PRICE_LINE: PriceLineDraft = {
  description: "",
  kind: "ONE_TIME",
  unit: "",
  quantity: "",
  unitPrice: "",
};
export const BLANK_SLA_TARGET: SlaTargetDraft = { metric: "", target: "", measurementWindow: "", serviceCredit: "" };
export const BLANK_SERVICE_TIER: ServiceTierDraft = {
  name: "",
  description: "",
  termsOfService: "",
  slaTargets: [{ ...BLANK_SLA_TARGET }],
};
export const BLANK_COMMITMENT: CommitmentDraft = { kind: "COMMITMENT", text: "" };

const blank = (value: string | null | undefined) => !value || value.trim() === "";

export function isBlankSlaTarget(target: SlaTargetDraft) {
  return blank(target.metric) && blank(target.target) && blank(target.measurementWindow) && blank(target.serviceCredit);
}

export function isBlankServiceTier(tier: ServiceTierDraft) {
  return (
    blank(tier.name) && blank(tier.description) && blank(tier.termsOfService) && tier.slaTargets.every(isBlankSlaTarget)
  );
}

export function isBlankCommitment(commitment: CommitmentDraft) {
  return blank(commitment.text);
}

export { isBlankPriceLine };

export type SubmissionIssue = { path: string; message: string };

/**
 * Everything that keeps the draft from being submitted, each with the form field it concerns.
 * Blank rows (not started) are ignored; a started row must be complete.
 */
export function submissionIssues(
  draft: ProposalDraft,
  requirements: { id: string; code: string }[],
): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  if (blank(draft.executiveSummary)) issues.push({ path: "executiveSummary", message: "Write an executive summary." });
  for (const requirement of requirements) {
    const index = draft.responses.findIndex((response) => response.requirementId === requirement.id);
    const response = draft.responses[index];
    const at = index >= 0 ? index : draft.responses.length;
    if (!response?.compliance) {
      issues.push({
        path: `responses.${at}.compliance`,
        message: `${requirement.code}: say whether you comply.`,
      });
    }
    if (blank(response?.explanation)) {
      issues.push({ path: `responses.${at}.explanation`, message: `${requirement.code}: explain your answer.` });
    }
  }
  const startedLines = draft.priceLines.filter((line) => !isBlankPriceLine(line));
  if (startedLines.length === 0) {
    issues.push({ path: "priceLines", message: "Add at least one line to the price schedule." });
  }
  draft.priceLines.forEach((line, index) => {
    if (isBlankPriceLine(line)) return;
    const label = `Price line ${index + 1}`;
    if (blank(line.description))
      issues.push({ path: `priceLines.${index}.description`, message: `${label}: describe it.` });
    if (blank(line.unit)) issues.push({ path: `priceLines.${index}.unit`, message: `${label}: give the unit.` });
    const quantity = parseDecimal(line.quantity, 3);
    if (quantity === null || quantity === BigInt(0)) {
      issues.push({ path: `priceLines.${index}.quantity`, message: `${label}: enter a quantity above zero.` });
    }
    if (parseDecimal(line.unitPrice, PRICE_SCALE) === null) {
      issues.push({
        path: `priceLines.${index}.unitPrice`,
        message: `${label}: enter the unit price (0 if included).`,
      });
    }
  });
  if (parseTermMonths(draft.termMonths) === null) {
    issues.push({ path: "termMonths", message: `State the contract term in months (1 to ${MAX_TERM_MONTHS}).` });
  }
  draft.serviceTiers.forEach((tier, index) => {
    if (isBlankServiceTier(tier)) return;
    const label = `Service tier ${index + 1}`;
    if (blank(tier.name)) issues.push({ path: `serviceTiers.${index}.name`, message: `${label}: give it a name.` });
    if (blank(tier.termsOfService)) {
      issues.push({ path: `serviceTiers.${index}.termsOfService`, message: `${label}: state its terms of service.` });
    }
    tier.slaTargets.forEach((target, targetIndex) => {
      if (isBlankSlaTarget(target)) return;
      const where = `serviceTiers.${index}.slaTargets.${targetIndex}`;
      if (blank(target.metric))
        issues.push({ path: `${where}.metric`, message: `${label}, SLA target ${targetIndex + 1}: name the metric.` });
      if (blank(target.target))
        issues.push({ path: `${where}.target`, message: `${label}, SLA target ${targetIndex + 1}: state the target.` });
    });
  });
  return issues;
}

// ───────────────────────────── Attachments ─────────────────────────────

/** What vendors may attach, by the type detected from the content (never the name or browser's claim). */
export const ATTACHMENT_TYPES: Record<string, { label: string; extensions: string[] }> = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    label: "Word (DOCX)",
    extensions: ["docx"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { label: "Excel (XLSX)", extensions: ["xlsx"] },
  "image/png": { label: "PNG image", extensions: ["png"] },
  "image/jpeg": { label: "JPEG image", extensions: ["jpg", "jpeg"] },
};
export const ATTACHMENT_EXTENSIONS = Object.values(ATTACHMENT_TYPES).flatMap((type) => type.extensions);
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PROPOSAL_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

function extensionOf(fileName: string) {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return match?.[1]?.toLowerCase() ?? "";
}

/** Why this file cannot be attached, or null. `detectedMime` is null when the content was not recognised. */
export function attachmentProblem(input: {
  fileName: string;
  sizeBytes: number;
  detectedMime: string | null;
  existing: { count: number; totalBytes: number };
}): string | null {
  if (input.sizeBytes === 0) return "The file is empty.";
  if (input.sizeBytes > MAX_ATTACHMENT_BYTES) {
    return `The file is ${formatBytes(input.sizeBytes)}; the limit is ${formatBytes(MAX_ATTACHMENT_BYTES)} per file.`;
  }
  if (input.existing.count >= MAX_ATTACHMENTS) return `A proposal can have at most ${MAX_ATTACHMENTS} attachments.`;
  if (input.existing.totalBytes + input.sizeBytes > MAX_PROPOSAL_ATTACHMENT_BYTES) {
    return `Attachments may total at most ${formatBytes(MAX_PROPOSAL_ATTACHMENT_BYTES)}; this file would take the proposal to ${formatBytes(input.existing.totalBytes + input.sizeBytes)}.`;
  }
  const allowed = Object.values(ATTACHMENT_TYPES)
    .map((type) => type.label)
    .join(", ");
  const type = input.detectedMime ? ATTACHMENT_TYPES[input.detectedMime] : undefined;
  if (!type) return `This file's content is not one of the accepted types (${allowed}).`;
  const extension = extensionOf(input.fileName);
  if (!type.extensions.includes(extension)) {
    return `The file's content is a ${type.label}, but its name ends in “.${extension || "(nothing)"}”. Rename it to .${type.extensions[0]} and upload it again.`;
  }
  return null;
}

/** The original name, cleaned for display and the download header (never used as a path). */
export function cleanFileName(fileName: string) {
  const base = fileName.split(/[/\\]/).pop() ?? "";
  const cleaned = [...base]
    .filter((character) => {
      const code = character.codePointAt(0) ?? 0;
      return code >= 32 && code !== 127;
    })
    .join("")
    .trim()
    .slice(-200);
  return cleaned || "attachment";
}

/** JSON with sorted keys: the same content always gives the same text, hence the same hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

// ───────────────────────────── Rows ─────────────────────────────

/** Adding and removing rows: buttons in the browser, or form submissions without JavaScript. */
export type RowChange =
  | { op: "add"; list: "priceLines" | "serviceTiers" | "commitments" }
  | { op: "add"; list: "slaTargets"; tier: number }
  | { op: "remove"; list: "priceLines" | "serviceTiers" | "commitments"; index: number }
  | { op: "remove"; list: "slaTargets"; tier: number; index: number };

const without = <T>(rows: T[], index: number) => rows.filter((_, at) => at !== index);

export function applyRowChange(draft: ProposalDraft, change: RowChange): ProposalDraft {
  if (change.list === "slaTargets") {
    return {
      ...draft,
      serviceTiers: draft.serviceTiers.map((tier, at) =>
        at !== change.tier
          ? tier
          : {
              ...tier,
              slaTargets:
                change.op === "add"
                  ? [...tier.slaTargets, { ...BLANK_SLA_TARGET }]
                  : without(tier.slaTargets, change.index),
            },
      ),
    };
  }
  if (change.op === "remove") {
    if (change.list === "priceLines") return { ...draft, priceLines: without(draft.priceLines, change.index) };
    if (change.list === "serviceTiers") return { ...draft, serviceTiers: without(draft.serviceTiers, change.index) };
    return { ...draft, commitments: without(draft.commitments, change.index) };
  }
  if (change.list === "priceLines") return { ...draft, priceLines: [...draft.priceLines, { ...BLANK_PRICE_LINE }] };
  if (change.list === "serviceTiers") {
    return {
      ...draft,
      serviceTiers: [...draft.serviceTiers, { ...BLANK_SERVICE_TIER, slaTargets: [{ ...BLANK_SLA_TARGET }] }],
    };
  }
  return { ...draft, commitments: [...draft.commitments, { ...BLANK_COMMITMENT }] };
}

/** An empty list gets one blank row to start typing in (blank rows are never stored). */
export function withStarterRows(draft: ProposalDraft): ProposalDraft {
  return {
    ...draft,
    priceLines: draft.priceLines.length > 0 ? draft.priceLines : [{ ...BLANK_PRICE_LINE }],
    serviceTiers:
      draft.serviceTiers.length > 0
        ? draft.serviceTiers
        : [{ ...BLANK_SERVICE_TIER, slaTargets: [{ ...BLANK_SLA_TARGET }] }],
    commitments: draft.commitments.length > 0 ? draft.commitments : [{ ...BLANK_COMMITMENT }],
  };
}
