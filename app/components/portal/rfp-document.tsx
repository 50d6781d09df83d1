import { Fragment } from "react";
import { Markdown } from "~/components/markdown";
import { Badge } from "~/components/ui/badge";
import { CRITERION_STAGE_INFO, withEffectiveWeights } from "~/domain/criteria";
import type { DocumentSnapshot } from "~/domain/document";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import { formatDateTime } from "~/utils/dates";

const percent = (value: number, locale?: string) =>
  `${new Intl.NumberFormat(locale ?? "en-GB", { maximumFractionDigits: 2 }).format(value)}%`;

/** A frozen version of the RFP as vendors read it: contents, sections with requirements, criteria, timeline. */
export function RfpDocument({
  snapshot,
  current,
  locale,
}: {
  snapshot: DocumentSnapshot;
  /** Today's deadlines: an extension moves them without a new version of the document. */
  current: { questionsDeadline: Date | string | null; proposalDeadline: Date | string | null };
  locale?: string;
}) {
  const fmt = (at: Date | string) => formatDateTime(at, { timeZone: snapshot.rfp.timeZone, locale });
  const criteria = withEffectiveWeights(snapshot.criteria);
  const criterionName = new Map(snapshot.criteria.map((criterion) => [criterion.id, criterion.name]));
  return (
    <div className="stack rfp-document">
      <nav className="card" aria-labelledby="contents-heading">
        <h2 id="contents-heading">Contents</h2>
        <ol className="rfp-document__contents">
          {snapshot.sections.map((section) => (
            <li key={section.id}>
              <a href={`#section-${section.id}`}>{section.title}</a>
            </li>
          ))}
          <li>
            <a href="#criteria">Evaluation criteria and weights</a>
          </li>
          <li>
            <a href="#timeline">Timeline</a>
          </li>
        </ol>
      </nav>

      {snapshot.sections.map((section, index) => (
        <section key={section.id} className="card" id={`section-${section.id}`} aria-labelledby={`h-${section.id}`}>
          <h2 id={`h-${section.id}`}>
            {index + 1}. {section.title}
          </h2>
          {section.body.trim() ? <Markdown source={section.body} /> : null}
          {section.requirements.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <caption>Requirements in this section</caption>
                <thead>
                  <tr>
                    <th scope="col">Ref.</th>
                    <th scope="col">Requirement</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Evidence requested</th>
                  </tr>
                </thead>
                <tbody>
                  {section.requirements.map((requirement) => (
                    <tr key={requirement.id}>
                      <td className="mono">{requirement.code}</td>
                      <td>{requirement.text}</td>
                      <td>
                        {requirement.kind === "MANDATORY" ? (
                          <Badge tone="danger">Mandatory (pass/fail)</Badge>
                        ) : (
                          <>
                            <Badge tone="published">Scored</Badge>
                            {requirement.criterionId ? (
                              <div className="muted small">{criterionName.get(requirement.criterionId)}</div>
                            ) : null}
                          </>
                        )}
                      </td>
                      <td>{requirement.evidenceRequested ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ))}

      <section className="card" id="criteria" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Evaluation criteria and weights</h2>
        <p className="muted small">
          Weights are shares of their parent; the overall weight is each criterion's share of the whole evaluation.
        </p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Assessed</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col" className="num">
                  Overall weight
                </th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((criterion) => (
                <tr key={criterion.id}>
                  <td style={{ paddingLeft: `${1 + criterion.depth * 1.5}rem` }}>
                    <span className="muted mono">{criterion.outline}</span> {criterion.name}
                  </td>
                  <td>{CRITERION_STAGE_INFO[criterion.stage].label}</td>
                  <td className="num">{percent(criterion.weight, locale)}</td>
                  <td className="num">{criterion.isLeaf ? percent(criterion.effectiveWeight, locale) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" id="timeline" aria-labelledby="timeline-heading">
        <div className="card__title">
          <h2 id="timeline-heading">Timeline</h2>
          <span className="muted small">{snapshot.rfp.timeZone.replaceAll("_", " ")} time</span>
        </div>
        <dl className="facts">
          {TIMELINE_FIELDS.map((milestone) => {
            const at = snapshot.rfp.timeline[milestone.key];
            const now =
              milestone.key === "questionsDeadline" || milestone.key === "proposalDeadline"
                ? current[milestone.key]
                : at;
            const moved = now && at && new Date(now).getTime() !== new Date(at).getTime();
            return (
              <Fragment key={milestone.key}>
                <dt>{milestone.label}</dt>
                <dd>
                  {moved && now ? (
                    <>
                      <strong>{fmt(now)}</strong> <Badge tone="warning">Extended</Badge>
                      <div className="muted small">
                        Originally <del>{fmt(at)}</del>
                      </div>
                    </>
                  ) : at ? (
                    fmt(at)
                  ) : (
                    "To be announced"
                  )}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      </section>
    </div>
  );
}
