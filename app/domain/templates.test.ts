import { describe, expect, it } from "vitest";
import { withEffectiveWeights } from "./criteria";
import { documentReadinessIssues } from "./document";
import {
  BUILT_IN_TEMPLATES,
  builtInTemplate,
  groupQuestionsByCategory,
  missingStandardQuestions,
  STANDARD_INTERVIEW_QUESTIONS,
  STANDARD_QUESTION_CATEGORIES,
  type TemplateContent,
  type TemplateCriterion,
  templateContentIssues,
  templateSummary,
} from "./templates";

describe("built-in templates", () => {
  it("include managed IT services and contact-centre outsourcing", () => {
    expect(BUILT_IN_TEMPLATES.map((template) => template.name)).toEqual([
      "Managed IT services outsourcing",
      "Contact-centre outsourcing",
    ]);
    expect(builtInTemplate("contact-centre")?.category).toBe("Contact centre");
    expect(builtInTemplate("nope")).toBeNull();
  });

  for (const template of BUILT_IN_TEMPLATES) {
    describe(template.name, () => {
      const { content } = template;
      it("is complete: 5–8 sections of prose, 10+ requirements of both kinds, a 2–3 level tree, the question bank", () => {
        const summary = templateSummary(content);
        expect(summary.sections).toBeGreaterThanOrEqual(5);
        expect(summary.sections).toBeLessThanOrEqual(8);
        expect(summary.requirements).toBeGreaterThanOrEqual(10);
        expect(summary.mandatory).toBeGreaterThan(0);
        expect(summary.mandatory).toBeLessThan(summary.requirements);
        for (const section of content.sections) expect(section.body.length).toBeGreaterThan(300);
        const depths = withEffectiveWeights(
          content.criteria.map((criterion, position) => ({
            ...criterion,
            id: criterion.key,
            parentId: criterion.parentKey,
            position,
          })),
        ).map((node) => node.depth);
        expect(Math.max(...depths)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...depths)).toBeLessThanOrEqual(2);
        const categories = new Set(content.interviewQuestions.map((question) => question.category));
        for (const category of STANDARD_QUESTION_CATEGORIES) expect(categories).toContain(category);
        expect(content.interviewQuestions.some((question) => !question.standard)).toBe(true);
      });

      it("passes every rule the editor enforces", () => {
        expect(templateContentIssues(content)).toEqual([]);
      });

      it("covers the written, oral and price stages, and its leaves' effective weights sum to 100", () => {
        const nodes = content.criteria.map((criterion, position) => ({
          ...criterion,
          id: criterion.key,
          parentId: criterion.parentKey,
          position,
        }));
        const leaves = withEffectiveWeights(nodes).filter((node) => node.isLeaf);
        expect(new Set(leaves.map((leaf) => leaf.stage))).toEqual(new Set(["WRITTEN", "ORAL", "PRICE"]));
        expect(leaves.reduce((sum, leaf) => sum + leaf.effectiveWeight, 0)).toBeCloseTo(100, 6);
      });

      it("makes a document that is ready to publish", () => {
        let sequence = 0;
        const document = {
          rfp: {
            reference: "RFP-2027-001",
            title: template.name,
            summary: template.description,
            category: template.category,
            currency: "EUR",
            timeZone: "UTC",
            timeline: {
              issueDate: null,
              questionsDeadline: null,
              proposalDeadline: null,
              interviewStart: null,
              interviewEnd: null,
              decisionTarget: null,
            },
          },
          sections: content.sections.map((section, index) => ({
            id: `s${index}`,
            title: section.title,
            body: section.body,
            requirements: section.requirements.map((requirement) => {
              sequence += 1;
              return {
                id: `r${sequence}`,
                code: `R-${sequence}`,
                text: requirement.text,
                kind: requirement.kind,
                criterionId: requirement.criterionKey,
                evidenceRequested: requirement.evidenceRequested,
              };
            }),
          })),
          criteria: content.criteria.map((criterion, position) => ({
            ...criterion,
            id: criterion.key,
            parentId: criterion.parentKey,
            position,
          })),
        };
        expect(documentReadinessIssues(document)).toEqual([]);
      });
    });
  }
});

