// verifyGeneration: the one integrity check of a generation, as `index check`, backup, rollback,
// restore, verifyLiveGeneration and the worker's reuse check need it — everything
// openVerifiedGeneration proves (manifest schema, sizes, checksums, FAISS ntotal and dims,
// docstore readable and complete), plus that the manifest belongs in this directory and that the
// configured embedder can query it. It returns faults and keeps nothing open.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { EmbedderIdentity } from "../../embeddings/types.js";
import type { GenerationManifest } from "./manifest.js";
import { closeVerifiedGeneration, openVerifiedGeneration, type VerifyFault } from "./open-verified-generation.js";

/** What this deployment will query with. `dims` 0 = not known yet (OpenAI learns it from its first reply). */
export type EmbedderExpectation = EmbedderIdentity;

export interface GenerationVerification {
  id: string;
  ok: boolean;
  faults: VerifyFault[];
  /** Present when manifest.json could be read. */
  manifest?: GenerationManifest;
}

function embedderFaults(manifest: GenerationManifest, expected: EmbedderExpectation): VerifyFault[] {
  const actual = manifest.embedder;
  const sameModel = actual.provider === expected.provider && actual.model === expected.model;
  if (sameModel && (expected.dims === 0 || expected.dims === actual.dims)) return [];
  return [
    {
      file: "manifest.json",
      fault:
        `собрано векторизатором ${actual.provider}:${actual.model}:${actual.dims}, а эта установка делает запросы через ` +
        `${expected.provider}:${expected.model}:${expected.dims || "?"} (EMBEDDINGS_PROVIDER и настройки модели); ` +
        "бот откажется с ним работать",
    },
  ];
}

/** Verifies the generation in `dir`; never throws for a damaged generation, returns its faults. */
export async function verifyGeneration(
  dir: string,
  options: { expectedEmbedder?: EmbedderExpectation /** Default: the folder's name. */; expectedId?: string } = {},
): Promise<GenerationVerification> {
  const id = options.expectedId ?? basename(dir);
  if (!existsSync(dir)) return { id, ok: false, faults: [{ fault: `каталога поколения ${dir} нет` }] };
  const result = await openVerifiedGeneration(dir);
  if (!result.ok) return { id, ok: false, faults: result.faults };
  const { manifest } = result.generation;
  closeVerifiedGeneration(result.generation);
  const faults: VerifyFault[] = [];
  if (manifest.id !== id) {
    faults.push({ file: "manifest.json", fault: `в манифесте указан id ${manifest.id}, а поколение называется ${id}` });
  }
  if (options.expectedEmbedder) faults.push(...embedderFaults(manifest, options.expectedEmbedder));
  return { id, ok: faults.length === 0, faults, manifest };
}

/** One line per fault, naming the file first: "index.faiss: контрольная сумма не совпадает …". */
export function describeFaults(faults: readonly VerifyFault[]): string {
  return faults.map((fault) => (fault.file ? `${fault.file}: ${fault.fault}` : fault.fault)).join("; ");
}
