// Applies the patches in scripts/patches to node_modules (patch-package; see docs/dependencies.md).
// Run by `npm run generate`, which every script that builds, serves or tests runs first: `.npmrc`
// sets ignore-scripts=true (no dependency may download a binary at install time, decision 002),
// which also keeps a `postinstall` from running. Quiet unless something fails; idempotent.
import { spawnSync } from "node:child_process";

const result = spawnSync(process.execPath, ["node_modules/patch-package/index.js", "--patch-dir", "scripts/patches"], {
  encoding: "utf8",
});
if (result.status !== 0) {
  process.stderr.write(`${result.stdout}${result.stderr}`);
  process.stderr.write(
    "Could not apply scripts/patches (see above). After a dependency upgrade: re-measure, then regenerate or drop the patch.\n",
  );
}
process.exit(result.status ?? 1);
