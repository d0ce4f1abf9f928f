// Vector rows written in the thread pool (queued-file-writes.ts): every byte lands where it
// belongs whatever order the pool finishes in, past the queue's limit rows are written at once,
// and a write that fails is reported by `settled` and refuses the next one — a publish never
// goes on with a file missing rows.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { queueFileWrites } from "../../src/index/generation/queued-file-writes.js";

const dir = mkdtempSync(join(tmpdir(), "queued-writes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (value: number, floats: number) => new Float32Array(floats).fill(value);

describe("queued file writes", () => {
  it("puts every row at its place, queued and, past 16 MiB queued, written at once", async () => {
    const path = join(dir, "rows.f32");
    const fd = openSync(path, "w");
    const writes = queueFileWrites(fd);
    // 40 groups of 1500 rows of 384 floats: 2.3 MB each, 92 MB in all, well past the limit.
    const floats = 384;
    const rowsPerGroup = 1500;
    const groups = 40;
    for (let group = 0; group < groups; group++) {
      const rows = Array.from({ length: rowsPerGroup }, (_, at) => row(group * rowsPerGroup + at, floats));
      writes.write(rows, 8 + group * rowsPerGroup * floats * 4);
    }
    await writes.settled();
    closeSync(fd);
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(8 + groups * rowsPerGroup * floats * 4);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset + 8, groups * rowsPerGroup * floats);
    for (let at = 0; at < groups * rowsPerGroup; at += 997) {
      expect(values[at * floats]).toBe(at);
      expect(values[at * floats + floats - 1]).toBe(at);
    }
  });

  it("reports a failed write from settled and refuses the next write with it", async () => {
    const path = join(dir, "read-only.f32");
    writeFileSync(path, "");
    const fd = openSync(path, "r");
    const writes = queueFileWrites(fd);
    writes.write([row(1, 4)], 0);
    await expect(writes.settled()).rejects.toThrow(/EBADF/);
    expect(() => writes.write([row(2, 4)], 16)).toThrow(/EBADF/);
    closeSync(fd);
  });
});
