import { defineConfig } from "vitest/config";

// End-to-end tests start the real bot process (several seconds of module loading on a
// 2-core machine), hence the generous hook timeout.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 120_000, globalSetup: ["test/build-search-process.ts"] },
});
