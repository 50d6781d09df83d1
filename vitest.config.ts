import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three suites, one runner:
 * - unit:        pure code beside it in app/ (domain rules, small utilities) and scripts/; no database.
 * - integration: loaders, actions and models against a real database: a fresh in-memory PGlite
 *                per test file, or a fresh PostgreSQL database per file when TEST_POSTGRES_URL
 *                is set (CI runs the suite both ways).
 * - e2e:         Playwright journeys in headless Chromium against the production build, served
 *                in-process on a random port with its own in-memory database per file.
 */
export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  esbuild: { jsx: "automatic" },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/postgres-template.ts"],
          setupFiles: ["tests/setup/database.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/chromium-check.ts"],
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
