import { defineConfig } from "vitest/config";

// Each file builds its own set of namespaces and real processes; one file at a time keeps the
// machine's cores for the processes under test.
export default defineConfig({
  test: { testTimeout: 300_000, hookTimeout: 180_000, fileParallelism: false },
});
