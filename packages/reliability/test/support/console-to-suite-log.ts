// A reporter that copies what the tests themselves print (console output, failure messages,
// which often quote a child's log) into .logs/<run>/captured/, so the secrets scan sees it too.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { UserConsoleLog } from "vitest";
import type { Reporter, TestCase } from "vitest/node";
import { SUITE_LOGS_ROOT } from "./suite-logs.js";

function append(name: string, text: string): void {
  const runId = process.env.RELIABILITY_RUN_ID;
  if (!runId) return;
  const dir = join(SUITE_LOGS_ROOT, runId, "captured");
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, name), text.endsWith("\n") ? text : `${text}\n`);
}

export class ConsoleToSuiteLog implements Reporter {
  onUserConsoleLog(log: UserConsoleLog): void {
    append("vitest-console.out", log.content);
  }

  onTestCaseResult(testCase: TestCase): void {
    for (const error of testCase.result().errors ?? []) {
      append("vitest-failures.out", `${testCase.fullName}: ${error.message}\n${error.stack ?? ""}`);
    }
  }
}
