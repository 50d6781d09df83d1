import { Badge } from "~/components/ui/badge";
import type { ConsensusEvaluator, ConsensusItem } from "./types";

const two = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/** One group of rows (flagged, or not flagged) under a header row that names it. */
export function ItemRows({
  title,
  rows,
  columns,
  evaluators,
}: {
  title: string;
  rows: ConsensusItem[];
  columns: number;
  evaluators: ConsensusEvaluator[];
}) {
  return (
    <tbody>
      <tr className="consensus-matrix__group">
        <th colSpan={columns} scope="rowgroup">
          <span className="consensus-matrix__group-label">{title}</span>
        </th>
      </tr>
      {rows.map((item) => {
        const { criterion } = item;
        return (
          <tr key={item.criterionId} data-flagged={item.flags.length > 0 || undefined}>
            <th scope="row">
              <span className="muted mono">{criterion.outline}</span> {criterion.name}
              <div className="matrix__summary">
                {`${criterion.scaleMin}–${criterion.scaleMax} · ${criterion.weight.toFixed(1)}% of the total`}
              </div>
            </th>
            {item.scores.map((score, e) => {
              const evaluator = evaluators[e];
              const outlier = evaluator ? item.outliers.includes(evaluator.memberId) : false;
              return (
                <td key={evaluator?.memberId ?? e} className="num" data-outlier={outlier || undefined}>
                  {score ?? <span className="muted">—</span>}
                  {outlier ? <span className="visually-hidden"> (outlier)</span> : null}
                </td>
              );
            })}
            <td className="num">{two(item.mean)}</td>
            <td className="num">{item.range ?? "—"}</td>
            <td className="num">{two(item.standardDeviation)}</td>
            <td className="consensus-matrix__flags">
              {item.flags.length > 0 ? (
                <ul className="plain-list small">
                  {item.flags.map((flag) => (
                    <li key={flag}>
                      <Badge tone="warning">Flag</Badge> {flag}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted small">—</span>
              )}
            </td>
            <td className="num">
              {item.consensus ? (
                <strong>{item.consensus.value}</strong>
              ) : item.flags.length > 0 ? (
                <Badge tone="danger">Needed</Badge>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
