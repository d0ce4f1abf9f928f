// A failed child job carries only a text reason in BullMQ. The error kind travels in front of
// it ("[encrypted] books/x.pdf: …") so the run report can group failures and say what to do.
import { BOOK_ERROR_KINDS, type BookErrorKind } from "../loaders/types.js";

const KINDS: readonly BookErrorKind[] = BOOK_ERROR_KINDS;

export function formatBookFailure(kind: BookErrorKind | undefined, message: string): string {
  return kind ? `[${kind}] ${message}` : message;
}

export function parseBookFailure(reason: string): { errorKind?: BookErrorKind; reason: string } {
  const match = /^\[([a-z_]+)\] ([\s\S]*)$/.exec(reason);
  const kind = KINDS.find((candidate) => candidate === match?.[1]);
  return kind && match?.[2] !== undefined ? { errorKind: kind, reason: match[2] } : { reason };
}
