// Makes a damaged copy of a sound generation: a new generation id (so it sorts newest and a
// reader must skip it), the manifest's id rewritten to match its folder (so the only fault is
// the one we plant), then one file's bytes flipped.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type IndexStore, newGenerationId, sealManifest } from "@ai-library/shared/index";
import type { SeededRandom } from "../../support/seeded-random.js";

/**
 * Flips (XOR 0xff) three bytes of `path` at seeded positions — anywhere, manifest.json included:
 * the manifest carries a checksum of itself, so a flip inside a book title is caught too.
 */
export function flipBytes(path: string, random: SeededRandom): number[] {
  const bytes = readFileSync(path);
  const candidates = Array.from(bytes.keys());
  const positions = Array.from({ length: 3 }, () => candidates[Math.floor(random.next() * candidates.length)] ?? 0);
  for (const position of positions) bytes[position] = (bytes[position] ?? 0) ^ 0xff;
  writeFileSync(path, bytes);
  return positions;
}

export function damagedCopy(store: IndexStore, soundId: string, file: string, random: SeededRandom) {
  const id = newGenerationId();
  cpSync(store.generationDir(soundId), store.generationDir(id), { recursive: true });
  const manifestPath = join(store.generationDir(id), "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  writeFileSync(manifestPath, sealManifest({ ...manifest, id }));
  const positions = flipBytes(join(store.generationDir(id), file), random);
  return { id, positions };
}
