import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { EmptyState } from "~/components/ui/empty-state";
import { type ConsensusItemsView, consensusHref } from "~/schemas/consensus";
import { ItemRecord } from "./item-record";
import { ItemRows } from "./item-rows";
import { ConsensusSectionNav, ConsensusSectionPager } from "./section-nav";
import type { ConsensusSection, ConsensusVendor, ConsensusVendorProgress, RecordSettings } from "./types";
import { progressText } from "./vendor-picker";

/**
 * The vendor on screen: its flagged items first (each evaluator's score, the spread, the flags
 * and the agreed score), then the rest unless only the flagged are shown; below, the record of
 * each discussed item with the forms to agree a score or add a minority opinion. A long list of
 * all items is shown one top-level section of the criteria at a time, with links between them.
 */
export function VendorMatrix({
  rfpId,
  vendor,
  vendors,
  items,
  itemsRequested,
  sections,
  section,
  record,
}: {
  rfpId: string;
  vendor: ConsensusVendor;
  vendors: ConsensusVendorProgress[];
  /** The list shown. */
  items: ConsensusItemsView;
  /** The list asked for (null: the default), kept when moving to another vendor. */
  itemsRequested: ConsensusItemsView | null;
  /** The sections of a long list (empty: one page), and the one shown or kept by links. */
  sections: ConsensusSection[];
  section: string | null;
  /** The evaluators (the table's columns) and who may record what. */
  record: RecordSettings;
}) {
  const { evaluators } = record;
  const headingId = `vendor-${vendor.id}`;
  const flagged = vendor.items.filter((item) => item.flags.length > 0);
  const others = vendor.items.filter((item) => item.flags.length === 0);
  const discussed = vendor.items.filter((item) => item.flags.length > 0 || item.consensus);
  const position = vendors.findIndex((entry) => entry.vendorId === vendor.id);
  const previous = position > 0 ? vendors[position - 1] : undefined;
  const next = position >= 0 ? vendors[position + 1] : undefined;
  const columns = evaluators.length + 6;
  // The flagged items on screen still to settle: the vendor's, or its section's.
  const remaining = flagged.filter((item) => !item.consensus).length;
  const shownSection = items === "all" ? sections.find((entry) => entry.number === section) : undefined;
  return (
    <section className="card" aria-labelledby={headingId} id={vendor.id}>
      <div className="card__title">
        <h2 id={headingId}>{vendor.name}</h2>
        <span className="muted small">
          {progressText(vendor)} · {vendor.criteria} criteria
        </span>
      </div>
      <div className="row consensus-toolbar no-print">
        <nav className="subnav" aria-label={`Items of ${vendor.name} shown`}>
          <ItemsLink rfpId={rfpId} vendorId={vendor.id} items="all" current={items} section={section}>
            All criteria<span className="subnav__count">{vendor.criteria}</span>
          </ItemsLink>
          <ItemsLink rfpId={rfpId} vendorId={vendor.id} items="flagged" current={items} section={section}>
            Flagged only<span className="subnav__count">{vendor.flagged}</span>
          </ItemsLink>
        </nav>
        <span className="spacer" />
        <nav className="row small" aria-label="Previous and next vendor">
          {previous ? (
            <Link to={consensusHref(rfpId, { vendorId: previous.vendorId, items: itemsRequested, section })}>
              ← <span className="visually-hidden">Previous vendor: </span>
              {previous.name}
            </Link>
          ) : null}
          {next ? (
            <Link to={consensusHref(rfpId, { vendorId: next.vendorId, items: itemsRequested, section })}>
              <span className="visually-hidden">Next vendor: </span>
              {next.name} →
            </Link>
          ) : null}
        </nav>
      </div>
      {shownSection ? (
        <ConsensusSectionNav
          rfpId={rfpId}
          vendorId={vendor.id}
          itemsRequested={itemsRequested}
          sections={sections}
          current={shownSection.number}
          vendorName={vendor.name}
        />
      ) : null}
      {vendor.items.length === 0 ? (
        <EmptyState title={`No flagged items for ${vendor.name}`}>
          The panel's scores agree on every criterion: each counts with its mean.{" "}
          <Link to={consensusHref(rfpId, { vendorId: vendor.id, items: "all", section })}>
            Show all {vendor.criteria} criteria
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table consensus-matrix">
            <caption className="visually-hidden">
              Scores for {vendor.name}
              {shownSection ? `, section ${shownSection.number}. ${shownSection.name}` : ""}: each evaluator, mean,
              range, standard deviation, flags and agreed score; flagged items first
            </caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                {evaluators.map((evaluator) => (
                  <th scope="col" className="num" key={evaluator.memberId}>
                    {evaluator.name}
                    {evaluator.group ? <div className="matrix__summary">{evaluator.group}</div> : null}
                  </th>
                ))}
                <th scope="col" className="num">
                  Mean
                </th>
                <th scope="col" className="num">
                  Range
                </th>
                <th scope="col" className="num">
                  SD
                </th>
                <th scope="col" className="consensus-matrix__flags">
                  Flags
                </th>
                <th scope="col" className="num">
                  Agreed
                </th>
              </tr>
            </thead>
            {flagged.length > 0 ? (
              <ItemRows
                title={`Flagged (${flagged.length}): ${
                  remaining === 0
                    ? "all agreed"
                    : `${remaining} still ${remaining === 1 ? "needs" : "need"} the panel's agreed score`
                }`}
                rows={flagged}
                columns={columns}
                evaluators={evaluators}
              />
            ) : null}
            {others.length > 0 ? (
              <ItemRows
                title={`Not flagged (${others.length}): ${others.length === 1 ? "counts" : "each counts"} with the mean`}
                rows={others}
                columns={columns}
                evaluators={evaluators}
              />
            ) : null}
          </table>
        </div>
      )}
      {discussed.length > 0 ? (
        <div className="stack consensus-items">
          {discussed.map((item) => (
            <ItemRecord key={item.criterionId} vendor={vendor} item={item} record={record} />
          ))}
        </div>
      ) : null}
      {shownSection ? (
        <ConsensusSectionPager
          rfpId={rfpId}
          vendorId={vendor.id}
          itemsRequested={itemsRequested}
          sections={sections}
          current={shownSection.number}
        />
      ) : null}
    </section>
  );
}

function ItemsLink({
  rfpId,
  vendorId,
  items,
  current,
  section,
  children,
}: {
  rfpId: string;
  vendorId: string;
  items: ConsensusItemsView;
  current: ConsensusItemsView;
  section: string | null;
  children: ReactNode;
}) {
  return (
    <Link
      to={consensusHref(rfpId, { vendorId, items, section })}
      className={items === current ? "active" : undefined}
      aria-current={items === current ? "page" : undefined}
    >
      {children}
    </Link>
  );
}
