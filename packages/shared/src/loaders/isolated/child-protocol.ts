// What the parse child and its parent say to each other: the request (a command-line argument),
// OCR progress while it works and the reply (IPC messages).
import type { InProcessLimits } from "../load-book.js";
import type { OcrEvent } from "../ocr/ocr-report.js";
import type { OcrPlan } from "../ocr/ocr-settings.js";
import type { BookErrorKind, ParsedBook } from "../types.js";

export interface ParseRequest {
  path: string;
  limits: InProcessLimits;
  ocr?: OcrPlan;
}

/** Sent by the child for each OCR step (planned, page done) before its reply. */
export interface OcrProgressMessage {
  type: "ocr";
  event: OcrEvent;
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
  const ocr = ocrPlanFromRequest(Reflect.get(request, "ocr"));
  return {
    path,
    limits: { maxUncompressedBytes, ...(maxPages !== undefined ? { maxPages } : {}) },
    ...(ocr ? { ocr } : {}),
  };
}

function ocrPlanFromRequest(plan: unknown): OcrPlan | undefined {
  if (plan === undefined) return undefined;
  if (typeof plan !== "object" || plan === null) throw new TypeError("parse request: ocr must be an object");
  const field = (from: object, name: string): unknown => Reflect.get(from, name);
  if (field(plan, "enabled") === false) {
    const reason = field(plan, "reason");
    if (typeof reason !== "string") throw new TypeError("parse request: ocr.reason must be a string");
    return { enabled: false, reason };
  }
  const settings = field(plan, "settings");
  if (field(plan, "enabled") !== true || typeof settings !== "object" || settings === null) {
    throw new TypeError("parse request: ocr must be enabled with settings, or disabled with a reason");
  }
  const text = (name: string) => {
    const value = field(settings, name);
    if (typeof value !== "string" || value === "") throw new TypeError(`parse request: ocr.${name} must be a string`);
    return value;
  };
  const count = (name: string) => {
    const value = field(settings, name);
    if (!isPositive(value)) throw new TypeError(`parse request: ocr.${name} must be > 0`);
    return value;
  };
  return {
    enabled: true,
    settings: {
      languages: text("languages"),
      cacheDir: text("cacheDir"),
      engineVersion: text("engineVersion"),
      dpi: count("dpi"),
      pageTimeoutMs: count("pageTimeoutMs"),
      concurrency: count("concurrency"),
    },
  };
}

export function isOcrProgressMessage(message: unknown): message is OcrProgressMessage {
  if (typeof message !== "object" || message === null) return false;
  return Reflect.get(message, "type") === "ocr" && typeof Reflect.get(message, "event") === "object";
}

export function isParseReply(message: unknown): message is ParseReply {
  if (typeof message !== "object" || message === null || !("type" in message)) return false;
  return message.type === "parsed" || message.type === "parsed-file" || message.type === "failed";
}
