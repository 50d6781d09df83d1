/**
 * JavaScript and CSS a browser downloads for each route on a first visit, gzip'd, from the
 * production build's manifest: the entry, the route and every parent route with their imports.
 * `npx tsx scripts/bench/bundles.ts [route-filter]` prints them after `npm run build` (the bench
 * reports the same figures).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[]; css?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export function bundleSizes(publicDir = path.resolve("public")) {
  const buildDir = path.join(publicDir, "build");
  const manifestFile = fs.readdirSync(buildDir).find((file) => /^manifest-.*\.js$/.test(file));
  if (!manifestFile) throw new Error("no manifest: run npm run build first");
  const source = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
  const gzipped = new Map<string, number>();
  const size = (url: string) => {
    if (!gzipped.has(url)) gzipped.set(url, gzipSync(fs.readFileSync(path.join(publicDir, url))).length);
    return gzipped.get(url) ?? 0;
  };
  // Every route links the root stylesheet(s).
  const cssFiles = fs.readdirSync(path.join(buildDir, "_assets")).filter((file) => file.endsWith(".css"));
  const css = cssFiles.reduce((sum, file) => sum + size(`/build/_assets/${file}`), 0);
  return Object.values(manifest.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
      for (
        let current: ManifestRoute | undefined = route;
        current;
        current = current.parentId ? manifest.routes[current.parentId] : undefined
      ) {
        files.add(current.module);
        for (const file of current.imports ?? []) files.add(file);
      }
      const js = [...files].reduce((sum, file) => sum + size(file), 0);
      return { route: route.id.replace(/^routes\//, ""), js, css };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const filter = process.argv[2] ?? "";
  for (const row of bundleSizes().filter((candidate) => candidate.route.includes(filter))) {
    process.stdout.write(
      `${(row.js / 1024).toFixed(1).padStart(6)} KB JS  ${(row.css / 1024).toFixed(1)} KB CSS  ${row.route}\n`,
    );
  }
}
