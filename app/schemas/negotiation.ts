import * as z from "zod";
import { FEE_KINDS, PARTIES, PRICE_CHANGE_KINDS, RENEWAL_TYPES, SET_BY } from "~/domain/negotiation";
import { formatScaled, PRICE_KINDS, PRICE_SCALE, parseDecimal, QUANTITY_SCALE } from "~/domain/pricing";
import { optionalText, requiredText } from "~/utils/forms";

/** Forms of the negotiation workspace: overview (status, sponsor, fallback) and contract pages. */
export const recordId = z.string({ error: "Missing record." }).trim().min(1, "Missing record.").max(64);
export const version = z.coerce.number({ error: "Missing version." }).int().positive();
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** "on" from a plain form post; true/false from react-hook-form's checkbox registration. */
const checkbox = z.preprocess((value) => value === "on" || value === true || value === "true", z.boolean());

const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`)
      .optional(),
  );

/** A calendar date as a date input sends it; converted in the RFP's time zone by the model. */
export const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date.")
    .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), "Enter a real date.")
    .optional(),
);

const withNegotiation = { negotiationId: recordId, version };

// Overview -------------------------------------------------------------------------------------

export const sponsorSchema = z.object({
  intent: z.literal("set-sponsor"),
  ...withNegotiation,
  sponsorId: z.string({ error: "Choose an executive." }).trim().min(1, "Choose an executive.").max(64),
});
export const breakdownSchema = z.object({
  intent: z.literal("break-down"),
  ...withNegotiation,
  reason: requiredText("The reason", 2000).refine(
    (reason) => reason.length >= 10,
    "Say why the negotiation broke down (at least 10 characters); it stays on the record.",
  ),
});

export const negotiationOverviewSchema = z.discriminatedUnion(
  "intent",
  [
    sponsorSchema,
    z.object({ intent: z.literal("mark-ready"), ...withNegotiation }),
    z.object({ intent: z.literal("reopen"), ...withNegotiation }),
    z.object({ intent: z.literal("conclude"), ...withNegotiation }),
    breakdownSchema,
  ],
  { error: "Unknown action." },
);

// Contract: term, tier, terms of service, prices ----------------------------------------------------

export const contractTermSchema = z.object({
  intent: z.literal("save-term"),
  ...withNegotiation,
  termLengthMonths: wholeNumber("The term", 1, 600),
  startDate: isoDate,
  renewal: z.enum(RENEWAL_TYPES, { error: "Choose how the contract renews." }),
  noticePeriodDays: wholeNumber("The notice period", 0, 3650),
  terminationForConvenience: checkbox,
  exitOnChronicSlaFailure: checkbox,
});

export const serviceTierSchema = z.object({
  intent: z.literal("choose-tier"),
  ...withNegotiation,
  tierId: z.string({ error: "Choose a tier." }).trim().min(1, "Choose a tier.").max(64),
});

export const termsOfServiceSchema = z.object({
  intent: z.literal("save-terms-of-service"),
  ...withNegotiation,
  termsOfService: z
    .string()
    .max(20_000, "The terms of service can be at most 20,000 characters.")
    .default("")
    .transform((text) => text.replace(/\r\n?/g, "\n").trim()),
});

export const priceChangeSchema = z
  .object({
    intent: z.literal("save-price-change"),
    ...withNegotiation,
    kind: z.enum(["UNSTATED", ...PRICE_CHANGE_KINDS], { error: "Choose how prices may change." }),
    index: optionalText(120),
    capPercent: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "The cap must be a number." })
        .min(0, "The cap cannot be negative.")
        .max(100, "The cap must be at most 100%.")
        .optional(),
    ),
    noticeDays: wholeNumber("The notice", 0, 3650),
  })
  .superRefine((values, ctx) => {
    if (values.kind === "INDEXED" && !values.index) {
      ctx.addIssue({ code: "custom", path: ["index"], message: "Name the index (e.g. CPI)." });
    }
  });

const priceLineFields = {
  description: requiredText("Description", 300),
  kind: z.enum(PRICE_KINDS, { error: "Choose one-time or recurring." }),
  unit: requiredText("Unit", 60),
  quantity: z
    .string({ error: "Enter a quantity." })
    .trim()
    .refine((text) => parseDecimal(text, QUANTITY_SCALE) !== null, "Enter a quantity such as 1800 or 2.5.")
    .transform((text) => formatScaled(parseDecimal(text, QUANTITY_SCALE) ?? 0n, QUANTITY_SCALE)),
  unitPrice: z
    .string({ error: "Enter a unit price." })
    .trim()
    .refine((text) => parseDecimal(text, PRICE_SCALE) !== null, "Enter a price such as 12.35 (decimal point).")
    .transform((text) => formatScaled(parseDecimal(text, PRICE_SCALE) ?? 0n, PRICE_SCALE)),
};
export const addPriceLineSchema = z.object({
  intent: z.literal("add-price-line"),
  ...withNegotiation,
  ...priceLineFields,
});
export const updatePriceLineSchema = z.object({
  intent: z.literal("update-price-line"),
  ...withNegotiation,
  lineId: recordId,
  ...priceLineFields,
});

export const contractActionSchema = z.discriminatedUnion(
  "intent",
  [
    contractTermSchema,
    serviceTierSchema,
    termsOfServiceSchema,
    priceChangeSchema,
    addPriceLineSchema,
    updatePriceLineSchema,
    z.object({ intent: z.literal("delete-price-line"), ...withNegotiation, lineId: recordId }),
  ],
  { error: "Unknown action." },
);

// Service levels, fees, obligations ---------------------------------------------------------------

const slaFields = {
  metric: requiredText("Metric", 200),
  target: requiredText("Target", 200),
  measurementWindow: z.string().trim().max(200).default(""),
  reporting: z.string().trim().max(300).default(""),
  serviceCredit: z.string().trim().max(500).default(""),
  setBy: z.enum(SET_BY, { error: "Say who set this service level." }),
};
export const addSlaSchema = z.object({ intent: z.literal("add-sla"), ...withNegotiation, ...slaFields });
export const updateSlaSchema = z.object({
  intent: z.literal("update-sla"),
  ...withNegotiation,
  slaLineId: recordId,
  ...slaFields,
});

const feeFields = {
  kind: z.enum(FEE_KINDS, { error: "Choose the kind of fee." }),
  description: requiredText("Description", 1000),
};
export const addFeeSchema = z.object({ intent: z.literal("add-fee"), ...withNegotiation, ...feeFields });
export const updateFeeSchema = z.object({
  intent: z.literal("update-fee"),
  ...withNegotiation,
  feeId: recordId,
  ...feeFields,
});

const obligationFields = {
  party: z.enum(PARTIES, { error: "Choose whose obligation it is." }),
  text: requiredText("The obligation", 2000),
};
export const addObligationSchema = z.object({
  intent: z.literal("add-obligation"),
  ...withNegotiation,
  ...obligationFields,
});
export const updateObligationSchema = z.object({
  intent: z.literal("update-obligation"),
  ...withNegotiation,
  obligationId: recordId,
  ...obligationFields,
});

export const serviceLevelsActionSchema = z.discriminatedUnion(
  "intent",
  [
    addSlaSchema,
    updateSlaSchema,
    z.object({ intent: z.literal("delete-sla"), ...withNegotiation, slaLineId: recordId }),
    addFeeSchema,
    updateFeeSchema,
    z.object({ intent: z.literal("delete-fee"), ...withNegotiation, feeId: recordId }),
    addObligationSchema,
    updateObligationSchema,
    z.object({ intent: z.literal("delete-obligation"), ...withNegotiation, obligationId: recordId }),
  ],
  { error: "Unknown action." },
);

export type ContractTermInput = z.output<typeof contractTermSchema>;
export type PriceChangeInput = z.output<typeof priceChangeSchema>;
export type PriceLineInput = Pick<z.output<typeof addPriceLineSchema>, keyof typeof priceLineFields>;
export type SlaInput = Pick<z.output<typeof addSlaSchema>, keyof typeof slaFields>;
export type FeeInput = Pick<z.output<typeof addFeeSchema>, keyof typeof feeFields>;
export type ObligationInput = Pick<z.output<typeof addObligationSchema>, keyof typeof obligationFields>;
