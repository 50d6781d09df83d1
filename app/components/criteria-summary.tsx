import {
  CRITERION_STAGE_INFO,
  CRITERION_STAGES,
  type CriterionStage,
  criteriaTreeIssues,
  stageShares,
  withEffectiveWeights,
} from "~/domain/criteria";
import { type CriterionFormValues, typedWeight } from "~/schemas/criteria";

type Node = {
  id: string;
  parentId: string | null;
  name: string;
  weight: number;
  stage: CriterionStage;
  position: number;
};

function nodesOf(criteria: CriterionFormValues[], prefix = "c", parentId: string | null = null): Node[] {
  return criteria.flatMap((criterion, index) => {
    const id = `${prefix}.${index}`;
    const stage = CRITERION_STAGES.includes(criterion.stage as CriterionStage)
      ? (criterion.stage as CriterionStage)
      : "WRITTEN";
    return [
      { id, parentId, name: criterion.name, weight: typedWeight(criterion.weight), stage, position: index },
      ...nodesOf(criterion.children ?? [], id, id),
    ];
  });
}

/**
 * Effective (global) weights and each stage's share, from domain/criteria. Live while editing
 * (computed from what is typed), so the lead sees what a change does to the whole evaluation.
 */
export function EffectiveWeights({ criteria, live = false }: { criteria: CriterionFormValues[]; live?: boolean }) {
  const nodes = nodesOf(criteria);
  const tree = withEffectiveWeights(nodes);
  const shares = stageShares(nodes);
  const valid = nodes.length > 0 && criteriaTreeIssues(nodes).length === 0;
  return (
    <section className="card" aria-labelledby="effective-heading">
      <div className="card__title">
        <h2 id="effective-heading">Effective weights</h2>
      </div>
      {nodes.length === 0 ? (
        <p className="muted small">Add criteria to see how much each one counts in the whole evaluation.</p>
      ) : (
        <>
          {live && !valid ? (
            <p className="small field__error">Provisional: some levels do not sum to 100% yet.</p>
          ) : (
            <p className="muted small">Share of the whole evaluation: weight × the weights above it.</p>
          )}
          <div className="stage-shares" aria-hidden="true">
            {CRITERION_STAGES.filter((stage) => shares[stage] > 0).map((stage) => (
              <span
                key={stage}
                className={`stage-shares__part stage-shares__part--${stage.toLowerCase()}`}
                style={{ flexGrow: shares[stage] }}
              />
            ))}
          </div>
          <dl className="stage-shares__legend" data-testid="stage-shares">
            {CRITERION_STAGES.map((stage) => (
              <div key={stage}>
                <dt>
                  <span className={`stage-shares__swatch stage-shares__part--${stage.toLowerCase()}`} />
                  {CRITERION_STAGE_INFO[stage].label}
                </dt>
                <dd>{shares[stage]}%</dd>
              </div>
            ))}
          </dl>
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">Effective weight of each criterion</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col" className="num">
                    Effective
                  </th>
                </tr>
              </thead>
              <tbody>
                {tree.map((node) => (
                  <tr key={node.id} data-leaf={node.isLeaf || undefined}>
                    <td style={{ paddingLeft: `calc(var(--space-4) + ${node.depth * 1.1}rem)` }}>
                      <span className="muted">{node.outline}</span>{" "}
                      {node.name || <span className="muted">(unnamed)</span>}
                    </td>
                    <td className="num">
                      {node.isLeaf ? (
                        <strong>{formatPercent(node.effectiveWeight)}</strong>
                      ) : (
                        formatPercent(node.effectiveWeight)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">Criteria in bold have no sub-criteria: they are what evaluators score.</p>
        </>
      )}
    </section>
  );
}

function formatPercent(value: number) {
  return `${Math.round(value * 100) / 100}%`;
}
