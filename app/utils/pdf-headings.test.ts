import type { Node, NodeQueries } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { keepHeadingsWithContent, RUNNING_TEXT, SECTION_HEADING, TEXT_HEADING } from "./pdf-headings";

/** A node as pdfmake describes it to pageBreakBefore: what it is and the pages it lies on. */
function node(fields: Partial<Node> & { page: number }): Node {
  const { page, ...rest } = fields;
  return {
    pageNumbers: [page],
    pages: 3,
    stack: false,
    startPosition: {
      pageNumber: page,
      pageOrientation: "portrait",
      pageInnerHeight: 730,
      pageInnerWidth: 495,
      left: 50,
      top: 56,
      verticalRatio: 0,
      horizontalRatio: 0,
    },
    ...rest,
  };
}

const body = (page: number, text = "Some text.") => node({ text, page });
const heading = (page: number, text = "Approvals") => node({ text, headlineLevel: SECTION_HEADING, page });
const footer = (page: number) => node({ text: `Page ${page} of 3`, style: RUNNING_TEXT, page });
/** The whole content is one stack spanning every page (pdfmake wraps the content array in one). */
const root = node({ stack: true, page: 1, pageNumbers: [1, 2, 3] });

/** The document in pdfmake's order, and the queries pdfmake would answer for `current` in it. */
function ask(current: Node, document: Node[]): boolean {
  const index = document.indexOf(current);
  const page = current.pageNumbers[0] ?? 1;
  const on = (nodes: Node[], pageNumber: number) => nodes.filter((each) => each.pageNumbers.includes(pageNumber));
  const queries: NodeQueries = {
    getFollowingNodesOnPage: () => on(document.slice(index + 1), page),
    getNodesOnNextPage: () => on(document.slice(index + 1), page + 1),
    getPreviousNodesOnPage: () => on(document.slice(0, index), page),
  };
  return keepHeadingsWithContent(current, queries);
}

describe("keepHeadingsWithContent (pdfmake pageBreakBefore)", () => {
  it("moves a heading that is the last thing on its page to the next page, with its content", () => {
    const approvals = heading(1);
    expect(ask(approvals, [root, body(1), approvals, body(2), footer(1), footer(2)])).toBe(true);
  });

  it("leaves a heading whose content starts on the same page", () => {
    const approvals = heading(1);
    expect(ask(approvals, [root, body(1), approvals, body(1), body(2), footer(1), footer(2)])).toBe(false);
  });

  it("does not count the running footer as content", () => {
    const approvals = heading(1);
    expect(ask(approvals, [root, body(1), approvals, footer(1), body(2), footer(2)])).toBe(true);
    const styled = node({ text: "Page 1", style: ["small", RUNNING_TEXT], page: 1 });
    expect(ask(approvals, [root, body(1), approvals, styled, body(2)])).toBe(true);
  });

  it("moves a heading followed on its page only by another heading (both go to the next page)", () => {
    const section = heading(1, "Recommendation");
    const inner = node({ text: "Award to Brightline", headlineLevel: TEXT_HEADING, page: 1 });
    const document = [root, body(1), section, inner, body(2), footer(1), footer(2)];
    expect(ask(section, document)).toBe(true);
    expect(ask(inner, document)).toBe(true);
  });

  it("counts a table starting on the page as content", () => {
    const approvals = heading(1);
    const table = node({ table: { body: [] }, page: 1, pageNumbers: [1, 2] });
    expect(ask(approvals, [root, body(1), approvals, table, body(1), body(2)])).toBe(false);
  });

  it("leaves a heading that is already first on its page (only its enclosing stack is above it)", () => {
    const approvals = heading(2);
    expect(ask(approvals, [root, body(1), approvals, footer(1), footer(2), body(3)])).toBe(false);
  });

  it("leaves a heading that ends the document", () => {
    const approvals = heading(1);
    expect(ask(approvals, [root, body(1), approvals, footer(1)])).toBe(false);
  });

  it("never moves anything but a heading", () => {
    const text = body(1);
    expect(ask(text, [root, body(1), text, footer(1), body(2)])).toBe(false);
  });
});
