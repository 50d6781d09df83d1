import * as z from "zod";
import {
  MAX_TERM_MONTHS,
  PRICE_KINDS,
  PRICE_SCALE,
  parseDecimal,
  parseTermMonths,
  QUANTITY_SCALE,
} from "~/domain/pricing";
import { COMMITMENT_KINDS, COMPLIANCE_ANSWERS, type ProposalDraft, type RowChange } from "~/domain/proposal-rules";
import { type FieldErrors, fieldErrorsFrom, formValues } from "~/utils/forms";

/**
 * The proposal builder: one form, nested rows. Field names are react-hook-form paths
 * ("priceLines.2.unitPrice"), so the browser's FormData nests back into the very object the
 * schema checks in the browser. Drafts may be incomplete; formats must be right.
 */
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    .default("");

const decimal = (scale: number, example: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine(
      (value) => value === "" || parseDecimal(value, scale) !== null,
      `Use digits and a decimal point, e.g. ${example}.`,
    );

export const MAX_PRICE_LINES = 100;
export const MAX_SERVICE_TIERS = 10;
export const MAX_SLA_TARGETS = 30;
export const MAX_COMMITMENTS = 100;

const responseSchema = z.object({
  requirementId: z.string().trim().min(1).max(64),
  compliance: z.enum(COMPLIANCE_ANSWERS, { error: "Choose an answer." }).or(z.literal("")).default(""),
  explanation: text(10_000, "The explanation"),
});

const priceLineSchema = z.object({
  description: text(300, "The description"),
  kind: z.enum(PRICE_KINDS, { error: "Choose one-time or recurring." }).default("ONE_TIME"),
  unit: text(60, "The unit"),
  quantity: decimal(QUANTITY_SCALE, "2.5"),
  unitPrice: decimal(PRICE_SCALE, "1250.50"),
});

const slaTargetSchema = z.object({
  metric: text(200, "The metric"),
  target: text(200, "The target"),
  measurementWindow: text(200, "The measurement window"),
  serviceCredit: text(300, "The service credit"),
});

const serviceTierSchema = z.object({
  name: text(120, "The name"),
  description: text(4000, "The description"),
  termsOfService: text(20_000, "The terms of service"),
  slaTargets: z
    .array(slaTargetSchema)
    .max(MAX_SLA_TARGETS, `At most ${MAX_SLA_TARGETS} SLA targets per tier.`)
    .default([]),
});

const commitmentSchema = z.object({
  kind: z.enum(COMMITMENT_KINDS, { error: "Choose claim, commitment or limitation." }).default("COMMITMENT"),
  text: text(2000, "The text"),
});

export const proposalDraftSchema = z.object({
  executiveSummary: text(20_000, "The executive summary"),
  termMonths: z
    .string()
    .trim()
    .default("")
    .refine(
      (value) => value === "" || parseTermMonths(value) !== null,
      `Enter the term as whole months from 1 to ${MAX_TERM_MONTHS}.`,
    ),
  responses: z.array(responseSchema).max(1000).default([]),
  priceLines: z.array(priceLineSchema).max(MAX_PRICE_LINES, `At most ${MAX_PRICE_LINES} price lines.`).default([]),
  serviceTiers: z.array(serviceTierSchema).max(MAX_SERVICE_TIERS, `At most ${MAX_SERVICE_TIERS} tiers.`).default([]),
  commitments: z.array(commitmentSchema).max(MAX_COMMITMENTS, `At most ${MAX_COMMITMENTS} entries.`).default([]),
}) satisfies z.ZodType<ProposalDraft, unknown>;

/** "add:priceLines", "remove:slaTargets:1:0": the no-JavaScript buttons that add and remove rows. */
export function parseRowChange(intent: string): RowChange | null {
  const match = /^(add|remove):(priceLines|serviceTiers|commitments|slaTargets)(?::(\d{1,3}))?(?::(\d{1,3}))?$/.exec(
    intent,
  );
  if (!match) return null;
  const [, op, list, first, second] = match;
  const a = first === undefined ? undefined : Number(first);
  const b = second === undefined ? undefined : Number(second);
  if (list === "slaTargets") {
    if (a === undefined) return null;
    if (op === "add") return b === undefined ? { op, list, tier: a } : null;
    return b === undefined ? null : { op: "remove", list, tier: a, index: b };
  }
  if (list !== "priceLines" && list !== "serviceTiers" && list !== "commitments") return null;
  if (op === "add") return a === undefined ? { op, list } : null;
  return a === undefined || b !== undefined ? null : { op: "remove", list, index: a };
}

export const proposalIntentSchema = z
  .string({ error: "Unknown action." })
  .refine(
    (intent) => ["save", "autosave", "submit"].includes(intent) || parseRowChange(intent) !== null,
    "Unknown action.",
  );

export const proposalFormSchema = proposalDraftSchema.extend({
  intent: proposalIntentSchema,
  /** The version the form was loaded at; 0 before the first save. */
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(0),
});

export const withdrawProposalSchema = z.object({
  intent: z.literal("withdraw"),
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(1),
});

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Flat form fields ("priceLines.0.unit") → nested object. Numeric segments become arrays, in
 * index order; absurd indexes and prototype keys are dropped (the input is untrusted).
 */
export function nestFormValues(values: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const segments = key.split(".");
    if (segments.length > 6 || segments.some((segment) => UNSAFE_KEYS.has(segment) || segment === "")) continue;
    if (segments.some((segment) => /^\d+$/.test(segment) && Number(segment) > 999)) continue;
    let node: Record<string, unknown> = root;
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) {
        if (!(segment in node) || typeof node[segment] === "string") node[segment] = value;
        return;
      }
      const existing = node[segment];
      const child = existing && typeof existing === "object" ? (existing as Record<string, unknown>) : {};
      node[segment] = child;
      node = child;
    });
  }
  return toArrays(root) as Record<string, unknown>;
}

