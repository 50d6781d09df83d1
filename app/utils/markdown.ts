import MarkdownIt from "markdown-it";

/**
 * RFP text is Markdown written by leads (and later quoted to vendors). Raw HTML is switched off,
 * so nothing a user types can become markup beyond what Markdown itself produces, and links are
 * limited to http(s) and mailto. The same renderer runs on the server (pages, print, PDF) and in
 * the browser (live preview), so the preview is exactly what vendors will see.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
const SAFE_LINK = /^(https?:|mailto:|#|\/)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token && /^https?:/i.test(String(token.attrGet("href") ?? ""))) {
    token.attrSet("rel", "noopener noreferrer nofollow");
    token.attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Plain-text rendering (PDF, emails): Markdown syntax stripped to readable text. */
export function markdownToText(source: string): string {
  return source
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/```\w*/g, ""))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)")
    .replace(/^#{1,6}\s*/gm, "")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/(\*|_)(.*?)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}

/** The parsed token stream, for renderers other than HTML (the PDF): same parser, same link rules. */
export function markdownTokens(source: string) {
  return markdown.parse(source, {});
}
