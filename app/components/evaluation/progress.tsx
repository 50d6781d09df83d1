import { Form } from "@remix-run/react";
import { panelProgressSentence } from "~/domain/sheet";
import type { getEvaluationProgress } from "~/models/scoring.server";
import { useRootData } from "~/root";
import { reopenSheetSchema } from "~/schemas/sheet";
import { formatDateTime } from "~/utils/dates";
import { FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "../form";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

type Progress = Awaited<ReturnType<typeof getEvaluationProgress>>;
type Member = Progress["members"][number];
type Cell = Member["cells"][number];
type Format = { timeZone: string; locale?: string };

export function RemindForm({ progress, lastResult }: { progress: Progress; lastResult?: ServerFormResult }) {
  const reminding = useIsSubmitting("remind");
  const remindable = progress.members.filter((member) => member.remindable);
  const locale = useRootData()?.locale;
  return (
    <section className="card" aria-labelledby="progress-heading">
      <div className="card__title">
        <h2 id="progress-heading">Evaluation progress</h2>
        <strong>{panelProgressSentence(progress.counts.submitted, progress.counts.expected)}</strong>
      </div>
      {progress.closedReason ? <Alert tone="info">{progress.closedReason}</Alert> : null}
      <p className="muted">
        Who has declared their conflicts and who has submitted which sheet. Scores stay sealed until you open consensus:
        this page never shows them.
      </p>
      <FormError message={lastResult?.fieldErrors?.form} />
      {progress.closedReason ? null : (
        <Form method="post" className="row">
          <Button
            type="submit"
            name="intent"
            value="remind"
            variant="secondary"
            pending={reminding}
            pendingLabel="Sending…"
            disabled={remindable.length === 0}
          >
            Remind everyone with work outstanding
          </Button>
          <span className="muted small">
            {remindable.length === 0
              ? "Nobody to remind now (nothing outstanding, or reminded less than a day ago)."
              : `Emails ${remindable.map((member) => member.name).join(", ")}.`}
            {progress.lastReminderAt
              ? ` Last reminder ${formatDateTime(progress.lastReminderAt, { timeZone: progress.timeZone, locale })}.`
              : ""}
          </span>
        </Form>
      )}
    </section>
  );
}

/** Panel members down, vendors across: the declaration and the sheet's state in each cell. */
export function ProgressMatrix({
  progress,
  canManage,
  lastResult,
}: {
  progress: Progress;
  canManage: boolean;
  lastResult?: ServerFormResult;
}) {
  const locale = useRootData()?.locale;
  const format = { timeZone: progress.timeZone, locale };
  const reopenable = canManage && !progress.closedReason;
  return (
    <section className="card" aria-labelledby="matrix-heading">
      <div className="card__title">
        <h2 id="matrix-heading">Declarations and sheets</h2>
      </div>
      {progress.vendors.length === 0 ? (
        <p className="muted">No proposal is under evaluation yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table matrix">
            <caption className="visually-hidden">Each panel member's declarations and score sheets by vendor</caption>
            <thead>
              <tr>
                <th scope="col">Panel member</th>
                <th scope="col">Conflicts</th>
                {progress.vendors.map((vendor) => (
                  <th scope="col" key={vendor.invitationId}>
                    {vendor.vendorName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {progress.members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">
                    {member.name}
                    <div className="muted small">
                      {member.functionalGroup ?? "No group"} · {member.criteriaCount} criteria
                      {member.lastRemindedAt ? ` · reminded ${formatDateTime(member.lastRemindedAt, format)}` : ""}
                    </div>
                    {member.disabled ? <Badge tone="danger">Account disabled</Badge> : null}
                  </th>
                  <td>
                    {member.recusedFromPanel ? (
                      <Badge tone="danger">Recused from the panel</Badge>
                    ) : member.undeclared > 0 ? (
                      <Badge tone="warning">{member.undeclared} to declare</Badge>
                    ) : (
                      <Badge tone="success">Declared</Badge>
                    )}
                  </td>
                  {member.cells.map((cell) => (
                    <td key={cell.invitationId} className="matrix__cell">
                      <CellState cell={cell} format={format} />
                      {reopenable && cell.sheet?.status === "SUBMITTED" ? (
                        <ReopenForm
                          sheetId={cell.sheet.id}
                          label={`${member.name}'s sheet for ${cell.vendorName}`}
                          lastResult={lastResult?.values?.sheetId === cell.sheet.id ? lastResult : undefined}
                        />
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CellState({ cell, format }: { cell: Cell; format: Format }) {
  switch (cell.access) {
    case "recused_panel":
      return <span className="muted small">Recused</span>;
    case "recused_vendor":
      return <Badge>Recused from this vendor</Badge>;
    case "pending":
      return <Badge tone="warning">Conflict: your decision</Badge>;
    case "declare_first":
      if (!cell.declaration) return <span className="muted small">Not declared</span>;
      return <span className="muted small">Waiting for other declarations</span>;
    case "open":
      break;
  }
  const sheet = cell.sheet;
  if (!sheet) return <span className="muted small">Not started</span>;
  if (sheet.status === "SUBMITTED") {
    return (
      <>
        <Badge tone="success">Submitted</Badge>
        {sheet.submittedAt ? <div className="small">{formatDateTime(sheet.submittedAt, format)}</div> : null}
      </>
    );
  }
  return (
    <>
      <Badge tone={sheet.reopenedAt ? "warning" : "draft"}>{sheet.reopenedAt ? "Reopened" : "Draft"}</Badge>
      <div className="small">
        {sheet.scored} of {sheet.total} scored
      </div>
    </>
  );
}

/** Reopening needs a reason the evaluator reads; inside a disclosure so the matrix stays compact. */
function ReopenForm({ sheetId, label, lastResult }: { sheetId: string; label: string; lastResult?: ServerFormResult }) {
  const { onSubmit, form, errorFor, formError } = useValidatedForm({
    schema: reopenSheetSchema,
    defaultValues: { intent: "reopen", sheetId, reason: "" },
    lastResult,
  });
  const reopening = useIsSubmitting("reopen");
  const reasonId = `reason-${sheetId}`;
  const error = errorFor("reason") ?? errorFor("sheetId");
  return (
    <details className="disclosure small" open={Boolean(lastResult) || undefined}>
      <summary className="button button--ghost button--small">
        Reopen<span className="visually-hidden"> {label}</span>
      </summary>
      <Form method="post" className="disclosure__body form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" name="sheetId" value={sheetId} />
        <div className="field">
          <label htmlFor={reasonId}>Why reopen {label}?</label>
          <textarea
            className="textarea textarea--short"
            id={reasonId}
            rows={3}
            defaultValue={lastResult?.values?.reason ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${reasonId}-error`}
            {...form.register("reason")}
          />
          <span className="field__hint">The evaluator reads this; the reopening is recorded in the activity log.</span>
          <span className="field__error" id={`${reasonId}-error`}>
            {error}
          </span>
        </div>
        <Button type="submit" name="intent" value="reopen" variant="danger" size="small" pending={reopening}>
          Reopen the sheet
        </Button>
      </Form>
    </details>
  );
}
