import * as z from "zod";
import { TIMELINE_FIELDS, type TimelineKey } from "~/domain/timeline";
import { requiredText } from "~/utils/forms";

/** A wall-clock date and time in the RFP's time zone, as a datetime-local input sends it. */
export const localDateTime = (message: string) =>
  z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

const version = z.coerce.number().int().positive();

const timelineShape = Object.fromEntries(
  TIMELINE_FIELDS.map((field) => [field.key, localDateTime(`Enter the ${field.label.toLowerCase()}.`)]),
) as Record<TimelineKey, ReturnType<typeof localDateTime>>;

/** A new addendum: what changed and why, and the timeline (unchanged unless the lead moves a date). */
export const issueAddendumSchema = z.object({
  intent: z.literal("issue"),
  version,
  title: requiredText("Title", 200),
  summary: requiredText("What changed", 8000),
  reason: requiredText("Why it changed", 2000),
  ...timelineShape,
});

/** Extending the proposal deadline for every vendor. */
export const extendDeadlineSchema = z.object({
  intent: z.literal("extend"),
  version,
  newDeadline: localDateTime("Enter the new deadline."),
  extensionReason: requiredText("Reason", 2000).min(
    10,
    "Say why the deadline moves (at least 10 characters); every vendor will read it.",
  ),
});

export const remindAddendumSchema = z.object({
  intent: z.literal("remind"),
  addendumId: z.string().min(1).max(64),
});

export const addendaActionSchema = z.discriminatedUnion(
  "intent",
  [issueAddendumSchema, extendDeadlineSchema, remindAddendumSchema],
  { error: "Unknown action." },
);
