// Bundles the Express server (scripts/server/main.ts and what it imports from app/) into
// build/server.js, so production runs plain Node with no TypeScript tooling.
// Packages stay external: PGlite and Prisma load their WASM files from node_modules.
import { build } from "esbuild";

await build({
  entryPoints: ["scripts/server/main.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  banner: { js: "// Built by scripts/build-server.mjs; do not edit." },
});
