// The manifest is written last into a generation: its presence means the generation is
// complete, and its checksums let readers prove the files are the ones that were written.
// It also carries a checksum of itself (`selfSha256`), so a flipped byte in a book title or a
// count is caught too; manifests written before that field existed are read without it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT_VERSION = 1;

const fileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

export const bookRecordSchema = z.object({
  bookId: z.string(),
  file: z.string(),
  title: z.string(),
  author: z.string().optional(),
  format: z.string(),
  pages: z.number().int().optional(),
  /** Scanned pages: how many had their own text, were recognised by OCR, or failed (and why). */
  ocr: z
    .object({
      textPages: z.number().int().nonnegative(),
      ocrPages: z.number().int().nonnegative(),
      failedPages: z.array(z.object({ page: z.number().int().positive(), reason: z.string() })),
    })
    .optional(),
  chunkCount: z.number().int().nonnegative(),
  firstLabel: z.number().int().nonnegative(),
});
export type BookRecord = z.infer<typeof bookRecordSchema>;

// Strict: an unknown key means a damaged manifest (a flipped byte in "selfSha256" itself would
// otherwise turn the check off).
const manifestSchema = z.strictObject({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  id: z.string(),
  createdAt: z.string(),
  embedder: z.object({ provider: z.enum(["local", "openai"]), model: z.string(), dims: z.number().int().positive() }),
  chunking: z.object({ version: z.string(), chunkSize: z.number().int(), chunkOverlap: z.number().int() }),
  indexFactory: z.string(),
  /** Where the raw float32 vectors live (for reuse by the next ingest and for rebuilds). */
  vectors: z.object({ file: z.string(), offset: z.number().int().nonnegative() }),
  chunkCount: z.number().int().nonnegative(),
  files: z.record(z.string(), fileEntry),
  books: z.array(bookRecordSchema),
  /** Present when the docstore holds a keyword index; generations written before it have none. */
  keywordIndex: z.object({ table: z.string(), terms: z.string() }).optional(),
  previousId: z.string().optional(),
  /** IVF lists a search visits, as written into index.faiss (IVF indexes only). */
  nprobe: z.number().int().positive().optional(),
  /** SHA-256 of this manifest's JSON (2-space indented) without this field; see sealManifest. */
  selfSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
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
