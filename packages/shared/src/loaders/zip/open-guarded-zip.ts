// Opens a zip-based book (EPUB, FB2.ZIP) only after its central directory passes the size caps.
// Zip bombs are stopped twice: the declared sizes must fit the cap before anything is inflated,
// and each entry then inflates at most to its declared size (adm-zip's synchronous getData
// passes the declared size to zlib as maxOutputLength), so a header that lies cannot help.
import { stat } from "node:fs/promises";
import AdmZip from "adm-zip";
import { BookLoadError } from "../types.js";

// Deflate never grows data by more than a few bytes per 16 KiB block; a bigger compressed
// size than this means the declared uncompressed size is a lie.
const maxHonestCompressedSize = (declared: number) => declared + Math.ceil(declared / 100) + 64;

export interface GuardedZip {
  names: string[];
  /** Inflates one entry, never beyond its declared size. Throws when the entry is missing or damaged. */
  read(name: string): Buffer;
}

function openZip(path: string): AdmZip {
  try {
    return new AdmZip(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BookLoadError("corrupt", path, `не читается как zip-архив: ${reason}`);
  }
}

export async function openGuardedZip(path: string, maxUncompressedBytes: number): Promise<GuardedZip> {
  const { size } = await stat(path);
  if (size > maxUncompressedBytes) {
    throw new BookLoadError("too_large", path, `размер файла ${size} байт, предел ${maxUncompressedBytes}`);
  }
  const zip = openZip(path);
  const entries = zip.getEntries().filter((entry) => !entry.isDirectory);
  if (entries.length === 0) throw new BookLoadError("corrupt", path, "в zip-архиве нет файлов");
  let total = 0;
  for (const entry of entries) {
    const { size: declared, compressedSize } = entry.header;
    if (compressedSize > maxHonestCompressedSize(declared)) {
      throw new BookLoadError(
        "too_large",
        path,
        `запись ${entry.entryName} обещает ${declared} байт после распаковки, а сжата в ${compressedSize} байт (zip-бомба?)`,
      );
    }
    total += declared;
    if (total > maxUncompressedBytes) {
      throw new BookLoadError("too_large", path, `после распаковки больше ${maxUncompressedBytes} байт (zip-бомба?)`);
    }
  }
  return {
    names: entries.map((entry) => entry.entryName),
    read(name) {
      const entry = zip.getEntry(name) ?? zip.getEntry(safeDecodeUri(name));
      if (!entry || entry.isDirectory) throw new Error(`в архиве нет записи ${name}`);
      try {
        return entry.getData();
      } catch (error) {
        // zlib stops at the declared size: the entry inflates to more than its header admits.
        if (error instanceof RangeError && Reflect.get(error, "code") === "ERR_BUFFER_TOO_LARGE") {
          throw new BookLoadError(
            "too_large",
            path,
            `запись ${name} при распаковке больше объявленного размера (zip-бомба?)`,
          );
        }
        throw error;
      }
    },
  };
}

function safeDecodeUri(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