function toArrays(node: unknown): unknown {
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const converted = entries.map(([key, value]) => [key, toArrays(value)] as const);
  if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))) {
    return converted.sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => value);
  }
  return Object.fromEntries(converted);
}

export type ProposalFormResult =
  | { success: true; data: z.output<typeof proposalFormSchema>; values: Record<string, string> }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Server side of the builder: FormData → nested draft → the same schema the browser used. */
export function parseProposalForm(formData: FormData): ProposalFormResult {
  const values = formValues(formData);
  const result = proposalFormSchema.safeParse(nestFormValues(values));
  if (result.success) return { success: true, data: result.data, values };
  return { success: false, fieldErrors: fieldErrorsFrom(result.error), values };
}

/**
 * What was typed, as a draft, even when it does not pass the schema (a refused save shows the
 * vendor their own text again, mistakes included).
 */
export function draftFromValues(values: Record<string, string>): ProposalDraft {
  const nested = nestFormValues(values);
  const str = (value: unknown) => (typeof value === "string" ? value : "");
  const rows = (value: unknown) =>
    (Array.isArray(value) ? value : []).filter(
      (row): row is Record<string, unknown> => Boolean(row) && typeof row === "object" && !Array.isArray(row),
    );
  const oneOf = <T extends string>(options: readonly T[], value: unknown, fallback: T): T =>
    options.find((option) => option === value) ?? fallback;
  return {
    executiveSummary: str(nested.executiveSummary),
    termMonths: str(nested.termMonths),
    responses: rows(nested.responses).map((row) => ({
      requirementId: str(row.requirementId),
      compliance: oneOf([...COMPLIANCE_ANSWERS, ""] as const, row.compliance, ""),
      explanation: str(row.explanation),
    })),
    priceLines: rows(nested.priceLines).map((row) => ({
      description: str(row.description),
      kind: oneOf(PRICE_KINDS, row.kind, "ONE_TIME"),
      unit: str(row.unit),
      quantity: str(row.quantity),
      unitPrice: str(row.unitPrice),
    })),
    serviceTiers: rows(nested.serviceTiers).map((row) => ({
      name: str(row.name),
      description: str(row.description),
      termsOfService: str(row.termsOfService),
      slaTargets: rows(row.slaTargets).map((target) => ({
        metric: str(target.metric),
        target: str(target.target),
        measurementWindow: str(target.measurementWindow),
        serviceCredit: str(target.serviceCredit),
      })),
    })),
    commitments: rows(nested.commitments).map((row) => ({
      kind: oneOf(COMMITMENT_KINDS, row.kind, "COMMITMENT"),
      text: str(row.text),
    })),
  };
}
