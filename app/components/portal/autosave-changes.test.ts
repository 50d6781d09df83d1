import { describe, expect, it } from "vitest";
import { fieldsToPost } from "./autosave-changes";

const criterionOf = (name: string) => /^(?:score|comment):(.+)$/.exec(name)?.[1] ?? null;
const values = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("an autosave that posts its changes", () => {
  const saved = values({ version: "3", "score:a": "3", "comment:a": "Solid", "score:b": "", "comment:b": "" });

  it("posts both fields of each criterion with a change, and nothing else", () => {
    const now = values({ version: "4", "score:a": "3", "comment:a": "Solid", "score:b": "2", "comment:b": "" });
    expect(fieldsToPost(now, saved, criterionOf)).toEqual(["score:b", "comment:b"]);
    const comment = values({ ...Object.fromEntries(saved), "comment:a": "Solid\r\nand evidenced" });
    expect(fieldsToPost(comment, saved, criterionOf)).toEqual(["score:a", "comment:a"]);
  });

  it("posts nothing when the form is back to what was saved (line breaks as stored)", () => {
    const multiline = values({ "score:a": "1", "comment:a": "Two\nlines" });
    expect(fieldsToPost(values({ "score:a": "1", "comment:a": "Two\r\nlines" }), multiline, criterionOf)).toEqual([]);
    expect(fieldsToPost(saved, saved, criterionOf)).toEqual([]);
  });

  it("treats a field the server never saw as changed once it holds something", () => {
    expect(fieldsToPost(values({ "score:c": "4", "comment:c": "" }), saved, criterionOf)).toEqual([
      "score:c",
      "comment:c",
    ]);
  });
});
