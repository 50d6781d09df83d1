import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders Markdown structure", () => {
    expect(renderMarkdown("## Scope\n\n- Service desk\n- **24/7** monitoring")).toBe(
      "<h2>Scope</h2>\n<ul>\n<li>Service desk</li>\n<li><strong>24/7</strong> monitoring</li>\n</ul>\n",
    );
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript: and data: links but keeps https and mailto", () => {
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("href");
    expect(renderMarkdown("[x](data:text/html;base64,PHNjcmlwdD4=)")).not.toContain("href");
    expect(renderMarkdown("[site](https://vendor.example)")).toContain(
      '<a href="https://vendor.example" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
    expect(renderMarkdown("[mail](mailto:rfp@buyer.example)")).toContain('href="mailto:rfp@buyer.example"');
  });
});

describe("markdownToText", () => {
  it("keeps the words and link targets, drops the syntax", () => {
    expect(markdownToText("## Scope\n**Must** see [the annex](https://x.example/a).")).toBe(
      "Scope\nMust see the annex (https://x.example/a).",
    );
  });
});
