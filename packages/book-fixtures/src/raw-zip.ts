// A minimal zip writer for hostile fixtures: it takes entries that are already compressed
// and lets the declared sizes differ from the real ones, which no honest zip library allows.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";

export interface RawZipEntry {
  name: string;
  method: 0 | 8; // stored | deflated
  /** Compressed bytes, possibly in many pieces (a bomb repeats one piece many times). */
  chunks: Buffer[];
  crc32: number;
  /** The uncompressed size written into the headers (a lying bomb understates it). */
  declaredSize: number;
}

function localHeader(entry: RawZipEntry, name: Buffer, compressedSize: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt16LE(0x0800, 6); // UTF-8 names
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(0, 10); // DOS time/date
  header.writeUInt32LE(entry.crc32 >>> 0, 14);
  header.writeUInt32LE(compressedSize, 18);
  header.writeUInt32LE(entry.declaredSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28); // no extra field
  return Buffer.concat([header, name]);
}

function centralHeader(entry: RawZipEntry, name: Buffer, compressedSize: number, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // version made by
  header.writeUInt16LE(20, 6); // version needed
  header.writeUInt16LE(0x0800, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt32LE(0, 12);
  header.writeUInt32LE(entry.crc32 >>> 0, 16);
  header.writeUInt32LE(compressedSize, 20);
  header.writeUInt32LE(entry.declaredSize, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name]);
}

export async function writeRawZip(path: string, entries: RawZipEntry[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = (bytes: Buffer) => {
    out.write(bytes);
    offset += bytes.length;
  };
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressedSize = entry.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    central.push(centralHeader(entry, name, compressedSize, offset));
    write(localHeader(entry, name, compressedSize));
    for (const chunk of entry.chunks) write(chunk);
  }
  const centralStart = offset;
  const centralBytes = Buffer.concat(central);
  write(centralBytes);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(centralStart, 16);
  write(end);
  out.end();
  await finished(out);
}
