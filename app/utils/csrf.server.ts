/**
 * Cross-site request forgery defence for every state-changing request, in addition to the
 * SameSite=Lax session cookie: a mutation must come from our own origin. Browsers say where a
 * request comes from in Sec-Fetch-Site (all current browsers) and Origin (all browsers on POST).
 * A request with neither header did not come from a browser page, so it cannot carry a victim's
 * ambient cookies through a forged form; it is allowed (API clients, curl, tests).
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfInput = {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** Origins this server answers as, e.g. "https://shortlist.example.com". */
  allowedOrigins: string[];
};

/** Why the request is refused, or null when it may proceed. */
export function crossSiteRefusal(input: CsrfInput): string | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  const site = input.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") {
    return `cross-site ${input.method} refused (Sec-Fetch-Site: ${site})`;
  }
  if (input.origin !== undefined) {
    if (input.origin === "null" || !input.allowedOrigins.includes(input.origin.toLowerCase())) {
      return `${input.method} from origin ${input.origin} refused`;
    }
  }
  return null;
}
