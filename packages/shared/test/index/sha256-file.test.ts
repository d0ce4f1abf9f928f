import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256File } from "../../src/index/index.js";

describe("sha256File", () => {
  it("matches sha256 of the whole file for every size around its 1 MiB read block", async () => {
    // Manifests, backups and book ids all rest on it; a block edge dropped or read twice
    // would make every generation of that size fail verification.
    const dir = mkdtempSync(join(tmpdir(), "sha256-file-"));
    const MiB = 1024 * 1024;
    for (const bytes of [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 12345]) {
      const content = Buffer.alloc(bytes);
      for (let at = 0; at < bytes; at++) content[at] = (at * 31 + (at >> 20)) & 0xff;
      const path = join(dir, `file-${bytes}`);
      writeFileSync(path, content);
      expect(await sha256File(path), `${bytes} bytes`).toBe(createHash("sha256").update(content).digest("hex"));
    }
  });

  it("rejects with the path when the file cannot be read", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "sha256-file-")), "gone.faiss");
    await expect(sha256File(missing)).rejects.toThrow(missing);
  });
});
