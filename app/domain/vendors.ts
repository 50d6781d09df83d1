/**
 * Vendor directory rules: how a company name and a website are reduced to the keys used to spot
 * duplicates, what counts as a likely duplicate, and when a vendor may still be invited to an RFP.
 * Pure: no database, no request, no React.
 */

export const VENDOR_SIZES = ["MICRO", "SMALL", "MEDIUM", "LARGE", "ENTERPRISE"] as const;
export type VendorSize = (typeof VENDOR_SIZES)[number];

/** Head-count bands (the EU SME definition, plus a band for very large providers). */
export const VENDOR_SIZE_INFO: Record<VendorSize, { label: string; staff: string }> = {
  MICRO: { label: "Micro", staff: "fewer than 10 staff" },
  SMALL: { label: "Small", staff: "10–49 staff" },
  MEDIUM: { label: "Medium", staff: "50–249 staff" },
  LARGE: { label: "Large", staff: "250–999 staff" },
  ENTERPRISE: { label: "Enterprise", staff: "1,000 staff or more" },
};

/**
 * Legal-form words that say nothing about which company it is ("Acme Ltd" and "ACME Limited" are
 * the same supplier). Only removed at the end of a name, so "Company Shop Ltd" keeps "company shop".
 */
const LEGAL_SUFFIXES = new Set([
  "ltd",
  "limited",
  "plc",
  "llp",
  "llc",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "se",
  "bv",
  "nv",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "sl",
  "ab",
  "as",
  "asa",
  "aps",
  "oy",
  "oyj",
  "pty",
  "pte",
  "kk",
  "group",
  "holding",
  "holdings",
]);

/**
 * The key two company names are compared on: lower case, accents and punctuation removed, "&"
 * read as "and", legal-form words at the end dropped, spaces removed ("Nordwind-Logistik GmbH & Co. KG" →
 * "nordwindlogistik"). A name made only of such words keeps them, so it is never reduced to nothing.
 */
export function normalizeVendorName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    // Dotted abbreviations first, so "B.V." becomes "bv" rather than "b v".
    .replace(/\b([a-z])\.(?=[a-z]\.?)/g, "$1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  const all = words.join("");
  while (words.length > 1) {
    const last = words.at(-1) ?? "";
    if (LEGAL_SUFFIXES.has(last) || last === "and") words.pop();
    else break;
  }
  if (words[0] === "the" && words.length > 1) words.shift();
  return words.join("") || all;
}

/**
 * Second-level labels under which registries hand out names ("acme.co.uk" is Acme's, "co.uk" is
 * nobody's). Not the whole public-suffix list: enough for the countries vendors usually come from.
 */
const TWO_PART_SUFFIXES = new Set(
  [
    "co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk",
    "com.au net.au org.au edu.au gov.au",
    "co.nz org.nz net.nz",
    "co.jp or.jp ne.jp",
    "co.kr or.kr",
    "co.in net.in org.in firm.in",
    "co.za org.za",
    "com.br net.br org.br",
    "com.mx org.mx",
    "com.ar com.cn net.cn org.cn com.hk com.sg com.my com.tr com.tw com.ph com.pk com.ng com.eg com.sa",
    "co.il co.id co.th",
  ]
    .join(" ")
    .split(" "),
);

/**
 * The registrable domain of a website, the key two websites are compared on:
 * "https://www.Shop.Acme.co.uk/about" → "acme.co.uk". Null when there is no usable host name.
 */
export function registrableDomain(website: string | null | undefined): string | null {
  const text = website?.trim();
  if (!text) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  host = host.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("www.")) host = host.slice(4);
  // An address, not a name: compare it whole.
  if (/^\d+(\.\d+){3}$/.test(host) || host.startsWith("[")) return host;
  const labels = host.split(".").filter(Boolean);
  if (labels.length < 2) return null;
  const lastTwo = labels.slice(-2).join(".");
  const keep = TWO_PART_SUFFIXES.has(lastTwo) && labels.length >= 3 ? 3 : 2;
  return labels.slice(-keep).join(".");
}

