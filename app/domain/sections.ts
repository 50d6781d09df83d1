/**
 * Long lists of criteria (a scoring sheet, a vendor's consensus card) are shown one top-level
 * section of the criteria tree at a time once they are too long to work through on one page: an
 * 80-criterion sheet is 80 radio scales with the vendor's answers beside them, which is slow to
 * render and to scroll. Short lists stay on one page, as they always were.
 *
 * A section is a top-level node of the tree: "2. Service delivery" with every leaf whose outline
 * starts with "2.". A top-level leaf is a section of its own.
 */
export type SectionedCriterion = { id: string; outline: string; section: string };
export type CriteriaSection = { number: string; name: string; criterionIds: string[] };

/** What a section number in an address or a form looks like: a top-level outline number. */
export const SECTION_NUMBER = /^\d{1,4}$/;

/** More criteria than this, in two sections or more, are shown a section at a time. */
export const SECTION_PAGING_THRESHOLD = 30;

/** The top-level number of an outline ("2.3.1" → "2"). */
export function sectionNumberOf(outline: string) {
  const dot = outline.indexOf(".");
  return dot < 0 ? outline : outline.slice(0, dot);
}

/** The top-level sections of a list of leaves, in the order the leaves come (outline order). */
export function criteriaSections(criteria: readonly SectionedCriterion[]): CriteriaSection[] {
  const sections = new Map<string, CriteriaSection>();
  for (const criterion of criteria) {
    const number = sectionNumberOf(criterion.outline);
    let section = sections.get(number);
    if (!section) {
      section = { number, name: criterion.section, criterionIds: [] };
      sections.set(number, section);
    }
    section.criterionIds.push(criterion.id);
  }
  return [...sections.values()];
}

export type SectionPaging = {
  sections: CriteriaSection[];
  /** The section shown, or null when the whole list is on one page. */
  current: CriteriaSection | null;
  previous: CriteriaSection | null;
  next: CriteriaSection | null;
};

/**
 * Which part of the list a page shows. `requested` is the `?section=` number from the address:
 * an unknown or missing one shows the first section (a stale link still lands somewhere useful).
 */
export function sectionPaging(criteria: readonly SectionedCriterion[], requested: string | null): SectionPaging {
  const sections = criteriaSections(criteria);
  if (criteria.length <= SECTION_PAGING_THRESHOLD || sections.length < 2) {
    return { sections, current: null, previous: null, next: null };
  }
  const index = Math.max(
    0,
    sections.findIndex((section) => section.number === requested),
  );
  return {
    sections,
    current: sections[index] ?? null,
    previous: sections[index - 1] ?? null,
    next: sections[index + 1] ?? null,
  };
}

/** The criteria a page shows: the current section's, or all of them. */
export function criteriaOnPage<T extends { id: string }>(criteria: readonly T[], paging: SectionPaging): T[] {
  if (!paging.current) return [...criteria];
  const ids = new Set(paging.current.criterionIds);
  return criteria.filter((criterion) => ids.has(criterion.id));
}
