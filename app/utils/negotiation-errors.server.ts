import { currentVersions } from "~/models/negotiation-core.server";
import { ConflictError, invalid, invalidFromError } from "./errors.server";

/**
 * The answer to a failed negotiation form. A lost concurrent edit (409) keeps everything the user
 * typed and swaps in the version now stored, so the page shows the other person's change and
 * saving again applies the user's input on top of it; other rule breaks are 422, anything else
 * is rethrown.
 */
export async function negotiationFormError(error: unknown, values: Record<string, string>) {
  if (!(error instanceof ConflictError)) return invalidFromError(error, values);
  const versions = await currentVersions({
    negotiationId:
      values.intent === "update-term" || values.intent === "escalate-term" ? undefined : values.negotiationId,
    termId: values.termId,
  });
  const version = values.termId ? versions.term : versions.negotiation;
  return invalid({ form: error.message }, version === null ? values : { ...values, version: String(version) }, {
    status: 409,
  });
}
