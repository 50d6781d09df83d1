import * as z from "zod";
import { CRITERION_STAGES } from "~/domain/criteria";
import { rfpDetailsSchema } from "~/schemas/rfp";
import { requiredText } from "~/utils/forms";

/**
 * Templates: the stored content of a lead's own template (read back from JSON, so checked like
 * any input), the "save as template" form, and where a new RFP starts from.
 */
export const templateContentSchema = z.object({
  sections: z
    .array(
      z.object({
        title: z.string().max(200),
        body: z.string().max(50_000),
        requirements: z
          .array(
            z.object({
              text: z.string().max(2000),
              kind: z.enum(["MANDATORY", "SCORED"]),
              criterionKey: z.string().max(64).nullable(),
              evidenceRequested: z.string().max(1000).nullable(),
            }),
          )
          .max(200),
      }),
    )
    .max(100),
  criteria: z
    .array(
      z.object({
        key: z.string().max(64),
        parentKey: z.string().max(64).nullable(),
        name: z.string().max(120),
        description: z.string().max(1000).nullable(),
        weight: z.number().min(0).max(100),
        stage: z.enum(CRITERION_STAGES),
        scaleMin: z.number().int(),
        scaleMax: z.number().int(),
        descriptors: z.array(z.string().max(200)).max(11),
      }),
    )
    .max(200),
  interviewQuestions: z
    .array(z.object({ category: z.string().max(80), text: z.string().max(1000), standard: z.boolean() }))
    .max(200),
});

export const saveTemplateSchema = z.object({
  intent: z.literal("save-template"),
  name: requiredText("Template name", 120),
  description: requiredText("Description", 1000),
});

export const templateListActionSchema = z.object({
  intent: z.literal("delete-template"),
  templateId: z.string({ error: "Missing template." }).trim().min(1, "Missing template.").max(64),
});

/** Where a new RFP's document, criteria and question bank come from. */
export type RfpSource =
  | { kind: "blank" }
  | { kind: "builtin"; id: string }
  | { kind: "template"; id: string }
  | { kind: "rfp"; id: string };

const SOURCE = /^(blank|(builtin|template|rfp):[A-Za-z0-9_-]{1,64})$/;

export function parseRfpSource(value: string | null | undefined): RfpSource | null {
  const source = value?.trim() || "blank";
  if (!SOURCE.test(source)) return null;
  if (source === "blank") return { kind: "blank" };
  const [kind, id = ""] = source.split(":") as ["builtin" | "template" | "rfp", string];
  return { kind, id };
}

export function sourceValue(source: RfpSource) {
  return source.kind === "blank" ? "blank" : `${source.kind}:${source.id}`;
}

export const rfpSourceField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const source = parseRfpSource(value);
    if (!source) {
      ctx.addIssue({ code: "custom", message: "Choose where the RFP starts from." });
      return z.NEVER;
    }
    return source;
  });

export const newRfpSchema = rfpDetailsSchema.and(z.object({ source: rfpSourceField }));
