/**
 * Forms whose fields repeat (the criteria tree) name their inputs with dotted paths, exactly as
 * react-hook-form registers them: `criteria.0.children.1.weight`. Without JavaScript the browser
 * posts those names as they are; this turns them back into the nested object the form's zod
 * schema expects, so both paths validate the same structure.
 */
export type NestedValue = string | NestedValue[] | { [key: string]: NestedValue };

const INDEX = /^\d{1,4}$/;

export function nestedFormValues(formData: FormData): { [key: string]: NestedValue } {
  const root: { [key: string]: NestedValue } = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const path = name.split(".");
    if (path.some((segment) => segment === "" || segment === "__proto__" || segment === "constructor")) continue;
    assign(root, path, value);
  }
  return compact(root) as { [key: string]: NestedValue };
}

function assign(container: { [key: string]: NestedValue } | NestedValue[], path: string[], value: string) {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const slot = container as Record<string, NestedValue | undefined>;
  if (rest.length === 0) {
    // The first value wins, as in formValues(): a repeated name is not a second answer.
    if (slot[head] === undefined) slot[head] = value;
    return;
  }
  const nextIsIndex = INDEX.test(rest[0] ?? "");
  let child = slot[head];
  if (child === undefined) {
    child = nextIsIndex ? [] : {};
    slot[head] = child;
  }
  if (typeof child === "string" || Array.isArray(child) !== nextIsIndex) return;
  assign(child, rest, value);
}

/** Sparse arrays (a removed row in the middle) become dense, in index order. */
function compact(value: NestedValue): NestedValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
}