const SIX = ["0", "1", "2", "3", "4", "5"];
const base = { description: null, scaleMin: 0, scaleMax: 5, descriptors: SIX };
const technical: TemplateCriterion = {
  ...base,
  key: "tech",
  parentKey: null,
  name: "Technical",
  weight: 70,
  stage: "WRITTEN",
};
const desk: TemplateCriterion = {
  ...base,
  key: "desk",
  parentKey: "tech",
  name: "Desk",
  weight: 100,
  stage: "WRITTEN",
};
const price: TemplateCriterion = {
  ...base,
  key: "price",
  parentKey: null,
  name: "Price",
  weight: 30,
  stage: "PRICE",
  scaleMin: 1,
  scaleMax: 3,
  descriptors: ["1", "2", "3"],
};

describe("templateContentIssues", () => {
  const valid: TemplateContent = {
    sections: [
      {
        title: "Scope",
        body: "",
        requirements: [
          { text: "Describe your service desk", kind: "SCORED", criterionKey: "desk", evidenceRequested: null },
          { text: "Hold ISO 27001", kind: "MANDATORY", criterionKey: null, evidenceRequested: null },
        ],
      },
    ],
    criteria: [technical, desk, price],
    interviewQuestions: [],
  };

  it("accepts a consistent template", () => {
    expect(templateContentIssues(valid)).toEqual([]);
  });

  it("reports weights, descriptors, order of parents and bad links", () => {
    const broken: TemplateContent = {
      ...valid,
      sections: [
        {
          title: " ",
          body: "",
          requirements: [
            { text: "Price me", kind: "SCORED", criterionKey: "price", evidenceRequested: null },
            { text: "Scored nowhere", kind: "SCORED", criterionKey: null, evidenceRequested: null },
            { text: "Parent link", kind: "SCORED", criterionKey: "tech", evidenceRequested: null },
            { text: "Mandatory but linked", kind: "MANDATORY", criterionKey: "desk", evidenceRequested: null },
          ],
        },
      ],
      criteria: [desk, { ...technical, weight: 60, descriptors: ["too few"] }, { ...price, scaleMin: 3 }],
    };
    const issues = templateContentIssues(broken);
    expect(issues).toEqual(
      expect.arrayContaining([
        "“Desk” comes before its parent or has no parent in the template.",
        "“Technical” needs one descriptor per point of its scale.",
        "“Price”: The scale starts at 0 or 1.",
        "The weights under the top level add up to 90%, not 100%.",
        "Section 1 has no title.",
        expect.stringMatching(/^Scored requirement “Price me…” must be linked to a written or oral criterion/),
        expect.stringMatching(/^Scored requirement “Scored nowhere…” is not linked/),
        expect.stringMatching(/^Scored requirement “Parent link…” must be linked/),
        expect.stringMatching(/^Mandatory requirement “Mandatory but linked…” is pass\/fail/),
      ]),
    );
  });

  it("refuses trees deeper than three levels", () => {
    const deep: TemplateContent = {
      ...valid,
      sections: [],
      criteria: ["a", "b", "c", "d"].map((key, index, keys) => ({
        key,
        parentKey: index === 0 ? null : (keys[index - 1] as string),
        name: key.toUpperCase(),
        description: null,
        weight: 100,
        stage: "WRITTEN" as const,
        scaleMin: 0,
        scaleMax: 5,
        descriptors: ["0", "1", "2", "3", "4", "5"],
      })),
    };
    expect(templateContentIssues(deep)).toEqual(["“D” is nested deeper than 3 levels."]);
  });
});

describe("interview question bank", () => {
  it("groups the standard categories first in their order, then the rest A–Z", () => {
    const groups = groupQuestionsByCategory([
      { category: "Transition", text: "t" },
      { category: "Branding", text: "b" },
      { category: "Similar industry engagements", text: "s1" },
      { category: "Delivery", text: "d" },
      { category: "Similar industry engagements", text: "s2" },
    ]);
    expect(groups.map((group) => [group.category, group.standard, group.questions.map((q) => q.text)])).toEqual([
      ["Similar industry engagements", true, ["s1", "s2"]],
      ["Branding", true, ["b"]],
      ["Delivery", false, ["d"]],
      ["Transition", false, ["t"]],
    ]);
  });

  it("knows which standard questions a bank lacks", () => {
    expect(missingStandardQuestions([])).toHaveLength(STANDARD_INTERVIEW_QUESTIONS.length);
    const [first, ...rest] = STANDARD_INTERVIEW_QUESTIONS;
    expect(missingStandardQuestions([{ text: ` ${first?.text} ` }])).toEqual(rest);
  });
});
