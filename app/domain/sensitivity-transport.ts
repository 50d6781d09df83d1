import type { SensitivityModel } from "./sensitivity";

/**
 * The sensitivity model as plain JSON, so the browser can run the same what-if maths as the
 * server (sliders re-rank without a round trip). Typed arrays do not survive JSON; this turns
 * them into number arrays and back.
 */
export type PlainSensitivityModel = {
  vendorIds: string[];
  topLevel: { id: string; weight: number }[];
  leaves: { id: string; weight: number; topLevelIndex: number; shareOfTopLevel: number }[];
  values: number[];
  scored: number[];
  tree: { parent: number[]; weight: number[]; leafNode: number[] };
};

export function toPlainModel(model: SensitivityModel): PlainSensitivityModel {
  return {
    vendorIds: [...model.vendorIds],
    topLevel: model.topLevel.map((criterion) => ({ ...criterion })),
    leaves: model.leaves.map((leaf) => ({ ...leaf })),
    values: Array.from(model.values),
    scored: Array.from(model.scored),
    tree: {
      parent: Array.from(model.tree.parent),
      weight: Array.from(model.tree.weight),
      leafNode: Array.from(model.tree.leafNode),
    },
  };
}

export function fromPlainModel(plain: PlainSensitivityModel): SensitivityModel {
  return {
    vendorIds: plain.vendorIds,
    topLevel: plain.topLevel,
    leaves: plain.leaves,
    values: Float64Array.from(plain.values),
    scored: Float64Array.from(plain.scored),
    tree: {
      parent: Int32Array.from(plain.tree.parent),
      weight: Float64Array.from(plain.tree.weight),
      leafNode: Int32Array.from(plain.tree.leafNode),
    },
  };
}
