import { buttonClass } from "~/components/ui/button";
import { expertiseNote } from "~/domain/interview-plan";
import { INTERVIEW_MODE_LABELS, type InterviewModeValue } from "~/schemas/interview";

export type PrintableAgendaData = {
  rfp: { reference: string; title: string; timeZone: string };
  vendorName: string;
  when: string;
  mode: InterviewModeValue;
  place: string;
  vendorPresenters: string;
  panel: string[];
  experts: { name: string; items: string[] }[];
  items: {
    id: string;
    from: string;
    to: string;
    title: string;
    minutes: number;
    owner: string;
    requiredExpertise: string;
    attendees: string[];
  }[];
  questions: { id: string; category: string; text: string }[];
};

/** The agenda for the room, laid out for paper (print rules in app.css). */
export function AgendaPrint({ agenda }: { agenda: PrintableAgendaData }) {
  const categories = [...new Set(agenda.questions.map((question) => question.category))];
  return (
    <article className="agenda-print">
      <div className="agenda-print__toolbar no-print">
        <button type="button" className={buttonClass("secondary")} onClick={() => window.print()}>
          Print
        </button>
        <span className="muted small">Or use your browser's Print command; navigation is left off the paper.</span>
      </div>
      <header>
        <p className="agenda-print__kicker">
          {agenda.rfp.reference} · {agenda.rfp.title}
        </p>
        <h1>Oral interview: {agenda.vendorName}</h1>
        <dl className="facts">
          <dt>When</dt>
          <dd>{agenda.when}</dd>
          <dt>{INTERVIEW_MODE_LABELS[agenda.mode]}</dt>
          <dd>{agenda.place}</dd>
          <dt>Panel</dt>
          <dd>{agenda.panel.join(", ")}</dd>
          {agenda.experts.length > 0 ? (
            <>
              <dt>Experts</dt>
              <dd>
                {agenda.experts.map((expert) => (
                  <div key={expert.name}>
                    {expert.name} — {expert.items.join("; ")}
                  </div>
                ))}
              </dd>
            </>
          ) : null}
          {agenda.vendorPresenters ? (
            <>
              <dt>Vendor's presenters</dt>
              <dd className="pre-line">{agenda.vendorPresenters}</dd>
            </>
          ) : null}
        </dl>
      </header>

      <section aria-labelledby="print-agenda-heading">
        <h2 id="print-agenda-heading">Agenda</h2>
        <table className="table agenda-print__table">
          <thead>
            <tr>
              <th scope="col">Time ({agenda.rfp.timeZone})</th>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Min
              </th>
              <th scope="col">Owner</th>
              <th scope="col">Attendees</th>
            </tr>
          </thead>
          <tbody>
            {agenda.items.map((item) => (
              <tr key={item.id}>
                <td className="mono nowrap">
                  {item.from}–{item.to}
                </td>
                <td>
                  {item.title}
                  <ExpertiseNote title={item.title} expertise={item.requiredExpertise} />
                </td>
                <td className="num">{item.minutes}</td>
                <td>{item.owner}</td>
                <td className="small">{item.attendees.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="print-questions-heading">
        <h2 id="print-questions-heading">Questions for the room</h2>
        {agenda.questions.length === 0 ? (
          <p className="muted">No advance questions were chosen for this vendor.</p>
        ) : (
          categories.map((category) => (
            <div key={category} className="agenda-print__questions">
              <h3>{category}</h3>
              <ol>
                {agenda.questions
                  .filter((question) => question.category === category)
                  .map((question) => (
                    <li key={question.id}>
                      <p>{question.text}</p>
                      <div className="agenda-print__notes" aria-hidden="true" />
                    </li>
                  ))}
              </ol>
            </div>
          ))
        )}
      </section>
    </article>
  );
}

function ExpertiseNote({ title, expertise }: { title: string; expertise: string }) {
  const note = expertiseNote(title, expertise);
  return note ? <div className="muted small">Expertise: {note}</div> : null;
}
