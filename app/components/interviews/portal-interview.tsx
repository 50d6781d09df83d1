import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { confirmAttendanceSchema } from "~/schemas/portal-interview";
import { formatDateTime } from "~/utils/dates";

/** The vendor's interview page in the portal: agenda with times, questions, confirmation. */
export function PortalInterviewAgenda({
  agenda,
  timeZone,
  locale,
}: {
  agenda: { title: string; minutes: number; startsAt: Date | string; endsAt: Date | string }[];
  timeZone: string;
  locale?: string;
}) {
  const time = (at: Date | string) =>
    new Intl.DateTimeFormat(locale ?? "en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(at));
  return (
    <section className="card" aria-labelledby="agenda-heading">
      <div className="card__title">
        <h2 id="agenda-heading">Agenda</h2>
      </div>
      {agenda.length === 0 ? (
        <p className="muted">The agenda will follow.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Minutes
                </th>
              </tr>
            </thead>
            <tbody>
              {agenda.map((item) => (
                <tr key={new Date(item.startsAt).toISOString()}>
                  <td className="nowrap">
                    {time(item.startsAt)}–{time(item.endsAt)}
                  </td>
                  <td>{item.title}</td>
                  <td className="num">{item.minutes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PortalInterviewQuestions({
  groups,
  count,
}: {
  groups: { category: string; questions: { id: string; text: string }[] }[];
  count: number;
}) {
  let number = 0;
  return (
    <section className="card" aria-labelledby="questions-heading">
      <div className="card__title">
        <h2 id="questions-heading">Questions to prepare</h2>
        <span className="muted small">{count === 1 ? "1 question" : `${count} questions`}</span>
      </div>
      {count === 0 ? (
        <EmptyState title="No advance questions">
          The panel has not sent questions in advance; the agenda shows what the interview covers.
        </EmptyState>
      ) : (
        <>
          <p className="muted small">
            Please make sure your presentation answers these; the panel will ask about them.
          </p>
          {groups.map((group) => (
            <section key={group.category} aria-label={group.category}>
              <h3 className="small">{group.category}</h3>
              <ol className="qa-list">
                {group.questions.map((question) => {
                  number += 1;
                  return (
                    <li key={question.id} className="qa-list__item" value={number}>
                      <span className="pre-line">{question.text}</span>
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

export function PortalInterviewConfirm({
  confirmedAt,
  presenters,
  mayConfirm,
  timeZone,
  locale,
  lastResult,
}: {
  confirmedAt: Date | string | null;
  presenters: string;
  mayConfirm: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: confirmAttendanceSchema,
    defaultValues: { intent: "confirm", presenters },
    lastResult,
  });
  const confirming = useIsSubmitting("confirm");
  return (
    <section className="card" aria-labelledby="confirm-heading">
      <div className="card__title">
        <h2 id="confirm-heading">Attendance and presenters</h2>
      </div>
      {confirmedAt ? (
        <p className="small">You confirmed attendance on {formatDateTime(confirmedAt, { timeZone, locale })}.</p>
      ) : null}
      {mayConfirm ? (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <Field
            name="presenters"
            label="Who will present"
            error={errorFor("presenters")}
            hint="Names and roles, one per line: e.g. “Ana Ruiz, Head of Transition”."
          >
            <textarea className="textarea" rows={5} {...field("presenters")} />
          </Field>
          <div className="form-actions">
            <Button type="submit" name="intent" value="confirm" pending={confirming} pendingLabel="Sending…">
              {confirmedAt ? "Update presenters" : "Confirm attendance"}
            </Button>
          </div>
        </Form>
      ) : (
        <>
          <h3 className="small">Presenters</h3>
          <p className="pre-line small">{presenters || "—"}</p>
        </>
      )}
    </section>
  );
}
