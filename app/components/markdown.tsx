import { renderMarkdown } from "~/utils/markdown";

/** Markdown as HTML. Safe to inject: the renderer has raw HTML switched off (utils/markdown). */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = { __html: renderMarkdown(source) };
  return (
    <div
      className={className ? `prose ${className}` : "prose"}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it runs with html:false, so no raw HTML survives.
      dangerouslySetInnerHTML={html}
    />
  );
}
