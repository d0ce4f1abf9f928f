// What the parse child and its parent say to each other: the request (a command-line argument)
// and the reply (one IPC message).
import type { InProcessLimits } from "../load-book.js";
import type { BookErrorKind, ParsedBook } from "../types.js";

export interface ParseRequest {
  path: string;
  limits: InProcessLimits;
}

export type ParseReply =
  | { type: "parsed"; book: ParsedBook }
  /** Big books travel through a temp file: large IPC messages are slow and memory-hungry. */
  | { type: "parsed-file"; file: string }
  | { type: "failed"; kind: BookErrorKind; file: string; detail: string };

/** Above this many characters of text, the child hands the result over as a temp file. */
export const IPC_TEXT_LIMIT = 4 * 1024 * 1024;

const isPositive = (value: unknown): value is number => typeof value === "number" && value > 0;

/** Checks the request by hand rather than with zod: importing zod costs every child ~0.3 s of CPU. */
export function parseRequestFromArgument(argument: string | undefined): ParseRequest {
  const request: unknown = JSON.parse(argument ?? "null");
  if (typeof request !== "object" || request === null) throw new TypeError("parse request: expected an object");
  const path: unknown = Reflect.get(request, "path");
  const limits: unknown = Reflect.get(request, "limits");
  if (typeof path !== "string" || path === "") throw new TypeError("parse request: path must be a non-empty string");
  if (typeof limits !== "object" || limits === null) throw new TypeError("parse request: limits missing");
  const maxUncompressedBytes: unknown = Reflect.get(limits, "maxUncompressedBytes");
  const maxPages: unknown = Reflect.get(limits, "maxPages");
  if (!isPositive(maxUncompressedBytes)) throw new TypeError("parse request: maxUncompressedBytes must be > 0");
  if (maxPages !== undefined && !isPositive(maxPages)) throw new TypeError("parse request: maxPages must be > 0");
  return { path, limits: { maxUncompressedBytes, ...(maxPages !== undefined ? { maxPages } : {}) } };
}

export function isParseReply(message: unknown): message is ParseReply {
  if (typeof message !== "object" || message === null || !("type" in message)) return false;
  return message.type === "parsed" || message.type === "parsed-file" || message.type === "failed";
}
