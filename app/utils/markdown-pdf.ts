import type { Content, TableCell } from "pdfmake/interfaces";
import { markdownTokens } from "./markdown";
import { TEXT_HEADING } from "./pdf-headings";

/**
 * Markdown as pdfmake content, from the same parser (and link rules) as the HTML pages, so the
 * PDF says what the screen says: paragraphs, headings, lists, quotes, code, tables, emphasis and
 * links. Anything else falls back to its text.
 */
type Token = ReturnType<typeof markdownTokens>[number];
type Fragment = {
  text: string;
  bold?: boolean;
  italics?: boolean;
  link?: string;
  decoration?: "lineThrough";
  background?: string;
  color?: string;
};

const HEADING_SIZES: Record<string, number> = { h1: 14, h2: 13, h3: 12, h4: 11, h5: 10.5, h6: 10.5 };

export function markdownToPdf(source: string): Content[] {
  const tokens = markdownTokens(source);
  return parseBlocks(tokens, 0, tokens.length).content;
}

/** Blocks from tokens[start] up to (not including) the token closing the current container. */
function parseBlocks(tokens: Token[], start: number, end: number): { content: Content[]; next: number } {
  const content: Content[] = [];
  let index = start;
  while (index < end) {
    const token = tokens[index];
    if (!token) break;
    if (token.nesting === -1) return { content, next: index };
    switch (token.type) {
      case "paragraph_open": {
        const inline = tokens[index + 1];
        content.push({ text: inlineFragments(inline), margin: [0, 0, 0, token.hidden ? 2 : 6] });
        index += 3;
        continue;
      }
      case "heading_open": {
        const inline = tokens[index + 1];
        content.push({
          text: inlineFragments(inline),
          bold: true,
          fontSize: HEADING_SIZES[token.tag] ?? 11,
          margin: [0, 6, 0, 4],
          // Kept with what follows where the document asks for it (see pdf-headings).
          headlineLevel: TEXT_HEADING,
        });
        index += 3;
        continue;
      }
      case "bullet_list_open":
      case "ordered_list_open": {
        const items: Content[] = [];
        index++;
        while (tokens[index]?.type === "list_item_open") {
          const item = parseBlocks(tokens, index + 1, end);
          items.push(item.content.length === 1 && item.content[0] ? item.content[0] : { stack: item.content });
          index = item.next + 1;
        }
        index++; // list close
        const start = Number(token.attrGet("start") ?? 1);
        content.push(
          token.type === "bullet_list_open"
            ? { ul: items, margin: [0, 0, 0, 6] }
            : { ol: items, start, margin: [0, 0, 0, 6] },
        );
        continue;
      }
      case "blockquote_open": {
        const quote = parseBlocks(tokens, index + 1, end);
        content.push({ stack: quote.content, italics: true, color: "#4f5766", margin: [12, 0, 0, 6] });
        index = quote.next + 1;
        continue;
      }
      case "fence":
      case "code_block":
        content.push({
          text: token.content.replace(/\n$/, ""),
          fontSize: 9,
          background: "#eef0f4",
          preserveLeadingSpaces: true,
          margin: [0, 0, 0, 6],
        });
        break;
      case "hr":
        content.push({
          canvas: [{ type: "line", x1: 0, y1: 0, x2: 495, y2: 0, lineWidth: 0.5, lineColor: "#c4cad4" }],
          margin: [0, 4, 0, 8],
        });
        break;
      case "table_open": {
        const table = parseTable(tokens, index + 1);
        if (table.rows.length > 0) {
          content.push({
            table: { headerRows: table.headerRows, widths: table.rows[0]?.map(() => "*"), body: table.rows },
            layout: "lightHorizontalLines",
            fontSize: 9,
            margin: [0, 0, 0, 6],
          });
        }
        index = table.next;
        continue;
      }
      case "inline":
        content.push({ text: inlineFragments(token) });
        break;
      default:
        break;
    }
    index++;
  }
  return { content, next: index };
}

function parseTable(tokens: Token[], start: number) {
  const rows: TableCell[][] = [];
  let headerRows = 0;
  let row: TableCell[] | null = null;
  let index = start;
  for (; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || token.type === "table_close") break;
    if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) {
      rows.push(row);
      row = null;
    } else if ((token.type === "th_open" || token.type === "td_open") && row) {
      const inline = tokens[index + 1];
      row.push({ text: inline?.type === "inline" ? inlineFragments(inline) : "", bold: token.type === "th_open" });
    } else if (token.type === "thead_close") headerRows = rows.length;
  }
  return { rows, headerRows, next: index + 1 };
}

function inlineFragments(token: Token | undefined): Fragment[] {
  const fragments: Fragment[] = [];
  const style: Omit<Fragment, "text"> = {};
  for (const child of token?.children ?? []) {
    switch (child.type) {
      case "text":
        fragments.push({ ...style, text: child.content });
        break;
      case "softbreak":
        fragments.push({ ...style, text: " " });
        break;
      case "hardbreak":
        fragments.push({ ...style, text: "\n" });
        break;
      case "code_inline":
        fragments.push({ ...style, text: child.content, background: "#eef0f4" });
        break;
      case "strong_open":
        style.bold = true;
        break;
      case "strong_close":
        delete style.bold;
        break;
      case "em_open":
        style.italics = true;
        break;
      case "em_close":
        delete style.italics;
        break;
      case "s_open":
        style.decoration = "lineThrough";
        break;
      case "s_close":
        delete style.decoration;
        break;
      case "link_open":
        // markdown-it only emits links that passed the same safe-scheme check as the HTML.
        style.link = String(child.attrGet("href") ?? "");
        style.color = "#2348ad";
        break;
      case "link_close":
        delete style.link;
        delete style.color;
        break;
      case "image":
        fragments.push({ ...style, text: `[${child.content || "image"}]` });
        break;
      default:
        if (child.content) fragments.push({ ...style, text: child.content });
    }
  }
  return fragments.length > 0 ? fragments : [{ text: "" }];
}
