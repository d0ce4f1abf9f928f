import { defineConfig } from "vitest/config";

// Test files start real worker processes; running them one file at a time keeps the two
// cores for the workers under test (timing-sensitive kill -9 and pause tests).
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } });
