import type { Prisma } from "~/generated/prisma/client";

/**
 * What every scoring computation reads of a criterion: its place in the tree, its weight and
 * stage, and its scale (domain/criteria, domain/scoring). Spread it into a select and add what a
 * screen needs besides (description, descriptors).
 */
export const scoredCriterionSelect = {
  id: true,
  parentId: true,
  position: true,
  name: true,
  weight: true,
  stage: true,
  scaleMin: true,
  scaleMax: true,
} satisfies Prisma.CriterionSelect;
