// Every way a book can fail must survive the trip through Redis: the kind written in front of
// a failed child job's reason is read back, and the run report's schema accepts it. Both are
// built from loaders/types.ts's one list, so a kind added there is known everywhere.
import { describe, expect, it } from "vitest";
import { BOOK_ERROR_KINDS, BookLoadError } from "../../src/loaders/types.js";
import { formatBookFailure, parseBookFailure } from "../../src/queue/book-failure.js";
import { failedBookSchema } from "../../src/queue/payloads.js";

describe("book failure kinds through the queue", () => {
  it.each(BOOK_ERROR_KINDS)("%s: travels in a job's reason and is accepted in a run report", (kind) => {
    const error = new BookLoadError(kind, "books/x.pdf", "detail");
    const reason = formatBookFailure(error.kind, error.message);
    expect(parseBookFailure(reason)).toEqual({ errorKind: kind, reason: error.message });
    expect(failedBookSchema.parse({ file: "books/x.pdf", reason: error.message, errorKind: kind }).errorKind).toBe(
      kind,
    );
  });

  it("keeps an unknown bracketed word as part of the reason", () => {
    expect(parseBookFailure("[surprise] books/x.pdf: broken")).toEqual({ reason: "[surprise] books/x.pdf: broken" });
  });
});
