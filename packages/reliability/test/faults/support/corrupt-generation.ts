// Makes a damaged copy of a sound generation: a new generation id (so it sorts newest and a
// reader must skip it), the manifest's id rewritten to match its folder (so the only fault is
// the one we plant), then one file's bytes flipped.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type IndexStore, newGenerationId } from "@ai-library/shared/index";
import type { SeededRandom } from "../../support/seeded-random.js";

/**
 * Flips (XOR 0xff) three bytes of `path` at seeded positions. In manifest.json they land in the
 * sha256 checksums: a flip inside free text (a book title) is not detectable, since the
 * manifest carries no checksum of its own — the check proves the data files, the manifest's
 * schema and its counts.
 */
export function flipBytes(path: string, random: SeededRandom): number[] {
  const bytes = readFileSync(path);
  let candidates = Array.from(bytes.keys());
  if (path.endsWith("manifest.json")) {
    const text = bytes.toString("latin1");
    candidates = [...text.matchAll(/"sha256": "([0-9a-f]{64})"/g)].flatMap((match) =>
      Array.from({ length: 64 }, (_, offset) => (match.index ?? 0) + match[0].length - 65 + offset),
    );
  }
  const positions = Array.from({ length: 3 }, () => candidates[Math.floor(random.next() * candidates.length)] ?? 0);
  for (const position of positions) bytes[position] = (bytes[position] ?? 0) ^ 0xff;
  writeFileSync(path, bytes);
  return positions;
}

export function damagedCopy(store: IndexStore, soundId: string, file: string, random: SeededRandom) {
  const id = newGenerationId();
  cpSync(store.generationDir(soundId), store.generationDir(id), { recursive: true });
  const manifestPath = join(store.generationDir(id), "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { id: string };
  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, id }, null, 2)}\n`);
  const positions = flipBytes(join(store.generationDir(id), file), random);
  return { id, positions };
}
