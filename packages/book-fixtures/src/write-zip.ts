// Writes a zip archive with yazl, entry by entry in the given order. EPUB needs this control:
// `mimetype` must come first, stored (not deflated) and without extra fields.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** false stores the entry uncompressed (EPUB mimetype). */
  compress?: boolean;
}

// A fixed timestamp keeps the fixtures byte-for-byte reproducible.
const FIXED_MTIME = new Date("2024-01-01T00:00:00Z");

export async function writeZip(path: string, entries: ZipEntry[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    // forceDosTimestamp: no extended-timestamp extra field (OCF forbids one on mimetype).
    zip.addBuffer(data, entry.name, { compress: entry.compress ?? true, mtime: FIXED_MTIME, forceDosTimestamp: true });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}
