import type { ReactNode } from "react";
import type { PrintableRfp } from "~/utils/rfp-print";
import { Markdown } from "./markdown";
import { buttonClass } from "./ui/button";

/**
 * The RFP laid out for paper (see the print rules in app.css): cover, contents, sections,
 * requirements, criteria, timeline, submission instructions. Same content as the PDF.
 */
export function PrintableRfpDocument({ rfp, pdfHref }: { rfp: PrintableRfp; pdfHref: string }) {
  return (
    <article className="rfp-print" data-draft={rfp.draft || undefined}>
      <div className="rfp-print__toolbar no-print">
        <button type="button" className={buttonClass("secondary")} onClick={() => window.print()}>
          Print
        </button>
        <a className={buttonClass("primary")} href={pdfHref} download>
          Download PDF
        </a>
        <span className="muted small">Or use your browser's Print command; navigation is left off the paper.</span>
      </div>
      {rfp.draft ? (
        <div className="rfp-print__watermark" aria-hidden="true">
          DRAFT
        </div>
      ) : null}

      <header className="rfp-print__cover">
        <p className="rfp-print__buyer">{rfp.buyer}</p>
        <p className="rfp-print__kicker">Request for proposal</p>
        <h1>{rfp.title}</h1>
        <p>{rfp.summary}</p>
        <dl className="facts">
          <dt>Reference</dt>
          <dd className="mono">{rfp.reference}</dd>
          <dt>Category</dt>
          <dd>{rfp.category}</dd>
          <dt>Issue date</dt>
          <dd>{rfp.issueDate ?? "To be announced"}</dd>
          <dt>Version</dt>
          <dd>{rfp.frozenOn ? `${rfp.versionLabel}, ${rfp.frozenOn}` : rfp.versionLabel}</dd>
          <dt>Proposal deadline</dt>
          <dd>{rfp.proposalDeadline}</dd>
        </dl>
      </header>

      <nav className="rfp-print__toc" aria-labelledby="toc-heading">
        <h2 id="toc-heading">Contents</h2>
        <ol>
          {rfp.contents.map((entry) => (
            <li key={entry.id}>
              <a href={`#${entry.id}`}>
                {entry.number}. {entry.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      {rfp.sections.map((section) => (
        <Chapter key={section.id} id={section.id} title={`${section.number}. ${section.title}`}>
          {section.body.trim() ? <Markdown source={section.body} /> : <p className="muted">—</p>}
        </Chapter>
      ))}

      <Chapter
        id={rfp.chapters.requirements.id}
        title={`${rfp.chapters.requirements.number}. ${rfp.chapters.requirements.title}`}
      >
        <p>
          Answer every requirement in the portal. Mandatory requirements are pass/fail; scored requirements are
          evaluated under the criterion named.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Requirement</th>
              <th scope="col">Type</th>
              <th scope="col">Evidence requested</th>
            </tr>
          </thead>
          <tbody>
            {rfp.requirements.map((requirement) => (
              <tr key={requirement.code}>
                <th scope="row" className="mono">
                  {requirement.code}
                </th>
                <td>
                  {requirement.text}
                  <div className="muted small">{requirement.section}</div>
                </td>
                <td>{requirement.criterion ? `${requirement.kind}: ${requirement.criterion}` : requirement.kind}</td>
                <td>{requirement.evidence || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Chapter>

      <Chapter id={rfp.chapters.criteria.id} title={`${rfp.chapters.criteria.number}. ${rfp.chapters.criteria.title}`}>
        <p>
          Weights are percentages of the parent criterion; “of total” is each criterion's share of the whole evaluation.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Scored in</th>
              <th scope="col">Scale</th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col" className="num">
                Of total
              </th>
            </tr>
          </thead>
          <tbody>
            {rfp.criteria.map((criterion) => (
              <tr key={criterion.outline}>
                <th scope="row" style={{ paddingLeft: `${1 + criterion.depth * 1.25}rem` }}>
                  <span className="mono">{criterion.outline}</span> {criterion.name}
                  {criterion.description ? <div className="muted small">{criterion.description}</div> : null}
                </th>
                <td>{criterion.stage}</td>
                <td>{criterion.scale}</td>
                <td className="num">{criterion.weight}</td>
                <td className="num">
                  {criterion.isLeaf ? <strong>{criterion.effectiveWeight}</strong> : criterion.effectiveWeight}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Chapter>

      <Chapter id={rfp.chapters.timeline.id} title={`${rfp.chapters.timeline.number}. ${rfp.chapters.timeline.title}`}>
        <p>All times are in {rfp.timeZone}.</p>
        <table className="table">
          <tbody>
            {rfp.timeline.map((milestone) => (
              <tr key={milestone.label}>
                <th scope="row">{milestone.label}</th>
                <td>{milestone.at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Chapter>

      <Chapter
        id={rfp.chapters.submission.id}
        title={`${rfp.chapters.submission.number}. ${rfp.chapters.submission.title}`}
      >
        {rfp.instructions.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </Chapter>
    </article>
  );
}

function Chapter({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="rfp-print__chapter" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
