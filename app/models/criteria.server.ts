import { prisma } from "~/db.server";
import { criteriaReplacementIssues } from "~/domain/authoring";
import { type CriterionStage, criteriaTreeIssues } from "~/domain/criteria";
import { Prisma } from "~/generated/prisma/client";
import type { CriteriaTreeInput, CriterionInput } from "~/schemas/criteria";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { lockEditableDocument } from "./section.server";

/**
 * The weighted criteria tree, saved as a whole: the lead edits every level in one form, and the
 * tree is replaced in one transaction guarded by Rfp.criteriaVersion. Existing criteria keep
 * their ids (requirements and, later, scores point at them).
 */
export async function getCriteriaTree(rfpId: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      criteriaVersion: true,
      criteria: {
        orderBy: [{ position: "asc" }],
        select: {
          ...scoredCriterionSelect,
          description: true,
          descriptors: true,
          requirements: { orderBy: { code: "asc" }, select: { code: true } },
        },
      },
    },
  });
  return {
    version: rfp.criteriaVersion,
    criteria: rfp.criteria.map(({ requirements, ...criterion }) => ({
      ...criterion,
      weight: Number(criterion.weight),
      stage: criterion.stage as CriterionStage,
      descriptors: Array.isArray(criterion.descriptors) ? criterion.descriptors.map(String) : [],
      requirementCodes: requirements.map((requirement) => requirement.code),
    })),
  };
}

type TreeNode = Omit<CriterionInput, "children"> & { children?: TreeNode[] };
type FlatCriterion = Omit<CriterionInput, "children"> & {
  path: string;
  parentPath: string | null;
  position: number;
  isLeaf: boolean;
};

function flatten(criteria: TreeNode[], parentPath: string | null): FlatCriterion[] {
  return criteria.flatMap((criterion, position) => {
    const path = parentPath === null ? `${position}` : `${parentPath}.${position}`;
    const children = criterion.children ?? [];
    const { children: _children, ...fields } = criterion;
    return [{ ...fields, path, parentPath, position, isLeaf: children.length === 0 }, ...flatten(children, path)];
  });
}

/**
 * Replace the tree. Refused (nothing written) if someone saved since `expectedVersion`, if a
 * level does not sum to 100, or if a change would strand a requirement scored under a criterion.
 */
export async function replaceCriteriaTree(actor: Actor, rfpId: string, input: CriteriaTreeInput) {
  const submitted = flatten(input.criteria, null);
  // The form checked the sums already; the model checks again, so no caller can store a bad tree.
  const treeIssues = criteriaTreeIssues(
    submitted.map((criterion) => ({ ...criterion, id: criterion.path, parentId: criterion.parentPath })),
  );
  if (treeIssues.length > 0) throw new FieldError("form", treeIssues.map((issue) => issue.message).join(" "));

  return prisma.$transaction(async (tx) => {
    await lockEditableDocument(tx, rfpId);
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, criteriaVersion: input.version },
      data: { criteriaVersion: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("Someone else saved the criteria after you opened them.");

    const existing = await tx.criterion.findMany({
      where: { rfpId },
      select: {
        id: true,
        parentId: true,
        position: true,
        name: true,
        weight: true,
        stage: true,
        requirements: { select: { code: true } },
      },
    });
    const problems = criteriaReplacementIssues(
      existing.map((criterion) => ({
        id: criterion.id,
        name: criterion.name,
        linkedRequirementCodes: criterion.requirements.map((requirement) => requirement.code),
      })),
      submitted.map((criterion) => ({
        id: criterion.id,
        name: criterion.name,
        stage: criterion.stage,
        isLeaf: criterion.isLeaf,
      })),
    );
    if (problems.length > 0) throw new FieldError("form", problems.join(" "));

    const idByPath = new Map<string, string>();
    for (const criterion of submitted) {
      const parentId = criterion.parentPath === null ? null : (idByPath.get(criterion.parentPath) ?? null);
      const data = {
        parentId,
        position: criterion.position,
        name: criterion.name,
        description: criterion.description ?? null,
        weight: new Prisma.Decimal(criterion.weight),
        stage: criterion.stage,
        scaleMin: criterion.scaleMin,
        scaleMax: criterion.scaleMax,
        descriptors: criterion.descriptors,
      };
      const id = criterion.id
        ? (await tx.criterion.update({ where: { id: criterion.id }, data, select: { id: true } })).id
        : (await tx.criterion.create({ data: { rfpId, ...data }, select: { id: true } })).id;
      idByPath.set(criterion.path, id);
    }
    const kept = new Set(idByPath.values());
    const removed = existing.filter((criterion) => !kept.has(criterion.id));
    // Kept criteria were re-parented above, so deleting the removed ones cascades to nothing kept.
    await tx.criterion.deleteMany({ where: { id: { in: removed.map((criterion) => criterion.id) } } });

    await recordAudit(tx, {
      actor,
      action: "criteria.replaced",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      before: { criteria: describeTree(existing) },
      after: {
        criteria: submitted.map((criterion) => describe(criterion.name, criterion.weight, criterion.stage)),
        removed: removed.map((criterion) => criterion.name),
      },
    });
    return { version: input.version + 1 };
  });
}

function describe(name: string, weight: number | Prisma.Decimal, stage: string) {
  return `${name} ${Number(weight)}% (${stage.toLowerCase()})`;
}

/** "Technical 50% (written)", children indented under their parent, in display order. */
function describeTree(
  criteria: {
    id: string;
    parentId: string | null;
    position: number;
    name: string;
    weight: Prisma.Decimal;
    stage: string;
  }[],
) {
  const ordered: string[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const children = criteria.filter((candidate) => candidate.parentId === parentId);
    for (const criterion of children.sort((a, b) => a.position - b.position)) {
      ordered.push(`${"  ".repeat(depth)}${describe(criterion.name, criterion.weight, criterion.stage)}`);
      visit(criterion.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}
