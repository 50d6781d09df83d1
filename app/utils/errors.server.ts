import { data } from "@remix-run/node";
import type { FieldErrors, FormFailure } from "./forms";

/**
 * A rule the user can fix, reported against one form field (or "form" for the whole form).
 * Actions turn it into a 400/422 with the message next to the field.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Someone else saved this record since it was loaded (optimistic version check failed). */
export class ConflictError extends Error {}

/** The answer to a form that cannot be accepted: field errors plus what was typed (400 by default). */
export function invalid(
  fieldErrors: FieldErrors,
  values: Record<string, string> = {},
  init: { status?: number; headers?: HeadersInit } = {},
) {
  return data<FormFailure>({ fieldErrors, values }, { status: init.status ?? 400, headers: init.headers });
}

/** A rule broken inside a model (422) or a lost concurrent edit (409) as a form answer; rethrows anything else. */
export function invalidFromError(error: unknown, values: Record<string, string> = {}) {
  if (error instanceof ConflictError) return invalid({ form: error.message }, values, { status: 409 });
  if (error instanceof FieldError) return invalid({ [error.field]: error.message }, values, { status: 422 });
  throw error;
}
