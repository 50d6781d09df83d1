import * as z from "zod";
import { AGENDA_BLOCK_MINUTES, STANDARD_AGENDA } from "~/domain/agenda";
import { zonedLocalToUtc } from "~/utils/dates";
import { type FieldErrors, fieldErrorsFrom, formValues, optionalText } from "~/utils/forms";
import { nestedFormValues } from "~/utils/nested-form";

/**
 * The interview schedule's forms: one interview's slot (new or moved), the automatic proposal,
 * panel members' expertise and their unavailable times. Slot times are wall-clock values in the
 * RFP's time zone; the action turns them into instants.
 */
export const INTERVIEW_MODES = ["IN_PERSON", "VIRTUAL"] as const;
export type InterviewModeValue = (typeof INTERVIEW_MODES)[number];
export const INTERVIEW_MODE_LABELS: Record<InterviewModeValue, string> = {
  IN_PERSON: "In person",
  VIRTUAL: "Virtual",
};

export const ATTENDANCE_CHOICES = ["WHOLE", "EXPERT", "NONE"] as const;
export const ATTENDANCE_LABELS: Record<(typeof ATTENDANCE_CHOICES)[number], string> = {
  WHOLE: "Whole interview",
  EXPERT: "Expert: matching items only",
  NONE: "Not invited",
};

/** The standard agenda needs one 5-minute block per item. */
export const MIN_SLOT_MINUTES = STANDARD_AGENDA.length * AGENDA_BLOCK_MINUTES;
export const MAX_SLOT_MINUTES = 480;

const slotMinutes = z.coerce
  .number({ error: "Enter the length in minutes." })
  .int("Enter whole minutes.")
  .min(
    MIN_SLOT_MINUTES,
    `An interview lasts at least ${MIN_SLOT_MINUTES} minutes (the standard agenda's shortest form).`,
  )
  .max(MAX_SLOT_MINUTES, `An interview lasts at most ${MAX_SLOT_MINUTES / 60} hours.`);

const meetingLink = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .trim()
    .max(500, "The link must be at most 500 characters.")
    .regex(/^https?:\/\/[^\s]+$/i, "Enter the full link, starting with https://.")
    .optional(),
);

const placeFields = {
  mode: z.enum(INTERVIEW_MODES, { error: "Choose in person or virtual." }),
  location: optionalText(300),
  meetingLink,
};

type Place = { mode?: InterviewModeValue; location?: string; meetingLink?: string };
function requirePlace(place: Place, ctx: z.RefinementCtx) {
  if (place.mode === "IN_PERSON" && !place.location) {
    ctx.addIssue({ code: "custom", path: ["location"], message: "Say where the interview takes place." });
  }
  if (place.mode === "VIRTUAL" && !place.meetingLink) {
    ctx.addIssue({ code: "custom", path: ["meetingLink"], message: "Add the meeting link." });
  }
}

const slotFields = {
  date: z.string({ error: "Choose a date." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date."),
  start: z
    .string({ error: "Enter a start time." })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a start time such as 09:30."),
  minutes: slotMinutes,
  ...placeFields,
  travelNote: optionalText(500),
  /** attendance.<memberId> = WHOLE | EXPERT | NONE */
  attendance: z.record(z.string().max(64), z.enum(ATTENDANCE_CHOICES)).default({}),
};

function requireWholeAttendee(attendance: Record<string, string> | undefined, ctx: z.RefinementCtx) {
  if (!attendance || !Object.values(attendance).includes("WHOLE")) {
    ctx.addIssue({
      code: "custom",
      path: ["attendance"],
      message: "Invite at least one panel member for the whole interview.",
    });
  }
}

const refineSlot = (slot: Place & { attendance?: Record<string, string> }, ctx: z.RefinementCtx) => {
  requirePlace(slot, ctx);
  requireWholeAttendee(slot.attendance, ctx);
};

export const createInterviewSchema = z
  .object({
    intent: z.literal("create-interview"),
    invitationId: z.string({ error: "Choose a vendor." }).trim().min(1, "Choose a vendor.").max(64),
    ...slotFields,
  })
  .superRefine(refineSlot);

export const updateInterviewSchema = z
  .object({
    intent: z.literal("update-interview"),
    version: z.coerce.number().int().positive(),
    ...slotFields,
  })
  .superRefine(refineSlot);

export const deleteInterviewSchema = z.object({
  intent: z.literal("delete-interview"),
  version: z.coerce.number().int().positive(),
});

export const autoScheduleSchema = z
  .object({
    intent: z.enum(["propose-schedule", "apply-schedule"]),
    minutes: slotMinutes,
    bufferMinutes: z.coerce
      .number({ error: "Enter the break in minutes." })
      .int("Enter whole minutes.")
      .min(0, "The break cannot be negative.")
      .max(240, "A break of more than 4 hours leaves little room."),
    ...placeFields,
    /** Apply only: the proposal the lead saw, so a changed schedule is not applied blindly. */
    fingerprint: z.string().max(128).optional(),
  })
  .superRefine(requirePlace);
export type AutoScheduleInput = z.output<typeof autoScheduleSchema>;

export const expertiseSchema = z.object({
  intent: z.literal("set-expertise"),
  memberId: z.string().trim().min(1).max(64),
  expertise: z.string().max(500, "Keep the list under 500 characters.").default(""),
});

const wallClockDateTime = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter ${label.toLowerCase()} as a date and time.`);

export const addUnavailabilitySchema = z
  .object({
    intent: z.literal("add-unavailability"),
    from: wallClockDateTime("From"),
    until: wallClockDateTime("Until"),
    note: optionalText(200),
  })
  .refine((period) => period.until > period.from, { path: ["until"], message: "Until must be after from." });

export const removeUnavailabilitySchema = z.object({
  intent: z.literal("remove-unavailability"),
  unavailabilityId: z.string().trim().min(1).max(64),
});

export const scheduleIntentSchema = z.enum(
  [
    "create-interview",
    "propose-schedule",
    "apply-schedule",
    "set-expertise",
    "add-unavailability",
    "remove-unavailability",
  ],
  { error: "Unknown action." },
);

/**
 * Forms with repeated or keyed fields (`attendance.<id>`, `items.2.title`) are parsed from their
 * nested shape, exactly as react-hook-form builds it; `values` is the flat echo for the page.
 */
export function parseNestedForm<Schema extends z.ZodType>(formData: FormData, schema: Schema) {
  const values = formValues(formData);
  const result = schema.safeParse(nestedFormValues(formData));
  return result.success
    ? { success: true as const, data: result.data, values }
    : { success: false as const, fieldErrors: fieldErrorsFrom(result.error) as FieldErrors, values };
}

/** The slot's instants from its wall-clock date and time in the RFP's time zone; null for a date that does not exist. */
export function slotTimes(slot: { date: string; start: string; minutes: number }, timeZone: string) {
  const startsAt = zonedLocalToUtc(`${slot.date}T${slot.start}`, timeZone);
  if (!startsAt) return null;
  return { startsAt, endsAt: new Date(startsAt.getTime() + slot.minutes * 60_000) };
}
export type ScheduleIntent = z.output<typeof scheduleIntentSchema>;
