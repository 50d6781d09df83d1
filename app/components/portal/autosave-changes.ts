/**
 * What an autosave that posts only its changes sends: every field of each group (a score sheet's
 * criterion: its score and its comment) in which some field differs from what the server
 * acknowledged last. Fields outside any group (intent, version) are never compared. Line breaks
 * are compared as the server stores them (a browser posts a textarea's as CRLF).
 */
export function fieldsToPost(
  current: ReadonlyMap<string, string>,
  acknowledged: ReadonlyMap<string, string>,
  groupOf: (name: string) => string | null,
): string[] {
  const normalize = (value: string | undefined) => (value ?? "").replace(/\r\n/g, "\n");
  const changed = new Set<string>();
  for (const [name, value] of current) {
    const group = groupOf(name);
    if (group !== null && normalize(value) !== normalize(acknowledged.get(name))) changed.add(group);
  }
  return [...current.keys()].filter((name) => {
    const group = groupOf(name);
    return group !== null && changed.has(group);
  });
}

/** A form's fields by name, as posted, with "" for a radio group nobody answered yet. */
export function formFieldValues(element: HTMLFormElement, formData: FormData) {
  const values = new Map<string, string>();
  for (const control of Array.from(element.elements)) {
    const name = control.getAttribute("name");
    if (name) values.set(name, "");
  }
  for (const [name, value] of formData) if (typeof value === "string") values.set(name, value);
  return values;
}
