// A book job indexes the content its id names. A file edited (or removed) after the run was
// queued is another book: fail this job for good and let the next ingest pick the new content.
import { sha256File } from "@ai-library/shared/index";
import { BookLoadError } from "@ai-library/shared/loaders";
import { formatBookFailure, type IngestBookPayload } from "@ai-library/shared/queue";
import { UnrecoverableError } from "bullmq";

export async function assertContentUnchanged(book: IngestBookPayload): Promise<void> {
  let hash: string;
  try {
    hash = await sha256File(book.absPath);
  } catch (error) {
    const unreadable = new BookLoadError("corrupt", book.file, `файл не читается: ${(error as Error).message}`);
    throw new UnrecoverableError(formatBookFailure(unreadable.kind, unreadable.message));
  }
  if (hash !== book.bookId) {
    throw new UnrecoverableError(
      `${book.file}: файл изменился после постановки индексации в очередь; запустите индексацию снова, чтобы проиндексировать новое содержимое`,
    );
  }
}
