// Reads every file under a folder, line by line, and reports each line that contains one of
// the given secrets, as file:line — the evidence the secrets check prints when it fails.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface SecretFinding {
  file: string;
  line: number;
  /** Which secret (by index in the needles list), never the secret itself. */
  needle: number;
}

export interface ScanResult {
  files: number;
  lines: number;
  findings: SecretFinding[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function scanForSecrets(root: string, needles: readonly string[]): ScanResult {
  const result: ScanResult = { files: 0, lines: 0, findings: [] };
  for (const file of listFiles(root)) {
    result.files += 1;
    // latin1 keeps every byte as one character, so a secret is found even in a file that is
    // not valid UTF-8 (a child's output cut mid-character).
    const lines = readFileSync(file, "latin1").split("\n");
    result.lines += lines.length;
    lines.forEach((text, index) => {
      const needle = needles.findIndex((secret) => text.includes(secret));
      if (needle >= 0) result.findings.push({ file: relative(root, file), line: index + 1, needle });
    });
  }
  return result;
}
