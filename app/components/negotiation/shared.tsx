import { NavLink } from "@remix-run/react";
import type { ServerFormResult } from "~/components/form";
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