/** A website as stored: with a scheme, so it can be used as a link. */
export function normalizeWebsite(website: string): string {
  const text = website.trim();
  return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

export type VendorKeys = { normalizedName: string; domain: string | null };

export function vendorKeys(vendor: { name: string; website?: string | null }): VendorKeys {
  return { normalizedName: normalizeVendorName(vendor.name), domain: registrableDomain(vendor.website) };
}

export type DuplicateReason = "name" | "domain";
export type DuplicateMatch<T> = { vendor: T; reasons: DuplicateReason[] };

/** Existing vendors that are probably the same company: same name key or same registrable domain. */
export function findLikelyDuplicates<T extends VendorKeys>(candidate: VendorKeys, existing: readonly T[]) {
  const matches: DuplicateMatch<T>[] = [];
  for (const vendor of existing) {
    const reasons: DuplicateReason[] = [];
    if (candidate.normalizedName && vendor.normalizedName === candidate.normalizedName) reasons.push("name");
    if (candidate.domain && vendor.domain === candidate.domain) reasons.push("domain");
    if (reasons.length > 0) matches.push({ vendor, reasons });
  }
  return matches;
}

export function describeDuplicateReasons(reasons: readonly DuplicateReason[]) {
  if (reasons.length === 2) return "same name and website";
  return reasons[0] === "domain" ? "same website domain" : "same name";
}

/**
 * For each row of an import, the earlier row (1-based row number) it duplicates, if any. The first
 * occurrence counts as the original; later ones are flagged.
 */
export function duplicatesWithinFile(rows: readonly (VendorKeys & { row: number })[]) {
  const byName = new Map<string, number>();
  const byDomain = new Map<string, number>();
  const result = new Map<number, { row: number; reasons: DuplicateReason[] }>();
  for (const row of rows) {
    const reasons: DuplicateReason[] = [];
    const nameMatch = byName.get(row.normalizedName);
    const domainMatch = row.domain ? byDomain.get(row.domain) : undefined;
    if (nameMatch !== undefined) reasons.push("name");
    if (domainMatch !== undefined) reasons.push("domain");
    const original = nameMatch ?? domainMatch;
    if (original !== undefined) result.set(row.row, { row: original, reasons });
    if (!byName.has(row.normalizedName)) byName.set(row.normalizedName, row.row);
    if (row.domain && !byDomain.has(row.domain)) byDomain.set(row.domain, row.row);
  }
  return result;
}

// ───────────────────────────── Invitations ─────────────────────────────

export const INVITATION_STATUSES = [
  "INVITED",
  "INTENDS_TO_BID",
  "DECLINED",
  "SUBMITTED",
  "DISQUALIFIED",
  "SHORTLISTED",
  "NOT_SHORTLISTED",
  "ELIMINATED",
  "RESERVE",
  "AWARDED",
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const INVITATION_STATUS_INFO: Record<InvitationStatus, { label: string; tone: string }> = {
  INVITED: { label: "Invited", tone: "draft" },
  INTENDS_TO_BID: { label: "Intends to bid", tone: "published" },
  DECLINED: { label: "Declined", tone: "warning" },
  SUBMITTED: { label: "Proposal submitted", tone: "success" },
  DISQUALIFIED: { label: "Disqualified", tone: "danger" },
  SHORTLISTED: { label: "Shortlisted", tone: "shortlist" },
  NOT_SHORTLISTED: { label: "Not shortlisted", tone: "draft" },
  ELIMINATED: { label: "Eliminated", tone: "draft" },
  RESERVE: { label: "Reserve", tone: "negotiation" },
  AWARDED: { label: "Awarded", tone: "success" },
};

type InvitingRfp = { stage: string; proposalDeadline: Date | null };

/**
 * Why no vendor may be invited (any more), or null. Vendors can be added while the RFP is being
 * written and while it is open; once the proposal deadline has passed a newcomer could never bid
 * on equal terms, so the door is closed.
 */
export function invitationBlocker(rfp: InvitingRfp, now: Date): string | null {
  if (rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED") {
    return "Vendors can only be invited while the RFP is a draft or published.";
  }
  if (rfp.proposalDeadline && rfp.proposalDeadline.getTime() <= now.getTime()) {
    return "The proposal deadline has passed, so no more vendors can be invited.";
  }
  return null;
}

/** Whether the lead can give an invited vendor a new portal link now. */
export function linkResendBlocker(
  rfp: { stage: string },
  invitation: { expiresAt: Date | null },
  now: Date,
): string | null {
  if (rfp.stage === "DRAFT") return "Links are sent when the RFP is published.";
  if (rfp.stage === "CANCELLED" || rfp.stage === "AWARDED") return "This RFP is closed; portal links no longer work.";
  if (invitation.expiresAt && invitation.expiresAt.getTime() <= now.getTime()) {
    return "This invitation has expired; its portal link cannot be renewed.";
  }
  return null;
}
