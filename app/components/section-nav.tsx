import { Link } from "@remix-run/react";

export type SectionNavEntry = {
  number: string;
  name: string;
  /** What is left in the section, after its name ("12 of 20 scored"). */
  status: string;
  /** "open": work left; "done": complete. */
  state: "open" | "done";
};

/**
 * The top-level sections of a long list of criteria shown one at a time (domain/sections), as plain
 * links: people move between sections with or without JavaScript, by keyboard or pointer.
 */
export function SectionNav({
  label,
  sections,
  current,
  hrefFor,
}: {
  label: string;
  sections: SectionNavEntry[];
  current: string;
  hrefFor: (number: string) => string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="section-picker">
        {sections.map((section) => (
          <li key={section.number}>
            <Link
              to={hrefFor(section.number)}
              className="section-picker__link"
              data-state={section.state}
              aria-current={section.number === current ? "page" : undefined}
            >
              <span className="section-picker__name" title={`${section.number}. ${section.name}`}>
                {section.number}. {section.name}
              </span>
              <span className="section-picker__progress">
                <span className="visually-hidden">: </span>
                {section.status}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
