// What the parse child and its parent say to each other over IPC.
import { z } from "zod";
import type { BookErrorKind, ParsedBook } from "../types.js";

export const parseRequestSchema = z.object({
  path: z.string().min(1),
  limits: z.object({ maxUncompressedBytes: z.number().positive(), maxPages: z.number().int().positive().optional() }),
});

export type ParseRequest = z.infer<typeof parseRequestSchema>;

export type ParseReply =
  | { type: "parsed"; book: ParsedBook }
  /** Big books travel through a temp file: large IPC messages are slow and memory-hungry. */
  | { type: "parsed-file"; file: string }
  | { type: "failed"; kind: BookErrorKind; file: string; detail: string };

/** Above this many characters of text, the child hands the result over as a temp file. */
export const IPC_TEXT_LIMIT = 4 * 1024 * 1024;

export function isParseReply(message: unknown): message is ParseReply {
  if (typeof message !== "object" || message === null || !("type" in message)) return false;
  return message.type === "parsed" || message.type === "parsed-file" || message.type === "failed";
}
