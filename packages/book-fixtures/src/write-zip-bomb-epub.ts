// A hostile EPUB: valid container and package, but one chapter inflates to `uncompressedBytes`
// from a few kilobytes. Cheap to build: one deflated megabyte is repeated, not compressed anew.
import { constants, crc32, deflateRawSync } from "node:zlib";
import { CONTAINER_XML, packageDocument } from "./epub-documents.js";
import { type RawZipEntry, writeRawZip } from "./raw-zip.js";

export interface ZipBombOptions {
  /** Declare a tiny uncompressed size in the headers while the data still inflates to the full size. */
  lieAboutSize?: boolean;
  /** The uncompressed size the headers claim, for a lie that still looks plausible (bigger than the compressed data). */
  declaredSize?: number;
}

const PIECE = 1024 * 1024;
const MAX_ZIP32 = 0xffff_ffff;
// A final, empty fixed-Huffman deflate block: ends the stream after the flushed pieces.
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

function deflatedEntry(name: string, text: string): RawZipEntry {
  const data = Buffer.from(text, "utf8");
  return { name, method: 8, chunks: [deflateRawSync(data)], crc32: crc32(data), declaredSize: data.length };
}

/** Deflates `piece` as non-final blocks ending on a byte boundary (full flush), so copies of it can be concatenated. */
function flushedPiece(piece: Buffer): Buffer {
  return deflateRawSync(piece, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
}

function bombEntry(uncompressedBytes: number, options: ZipBombOptions): RawZipEntry {
  const piece = Buffer.alloc(PIECE, 0x20);
  const fullPieces = Math.floor(uncompressedBytes / PIECE);
  const rest = piece.subarray(0, uncompressedBytes % PIECE);
  const compressedPiece = flushedPiece(piece);
  const chunks: Buffer[] = Array.from({ length: fullPieces }, () => compressedPiece);
  let crc = 0;
  for (let i = 0; i < fullPieces; i += 1) crc = crc32(piece, crc);
  if (rest.length > 0) {
    chunks.push(flushedPiece(rest));
    crc = crc32(rest, crc);
  }
  chunks.push(FINAL_EMPTY_BLOCK);
  const declaredSize = options.declaredSize ?? (options.lieAboutSize ? 1000 : uncompressedBytes);
  return { name: "OEBPS/chapter-001.xhtml", method: 8, chunks, crc32: crc, declaredSize };
}

export async function writeZipBombEpub(
  path: string,
  uncompressedBytes: number,
  options: ZipBombOptions = {},
): Promise<void> {
  if (uncompressedBytes > MAX_ZIP32) throw new Error("writeZipBombEpub: sizes over 4 GiB need zip64, not supported");
  const mimetype = Buffer.from("application/epub+zip");
  const meta = { title: "Zip bomb", language: "en" };
  await writeRawZip(path, [
    { name: "mimetype", method: 0, chunks: [mimetype], crc32: crc32(mimetype), declaredSize: mimetype.length },
    deflatedEntry("META-INF/container.xml", CONTAINER_XML),
    deflatedEntry("OEBPS/content.opf", packageDocument(meta, 1)),
    bombEntry(uncompressedBytes, options),
  ]);
}
