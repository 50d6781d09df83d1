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
