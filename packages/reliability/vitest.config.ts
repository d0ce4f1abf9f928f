import { defineConfig } from "vitest/config";
import { ConsoleToSuiteLog } from "./test/support/console-to-suite-log.js";
import { SecretsLastSequencer } from "./test/support/secrets-last-sequencer.js";

// Every file starts real worker and bot processes against real Redis; one file at a time keeps
// the machine's cores for the processes under test, so faults land where the test aims them.
// globalSetup names this run's log folder (.logs/<run>/); the secrets scan runs as the last file
// and reads every log line the suite wrote there.
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    globalSetup: ["./test/support/global-setup.ts"],
    sequence: { sequencer: SecretsLastSequencer },
    reporters: ["default", new ConsoleToSuiteLog()],
  },
});
