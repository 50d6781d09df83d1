import * as z from "zod";
import { MAX_CRITERIA_DEPTH, scaleIssue } from "~/domain/authoring";
import { CRITERION_STAGES, type CriterionNode, criteriaTreeIssues, defaultDescriptors } from "~/domain/criteria";
import { optionalText, requiredText } from "~/utils/forms";

/**
 * The criteria tree is edited as one form: `criteria.0.children.1.weight`-style fields (the names
 * react-hook-form's field arrays give them). The browser (react-hook-form) and the action parse it
 * with `criteriaTreeSchema`, whose sibling-sum rule is domain/criteria's criteriaTreeIssues.
 */
export type CriterionFormValues = {
  id: string;
  name: string;
  description: string;
  weight: string;
  stage: string;
  scaleMin: string;
  scaleMax: string;
  descriptors: string[];
  children: CriterionFormValues[];
};
export type CriteriaFormValues = { version: string; criteria: CriterionFormValues[] };

const weight = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().replace(",", ".") : value),
  z
    .string({ error: "Enter a weight." })
    .min(1, "Enter a weight.")
    .regex(/^\d{1,3}(\.\d{1,2})?$/, "Enter a percentage such as 40 or 33.33.")
    .transform(Number)
    .refine((percent) => percent <= 100, "A weight is at most 100%."),
);

const scalePoint = z.coerce.number({ error: "Choose a number." }).int("Choose a whole number.");

const criterionFields = {
  id: z
    .string()
    .max(64)
    .optional()
    .transform((id) => id?.trim() || null),
  name: requiredText("Name", 120),
  description: optionalText(1000),
  weight,
  stage: z.enum(CRITERION_STAGES, { error: "Choose a stage." }),
  scaleMin: scalePoint,
  scaleMax: scalePoint,
  descriptors: z.array(requiredText("Descriptor", 200)).max(11).default([]),
};

// Three explicit levels: the tree can never be deeper than MAX_CRITERIA_DEPTH (3).
const thirdLevel = z.object(criterionFields);
const secondLevel = z.object({ ...criterionFields, children: z.array(thirdLevel).max(20).default([]) });
const firstLevel = z.object({ ...criterionFields, children: z.array(secondLevel).max(20).default([]) });

type ParsedCriterion = z.output<typeof thirdLevel> & { children?: ParsedCriterion[] };

export const criteriaTreeSchema = z
  .object({
    version: z.coerce.number().int().positive(),
    criteria: z.array(firstLevel).max(20).default([]),
  })
  .superRefine(
    (tree, ctx) => {
      // Runs even when a field failed (see `when`), so every broken sum shows at once; the values
      // may therefore be half-parsed, and each check skips what it cannot read.
      if (!Array.isArray(tree.criteria)) return;
      const nodes = flattenWithPaths(tree.criteria as ParsedCriterion[], "criteria", null);
      const names = new Map(nodes.map((node) => [node.id, node.name]));
      const readable = nodes.filter(
        (node) => typeof node.weight === "number" && node.weight >= 0 && node.weight <= 100,
      );
      const unreadableGroups = new Set(nodes.filter((node) => !readable.includes(node)).map((node) => node.parentId));
      const issues = criteriaTreeIssues(readable, (path) =>
        path === null
          ? "the top level"
          : `“${(typeof names.get(path) === "string" && names.get(path)?.trim()) || "this criterion"}”`,
      );
      for (const issue of issues) {
        // A group with an unreadable weight already shows that error; its sum would only repeat it.
        if (unreadableGroups.has(issue.parentId)) continue;
        ctx.addIssue({ code: "custom", path: groupPath(issue.parentId), message: issue.message });
      }
      for (const node of nodes) {
        if (!Number.isInteger(node.scaleMin) || !Number.isInteger(node.scaleMax) || !Array.isArray(node.descriptors))
          continue;
        const path = node.id.split(".");
        const problem = scaleIssue(node.scaleMin, node.scaleMax);
        if (problem) ctx.addIssue({ code: "custom", path: [...path, "scaleMax"], message: problem });
        else if (node.descriptors.length !== node.scaleMax - node.scaleMin + 1) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "descriptors"],
            message: `Describe each point of the ${node.scaleMin}–${node.scaleMax} scale (the scale changed: check the descriptors below).`,
          });
        }
      }
    },
    { when: () => true },
  );
export type CriteriaTreeInput = z.output<typeof criteriaTreeSchema>;
export type CriterionInput = CriteriaTreeInput["criteria"][number];

/** Where the error about a group of siblings is shown: on the list that holds them. */
export function groupPath(parentPath: string | null) {
  return parentPath === null ? ["criteria"] : [...parentPath.split("."), "children"];
}

type PathNode = CriterionNode & { scaleMin: number; scaleMax: number; descriptors: string[] };

/** Depth-first nodes whose ids are their form paths ("criteria.0.children.1"). */
function flattenWithPaths(criteria: ParsedCriterion[], prefix: string, parentId: string | null): PathNode[] {
  return criteria.flatMap((criterion, index) => {
    if (typeof criterion !== "object" || criterion === null) return [];
    const id = `${prefix}.${index}`;
    const node: PathNode = {
      id,
      parentId,
      name: criterion.name,
      weight: criterion.weight,
      stage: criterion.stage,
      position: index,
      scaleMin: criterion.scaleMin,
      scaleMax: criterion.scaleMax,
      descriptors: criterion.descriptors,
    };
    const children = Array.isArray(criterion.children) ? criterion.children : [];
    return [node, ...flattenWithPaths(children, `${id}.children`, id)];
  });
}

// ───────────────────────────── Structure edits without JavaScript ─────────────────────────────

