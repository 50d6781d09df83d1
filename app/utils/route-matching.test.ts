import { type AgnosticRouteObject, matchPath, matchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

/**
 * Guards the patch of @remix-run/router (scripts/patches, docs/performance.md): route matching
 * keeps each route array's ranked branches and every compiled path pattern instead of rebuilding
 * them on every call. Matching must give the same answers as before, per array.
 */
const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((match) => match.route.id) ?? null;

function rfpRoutes({ withNew = true } = {}): AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "/",
      children: [
        { id: "rfps", path: "rfps", children: [{ id: "rfps-index", index: true }] },
        ...(withNew ? [{ id: "rfp-new", path: "rfps/new" }] : []),
        {
          id: "rfp",
          path: "rfps/:rfpId",
          children: [
            { id: "rfp-index", index: true },
            { id: "sheet", path: "scoring/:invitationId" },
          ],
        },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

describe("route matching (patched @remix-run/router)", () => {
  it("ranks static segments above dynamic ones, on every call", () => {
    const routes = rfpRoutes();
    for (let call = 0; call < 3; call++) {
      expect(ids(matchRoutes(routes, "/rfps/new"))).toEqual(["root", "rfp-new"]);
      expect(ids(matchRoutes(routes, "/rfps/abc"))).toEqual(["root", "rfp", "rfp-index"]);
      expect(ids(matchRoutes(routes, "/rfps/abc/scoring/def"))).toEqual(["root", "rfp", "sheet"]);
      expect(ids(matchRoutes(routes, "/rfps"))).toEqual(["root", "rfps", "rfps-index"]);
      expect(ids(matchRoutes(routes, "/nowhere/at/all"))).toEqual(["root", "splat"]);
    }
    expect(matchRoutes(routes, "/rfps/abc/scoring/def")?.at(-1)?.params).toEqual({
      rfpId: "abc",
      invitationId: "def",
    });
  });

  it("keeps the branches of each route array apart", () => {
    const withNew = rfpRoutes();
    const withoutNew = rfpRoutes({ withNew: false });
    expect(ids(matchRoutes(withNew, "/rfps/new"))).toEqual(["root", "rfp-new"]);
    expect(ids(matchRoutes(withoutNew, "/rfps/new"))).toEqual(["root", "rfp", "rfp-index"]);
    expect(ids(matchRoutes(withNew, "/rfps/new"))).toEqual(["root", "rfp-new"]);
  });

  it("reads a route array once (the server never changes its routes after the build)", () => {
    const routes: AgnosticRouteObject[] = [{ id: "item", path: "/items/:id" }];
    expect(ids(matchRoutes(routes, "/items/new"))).toEqual(["item"]);
    routes.push({ id: "new-item", path: "/items/new" });
    // The patch at work: the array's branches were ranked on the first call.
    expect(ids(matchRoutes(routes, "/items/new"))).toEqual(["item"]);
    expect(ids(matchRoutes([...routes], "/items/new"))).toEqual(["new-item"]);
  });

  it("matches ad-hoc patterns correctly beyond the bound of the pattern cache", () => {
    for (let n = 0; n < 1500; n++) {
      expect(matchPath(`/vendors/v${n}/:section`, `/vendors/v${n}/terms`)?.params).toEqual({ section: "terms" });
      expect(matchPath({ path: `/vendors/v${n}`, end: false }, `/vendors/v${n}/terms`)?.pathnameBase).toBe(
        `/vendors/v${n}`,
      );
      expect(matchPath({ path: `/Vendors/v${n}`, caseSensitive: true }, `/vendors/v${n}`)).toBeNull();
    }
  });
});

describe("route matching by first segment (patched @remix-run/router)", () => {
  const routes: AgnosticRouteObject[] = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "login", path: "login" },
        { id: "rfps", path: "rfps", children: [{ id: "rfps-index", index: true }] },
        { id: "rfp", path: "rfps/:rfpId" },
        { id: "portal", path: "v/:token", children: [{ id: "portal-index", index: true }] },
        { id: "lang", path: ":lang/about" },
        { id: "exact-case", path: "Reports", caseSensitive: true },
        { id: "optional", path: "files/:name?" },
        { id: "splat", path: "*" },
      ],
    },
  ];

  it("still tries dynamic and splat branches for a first segment no static route starts with", () => {
    expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "home"]);
    expect(ids(matchRoutes(routes, "/en/about"))).toEqual(["root", "lang"]);
    expect(ids(matchRoutes(routes, "/nowhere"))).toEqual(["root", "splat"]);
    expect(ids(matchRoutes(routes, "/login/extra"))).toEqual(["root", "splat"]);
  });

  it("keeps the rank between static and dynamic branches that share a first segment", () => {
    expect(ids(matchRoutes(routes, "/login"))).toEqual(["root", "login"]);
    expect(ids(matchRoutes(routes, "/rfps"))).toEqual(["root", "rfps", "rfps-index"]);
    expect(ids(matchRoutes(routes, "/rfps/r1"))).toEqual(["root", "rfp"]);
    // A dynamic first segment competes with the static one: "login/about" is ":lang/about".
    expect(ids(matchRoutes(routes, "/login/about"))).toEqual(["root", "lang"]);
    expect(ids(matchRoutes(routes, "/v/tok"))).toEqual(["root", "portal", "portal-index"]);
  });

  it("compares first segments without case unless the route is case-sensitive, and decodes them", () => {
    expect(ids(matchRoutes(routes, "/LOGIN"))).toEqual(["root", "login"]);
    expect(ids(matchRoutes(routes, "/Reports"))).toEqual(["root", "exact-case"]);
    expect(ids(matchRoutes(routes, "/reports"))).toEqual(["root", "splat"]);
    expect(ids(matchRoutes(routes, "/%6Cogin"))).toEqual(["root", "login"]);
  });

  it("matches exploded optional segments and partial matches", () => {
    expect(ids(matchRoutes(routes, "/files"))).toEqual(["root", "optional"]);
    expect(matchRoutes(routes, "/files/a.pdf")?.at(-1)?.params.name).toBe("a.pdf");
    expect(ids(matchRoutes(routes, "/login", "/"))).toEqual(["root", "login"]);
    expect(ids(matchRoutes(routes, "/app/login", "/app"))).toEqual(["root", "login"]);
  });
});

