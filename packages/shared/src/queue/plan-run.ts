// Plans a run from the books folder: scan, drop duplicate files (same content), report
// rejected files, and derive the run id from what was found.
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { type LibraryFile, scanLibrary } from "../pipeline/scan-library.js";
import { BooksFolderMissingError } from "./errors.js";
import type { SkippedBook } from "./payloads.js";
import { deriveRunId, type RunSettings } from "./run-id.js";

export interface RunPlan {
  runId: string;
  /** Absolute, symlinks resolved. */
  folder: string;
  /** One file per distinct content, in scan order. */
  books: LibraryFile[];
  /** Rejected by the scan, or duplicates: reported without a job. */
  skipped: SkippedBook[];
}

function uniqueBooks(files: LibraryFile[]): { unique: LibraryFile[]; duplicates: SkippedBook[] } {
  const firstFileOf = new Map<string, string>();
  const unique: LibraryFile[] = [];
  const duplicates: SkippedBook[] = [];
  for (const book of files) {
    const first = firstFileOf.get(book.bookId);
    if (first)
      duplicates.push({
        file: book.file,
        status: "duplicate",
        bookId: book.bookId,
        reason: `same content as ${first}`,
      });
    else {
      firstFileOf.set(book.bookId, book.file);
      unique.push(book);
    }
  }
  return { unique, duplicates };
}

/** `force` makes a fresh run id for a deliberate re-run of the same books. */
export async function planRun(requestedFolder: string, settings: RunSettings, force = false): Promise<RunPlan> {
  let folder: string;
  try {
    folder = realpathSync(resolve(requestedFolder));
  } catch {
    throw new BooksFolderMissingError(resolve(requestedFolder));
  }
  const scan = await scanLibrary(folder);
  const { unique, duplicates } = uniqueBooks(scan.files);
  const skipped: SkippedBook[] = [
    ...scan.rejected.map((error) => ({
      file: error.file,
      status: "failed" as const,
      errorKind: error.kind,
      reason: error.message,
    })),
    ...duplicates,
  ];
  const nonce = force ? `${Date.now()}-${randomBytes(4).toString("hex")}` : undefined;
  return { runId: deriveRunId({ folder, books: unique, skipped, settings }, nonce), folder, books: unique, skipped };
}
