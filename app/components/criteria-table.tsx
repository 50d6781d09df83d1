import { CRITERION_STAGE_INFO, type CriterionStage } from "~/domain/criteria";
import type { CriterionFormValues } from "~/schemas/criteria";
import { EffectiveWeights } from "./criteria-summary";
import { Badge } from "./ui/badge";
import { EmptyState } from "./ui/empty-state";

type Row = CriterionFormValues & { outline: string; depth: number };

function rowsOf(criteria: CriterionFormValues[], prefix = "", depth = 0): Row[] {
  return criteria.flatMap((criterion, index) => {
    const outline = prefix ? `${prefix}.${index + 1}` : `${index + 1}`;
    return [{ ...criterion, outline, depth }, ...rowsOf(criterion.children, outline, depth + 1)];
  });
}

/** The criteria tree read-only: for panel members and observers, locked stages, and conflicts. */
export function CriteriaTable({
  criteria,
  linkedCodes = {},
  withEffectiveWeights = false,
}: {
  criteria: CriterionFormValues[];
  linkedCodes?: Record<string, string[]>;
  withEffectiveWeights?: boolean;
}) {
  if (criteria.length === 0) {
    return <EmptyState title="No evaluation criteria yet">The lead has not defined the criteria.</EmptyState>;
  }
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Evaluation criteria</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Stage</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">Scale</th>
          </tr>
        </thead>
        <tbody>
          {rowsOf(criteria).map((row) => (
            <tr key={row.outline}>
              <td style={{ paddingLeft: `calc(var(--space-4) + ${row.depth * 1.25}rem)` }}>
                <span className="muted">{row.outline}</span> {row.depth === 0 ? <strong>{row.name}</strong> : row.name}
                {row.description ? <div className="muted small">{row.description}</div> : null}
                {(linkedCodes[row.id] ?? []).length > 0 ? (
                  <div className="small">
                    Scores <Badge>{(linkedCodes[row.id] ?? []).join(", ")}</Badge>
                  </div>
                ) : null}
              </td>
              <td>{CRITERION_STAGE_INFO[row.stage as CriterionStage]?.label ?? row.stage}</td>
              <td className="num">{row.weight}%</td>
              <td>
                {row.children.length === 0 ? (
                  <details>
                    <summary>
                      {row.scaleMin}–{row.scaleMax}
                    </summary>
                    <ol className="descriptors__list descriptors__list--read">
                      {row.descriptors.map((descriptor, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: one row per point of the scale; the point is the identity.
                        <li key={index}>
                          <span className="descriptors__point">{Number(row.scaleMin) + index}</span> {descriptor}
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : (
                  <span className="muted small">from sub-criteria</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!withEffectiveWeights) return table;
  return (
    <div className="grid grid--main-side">
      {table}
      <aside>
        <EffectiveWeights criteria={criteria} />
      </aside>
    </div>
  );
}
