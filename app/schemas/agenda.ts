import * as z from "zod";
import { agendaIssues, describeAgendaIssue } from "~/domain/agenda";
import { optionalText, requiredText } from "~/utils/forms";

/**
 * The agenda is edited as one form: `items.0.title`, `items.0.minutes`, … (react-hook-form's
 * field array names). The browser and the action parse it with `agendaSchema(slotMinutes)`,
 * whose fit rule is domain/agenda's agendaIssues: an agenda longer than the slot is refused.
 */
export type AgendaItemFormValues = {
  id: string;
  title: string;
  minutes: string;
  /** "" = the vendor runs this item. */
  ownerMemberId: string;
  requiredExpertise: string;
};
export type AgendaFormValues = { version: string; items: AgendaItemFormValues[] };

export const MAX_AGENDA_ITEMS = 30;

const itemSchema = z.object({
  id: z
    .string()
    .max(64)
    .optional()
    .transform((id) => id?.trim() || null),
  title: requiredText("Title", 120),
  minutes: z.coerce
    .number({ error: "Enter minutes." })
    .int("Enter whole minutes.")
    .min(1, "An item lasts at least one minute.")
    .max(480, "An item lasts at most 480 minutes."),
  ownerMemberId: z
    .string()
    .max(64)
    .optional()
    .transform((id) => id?.trim() || null),
  requiredExpertise: optionalText(80),
});

export function agendaSchema(slotMinutes: number) {
  return z
    .object({
      intent: z.literal("save-agenda"),
      version: z.coerce.number().int().positive(),
      items: z.array(itemSchema).max(MAX_AGENDA_ITEMS, `An agenda has at most ${MAX_AGENDA_ITEMS} items.`).default([]),
    })
    .superRefine(
      (agenda, ctx) => {
        // Runs even when an item failed, so "does not fit" shows alongside a missing title.
        if (!Array.isArray(agenda.items)) return;
        const items = agenda.items
          .filter((item) => typeof item === "object" && item !== null)
          .map((item) => ({
            title: typeof item.title === "string" ? item.title : "x",
            minutes: typeof item.minutes === "number" ? item.minutes : 0,
            owner: { kind: "VENDOR" as const },
            requiredExpertise: null,
          }));
        for (const issue of agendaIssues(items, slotMinutes)) {
          if (issue.kind === "OVERRUNS_SLOT" || issue.kind === "EMPTY_AGENDA") {
            ctx.addIssue({ code: "custom", path: ["items"], message: describeAgendaIssue(issue) });
          }
        }
      },
      { when: () => true },
    );
}
export type AgendaInput = z.output<ReturnType<typeof agendaSchema>>;

// ───────────────────────────── Structure edits without JavaScript ─────────────────────────────

/**
 * "Add item", "Remove", "Move up/down" and "Start from the standard agenda" are submit buttons
 * whose intent names the row: `agenda-remove:3`. With JavaScript the field array handles them in
 * the browser; without, the server applies them and renders the form again (nothing is saved).
 */
export const agendaEditIntentSchema = z.union([
  z.literal("agenda-add"),
  z.literal("agenda-standard"),
  z.string().regex(/^agenda-(remove|up|down):\d{1,2}$/),
]);

export function newAgendaItem(): AgendaItemFormValues {
  return { id: "", title: "", minutes: "10", ownerMemberId: "", requiredExpertise: "" };
}

export function applyAgendaEdit(
  values: AgendaFormValues,
  intent: string,
  standard: AgendaItemFormValues[],
): AgendaFormValues {
  const items = [...values.items];
  const [action, indexText] = intent.split(":");
  const index = Number(indexText);
  if (action === "agenda-add" && items.length < MAX_AGENDA_ITEMS) items.push(newAgendaItem());
  if (action === "agenda-standard") return { version: values.version, items: standard };
  if (action === "agenda-remove" && index < items.length) items.splice(index, 1);
  if (action === "agenda-up" && index > 0 && index < items.length) swap(items, index, index - 1);
  if (action === "agenda-down" && index + 1 < items.length) swap(items, index, index + 1);
  return { version: values.version, items };
}

function swap<T>(items: T[], a: number, b: number) {
  const first = items[a];
  const second = items[b];
  if (first === undefined || second === undefined) return;
  items[a] = second;
  items[b] = first;
}

/** Whatever was posted, shaped as agenda form values. */
export function agendaFormValuesFrom(raw: unknown): AgendaFormValues {
  const record = isRecord(raw) ? raw : {};
  const items = Array.isArray(record.items) ? record.items.filter(isRecord) : [];
  return {
    version: text(record.version),
    items: items.slice(0, MAX_AGENDA_ITEMS).map((item) => ({
      id: text(item.id),
      title: text(item.title),
      minutes: text(item.minutes),
      ownerMemberId: text(item.ownerMemberId),
      requiredExpertise: text(item.requiredExpertise),
    })),
  };
}

/** Stored items as form values. */
export function agendaFormValuesFromItems(
  items: readonly {
    id?: string;
    title: string;
    minutes: number;
    ownerMemberId: string | null;
    requiredExpertise: string;
  }[],
  version: number,
): AgendaFormValues {
  return {
    version: String(version),
    items: items.map((item) => ({
      id: item.id ?? "",
      title: item.title,
      minutes: String(item.minutes),
      ownerMemberId: item.ownerMemberId ?? "",
      requiredExpertise: item.requiredExpertise,
    })),
  };
}

/** The minutes as typed, read leniently for the live total (unreadable → 0). */
export function typedMinutes(value: string | undefined) {
  const minutes = Number((value ?? "").trim());
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

/** Which items each invited expert attends: experts.<attendeeId>.<itemId> = "on". */
export const expertItemsSchema = z.object({
  intent: z.literal("save-experts"),
  version: z.coerce.number().int().positive(),
  experts: z.record(z.string().max(64), z.record(z.string().max(64), z.literal("on"))).default({}),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown) {
  return typeof value === "string" ? value : "";
}
