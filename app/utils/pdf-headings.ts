import type { Node, NodeQueries } from "pdfmake/interfaces";

/**
 * Keep-with-next for headings in pdfmake documents. A heading is any node given a `headlineLevel`
 * (section headings 1, headings inside Markdown text 2); a document opts in by setting
 * `pageBreakBefore: keepHeadingsWithContent`. pdfmake lays the document out, asks this function
 * about every node in order, and starts a new page before each node it answers true for.
 *
 * pdfmake lays out running headers and footers as nodes of the page too (after the content), so a
 * document that has them gives them the style RUNNING_TEXT: they are not content a heading can be
 * kept with.
 */
export const SECTION_HEADING = 1;
export const TEXT_HEADING = 2;
export const RUNNING_TEXT = "runningText";

function isRunningText(node: Node) {
  return Array.isArray(node.style) ? node.style.includes(RUNNING_TEXT) : node.style === RUNNING_TEXT;
}

/** Nodes that put something on the page themselves (containers such as stacks only hold them). */
function isLeaf(node: Node) {
  return (
    node.text !== undefined ||
    node.image !== undefined ||
    node.canvas !== undefined ||
    node.svg !== undefined ||
    node.qr !== undefined
  );
}

/**
 * True when `node` is a heading with nothing but (possibly) other headings after it on its page
 * while its content continues on the next: it moves to the next page with its content. A heading
 * that is already the first thing on its page, or that ends the document, stays where it is.
 */
export function keepHeadingsWithContent(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  const content = (nodes: Node[]) => nodes.filter((candidate) => !isRunningText(candidate));
  // Its content (anything but another heading) starts on this page.
  if (content(queries.getFollowingNodesOnPage()).some((next) => next.headlineLevel === undefined)) return false;
  // Nothing follows it at all.
  if (content(queries.getNodesOnNextPage()).length === 0) return false;
  // Something is above it on this page (the containers enclosing it do not count): moving it helps.
  return content(queries.getPreviousNodesOnPage()).some(isLeaf);
}
