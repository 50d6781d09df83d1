import { Form } from "@remix-run/react";
import { FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { CONFIDENCE_LEVELS, DEBRIEF_STATUS_INFO, type DebriefStatus } from "~/domain/debrief";
import { formatScore } from "~/domain/followups";
import { ownerNotesSchema } from "~/schemas/debrief";
import { formatDateTime } from "~/utils/dates";

/**
 * The parts of the debrief page around the members' own views: who has submitted (everyone sees
 * statuses, never contents, until all have), the lead's reminders, the owner's notes, and — once
 * revealed — every view side by side.
 */
export type MemberStatus = {
  memberId: string;
  name: string;
  partial: boolean;
  status: DebriefStatus;
  submittedAt: Date | string | null;
};

export function DebriefStatuses({
  statuses,
  canRemind,
  timeZone,
  locale,
  lastResult,
}: {
  statuses: MemberStatus[];
  canRemind: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
}) {
  const reminding = useIsSubmitting("remind");
  const waiting = statuses.filter((entry) => entry.status !== "SUBMITTED");
  const submitted = statuses.length - waiting.length;
  return (
    <section className="card" aria-labelledby="statuses-heading">
      <div className="card__title">
        <h2 id="statuses-heading">Panel views</h2>
        <span className="muted small">
          {submitted} of {statuses.length} submitted
        </span>
      </div>
      <FormError message={lastResult?.fieldErrors?.form ?? lastResult?.fieldErrors?.memberId} />
      {statuses.length === 0 ? (
        <EmptyState title="No panel members attend this interview">
          Add attendees to the interview's schedule; only panel members who attended give a debrief.
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {statuses.map((entry) => (
            <li key={entry.memberId} className="row">
              <span>
                {entry.name}
                {entry.partial ? <span className="muted small"> (part of the interview)</span> : null}
              </span>
              <span className="spacer" />
              <Badge tone={DEBRIEF_STATUS_INFO[entry.status].tone}>{DEBRIEF_STATUS_INFO[entry.status].label}</Badge>
              {entry.submittedAt ? (
                <span className="muted small">{formatDateTime(entry.submittedAt, { timeZone, locale })}</span>
              ) : canRemind ? (
                <Form method="post">
                  <input type="hidden" name="memberId" value={entry.memberId} />
                  <Button type="submit" name="intent" value="remind" variant="ghost" size="small" pending={reminding}>
                    Remind<span className="visually-hidden"> {entry.name}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canRemind && waiting.length > 1 ? (
        <Form method="post" className="form-actions">
          <input type="hidden" name="memberId" value="" />
          <Button type="submit" name="intent" value="remind" variant="secondary" size="small" pending={reminding}>
            Remind all {waiting.length} who have not submitted
          </Button>
        </Form>
      ) : null}
      {waiting.length > 0 ? (
        <p className="muted small">
          Views are sealed: nobody, the lead included, reads any of them until everyone who attended has submitted.
        </p>
      ) : null}
    </section>
  );
}

export function OwnerNotesForm({
  notes,
  version,
  lastResult,
}: {
  notes: string;
  version: number;
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: ownerNotesSchema,
    defaultValues: { intent: "owner-notes", ownerNotes: notes, version: String(version) },
    lastResult,
  });
  const saving = useIsSubmitting("owner-notes");
  const notesField = field("ownerNotes");
  return (
    <section className="card" aria-labelledby="notes-heading">
      <div className="card__title">
        <h2 id="notes-heading">Owner's notes</h2>
      </div>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <input type="hidden" {...field("version")} />
        <div className="field">
          <label htmlFor="ownerNotes">Your notes of the interview and the discussion</label>
          <textarea className="textarea" rows={8} {...notesField} />
          <span className="field__hint" id="ownerNotes-hint">
            Press each participant for their view. The panel reads these notes only once every view is in.
          </span>
          <span className="field__error" id="ownerNotes-error">
            {errorFor("ownerNotes")}
          </span>
        </div>
        <div className="form-actions">
          <Button type="submit" name="intent" value="owner-notes" variant="secondary" pending={saving}>
            Save notes
          </Button>
        </div>
      </Form>
    </section>
  );
}

type View = {
  memberId: string;
  memberName: string;
  strengths: string;
  concerns: string;
  confidence: number | null;
  placeSoFar: number | null;
  oralScores: { criterionId: string; value: number | null; comment: string }[];
};

type Summary = {
  oral: { criterionId: string; count: number; mean: number | null; min: number | null; max: number | null }[];
  places: { count: number; mean: number | null; min: number | null; max: number | null };
};

/** Every submitted view, once all are in: the summary table first, then each member's words. */
export function RevealedViews({
  views,
  summary,
  criteria,
  placeBound,
  ownerNotes,
}: {
  views: View[];
  summary: Summary;
  criteria: { id: string; name: string; scaleMin: number; scaleMax: number }[];
  placeBound: number;
  ownerNotes: string | null;
}) {
  const confidenceLabel = (value: number | null) =>
    value === null ? "—" : `${value} · ${CONFIDENCE_LEVELS.find((level) => level.value === value)?.label ?? ""}`;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="summary-heading">
        <div className="card__title">
          <h2 id="summary-heading">The panel's debrief</h2>
          <Badge tone="success">Revealed</Badge>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Oral scores and places by panel member</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                {criteria.map((criterion) => (
                  <th key={criterion.id} scope="col" className="num">
                    {criterion.name}
                  </th>
                ))}
                <th scope="col" className="num">
                  Place
                </th>
                <th scope="col" className="num">
                  Confidence
                </th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr key={view.memberId}>
                  <th scope="row">{view.memberName}</th>
                  {criteria.map((criterion) => {
                    const value = view.oralScores.find((score) => score.criterionId === criterion.id)?.value;
                    return (
                      <td key={criterion.id} className="num">
                        {value ?? "—"}
                      </td>
                    );
                  })}
                  <td className="num">{view.placeSoFar ?? "—"}</td>
                  <td className="num">{view.confidence ?? "—"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Mean (lowest–highest)</th>
                {summary.oral.map((entry) => (
                  <td key={entry.criterionId} className="num">
                    {entry.mean === null ? "—" : `${formatScore(entry.mean)} (${entry.min}–${entry.max})`}
                  </td>
                ))}
                <td className="num">
                  {summary.places.mean === null
                    ? "—"
                    : `${formatScore(summary.places.mean)} (${summary.places.min}–${summary.places.max})`}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted small">
          Oral scores on each criterion's scale ({scalesText(criteria)}). Place among the {placeBound} vendors
          interviewed so far, 1 being the best. Confidence from 1 (unsure) to 5 (very confident).
        </p>
      </section>
      {ownerNotes !== null ? (
        <section className="card" aria-labelledby="revealed-notes-heading">
          <div className="card__title">
            <h2 id="revealed-notes-heading">Owner's notes</h2>
          </div>
          {ownerNotes ? <p className="pre-line">{ownerNotes}</p> : <p className="muted">The lead took no notes.</p>}
        </section>
      ) : null}
      {views.map((view) => (
        <section key={view.memberId} className="card" aria-label={`${view.memberName}'s view`}>
          <div className="card__title">
            <h3>{view.memberName}</h3>
            <span className="muted small">Confidence {confidenceLabel(view.confidence)}</span>
          </div>
          <div className="grid grid--2">
            <div>
              <h4 className="small">Strengths</h4>
              <p className="pre-line">{view.strengths || "—"}</p>
            </div>
            <div>
              <h4 className="small">Concerns</h4>
              <p className="pre-line">{view.concerns || "—"}</p>
            </div>
          </div>
          {view.oralScores.some((score) => score.comment) ? (
            <ul className="plain-list small">
              {view.oralScores
                .filter((score) => score.comment)
                .map((score) => (
                  <li key={score.criterionId}>
                    <strong>{criteria.find((criterion) => criterion.id === score.criterionId)?.name}</strong> (
                    {score.value ?? "—"}): {score.comment}
                  </li>
                ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function scalesText(criteria: { scaleMin: number; scaleMax: number }[]) {
  return [...new Set(criteria.map((criterion) => `${criterion.scaleMin}–${criterion.scaleMax}`))].join(", ");
}
