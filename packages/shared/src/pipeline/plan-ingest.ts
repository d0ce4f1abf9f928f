// Step 1 of every ingest, inline or queued: scan the books folder and keep one file per content.
// Rejected files and duplicates are reported here, once, and never reach a parser or a job.
import type { LibraryFile } from "./scan-library.js";
import { scanLibrary } from "./scan-library.js";
import type { BookOutcome } from "./types.js";

export interface IngestPlan {
  /** One file per distinct content, in scan order: the books to reuse or prepare. */
  books: LibraryFile[];
  /** Rejected by the scan, then duplicates: reported as they are, with no work to do. */
  skipped: BookOutcome[];
  /** Supported files found, duplicates included (the "nothing to publish" message tells 0 apart). */
  booksFound: number;
}

/** The first file with a given content is the book; later ones name it as their original. */
function removeDuplicates(files: LibraryFile[]): { unique: LibraryFile[]; duplicates: BookOutcome[] } {
  const firstFileOf = new Map<string, string>();
  const unique: LibraryFile[] = [];
  const duplicates: BookOutcome[] = [];
  for (const book of files) {
    const first = firstFileOf.get(book.bookId);
    if (first) {
      duplicates.push({
        file: book.file,
        status: "duplicate",
        bookId: book.bookId,
        reason: `то же содержимое, что у ${first}`,
      });
    } else {
      firstFileOf.set(book.bookId, book.file);
      unique.push(book);
    }
  }
  return { unique, duplicates };
}

export async function planIngest(folder: string): Promise<IngestPlan> {
  const scan = await scanLibrary(folder);
  const { unique, duplicates } = removeDuplicates(scan.files);
  const rejected: BookOutcome[] = scan.rejected.map((error) => ({
    file: error.file,
    status: "failed",
    errorKind: error.kind,
    reason: error.message,
  }));
  return { books: unique, skipped: [...rejected, ...duplicates], booksFound: scan.files.length };
}
