import { describe, expect, it } from "vitest";
import { nestedFormValues } from "./nested-form";

function formData(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("nestedFormValues", () => {
  it("rebuilds arrays and objects from dotted names", () => {
    expect(
      nestedFormValues(
        formData([
          ["version", "3"],
          ["criteria.0.name", "Technical"],
          ["criteria.0.descriptors.0", "None"],
          ["criteria.0.descriptors.1", "Some"],
          ["criteria.0.children.0.name", "Integration"],
          ["criteria.1.name", "Price"],
        ]),
      ),
    ).toEqual({
      version: "3",
      criteria: [
        { name: "Technical", descriptors: ["None", "Some"], children: [{ name: "Integration" }] },
        { name: "Price" },
      ],
    });
  });

  it("closes gaps left by removed rows, keeps the first of repeated names, ignores files and prototype keys", () => {
    const data = formData([
      ["rows.2.name", "third"],
      ["rows.0.name", "first"],
      ["rows.0.name", "again"],
      ["__proto__.polluted", "yes"],
      ["a..b", "empty segment"],
    ]);
    data.append("file", new Blob(["x"]), "x.txt");
    const values = nestedFormValues(data);
    expect(values).toEqual({ rows: [{ name: "first" }, { name: "third" }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not let a name turn a list into an object or a value into a list", () => {
    expect(
      nestedFormValues(
        formData([
          ["rows.0", "x"],
          ["rows.name", "y"],
          ["title", "t"],
          ["title.0", "u"],
        ]),
      ),
    ).toEqual({ rows: ["x"], title: "t" });
  });
});
