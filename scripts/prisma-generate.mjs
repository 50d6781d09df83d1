// `prisma generate` without the native schema engine: generation never uses the engine, but the
// CLI insists that a binary exists, and would otherwise try to download one from outside the npm
// registry. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the check.
// Skips the work when the generated client is newer than the schema.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const schema = "prisma/schema.prisma";
const marker = "app/generated/prisma/client.ts";
// `--format` runs `prisma format` instead (npm run db:format), under the same workaround.
const format = process.argv.includes("--format");
const force = process.argv.includes("--force");
if (!format && !force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(schema).mtimeMs)
  process.exit(0);

const command = format ? ["format"] : ["generate", "--no-hints"];
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", ...command], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url),
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