/**
 * Buttons that change the shape of the tree ("Add criterion", "Remove") are submit buttons whose
 * intent names the list or row: `add:criteria.0.children`, `remove:criteria.1`. With JavaScript
 * the field arrays handle them in the browser; without, the server applies them and re-renders.
 */
const LIST_PATH = /^criteria(\.\d{1,2}\.children){0,2}$/;
const ROW_PATH = /^criteria\.\d{1,2}(\.children\.\d{1,2}){0,2}$/;

export const criteriaIntentSchema = z.union(
  [
    z.literal("save"),
    z.literal("refresh"),
    z
      .string()
      .regex(/^add:/)
      .refine((intent) => LIST_PATH.test(intent.slice(4)), "Unknown list."),
    z
      .string()
      .regex(/^remove:/)
      .refine((intent) => ROW_PATH.test(intent.slice(7)), "Unknown criterion."),
  ],
  { error: "Unknown action." },
);

export function newCriterion(stage = "WRITTEN"): CriterionFormValues {
  return {
    id: "",
    name: "",
    description: "",
    weight: "",
    stage,
    scaleMin: "0",
    scaleMax: "5",
    descriptors: defaultDescriptors(0, 5),
    children: [],
  };
}

/** The tree after an add/remove intent (descriptors fitted to each scale); unchanged for save/refresh. */
export function applyCriteriaEdit(values: CriteriaFormValues, intent: string): CriteriaFormValues {
  const criteria = structuredClone(values.criteria);
  const [action, path = ""] = intent.split(":");
  if (action === "add" && LIST_PATH.test(path)) {
    const segments = path.split(".");
    const depth = (segments.length + 1) / 2;
    const parent = depth > 1 ? rowAt(criteria, segments.slice(0, -1)) : null;
    const list = parent ? parent.children : criteria;
    if (depth <= MAX_CRITERIA_DEPTH && (depth === 1 || parent)) list.push(newCriterion(parent?.stage || "WRITTEN"));
  }
  if (action === "remove" && ROW_PATH.test(path)) {
    const segments = path.split(".");
    const index = Number(segments.at(-1));
    const parent = segments.length > 2 ? rowAt(criteria, segments.slice(0, -2)) : null;
    const list = parent ? parent.children : criteria;
    if (index < list.length) list.splice(index, 1);
  }
  return { version: values.version, criteria: criteria.map(fitScale) };
}

function rowAt(criteria: CriterionFormValues[], segments: string[]): CriterionFormValues | null {
  // segments: ["criteria", "0", "children", "1", ...]
  let list = criteria;
  let row: CriterionFormValues | null = null;
  for (let index = 1; index < segments.length; index += 2) {
    row = list[Number(segments[index])] ?? null;
    if (!row) return null;
    list = row.children;
  }
  return row;
}

/** Keep the descriptors when they fit the scale; otherwise start from the standard wording. */
export function fitDescriptors(descriptors: string[], scaleMin: number, scaleMax: number) {
  if (scaleIssue(scaleMin, scaleMax)) return descriptors;
  return descriptors.length === scaleMax - scaleMin + 1 ? descriptors : defaultDescriptors(scaleMin, scaleMax);
}

function fitScale(criterion: CriterionFormValues): CriterionFormValues {
  return {
    ...criterion,
    descriptors: fitDescriptors(criterion.descriptors, Number(criterion.scaleMin), Number(criterion.scaleMax)),
    children: criterion.children.map(fitScale),
  };
}

// ───────────────────────────── Form values in and out ─────────────────────────────

/** Whatever was posted, shaped as form values (strings and lists only), at most three levels deep. */
export function criteriaFormValuesFrom(raw: unknown): CriteriaFormValues {
  const record = isRecord(raw) ? raw : {};
  return { version: text(record.version), criteria: rows(record.criteria, 1) };
}

function rows(raw: unknown, depth: number): CriterionFormValues[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((row) => ({
    id: text(row.id),
    name: text(row.name),
    description: text(row.description),
    weight: text(row.weight),
    stage: text(row.stage),
    scaleMin: text(row.scaleMin),
    scaleMax: text(row.scaleMax),
    descriptors: Array.isArray(row.descriptors) ? row.descriptors.map(text) : [],
    children: depth < MAX_CRITERIA_DEPTH ? rows(row.children, depth + 1) : [],
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown) {
  return typeof value === "string" ? value : "";
}

type StoredCriterion = {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  description: string | null;
  weight: number;
  stage: string;
  scaleMin: number;
  scaleMax: number;
  descriptors: string[];
};

/** The saved tree as form values. */
export function criteriaFormValuesFromTree(criteria: StoredCriterion[], version: number): CriteriaFormValues {
  const build = (parentId: string | null): CriterionFormValues[] =>
    criteria
      .filter((criterion) => criterion.parentId === parentId)
      .sort((a, b) => a.position - b.position)
      .map((criterion) => ({
        id: criterion.id,
        name: criterion.name,
        description: criterion.description ?? "",
        weight: String(criterion.weight),
        stage: criterion.stage,
        scaleMin: String(criterion.scaleMin),
        scaleMax: String(criterion.scaleMax),
        // Rows made outside the editor (seed data, older versions) may lack descriptors: start from the standard ones.
        descriptors: fitDescriptors(criterion.descriptors, criterion.scaleMin, criterion.scaleMax),
        children: build(criterion.id),
      }));
  return { version: String(version), criteria: build(null) };
}

/** The weights as typed, read leniently for the live sums (unreadable → 0). */
export function typedWeight(value: string | undefined) {
  const percent = Number((value ?? "").trim().replace(",", "."));
  return Number.isFinite(percent) ? percent : 0;
}
