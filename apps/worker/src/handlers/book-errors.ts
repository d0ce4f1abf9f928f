// Decides whether a failed book is worth another attempt. A damaged, encrypted or scanned book
// fails the same way every time: UnrecoverableError, no retry. A timeout, a memory cap, a 429 or
// a Redis blip may pass: a plain error, retried with exponential backoff.
import { BookLoadError, isPermanentBookError } from "@ai-library/shared/loaders";
import { formatBookFailure } from "@ai-library/shared/queue";
import { UnrecoverableError } from "bullmq";

/**
 * A parser that died of SIGTERM/SIGINT/SIGHUP was stopped from outside (systemd stopping the
 * whole service, an operator), not by the book: that is no reason to give up on the book.
 */
function stoppedFromOutside(error: BookLoadError): boolean {
  return error.kind === "corrupt" && /signal SIG(TERM|INT|HUP)\b/.test(error.detail);
}

export function toBookJobError(error: unknown): Error {
  if (error instanceof BookLoadError) {
    const message = formatBookFailure(error.kind, error.message);
    return isPermanentBookError(error.kind) && !stoppedFromOutside(error)
      ? new UnrecoverableError(message)
      : new Error(message);
  }
  return error instanceof Error ? error : new Error(String(error));
}
