import * as z from "zod";
import { SECTION_NUMBER, sectionNumberOf } from "~/domain/sections";
import {
  commentProblem,
  REOPEN_REASON_MIN,
  type SheetCriterion,
  type SheetEntry,
  scoreValueProblem,
  sheetIssues,
} from "~/domain/sheet";

/**
 * One score sheet posts a radio group and a comment per assigned criterion, named
 * `score:<criterionId>` and `comment:<criterionId>` (flat names: react-hook-form registers them as
 * they are). The schema is built from the sheet's criteria (their scales), in the browser from the
 * loader's data and on the server from the database, so both check the same rules.
 *
 * Save draft and Submit post the whole form: a criterion missing from it is empty. An autosave
 * posts only the criteria edited since the last acknowledged save (both fields of each; an
 * unanswered radio group is simply absent): a criterion missing from it keeps what is stored.
 * A long sheet shown one section at a time (domain/sections) posts `section`: the whole form is
 * then that section's criteria, and the other sections keep what is stored.
 */
export const scoreField = (criterionId: string) => `score:${criterionId}`;
export const commentField = (criterionId: string) => `comment:${criterionId}`;

export const SHEET_INTENTS = ["autosave", "save", "submit"] as const;
export type SheetIntent = (typeof SHEET_INTENTS)[number];

const FIELD_KEY = /^(score|comment):([A-Za-z0-9_-]{1,64})$/;

/** The criterion a sheet field belongs to (its score and comment travel together), or null. */
export const criterionOfField = (name: string) => FIELD_KEY.exec(name)?.[2] ?? null;
const MISMATCH = "The form does not match this sheet. Reload the page.";

/** The version the page was based on: 0 before the sheet's first save. */
const version = z
  .string({ error: "The form is missing its version. Reload the page." })
  .regex(/^\d{1,9}$/, "The form is missing its version. Reload the page.")
  .transform(Number);

/** A top-level section number of the criteria tree ("2"), as the sectioned form posts it. */
const sectionNumber = z
  .string()
  .regex(SECTION_NUMBER, "The form does not match this sheet. Reload the page.")
  .optional();

function parseScore(raw: string | undefined): number | null | "invalid" {
  if (raw === undefined || raw === "") return null;
  return /^-?\d{1,3}$/.test(raw) ? Number(raw) : "invalid";
}

/**
 * Drafts (autosave, save) only need values the scales have and comments of a sane length; a
 * submission must also be complete: every criterion scored, a comment at the lowest and highest
 * points (domain/sheet).
 */
export function sheetFormSchema(criteria: readonly (SheetCriterion & { outline: string })[]) {
  /** The criteria the posted form holds: one section's, or all of them. */
  const onForm = (section: string | undefined) =>
    section === undefined ? criteria : criteria.filter((criterion) => sectionNumberOf(criterion.outline) === section);
  return (
    z
      .object({
        intent: z.enum(SHEET_INTENTS, { error: "Unknown action." }),
        version,
        section: sectionNumber,
      })
      // Strings from a posted form; react-hook-form reports an unanswered radio group as null.
      .catchall(z.string().nullable())
      .superRefine((values, ctx) => {
        const formCriteria = onForm(values.section);
        if (formCriteria.length === 0) {
          ctx.addIssue({ code: "custom", path: ["form"], message: MISMATCH });
          return;
        }
        const known = new Set(formCriteria.map((criterion) => criterion.id));
        for (const key of Object.keys(values)) {
          if (key === "intent" || key === "version" || key === "section") continue;
          const match = FIELD_KEY.exec(key);
          if (!match?.[2] || !known.has(match[2])) {
            ctx.addIssue({ code: "custom", path: ["form"], message: MISMATCH });
            return;
          }
        }
        const entries = entriesFrom(formCriteria, values);
        if (!entries) {
          ctx.addIssue({ code: "custom", path: ["form"], message: MISMATCH });
          return;
        }
        const posted = new Map(entries.map((entry) => [entry.criterionId, entry]));
        const issues =
          values.intent === "submit"
            ? sheetIssues(formCriteria, entries)
            : formCriteria.flatMap((criterion) => draftIssues(criterion, posted.get(criterion.id)));
        for (const issue of issues) {
          const path = issue.field === "score" ? scoreField(issue.criterionId) : commentField(issue.criterionId);
          ctx.addIssue({ code: "custom", path: [path], message: issue.message });
        }
      })
      .transform((values) => ({
        intent: values.intent,
        version: values.version,
        section: values.section ?? null,
        entries: entriesFrom(onForm(values.section), values) ?? [],
      }))
  );
}

function draftIssues(criterion: SheetCriterion, entry: SheetEntry | undefined) {
  if (!entry) return [];
  const issues: { criterionId: string; field: "score" | "comment"; message: string }[] = [];
  const valueProblem = scoreValueProblem(entry.value, criterion);
  if (valueProblem) issues.push({ criterionId: criterion.id, field: "score", message: valueProblem });
  // A draft may wait for its comment; only the length is checked before submitting.
  const comment = commentProblem(null, entry.comment, criterion);
  if (comment) issues.push({ criterionId: criterion.id, field: "comment", message: comment });
  return issues;
}

/**
 * The posted entries: every criterion's on the form (the sheet's, or the posted section's) for a
 * whole form, only those present for an autosave.
 */
function entriesFrom(criteria: readonly SheetCriterion[], values: Record<string, unknown>): SheetEntry[] | null {
  const entries: SheetEntry[] = [];
  for (const criterion of criteria) {
    const rawScore = values[scoreField(criterion.id)];
    const rawComment = values[commentField(criterion.id)];
    if (values.intent === "autosave" && rawScore === undefined && rawComment === undefined) continue;
    const value = parseScore(typeof rawScore === "string" ? rawScore : undefined);
    if (value === "invalid") return null;
    entries.push({
      criterionId: criterion.id,
      value,
      comment: typeof rawComment === "string" ? rawComment.replace(/\r\n/g, "\n") : "",
    });
  }
  return entries;
}

/** The form's values from stored scores (or an action's echo), for react-hook-form's defaults. */
export function sheetFormValues(entries: readonly SheetEntry[]) {
  const values: Record<string, string> = {};
  for (const entry of entries) {
    values[scoreField(entry.criterionId)] = entry.value === null ? "" : String(entry.value);
    values[commentField(entry.criterionId)] = entry.comment;
  }
  return values;
}

/** The lead reopens a submitted sheet for its evaluator, saying why (the evaluator reads it). */
export const reopenSheetSchema = z.object({
  intent: z.literal("reopen"),
  sheetId: z.string({ error: "Choose the sheet to reopen." }).min(1, "Choose the sheet to reopen.").max(64),
  reason: z
    .string({ error: "Say why the sheet is reopened." })
    .trim()
    .min(
      REOPEN_REASON_MIN,
      `Say why the sheet is reopened (at least ${REOPEN_REASON_MIN} characters); the evaluator reads it.`,
    )
    .max(1000, "Keep the reason under 1000 characters."),
});

export const remindSchema = z.object({ intent: z.literal("remind") });
