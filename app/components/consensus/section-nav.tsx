import { Link } from "@remix-run/react";
import { type ConsensusItemsView, consensusHref } from "~/schemas/consensus";
import type { ConsensusSection } from "./types";

type SectionLinkProps = {
  rfpId: string;
  vendorId: string;
  /** The list asked for (null: the default), kept when moving to another section. */
  itemsRequested: ConsensusItemsView | null;
};

const sectionHref = ({ rfpId, vendorId, itemsRequested }: SectionLinkProps, section: ConsensusSection) =>
  consensusHref(rfpId, { vendorId, items: itemsRequested, section: section.number });

const flaggedText = (section: ConsensusSection) =>
  section.flagged === 0
    ? "no flagged items"
    : section.remaining === 0
      ? `${section.flagged} flagged, all agreed`
      : `${section.remaining} of ${section.flagged} flagged to settle`;

/**
 * The top-level sections of a long list of items, as plain links (?section=…): one section's items
 * are shown at a time, and each link says how many of its items are flagged.
 */
export function ConsensusSectionNav({
  sections,
  current,
  vendorName,
  ...link
}: SectionLinkProps & { sections: ConsensusSection[]; current: string; vendorName: string }) {
  return (
    <nav className="subnav consensus-sections no-print" aria-label={`Sections of the criteria for ${vendorName}`}>
      <span className="consensus-sections__label" aria-hidden="true">
        Sections
      </span>
      {sections.map((section) => {
        const isCurrent = section.number === current;
        return (
          <Link
            key={section.number}
            to={sectionHref(link, section)}
            className={isCurrent ? "active" : undefined}
            aria-current={isCurrent ? "page" : undefined}
            title={`${section.criteria} ${section.criteria === 1 ? "criterion" : "criteria"}, ${flaggedText(section)}`}
          >
            {section.number}. {section.name}
            {section.flagged > 0 ? (
              <span className="subnav__count" data-state={section.remaining > 0 ? "open" : "settled"}>
                {section.remaining > 0 ? section.remaining : section.flagged}
                <span className="visually-hidden">
                  {section.remaining > 0 ? " flagged to settle" : " flagged, all agreed"}
                </span>
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}

/** Below a section's items: on to the previous and next section. */
export function ConsensusSectionPager({
  sections,
  current,
  ...link
}: SectionLinkProps & { sections: ConsensusSection[]; current: string }) {
  const index = sections.findIndex((section) => section.number === current);
  const previous = index > 0 ? sections[index - 1] : undefined;
  const next = index >= 0 ? sections[index + 1] : undefined;
  return (
    <nav className="row small consensus-section-pager no-print" aria-label="Previous and next section">
      {previous ? (
        <Link to={sectionHref(link, previous)}>
          ← <span className="visually-hidden">Previous section: </span>
          {previous.number}. {previous.name}
        </Link>
      ) : null}
      <span className="spacer" />
      <span className="muted">
        Section {index + 1} of {sections.length}
      </span>
      <span className="spacer" />
      {next ? (
        <Link to={sectionHref(link, next)}>
          <span className="visually-hidden">Next section: </span>
          {next.number}. {next.name} →
        </Link>
      ) : null}
    </nav>
  );
}
