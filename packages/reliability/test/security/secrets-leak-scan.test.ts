// Issue #9 item 10, the suite-wide part: after every other file of `pnpm test:reliability` has
// run (SecretsLastSequencer puts this file last), every line under .logs/<run>/ — each process's
// LOG_DIR, captured stdout/stderr, what the tests printed, failure messages — is searched for
// the suite's bot token, API key and webhook secret. One hit fails the run with file:line.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { suiteRunDir } from "../support/suite-logs.js";
import { SUITE_SECRET_NEEDLES, SUITE_SECRETS } from "../support/suite-secrets.js";
import { scanForSecrets } from "./secrets-scan.js";

const needles = SUITE_SECRET_NEEDLES.map(({ value }) => value);

describe("secrets in the suite's logs", () => {
  it("the scan finds a planted secret and names its file and line", () => {
    // Proves the check below can fail: the same scan over a folder with one leaked line.
    const dir = mkdtempSync(join(tmpdir(), "secrets-scan-"));
    try {
      writeFileSync(join(dir, "clean.log"), "INFO started\n".repeat(3));
      writeFileSync(join(dir, "leaky.log"), `INFO a\nERROR GET /bot${SUITE_SECRETS.TELEGRAM_BOT_TOKEN}/getMe failed\n`);
      writeFileSync(join(dir, "key.log"), `x\ny\nAuthorization: Bearer ${SUITE_SECRETS.OPENAI_API_KEY}\n`);
      const result = scanForSecrets(dir, needles);
      expect(result.findings.map(({ file, line }) => `${file}:${line}`).sort()).toEqual(["key.log:3", "leaky.log:2"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("no log line written during this run contains the bot token, an API key or the webhook secret", () => {
    const runDir = suiteRunDir();
    const result = scanForSecrets(runDir, needles);
    const where = result.findings.map(
      ({ file, line, needle }) => `${join(runDir, file)}:${line} (${SUITE_SECRET_NEEDLES[needle]?.variable})`,
    );
    console.info(`secrets scan: ${result.files} files, ${result.lines} lines under ${runDir}`);
    expect(where, `secrets found in logs:\n${where.join("\n")}`).toEqual([]);
  });
});
