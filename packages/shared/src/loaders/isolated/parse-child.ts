// Entry point of the parse child process (forked by loadBookIsolated, run through tsx): parses
// one book, sends the result to the parent, exits. If the parent goes away, so does the child.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBook } from "../load-book.js";
import type { OcrEvent } from "../ocr/ocr-report.js";
import { BookLoadError, type ParsedBook } from "../types.js";
import {
  IPC_TEXT_LIMIT,
  type OcrProgressMessage,
  type ParseReply,
  parseRequestFromArgument,
} from "./child-protocol.js";

// tsx turns source maps on, and Node then loads and decodes pdf.js's large .map files on every
// start. Stack traces of this short-lived child do not need them.
process.setSourceMapsEnabled(false);

// The IPC channel closes when the parent exits or is killed: nobody is waiting for the result.
// The parent may already be gone by the time this module runs (it died while we were loading).
process.on("disconnect", () => process.exit(1));
if (!process.connected) process.exit(1);

function send(reply: ParseReply | OcrProgressMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(reply, undefined, {}, () => resolve());
  });
}

async function packResult(book: ParsedBook): Promise<ParseReply> {
  const textLength = book.sections.reduce((sum, section) => sum + section.text.length, 0);
  if (textLength <= IPC_TEXT_LIMIT) return { type: "parsed", book };
  const file = join(tmpdir(), `ai-library-parse-${process.pid}-${randomUUID()}.json`);
  await writeFile(file, JSON.stringify(book), { mode: 0o600 });
  return { type: "parsed-file", file };
}

function failureReply(error: unknown, path: string): ParseReply {
  if (error instanceof BookLoadError)
    return { type: "failed", kind: error.kind, file: error.file, detail: error.detail };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Buffers live outside the V8 heap: running out of them is a memory failure, not a damaged file.
  const kind = /allocation failed|out of memory/i.test(message) ? "out_of_memory" : "corrupt";
  return { type: "failed", kind, file: path, detail: message };
}

async function main(): Promise<void> {
  const request = parseRequestFromArgument(process.argv[2]);
  let reply: ParseReply;
  try {
    const onOcrEvent = (event: OcrEvent) => void send({ type: "ocr", event });
    reply = await packResult(await loadBook(request.path, request.limits, { ocr: request.ocr, onOcrEvent }));
  } catch (error) {
    reply = failureReply(error, request.path);
  }
  await send(reply);
  process.exit(0);
}

await main();
