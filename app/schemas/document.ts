import * as z from "zod";
import { optionalText, requiredText } from "~/utils/forms";

/** Forms of the document editor: the outline page and the section page. */
const recordId = z.string({ error: "Missing record." }).trim().min(1, "Missing record.").max(64);
const version = z.coerce.number({ error: "Missing version." }).int().positive();
const direction = z.enum(["up", "down"], { error: "Choose up or down." });

export const SECTION_BODY_MAX = 50_000;
const sectionTitle = requiredText("Title", 200);

export const addSectionSchema = z.object({ intent: z.literal("add-section"), title: sectionTitle });

export const documentActionSchema = z.discriminatedUnion(
  "intent",
  [
    addSectionSchema,
    z.object({ intent: z.literal("move-section"), sectionId: recordId, direction }),
    z.object({
      intent: z.literal("reorder-sections"),
      order: z
        .string()
        .max(10_000)
        .transform((order) => order.split(",").filter(Boolean)),
    }),
    z.object({ intent: z.literal("delete-section"), sectionId: recordId, version }),
  ],
  { error: "Unknown action." },
);

export const sectionTextSchema = z.object({
  intent: z.literal("save-section"),
  title: sectionTitle,
  body: z
    .string()
    .max(SECTION_BODY_MAX, `The text can be at most ${SECTION_BODY_MAX.toLocaleString("en")} characters.`)
    .default("")
    // Browsers send textarea line breaks as CRLF; store one form so comparisons between versions are exact.
    .transform((body) => body.replace(/\r\n?/g, "\n")),
  version,
});

export const REQUIREMENT_KINDS = ["MANDATORY", "SCORED"] as const;
export const REQUIREMENT_KIND_INFO = {
  MANDATORY: { label: "Mandatory", description: "Pass/fail: a vendor that does not meet it can be excluded." },
  SCORED: { label: "Scored", description: "Scored by the panel under an evaluation criterion." },
} as const;

const requirementFields = {
  text: requiredText("Requirement", 2000),
  kind: z.enum(REQUIREMENT_KINDS, { error: "Choose mandatory or scored." }),
  criterionId: optionalText(64),
  evidenceRequested: optionalText(1000),
};

/** A scored requirement names its criterion; a mandatory one is pass/fail and names none. */
function linkRule(requirement: { kind: string; criterionId?: string }, ctx: z.RefinementCtx) {
  if (requirement.kind === "SCORED" && !requirement.criterionId) {
    ctx.addIssue({
      code: "custom",
      path: ["criterionId"],
      message: "Choose the criterion this requirement is scored under.",
    });
  }
}

const withoutLinkForMandatory = <T extends { kind: string; criterionId?: string; evidenceRequested?: string }>(
  requirement: T,
) => ({
  ...requirement,
  criterionId: requirement.kind === "SCORED" ? (requirement.criterionId ?? null) : null,
  evidenceRequested: requirement.evidenceRequested ?? null,
});

export const addRequirementSchema = z
  .object({ intent: z.literal("add-requirement"), ...requirementFields })
  .superRefine(linkRule)
  .transform(withoutLinkForMandatory);

export const updateRequirementSchema = z
  .object({
    intent: z.literal("update-requirement"),
    requirementId: recordId,
    fingerprint: z.string().max(64).default(""),
    ...requirementFields,
  })
  .superRefine(linkRule)
  .transform(withoutLinkForMandatory);

export type RequirementInput = z.output<typeof addRequirementSchema>;

export const sectionActionSchema = z.discriminatedUnion(
  "intent",
  [
    sectionTextSchema,
    addRequirementSchema,
    updateRequirementSchema,
    z.object({ intent: z.literal("delete-requirement"), requirementId: recordId }),
    z.object({ intent: z.literal("move-requirement"), requirementId: recordId, direction }),
  ],
  { error: "Unknown action." },
);
