import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleEvaluators, exampleScores, exampleVendors } from "./evaluation.fixture";
import { buildScoreMatrix, scoreTable, scoringCriteria } from "./scoring";
import { buildSensitivityModel, whatIf } from "./sensitivity";
import { fromPlainModel, toPlainModel } from "./sensitivity-transport";

describe("the sensitivity model as JSON", () => {
  it("survives a JSON round trip and gives the browser the same what-if as the server", () => {
    const built = buildScoreMatrix({
      vendorIds: exampleVendors,
      criteria: scoringCriteria(exampleCriteria),
      evaluatorIds: exampleEvaluators,
      scores: exampleScores,
    });
    if (!built.ok) throw new Error("example does not build");
    const model = buildSensitivityModel(exampleCriteria, scoreTable(built.matrix));
    const travelled = fromPlainModel(JSON.parse(JSON.stringify(toPlainModel(model))));
    expect(travelled.values).toBeInstanceOf(Float64Array);
    expect(travelled.tree.parent).toBeInstanceOf(Int32Array);
    const weights = { technical: 20, service: 80 };
    expect(whatIf(travelled, weights)).toEqual(whatIf(model, weights));
  });
});
