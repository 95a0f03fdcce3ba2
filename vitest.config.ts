import { configDefaults, defineConfig } from "vitest/config";

// The site tests share one site build (tests/setup/build-site.ts); keeping them in their own
// project means unit-test runs do not pay for it.
const SITE_TESTS = [
  "tests/offline-build.test.ts",
  "tests/site.browser.test.ts",
  "tests/pages.browser.test.ts",
  "tests/pages-hostile.browser.test.ts",
  "tests/exports.browser.test.ts",
  "tests/pages-levels.browser.test.ts",
  "tests/site-data.browser.test.ts",
  "tests/site-preview.browser.test.ts",
  "tests/review.browser.test.ts",
  "tests/explore-link.browser.test.ts"
];

export default defineConfig({
  // The pages' components import npm packages the Framework way (npm:d3): the same packages from node_modules.
  resolve: { alias: [{ find: /^npm:(.*)$/, replacement: "$1" }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: [...configDefaults.exclude, ...SITE_TESTS] }
      },
      {
        extends: true,
        test: {
          name: "site",
          include: SITE_TESTS,
          globalSetup: ["tests/setup/build-site.ts"],
          // a cold headless Chromium compiling the DuckDB wasm on a 2-core machine takes seconds
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      }
    ]
  }
});
