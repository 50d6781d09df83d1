import { describe, expect, it } from "vitest";
import { criteriaOnPage, criteriaSections, SECTION_PAGING_THRESHOLD, sectionNumberOf, sectionPaging } from "./sections";

/** `perSection` leaves under each of `sections` top-level nodes, outlines "s.m.l". */
function tree(sections: number, perSection: number) {
  return Array.from({ length: sections }, (_, s) =>
    Array.from({ length: perSection }, (_, l) => ({
      id: `c${s + 1}-${l + 1}`,
      outline: `${s + 1}.${Math.floor(l / 5) + 1}.${(l % 5) + 1}`,
      section: `Section ${s + 1}`,
    })),
  ).flat();
}

describe("sectionNumberOf", () => {
  it("takes the top-level number of an outline", () => {
    expect(sectionNumberOf("2.3.1")).toBe("2");
    expect(sectionNumberOf("12.1")).toBe("12");
    expect(sectionNumberOf("4")).toBe("4");
  });
});

describe("criteriaSections", () => {
  it("groups leaves by their top-level node, in outline order", () => {
    const sections = criteriaSections([
      { id: "a", outline: "1.1", section: "Service" },
      { id: "b", outline: "1.2", section: "Service" },
      { id: "c", outline: "2", section: "Security" },
      { id: "d", outline: "3.1.1", section: "Governance" },
    ]);
    expect(sections).toEqual([
      { number: "1", name: "Service", criterionIds: ["a", "b"] },
      { number: "2", name: "Security", criterionIds: ["c"] },
      { number: "3", name: "Governance", criterionIds: ["d"] },
    ]);
  });
});

describe("sectionPaging", () => {
  it("keeps a short list on one page", () => {
    const criteria = tree(3, 10);
    expect(criteria).toHaveLength(SECTION_PAGING_THRESHOLD);
    const paging = sectionPaging(criteria, "2");
    expect(paging.current).toBeNull();
    expect(paging.sections).toHaveLength(3);
    expect(criteriaOnPage(criteria, paging)).toHaveLength(30);
  });

  it("keeps a long list with a single section on one page", () => {
    const criteria = tree(1, 40);
    expect(sectionPaging(criteria, "1").current).toBeNull();
  });

  it("shows a long list one section at a time, with its neighbours", () => {
    const criteria = tree(4, 20);
    const paging = sectionPaging(criteria, "2");
    expect(paging.current?.number).toBe("2");
    expect(paging.previous?.number).toBe("1");
    expect(paging.next?.number).toBe("3");
    const shown = criteriaOnPage(criteria, paging);
    expect(shown).toHaveLength(20);
    expect(shown.every((criterion) => criterion.outline.startsWith("2."))).toBe(true);
  });

  it("opens on the first section when none or an unknown one is asked for", () => {
    const criteria = tree(4, 20);
    for (const requested of [null, "9", "", "1.2", "x"]) {
      const paging = sectionPaging(criteria, requested);
      expect(paging.current?.number).toBe("1");
      expect(paging.previous).toBeNull();
      expect(paging.next?.number).toBe("2");
    }
  });

  it("has no next section on the last one", () => {
    const paging = sectionPaging(tree(4, 20), "4");
    expect(paging.next).toBeNull();
    expect(paging.previous?.number).toBe("3");
  });
});
