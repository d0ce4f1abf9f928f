// The manifest is written last into a generation: its presence means the generation is
// complete, and its checksums let readers prove the files are the ones that were written.
// It also carries a checksum of itself (`selfSha256`), so a flipped byte in a book title or a
// count is caught too; manifests written before that field existed are read without it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
// zod/mini, not zod: the search process reads manifests and nothing else of zod, and the mini
// build lets its bundle keep only these few checks (the full zod is ~10 MB of RSS on load).
import { en } from "zod/locales";
import * as z from "zod/mini";

// The mini build carries no messages: full zod's English ones say what was wrong in a damaged
// manifest ("expected string, received number") instead of "Invalid input".
z.config(en());

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT_VERSION = 1;

const count = () => z.number().check(z.int(), z.nonnegative());
const sha256Hex = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));

const fileEntry = z.object({ sha256: sha256Hex(), bytes: count() });

export const bookRecordSchema = z.object({
  bookId: z.string(),
  file: z.string(),
  title: z.string(),
  author: z.optional(z.string()),
  format: z.string(),
  pages: z.optional(z.number().check(z.int())),
  /** Scanned pages: how many had their own text, were recognised by OCR, or failed (and why). */
  ocr: z.optional(
    z.object({
      textPages: count(),
      ocrPages: count(),
      failedPages: z.array(z.object({ page: z.number().check(z.int(), z.positive()), reason: z.string() })),
    }),
  ),
  chunkCount: count(),
  firstLabel: count(),
  /** The segment holding the book's rows (segments.ts); absent in a generation built whole. */
  segment: z.optional(z.string()),
  /** The book's first row in its segment's files; absent in a generation built whole. */
  row: z.optional(count()),
});
export type BookRecord = z.infer<typeof bookRecordSchema>;

// Strict: an unknown key means a damaged manifest (a flipped byte in "selfSha256" itself would
// otherwise turn the check off).
const manifestSchema = z.strictObject({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  id: z.string(),
  createdAt: z.string(),
  embedder: z.object({
    provider: z.enum(["local", "openai"]),
    model: z.string(),
    dims: z.number().check(z.int(), z.positive()),
  }),
  chunking: z.object({
    version: z.string(),
    chunkSize: z.number().check(z.int()),
    chunkOverlap: z.number().check(z.int()),
  }),
  indexFactory: z.string(),
  /** Where the raw float32 vectors live (for reuse by the next ingest and for rebuilds). */
  vectors: z.object({ file: z.string(), offset: count() }),
  chunkCount: count(),
  files: z.record(z.string(), fileEntry),
  books: z.array(bookRecordSchema),
  /**
   * Present when the generation has a keyword index: `file` (keywords.bin) since 2026-12-06,
   * `table` (FTS5 in the docstore) before; generations written before either have none.
   */
  keywordIndex: z.optional(
    z.object({ file: z.optional(z.string()), table: z.optional(z.string()), terms: z.string() }),
  ),
  /**
   * A generation derived from the previous one is made of immutable segments (segments.ts),
   * each with its own FAISS file, docstore and keyword index, shared between generations by hard
   * links; a generation built whole has none listed and is one segment of its main files.
   */
  segments: z.optional(
    z.array(
      z.object({
        id: z.string(),
        index: z.string(),
        docstore: z.string(),
        keywords: z.optional(z.string()),
        /** Rows in the segment's files, including those of books removed since it was written. */
        rows: count(),
        /** One past the highest label the segment holds: a later book's labels start beyond it. */
        labelEnd: count(),
      }),
    ),
  ),
  previousId: z.optional(z.string()),
  /** IVF lists a search visits, as written into index.faiss (IVF indexes only). */
  nprobe: z.optional(z.number().check(z.int(), z.positive())),
  /** SHA-256 of this manifest's JSON (2-space indented) without this field; see sealManifest. */
  selfSha256: z.optional(sha256Hex()),
});
export type GenerationManifest = z.infer<typeof manifestSchema>;

const selfChecksum = (fields: object) =>
  createHash("sha256")
    .update(JSON.stringify(fields, null, 2))
    .digest("hex");

/** The manifest file's text, carrying the checksum of its own other fields (written last). */
export function sealManifest(manifest: Record<string, unknown> | GenerationManifest): string {
  const { selfSha256: _old, ...fields } = manifest as Record<string, unknown>;
  return `${JSON.stringify({ ...fields, selfSha256: selfChecksum(fields) }, null, 2)}\n`;
}

export type ManifestReadResult = { ok: true; manifest: GenerationManifest } | { ok: false; fault: string };

export function readManifest(generationDir: string): ManifestReadResult {
  let raw: string;
  try {
    raw = readFileSync(join(generationDir, MANIFEST_FILE), "utf8");
  } catch (error) {
    return {
      ok: false,
      fault: `${MANIFEST_FILE} отсутствует или не читается (${(error as NodeJS.ErrnoException).code})`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, fault: `${MANIFEST_FILE} — не корректный JSON` };
  }
  if (json !== null && typeof json === "object" && "selfSha256" in json) {
    // Key order survives JSON.parse, so the same fields serialise to the same text.
    const { selfSha256, ...fields } = json as Record<string, unknown>;
    if (selfChecksum(fields) !== selfSha256) {
      return {
        ok: false,
        fault: `${MANIFEST_FILE}: собственная контрольная сумма не совпадает (файл изменён или повреждён)`,
      };
    }
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      fault: `${MANIFEST_FILE} не соответствует схеме (${issue?.path.join(".")}: ${issue?.message})`,
    };
  }
  return { ok: true, manifest: parsed.data };
}
