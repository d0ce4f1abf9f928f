// Recognised text per page, keyed by the SHA-256 of the rendered page image together with what
// else shapes the result (languages, resolution, Tesseract's version). A re-ingest, a retry after
// a crash or a kill -9 in the middle of a book finds every page finished before and does not run
// Tesseract on it again. Each entry is written to a temp file and renamed into place, so a
// reader sees a whole entry or none, whenever the process dies.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OcrSettings } from "./ocr-settings.js";

export interface OcrCache {
  /** The key of a rendered page under these settings. */
  keyOf(image: Buffer): string;
  get(key: string): Promise<string | undefined>;
  put(key: string, text: string): Promise<void>;
}

type CacheSettings = Pick<OcrSettings, "cacheDir" | "languages" | "dpi" | "engineVersion">;

export function openOcrCache(settings: CacheSettings): OcrCache {
  const recipe = `${settings.engineVersion}\n${settings.languages}\n${settings.dpi}\n`;
  const pathOf = (key: string) => join(settings.cacheDir, key.slice(0, 2), `${key}.txt`);
  return {
    keyOf: (image) => createHash("sha256").update(recipe).update(image).digest("hex"),
    async get(key) {
      try {
        return await readFile(pathOf(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async put(key, text) {
      const file = pathOf(key);
      await mkdir(join(settings.cacheDir, key.slice(0, 2)), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temp, text, { mode: 0o600 });
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },
  };
}
