/**
 * Clarification questions are answered for everyone: the question, as published, must not tell
 * the other bidders who asked it (that would reveal a competitor and its approach).
 */

/** "Q-07": the published number of a question. */
export function questionLabel(number: number) {
  return `Q-${String(number).padStart(2, "0")}`;
}

/** Words that only appear in company names as their legal form; a name without them still identifies. */
const LEGAL_FORMS = new Set([
  "ltd",
  "limited",
  "plc",
  "llc",
  "llp",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "ab",
  "as",
  "asa",
  "oy",
  "sp",
  "zoo",
  "pty",
  "group",
  "holding",
  "holdings",
]);

export type AskerIdentity = {
  vendorName: string;
  domain?: string | null;
  contactNames?: string[];
  contactEmails?: string[];
};

function normalize(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9@.]+/g, " ")
    .trim();
}

/** The company name without its legal form: "Contoso Services Ltd" → "contoso services". */
export function distinctiveName(name: string) {
  const words = normalize(name)
    .replace(/\./g, " ")
    .split(/\s+/)
    .filter((word) => word && !LEGAL_FORMS.has(word));
  return words.join(" ");
}

/**
 * The identifying things found in `text`: the company's name (with or without its legal form),
 * its web domain, its contacts' names and email addresses. Whole words only, any case.
 */
export function identifyingMentions(text: string, asker: AskerIdentity): string[] {
  const haystack = ` ${normalize(text).replace(/\.(?=\s|$)/g, " ")} `;
  const found: string[] = [];
  const candidates = [
    { shown: asker.vendorName, needle: distinctiveName(asker.vendorName) },
    ...(asker.domain ? [{ shown: asker.domain, needle: normalize(asker.domain) }] : []),
    ...(asker.contactNames ?? []).map((name) => ({ shown: name, needle: normalize(name) })),
    ...(asker.contactEmails ?? []).map((email) => ({ shown: email, needle: normalize(email) })),
  ];
  for (const { shown, needle } of candidates) {
    // Very short names ("AB", "IT") would match ordinary words; they are left to the lead's eye.
    if (needle.replace(/\s/g, "").length < 3) continue;
    if (haystack.includes(` ${needle} `) && !found.includes(shown)) found.push(shown);
  }
  return found;
}
