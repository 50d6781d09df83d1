import { describe, expect, it } from "vitest";
import { markdownToPdf } from "./markdown-pdf";

describe("markdownToPdf", () => {
  it("turns headings, numbered lists and quotes into pdfmake blocks", () => {
    const content = markdownToPdf("## Sites\n\n3. Leeds\n4. York\n\n> Quoted");
    expect(content[0]).toMatchObject({ text: [{ text: "Sites" }], bold: true, fontSize: 13 });
    expect(content[1]).toMatchObject({ ol: [{ text: [{ text: "Leeds" }] }, { text: [{ text: "York" }] }], start: 3 });
    expect(content[2]).toMatchObject({ stack: [{ text: [{ text: "Quoted" }] }], italics: true });
  });

  it("keeps tables with their header row and code as preformatted text", () => {
    const content = markdownToPdf("| Site | Staff |\n|---|---|\n| Leeds | 400 |\n\n```\nrun --fast\n```");
    expect(content[0]).toMatchObject({
      table: {
        headerRows: 1,
        body: [
          [
            { text: [{ text: "Site" }], bold: true },
            { text: [{ text: "Staff" }], bold: true },
          ],
          [
            { text: [{ text: "Leeds" }], bold: false },
            { text: [{ text: "400" }], bold: false },
          ],
        ],
      },
    });
    expect(content[1]).toMatchObject({ text: "run --fast", preserveLeadingSpaces: true });
  });

  it("keeps safe links and drops unsafe ones to plain text, as the HTML does", () => {
    const [safe, unsafe] = markdownToPdf("[Portal](https://example.com)\n\n[Click](javascript:alert(1))");
    expect(safe).toMatchObject({ text: [{ text: "Portal", link: "https://example.com" }] });
    expect(JSON.stringify(unsafe)).not.toContain('"link"');
    expect(JSON.stringify(unsafe)).toContain("javascript:alert(1)");
  });

  it("nests lists inside list items", () => {
    const [list] = markdownToPdf("- Tier 1\n  - Password resets\n- Tier 2");
    expect(list).toMatchObject({
      ul: [
        { stack: [{ text: [{ text: "Tier 1" }] }, { ul: [{ text: [{ text: "Password resets" }] }] }] },
        { text: [{ text: "Tier 2" }] },
      ],
    });
  });
});
