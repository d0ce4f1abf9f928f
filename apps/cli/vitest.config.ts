import { defineConfig } from "vitest/config";
// CLI tests spawn real processes that parse books and build indexes: generous per-test bounds.
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 120_000 } });
