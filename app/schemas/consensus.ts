import * as z from "zod";
import { MIN_RATIONALE } from "~/domain/consensus";
import { SECTION_NUMBER } from "~/domain/sections";

/**
 * The consensus page's forms: opening consensus (lead), recording the panel's agreed score for
 * an item with its rationale (lead, as facilitator), and a minority opinion beside it.
 */
const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message);

const explanation = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(min, `${label} needs at least ${min} characters.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`);

export const openConsensusSchema = z.object({ intent: z.literal("open") });

export const consensusScoreSchema = z.object({
  intent: z.literal("record"),
  invitationId: id("Reload the page and try again."),
  criterionId: id("Reload the page and try again."),
  value: z
    .string({ error: "Choose the agreed score." })
    .trim()
    .regex(/^\d{1,3}$/, "Choose the agreed score.")
    .transform(Number),
  rationale: explanation("The rationale", MIN_RATIONALE, 2000),
});
export type ConsensusScoreInput = Pick<
  z.output<typeof consensusScoreSchema>,
  "invitationId" | "criterionId" | "value" | "rationale"
>;

export const minorityOpinionSchema = z.object({
  intent: z.literal("minority"),
  consensusId: id("Reload the page and try again."),
  /** Only the lead names a member; a panel member always records their own. */
  memberId: z.string().trim().max(64).default(""),
  opinion: explanation("The opinion", MIN_RATIONALE, 2000),
});
export type MinorityOpinionInput = Pick<z.output<typeof minorityOpinionSchema>, "consensusId" | "memberId" | "opinion">;

export const consensusActionSchema = z.discriminatedUnion(
  "intent",
  [openConsensusSchema, consensusScoreSchema, minorityOpinionSchema],
  { error: "Unknown action." },
);

/**
 * The page's query string: which vendor (an invitation id; unknown ones are a 404 in the model)
 * and whether all of its items are listed or only the flagged ones. Without `items` the page
 * lists a vendor's flagged items when it has any (the meeting's work), else all of them. A long
 * list of all items is shown one top-level section of the criteria at a time (`section`, its
 * number; unknown or missing: the first, see domain/sections). Links, not a form: all of it works
 * without JavaScript and can be bookmarked or shared in the meeting.
 */
export const CONSENSUS_ITEMS_VIEWS = ["all", "flagged"] as const;
export type ConsensusItemsView = (typeof CONSENSUS_ITEMS_VIEWS)[number];

export const consensusViewSchema = z.object({
  vendor: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((value) => value || null),
  // An unknown value means the default list rather than a failed page.
  items: z
    .enum(CONSENSUS_ITEMS_VIEWS)
    .optional()
    .catch(undefined)
    .transform((value) => value ?? null),
  // A top-level outline number; anything else means the first section rather than a failed page.
  section: z
    .string()
    .trim()
    .regex(SECTION_NUMBER)
    .optional()
    .catch(undefined)
    .transform((value) => value ?? null),
});

export type ConsensusView = { vendorId: string | null; items: ConsensusItemsView | null; section: string | null };

export function consensusViewOf(url: URL): ConsensusView | null {
  const parsed = consensusViewSchema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success
    ? { vendorId: parsed.data.vendor, items: parsed.data.items, section: parsed.data.section }
    : null;
}

/** The page's address for a vendor, list and section, as links and redirects write it. */
export function consensusHref(
  rfpId: string,
  view: { vendorId?: string | null; items?: ConsensusItemsView | null; section?: string | null },
) {
  const search = new URLSearchParams();
  if (view.vendorId) search.set("vendor", view.vendorId);
  if (view.items) search.set("items", view.items);
  if (view.section) search.set("section", view.section);
  const query = search.toString();
  return `/rfps/${rfpId}/consensus${query ? `?${query}` : ""}`;
}
