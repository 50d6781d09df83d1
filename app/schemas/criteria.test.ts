import { describe, expect, it } from "vitest";
import { defaultDescriptors } from "~/domain/criteria";
import { fieldErrorsFrom } from "~/utils/forms";
import {
  applyCriteriaEdit,
  type CriteriaFormValues,
  type CriterionFormValues,
  criteriaFormValuesFrom,
  criteriaFormValuesFromTree,
  criteriaIntentSchema,
  criteriaTreeSchema,
  newCriterion,
} from "./criteria";

function row(name: string, weight: string, children: CriterionFormValues[] = [], stage = "WRITTEN") {
  return { ...newCriterion(stage), name, weight, children };
}

const valid: CriteriaFormValues = {
  version: "4",
  criteria: [
    row("Technical", "50", [row("Integration", "40"), row("Service management", "60")]),
    row("Commercial", "30", [], "PRICE"),
    row("Relationship", "20", [], "ORAL"),
  ],
};

function errorsFor(values: CriteriaFormValues) {
  const result = criteriaTreeSchema.safeParse(values);
  return result.success ? {} : fieldErrorsFrom(result.error);
}

describe("criteriaTreeSchema", () => {
  it("accepts a tree whose every level sums to 100, and reads the numbers", () => {
    const result = criteriaTreeSchema.safeParse(valid);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.version).toBe(4);
    expect(result.data.criteria[0]).toMatchObject({
      id: null,
      name: "Technical",
      weight: 50,
      scaleMin: 0,
      scaleMax: 5,
    });
    expect(result.data.criteria[0]?.children.map((child) => child.weight)).toEqual([40, 60]);
  });

  it("reports a level that does not sum to 100 on that level's list, naming the parent", () => {
    const broken = structuredClone(valid);
    const integration = broken.criteria[0]?.children[0];
    if (integration) integration.weight = "30";
    expect(errorsFor(broken)).toEqual({
      "criteria.0.children": "The weights under “Technical” add up to 90%, not 100%.",
    });
    const top = structuredClone(valid);
    if (top.criteria[2]) top.criteria[2].weight = "25";
    expect(errorsFor(top)).toEqual({ criteria: "The weights under the top level add up to 105%, not 100%." });
  });

  it("accepts decimal weights (point or comma) that sum to exactly 100", () => {
    const thirds: CriteriaFormValues = {
      version: "1",
      criteria: [row("A", "33.33"), row("B", "33,33"), row("C", "33.34")],
    };
    expect(errorsFor(thirds)).toEqual({});
    thirds.criteria[2] = row("C", "33.33");
    expect(errorsFor(thirds)).toEqual({ criteria: "The weights under the top level add up to 99.99%, not 100%." });
  });

  it("reports unreadable weights on the field, without a misleading sum", () => {
    const broken = structuredClone(valid);
    if (broken.criteria[1]) broken.criteria[1].weight = "thirty";
    if (broken.criteria[2]) broken.criteria[2].weight = "";
    const children = broken.criteria[0]?.children;
    if (children?.[0]) children[0].weight = "140";
    expect(errorsFor(broken)).toEqual({
      "criteria.1.weight": "Enter a percentage such as 40 or 33.33.",
      "criteria.2.weight": "Enter a weight.",
      "criteria.0.children.0.weight": "A weight is at most 100%.",
    });
  });

  it("checks names, stages, scales and that every point of the scale is described", () => {
    const broken = structuredClone(valid);
    const [technical, commercial, relationship] = broken.criteria;
    if (!technical || !commercial || !relationship) throw new Error("fixture");
    technical.name = " ";
    commercial.stage = "GUESSWORK";
    relationship.scaleMax = "10";
    const integration = technical.children[0];
    if (integration) {
      integration.scaleMin = "2";
      integration.descriptors = ["x"];
    }
    const service = technical.children[1];
    if (service) service.descriptors = [...defaultDescriptors(0, 4), ""];
    expect(errorsFor(broken)).toEqual({
      "criteria.0.name": "Name is required.",
      "criteria.1.stage": "Choose a stage.",
      "criteria.0.children.1.descriptors.5": "Descriptor is required.",
      "criteria.0.children.0.scaleMax": "The scale starts at 0 or 1.",
      "criteria.2.descriptors":
        "Describe each point of the 0–10 scale (the scale changed: check the descriptors below).",
    });
  });

  it("cannot express a tree deeper than three levels", () => {
    const deep = structuredClone(valid);
    const integration = deep.criteria[0]?.children[0];
    if (integration) integration.children = [row("Level 3", "100", [row("Level 4", "100")])];
    const result = criteriaTreeSchema.safeParse(deep);
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.criteria[0]?.children[0]?.children[0]).not.toHaveProperty("children");
  });

  it("allows an empty tree (the readiness check asks for criteria before publishing)", () => {
    expect(errorsFor({ version: "1", criteria: [] })).toEqual({});
  });
});

