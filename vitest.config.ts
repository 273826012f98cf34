import { defineConfig } from "vitest/config";

// Four projects: fast unit tests; integration tests on a real database (PGlite by default, PostgreSQL when
// TEST_POSTGRES_URL is set) and the Shopify stand-in over HTTP; the browser test against the production build.
export default defineConfig({
  test: {
    setupFiles: ["tests/helpers/fail-on-console-error.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/build.global.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Pages load while the other projects keep both cores busy: polls wait up to 15 s, not 1.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
