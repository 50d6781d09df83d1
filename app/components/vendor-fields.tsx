import { Link } from "@remix-run/react";
import { COUNTRIES } from "~/domain/countries";
import { type DuplicateReason, describeDuplicateReasons, VENDOR_SIZE_INFO, VENDOR_SIZES } from "~/domain/vendors";
import { Field, type useValidatedForm } from "./form";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

type FormApi = Pick<ReturnType<typeof useValidatedForm>, "field" | "errorFor">;

/** Company fields shared by "Add vendor" and the vendor page. */
export function CompanyFields({ field, errorFor }: FormApi) {
  return (
    <>
      <Field name="name" label="Company name" error={errorFor("name")} hint="As it appears on contracts.">
        <input className="input" autoComplete="organization" {...field("name")} />
      </Field>
      <div className="form-grid">
        <Field name="website" label="Website" optional error={errorFor("website")} hint="e.g. acme.com">
          <input className="input" inputMode="url" autoComplete="url" {...field("website")} />
        </Field>
        <Field name="country" label="Country" optional error={errorFor("country")}>
          <select className="select" {...field("country")}>
            <option value="">Not specified</option>
            {COUNTRIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="size" label="Size" optional error={errorFor("size")}>
          <select className="select" {...field("size")}>
            <option value="">Not specified</option>
            {VENDOR_SIZES.map((size) => (
              <option key={size} value={size}>
                {VENDOR_SIZE_INFO[size].label} ({VENDOR_SIZE_INFO[size].staff})
              </option>
            ))}
          </select>
        </Field>
        <Field name="industry" label="Industry" optional error={errorFor("industry")} hint="e.g. IT services">
          <input className="input" {...field("industry")} />
        </Field>
      </div>
      <Field
        name="notes"
        label="Notes"
        optional
        error={errorFor("notes")}
        hint="For procurement only; vendors never see them."
      >
        <textarea className="textarea" rows={3} {...field("notes")} />
      </Field>
    </>
  );
}

export type DuplicateMatchView = { id: string; name: string; website: string | null; reasons: DuplicateReason[] };

/**
 * A likely duplicate stops the save until the lead looks: the matches are listed with links, and
 * the same form can be sent again with "…anyway" (the button carries confirmDuplicate=yes).
 */
export function DuplicateWarning({
  matches,
  confirmLabel,
  pending,
}: {
  matches: DuplicateMatchView[];
  confirmLabel: string;
  pending: boolean;
}) {
  return (
    <Alert tone="warning" title="This vendor may already be in the directory">
      <ul>
        {matches.map((match) => (
          <li key={match.id}>
            <Link to={`/vendors/${match.id}`} target="_blank" rel="noreferrer">
              {match.name}
            </Link>{" "}
            — {describeDuplicateReasons(match.reasons)}
            {match.website ? <span className="muted"> ({match.website})</span> : null}
          </li>
        ))}
      </ul>
      <p className="duplicate-warning__actions">
        If it is the same company, use the existing entry. If it is a different company, save it anyway.
      </p>
      <Button type="submit" name="confirmDuplicate" value="yes" variant="secondary" size="small" pending={pending}>
        {confirmLabel}
      </Button>
    </Alert>
  );
}