describe("remembered matches (patched @remix-run/router)", () => {
  it("gives every caller its own copy of a remembered match", () => {
    const routes = rfpRoutes();
    const first = matchRoutes(routes, "/rfps/abc/scoring/def");
    const root = first?.[0];
    if (!first || !root) throw new Error("no match");
    (root.params as Record<string, string>).rfpId = "changed by a caller";
    first.pop();
    const again = matchRoutes(routes, "/rfps/abc/scoring/def");
    expect(ids(again)).toEqual(["root", "rfp", "sheet"]);
    expect(again?.at(-1)?.params).toEqual({ rfpId: "abc", invitationId: "def" });
    // As unpatched: one params object shared by the matches of a result.
    expect(again?.[0]?.params).toBe(again?.[2]?.params);
    expect(again?.[1]?.pathnameBase).toBe("/rfps/abc");
    expect(matchRoutes(routes, "/rfps/xyz/scoring/def")?.at(-1)?.params.rfpId).toBe("xyz");
  });

  it("answers correctly beyond the bound of the memo, and remembers no-match too", () => {
    const routes: AgnosticRouteObject[] = [{ id: "item", path: "/items/:id" }];
    for (let n = 0; n < 1500; n++) expect(matchRoutes(routes, `/items/i${n}`)?.[0]?.params.id).toBe(`i${n}`);
    expect(matchRoutes(routes, "/items/i0")?.[0]?.params.id).toBe("i0");
    expect(matchRoutes(routes, "/elsewhere")).toBeNull();
    expect(matchRoutes(routes, "/elsewhere")).toBeNull();
  });
});
