import * as z from "zod";
import { optionalText } from "~/utils/forms";
import { emailField } from "./auth";

/**
 * Panel set-up: one form per panel member (functional group, expertise tags, the criteria they
 * score); whether the panel sees prices is set on the Price page. Criteria are checkboxes named
 * `criterion:<criterionId>`; "every written criterion" (the default) stores no rows at all.
 */
export const criterionField = (criterionId: string) => `criterion:${criterionId}`;
const CRITERION_KEY = /^criterion:([A-Za-z0-9_-]{1,64})$/;

export const MAX_TAGS = 12;
export const TAG_MAX = 40;

/** "Networks, ITIL , networks" → ["Networks", "ITIL"]: trimmed, first spelling kept, no empties. */
export function parseTags(raw: string) {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.split(",")) {
    const tag = part.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

export const panelMemberSchema = z
  .object({
    intent: z.literal("member"),
    memberId: z.string().min(1).max(64),
    functionalGroup: optionalText(60),
    expertise: z.string().max(600, "Too many tags.").default(""),
    scope: z.enum(["ALL", "SELECTED"], { error: "Choose which criteria this member scores." }),
  })
  // Checked boxes post "on"; react-hook-form reports unchecked ones as false.
  .catchall(z.union([z.string(), z.boolean(), z.null()]))
  .superRefine((values, ctx) => {
    const tags = parseTags(values.expertise);
    if (tags.length > MAX_TAGS) {
      ctx.addIssue({ code: "custom", path: ["expertise"], message: `At most ${MAX_TAGS} tags.` });
    }
    if (tags.some((tag) => tag.length > TAG_MAX)) {
      ctx.addIssue({ code: "custom", path: ["expertise"], message: `Keep each tag under ${TAG_MAX} characters.` });
    }
    for (const key of Object.keys(values)) {
      if (["intent", "memberId", "functionalGroup", "expertise", "scope"].includes(key)) continue;
      if (!CRITERION_KEY.test(key)) {
        ctx.addIssue({ code: "custom", path: ["form"], message: "The form does not match. Reload the page." });
        return;
      }
    }
    if (values.scope === "SELECTED" && checkedCriteria(values).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["scope"],
        message: "Tick at least one criterion, or choose every written criterion.",
      });
    }
  })
  .transform((values) => ({
    memberId: values.memberId,
    functionalGroup: values.functionalGroup ?? null,
    expertise: parseTags(values.expertise),
    criterionIds: values.scope === "ALL" ? [] : checkedCriteria(values),
  }));

function checkedCriteria(values: Record<string, unknown>) {
  return Object.entries(values).flatMap(([key, value]) => {
    const match = CRITERION_KEY.exec(key);
    return match?.[1] && (value === "on" || value === true) ? [match[1]] : [];
  });
}

/** Add someone to the panel; the criteria default to every written one (narrowed afterwards). */
export const addPanelMemberSchema = z
  .object({
    intent: z.literal("add"),
    email: emailField,
    functionalGroup: optionalText(60),
    expertise: z.string().max(600, "Too many tags.").default(""),
  })
  .superRefine((values, ctx) => {
    const tags = parseTags(values.expertise);
    if (tags.length > MAX_TAGS) {
      ctx.addIssue({ code: "custom", path: ["expertise"], message: `At most ${MAX_TAGS} tags.` });
    }
    if (tags.some((tag) => tag.length > TAG_MAX)) {
      ctx.addIssue({ code: "custom", path: ["expertise"], message: `Keep each tag under ${TAG_MAX} characters.` });
    }
  })
  .transform((values) => ({
    email: values.email,
    functionalGroup: values.functionalGroup ?? null,
    expertise: parseTags(values.expertise),
  }));
