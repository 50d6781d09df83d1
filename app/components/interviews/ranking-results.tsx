import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { placesFromTiers, standingLabel } from "~/domain/panel-rankings";
import type { RankingsPage } from "~/models/panel-ranking.server";

type Results = NonNullable<RankingsPage["results"]>;
type Candidate = { id: string; name: string };

const decimal = (value: number, digits = 2) => value.toFixed(digits);
const pValue = (value: number) => (value < 0.001 ? "< 0.001" : value.toFixed(3));

/**
 * The revealed panel rankings: Borda and Schulze side by side, the Condorcet winner, agreement
 * (Kendall's W), each member's ranking with the one furthest from the consensus marked, and where
 * functional groups disagree. All tables: the numbers are the evidence.
 */
export function RankingResults({
  results,
  candidates,
  nameOf,
}: {
  results: Results;
  candidates: Candidate[];
  nameOf: (id: string) => string;
}) {
  if (!results.ok) {
    return (
      <Alert tone="error" title="The rankings cannot be aggregated">
        <ul>
          {results.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <div className="stack">
      <Headline results={results} nameOf={nameOf} />
      <Aggregates results={results} nameOf={nameOf} />
      <MemberRankings results={results} candidates={candidates} />
      <PairwiseTable
        id="pairwise"
        title="Pairwise preferences"
        caption="How many panel members ranked the row's vendor above the column's vendor. A bold number beats its mirror across the diagonal: the row's vendor wins that head-to-head."
        matrix={results.schulze.preferences}
        order={results.schulze.candidates}
        nameOf={nameOf}
      />
      <PairwiseTable
        id="strongest-paths"
        title="Strongest paths (Schulze)"
        caption="The strength of the strongest chain of head-to-head wins from the row's vendor to the column's vendor (a chain is as strong as its weakest link). The row's vendor ranks above the column's when its path is stronger than the path back."
        matrix={results.schulze.strongestPaths}
        order={results.schulze.candidates}
        nameOf={nameOf}
      />
      <Groups results={results} nameOf={nameOf} />
    </div>
  );
}

type OkResults = Extract<Results, { ok: true }>;

function Headline({ results, nameOf }: { results: OkResults; nameOf: (id: string) => string }) {
  const { concordance, condorcetWinner } = results;
  return (
    <section className="card" aria-labelledby="rankings-summary-heading">
      <div className="card__title">
        <h2 id="rankings-summary-heading">What the panel says</h2>
      </div>
      <ul className="checklist">
        <li>
          {condorcetWinner ? (
            <>
              <strong>{nameOf(condorcetWinner)}</strong> is the Condorcet winner: a majority of the panel prefers it to
              every other vendor, head to head.
            </>
          ) : (
            <>There is no Condorcet winner: no vendor beats every other head to head (a cycle or a tie at the top).</>
          )}
        </li>
        <li>{concordance.summary}</li>
      </ul>
      {concordance.status === "DEFINED" ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Kendall's coefficient of concordance</caption>
            <thead>
              <tr>
                <th scope="col">Kendall's W</th>
                <th scope="col" className="num">
                  χ²
                </th>
                <th scope="col" className="num">
                  Degrees of freedom
                </th>
                <th scope="col" className="num">
                  p
                </th>
                <th scope="col" className="num">
                  Tie correction Σ(t³ − t)
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="num" data-testid="kendall-w">
                  {decimal(concordance.w, 3)}
                </td>
                <td className="num">{decimal(concordance.chiSquare)}</td>
                <td className="num">{concordance.degreesOfFreedom}</td>
                <td className="num">{pValue(concordance.pValue)}</td>
                <td className="num">{concordance.tieCorrection}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Aggregates({ results, nameOf }: { results: OkResults; nameOf: (id: string) => string }) {
  const schulzePlaces = placesFromTiers(results.schulze.ranking);
  const schulzeTied = new Set(results.schulze.ranking.filter((tier) => tier.length > 1).flat());
  return (
    <section className="card" aria-labelledby="aggregate-heading">
      <div className="card__title">
        <h2 id="aggregate-heading">Aggregated ranking</h2>
      </div>
      <p className="muted small">
        Borda count: each ranking gives a vendor a point for every vendor placed below it and half a point for each tied
        with it. Schulze: who wins the head-to-head comparisons, cycles resolved by the strongest paths.
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="aggregate-table">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col" className="num">
                Borda points
              </th>
              <th scope="col" className="num">
                Borda place
              </th>
              <th scope="col" className="num">
                Schulze place
              </th>
            </tr>
          </thead>
          <tbody>
            {results.borda.map((standing) => (
              <tr key={standing.candidateId}>
                <th scope="row">
                  {nameOf(standing.candidateId)}
                  {results.condorcetWinner === standing.candidateId ? (
                    <>
                      {" "}
                      <Badge tone="success">Condorcet winner</Badge>
                    </>
                  ) : null}
                </th>
                <td className="num">{standing.points}</td>
                <td className="num">{standingLabel(standing.place, standing.tied)}</td>
                <td className="num">
                  {standingLabel(schulzePlaces.get(standing.candidateId) ?? 0, schulzeTied.has(standing.candidateId))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MemberRankings({ results, candidates }: { results: OkResults; candidates: Candidate[] }) {
  const { members, rankings, distances } = results;
  const furthest = new Set(distances.furthest);
  const placesOf = new Map(rankings.map((ranking) => [ranking.memberId, placesFromTiers(ranking.tiers)]));
  const tiedOf = new Map(
    rankings.map((ranking) => [ranking.memberId, new Set(ranking.tiers.filter((tier) => tier.length > 1).flat())]),
  );
  const distanceOf = new Map(distances.members.map((member) => [member.panelMemberId, member]));
  const consensus = placesFromTiers(distances.consensus);
  return (
    <section className="card" aria-labelledby="member-rankings-heading">
      <div className="card__title">
        <h2 id="member-rankings-heading">Each member's ranking</h2>
      </div>
      {distances.furthest.length > 0 ? (
        <Alert tone="warning" title="Furthest from the consensus">
          {members
            .filter((member) => furthest.has(member.memberId))
            .map((member) => member.name)
            .join(" and ")}{" "}
          ranked the vendors least like the panel as a whole. Ask what they saw that the others did not before the
          decision.
        </Alert>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="member-rankings">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col" className="num">
                Consensus
              </th>
              {members.map((member) => (
                <th
                  scope="col"
                  key={member.memberId}
                  className="num"
                  data-furthest={furthest.has(member.memberId) || undefined}
                >
                  {member.name}
                  {member.group ? <span className="muted small"> ({member.group})</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.id}>
                <th scope="row">{candidate.name}</th>
                <td className="num">{consensus.get(candidate.id) ?? ""}</td>
                {members.map((member) => (
                  <td key={member.memberId} className="num" data-furthest={furthest.has(member.memberId) || undefined}>
                    {standingLabel(
                      placesOf.get(member.memberId)?.get(candidate.id) ?? 0,
                      tiedOf.get(member.memberId)?.has(candidate.id) ?? false,
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Distance from consensus (Kendall, 0–1)</th>
              <td />
              {members.map((member) => (
                <td key={member.memberId} className="num" data-furthest={furthest.has(member.memberId) || undefined}>
                  {decimal(distanceOf.get(member.memberId)?.kendallDistance ?? 0)}
                  {furthest.has(member.memberId) ? (
                    <>
                      {" "}
                      <Badge tone="warning">Furthest</Badge>
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Correlation with consensus (Spearman ρ)</th>
              <td />
              {members.map((member) => {
                const rho = distanceOf.get(member.memberId)?.spearman;
                return (
                  <td key={member.memberId} className="num">
                    {rho === null || rho === undefined ? "—" : decimal(rho)}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small">
        Places: 1 = best; "=2" is a tie. The consensus orders the vendors by their rank sums.
      </p>
    </section>
  );
}

function PairwiseTable({
  id,
  title,
  caption,
  matrix,
  order,
  nameOf,
}: {
  id: string;
  title: string;
  caption: string;
  matrix: number[][];
  order: string[];
  nameOf: (id: string) => string;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <div className="card__title">
        <h2 id={`${id}-heading`}>{title}</h2>
      </div>
      <p className="muted small">{caption}</p>
      <div className="table-wrap">
        <table className="table matrix" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Row vendor over column vendor</span>
              </th>
              {order.map((candidateId) => (
                <th scope="col" key={candidateId} className="num">
                  {nameOf(candidateId)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((rowId, a) => (
              <tr key={rowId}>
                <th scope="row">{nameOf(rowId)}</th>
                {order.map((columnId, b) => {
                  const value = matrix[a]?.[b] ?? 0;
                  const wins = a !== b && value > (matrix[b]?.[a] ?? 0);
                  return (
                    <td key={columnId} className="num">
                      {a === b ? "—" : wins ? <strong>{value}</strong> : value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Groups({ results, nameOf }: { results: OkResults; nameOf: (id: string) => string }) {
  const { groups, comparisons } = results.groups;
  return (
    <section className="card" aria-labelledby="groups-heading">
      <div className="card__title">
        <h2 id="groups-heading">Functional groups</h2>
      </div>
      {groups.length < 2 ? (
        <p className="muted">
          Functional groups are compared when panel members of at least two groups rank (set each member's group on the
          Team page).
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Members</th>
                  <th scope="col">Group's ranking</th>
                  <th scope="col" className="num">
                    Agreement within (W)
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <tr key={group.group}>
                    <th scope="row">{group.group}</th>
                    <td>{group.panelMemberIds.length}</td>
                    <td>{group.ranking.map((tier) => tier.map(nameOf).join(" = ")).join(" › ")}</td>
                    <td className="num">
                      {group.concordance.status === "DEFINED" ? decimal(group.concordance.w) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Where groups disagree</h3>
          <ul className="checklist" data-testid="group-comparisons">
            {comparisons.map((comparison) => (
              <li key={comparison.groups.join("|")}>
                <strong>
                  {comparison.groups[0]} and {comparison.groups[1]}
                </strong>
                {": "}
                {comparison.spearman === null
                  ? "one of them ties every vendor, so their orders cannot be compared"
                  : `correlation ρ = ${decimal(comparison.spearman)}${comparison.spearman < 0.5 ? " — they see the vendors differently" : ""}`}
                {comparison.widestGap
                  ? `; widest gap on ${nameOf(comparison.widestGap.candidateId)} (mean place ${decimal(comparison.widestGap.meanRanks[0], 1)} vs ${decimal(comparison.widestGap.meanRanks[1], 1)})`
                  : ""}
                .
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
