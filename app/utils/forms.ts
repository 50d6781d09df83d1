import * as z from "zod";

/**
 * Server side of every form: FormData → the form's zod schema → typed data or field errors.
 * The same schema runs in the browser through react-hook-form (see components/form.tsx).
 */
export type FieldErrors = Record<string, string>;
export type FormFailure = { fieldErrors: FieldErrors; values: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return values;
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
): ({ success: true; data: z.output<Schema> } | ({ success: false } & FormFailure)) & {
  values: Record<string, string>;
} {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data, values: redactSecrets(values) };
  return { success: false, fieldErrors: fieldErrorsFrom(result.error), values: redactSecrets(values) };
}

/** Passwords are never echoed back into the page. */
export function redactSecrets(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** Optional text input: empty means absent. */
export const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(max).optional(),
  );

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
