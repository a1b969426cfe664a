import { defineConfig } from "vitest/config";

const alias = { "@": import.meta.dirname };
const exclude = ["node_modules/**", ".next/**", "e2e/**", ".data/**"];

const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: reportDir ? ["default", ["json", { outputFile: `${reportDir}/vitest-${process.env.VITEST_REPORT_NAME ?? "run"}.json` }]] : ["default"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
          environment: "node",
          // A timeout catches a hang, not slowness: property tests run long on a loaded 2-core machine.
          testTimeout: 120_000,
          env: { NODE_ENV: "test" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          // On a real server every file gets its own database. The embedded PGlite has only one, and
          // the render, runner and seed tests own shared state in it (inngest_local, the catalog):
          // there the files run one at a time.
          fileParallelism: Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL),
          include: ["**/*.int.test.ts"],
          exclude,
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/setup-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: "test" },
        },
      },
    ],
  },
});
