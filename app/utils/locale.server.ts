/** The reader's preferred locale from Accept-Language, if the runtime can format it; else en-GB. */
export function preferredLocale(request: Request): string {
  const header = request.headers.get("Accept-Language") ?? "";
  const candidates = header
    .split(",")
    .map((part) => part.split(";")[0]?.trim())
    .filter((tag): tag is string => Boolean(tag) && tag !== "*");
  for (const tag of candidates) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Malformed tag: try the next one.
    }
  }
  return "en-GB";
}