describe("structure edits without JavaScript", () => {
  it("adds a top-level criterion or a sub-criterion (inheriting the parent's stage), at most three levels deep", () => {
    const added = applyCriteriaEdit(valid, "add:criteria");
    expect(added.criteria).toHaveLength(4);
    expect(added.criteria[3]).toEqual(newCriterion());
    const child = applyCriteriaEdit(valid, "add:criteria.2.children");
    expect(child.criteria[2]?.children).toEqual([newCriterion("ORAL")]);
    const grandchild = applyCriteriaEdit(valid, "add:criteria.0.children.1.children");
    expect(grandchild.criteria[0]?.children[1]?.children).toHaveLength(1);
    const tooDeep = applyCriteriaEdit(grandchild, "add:criteria.0.children.1.children.0.children");
    expect(tooDeep).toEqual(grandchild);
    expect(applyCriteriaEdit(valid, "add:criteria.9.children")).toEqual(valid);
    expect(valid.criteria).toHaveLength(3);
  });

  it("removes a row anywhere in the tree", () => {
    expect(applyCriteriaEdit(valid, "remove:criteria.1").criteria.map((criterion) => criterion.name)).toEqual([
      "Technical",
      "Relationship",
    ]);
    expect(applyCriteriaEdit(valid, "remove:criteria.0.children.0").criteria[0]?.children.map((c) => c.name)).toEqual([
      "Service management",
    ]);
    expect(applyCriteriaEdit(valid, "remove:criteria.7")).toEqual(valid);
  });

  it("fits descriptors to a changed scale, keeping them when they already fit", () => {
    const rescaled = structuredClone(valid);
    if (rescaled.criteria[1]) {
      rescaled.criteria[1].scaleMin = "1";
      rescaled.criteria[1].scaleMax = "10";
    }
    if (rescaled.criteria[2]) rescaled.criteria[2].descriptors = ["a", "b", "c", "d", "e", "f"];
    const fitted = applyCriteriaEdit(rescaled, "refresh");
    expect(fitted.criteria[1]?.descriptors).toEqual(defaultDescriptors(1, 10));
    expect(fitted.criteria[2]?.descriptors).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("accepts only known intents", () => {
    for (const intent of [
      "save",
      "refresh",
      "add:criteria",
      "add:criteria.1.children",
      "remove:criteria.0.children.2",
    ]) {
      expect(criteriaIntentSchema.safeParse(intent).success, intent).toBe(true);
    }
    for (const intent of ["", "delete", "add:rfp", "add:criteria.0", "remove:criteria", "remove:criteria.0.children"]) {
      expect(criteriaIntentSchema.safeParse(intent).success, intent).toBe(false);
    }
  });
});

describe("form values", () => {
  it("shapes anything posted into strings and lists, three levels at most", () => {
    expect(
      criteriaFormValuesFrom({
        version: "2",
        criteria: [
          { name: "A", weight: ["x"], children: [{ children: [{ children: [{ name: "too deep" }] }] }] },
          "junk",
        ],
      }),
    ).toEqual({
      version: "2",
      criteria: [
        {
          id: "",
          name: "A",
          description: "",
          weight: "",
          stage: "",
          scaleMin: "",
          scaleMax: "",
          descriptors: [],
          children: [
            {
              ...{
                id: "",
                name: "",
                description: "",
                weight: "",
                stage: "",
                scaleMin: "",
                scaleMax: "",
                descriptors: [],
              },
              children: [
                {
                  id: "",
                  name: "",
                  description: "",
                  weight: "",
                  stage: "",
                  scaleMin: "",
                  scaleMax: "",
                  descriptors: [],
                  children: [],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(criteriaFormValuesFrom(null)).toEqual({ version: "", criteria: [] });
  });

  it("turns the stored tree into nested form values in position order", () => {
    const stored = [
      {
        id: "p",
        parentId: null,
        position: 1,
        name: "Price",
        description: null,
        weight: 30,
        stage: "PRICE",
        scaleMin: 0,
        scaleMax: 5,
        descriptors: [],
      },
      {
        id: "t",
        parentId: null,
        position: 0,
        name: "Technical",
        description: "How",
        weight: 70,
        stage: "WRITTEN",
        scaleMin: 1,
        scaleMax: 10,
        descriptors: [],
      },
      {
        id: "i",
        parentId: "t",
        position: 0,
        name: "Integration",
        description: null,
        weight: 100,
        stage: "WRITTEN",
        scaleMin: 0,
        scaleMax: 5,
        descriptors: ["d"],
      },
    ];
    const values = criteriaFormValuesFromTree(stored, 7);
    expect(values.version).toBe("7");
    expect(
      values.criteria.map((criterion) => [criterion.id, criterion.weight, criterion.children.map((c) => c.id)]),
    ).toEqual([
      ["t", "70", ["i"]],
      ["p", "30", []],
    ]);
    expect(values.criteria[0]).toMatchObject({ description: "How", scaleMin: "1", scaleMax: "10" });
  });
});
