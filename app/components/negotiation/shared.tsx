import { NavLink } from "@remix-run/react";
import type { FieldValues } from "react-hook-form";
import type * as z from "zod";
import { type ServerFormResult, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { NEGOTIATION_STATUS_INFO, type NegotiationStatus } from "~/domain/negotiation";
import { utcToZonedLocal } from "~/utils/dates";

/**
 * Pieces every negotiation page uses: matching an action's answer to the form that sent it, the
 * hidden keys of a negotiation form, and the workspace's sub-navigation.
 */
export type ActionAnswer = ServerFormResult;

/** The action's answer if it belongs to this form: same intent and, for a row's form, the same record. */
export function answerFor(answer: ActionAnswer, intent: string, record?: { field: string; id: string }) {
  if (answer?.values?.intent !== intent) return undefined;
  if (record && answer.values[record.field] !== record.id) return undefined;
  return answer;
}

export function NegotiationStatusBadge({ status }: { status: NegotiationStatus }) {
  const info = NEGOTIATION_STATUS_INFO[status];
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

export function NegotiationNav({
  counts,
}: {
  counts: { openTerms: number; pendingCommitments: number; openFlags: number } | null;
}) {
  const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? "active" : undefined);
  const count = (value: number | undefined, label: string) =>
    value ? (
      <span className="subnav__count">
        {value}
        <span className="visually-hidden"> {label}</span>
      </span>
    ) : null;
  return (
    <nav className="subnav" aria-label="Negotiation">
      <NavLink to="." end className={linkClass}>
        Overview
      </NavLink>
      <NavLink to="contract" className={linkClass}>
        Term and prices
      </NavLink>
      <NavLink to="service-levels" className={linkClass}>
        Service levels
      </NavLink>
      <NavLink to="terms" className={linkClass}>
        Terms {count(counts?.openTerms, "open")}
      </NavLink>
      <NavLink to="commitments" className={linkClass}>
        Commitments {count(counts?.pendingCommitments, "to decide")}
      </NavLink>
      <NavLink to="risks" className={linkClass}>
        Risk review {count(counts?.openFlags, "open flags")}
      </NavLink>
    </nav>
  );
}

/** The YYYY-MM-DD a date input shows for an instant, in the RFP's time zone. */
export function dateInputValue(instant: Date | string | null | undefined, timeZone: string) {
  return instant ? utcToZonedLocal(instant, timeZone).slice(0, 10) : "";
}

/**
 * useValidatedForm for a form repeated once per row (a term, a promise, a flag): the same field
 * names in every row, but ids scoped to the row so each label points at its own control.
 */
export function useRowForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  scope: string,
  options: Parameters<typeof useValidatedForm<Schema>>[0],
) {
  const validated = useValidatedForm(options);
  const id = (name: string) => `${scope}-${name}`;
  const field = (name: string) => ({
    ...validated.field(name),
    id: id(name),
    "aria-describedby": `${id(name)}-hint ${id(name)}-error`,
  });
  return { ...validated, field, id };
}

/**
 * Forms carry the version they were loaded with. Remounting a form when the stored version changes
 * (after any save on the page), or when a 409 hands back the version now stored with the user's
 * input, keeps the hidden version current without losing what was typed.
 */
export function formKey(version: number, answer?: ActionAnswer) {
  return `${version}:${answer?.values?.version ?? ""}`;
}

/** One history entry's field changes, in words. */
export function describeChanges(changes: unknown, labels: Record<string, string>) {
  if (typeof changes !== "object" || changes === null) return [];
  return Object.entries(changes as Record<string, { before?: unknown; after?: unknown }>).map(([field, change]) => ({
    field,
    label: labels[field] ?? field,
    before:
      change?.before === null || change?.before === undefined || change.before === "" ? null : String(change.before),
    after: change?.after === null || change?.after === undefined || change.after === "" ? null : String(change.after),
  }));
}
