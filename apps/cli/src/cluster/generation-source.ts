// The follower's side of the generation server's protocol (generation-server.ts): ask which
// generation is live there, and download one generation's files into a folder. Nothing here
// trusts what it receives: sizes are capped by the manifest, and installGeneration verifies
// every sha256 before anything becomes live.
import { copyFileSync, createWriteStream, linkSync } from "node:fs";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import {
  GenerationRefusedError,
  type IndexStore,
  MANIFEST_FILE,
  readManifest,
  sha256File,
} from "@ai-library/shared/index";
import { bearerHeader } from "./bearer-token.js";

export interface GenerationSource {
  /** GENERATION_SOURCE_URL, e.g. http://10.0.0.1:8470 */
  url: string;
  token: string;
}

/** The publisher cannot be asked (down, refused, unreadable answer): nothing was changed here. */
export class SourceUnavailableError extends Error {
  constructor(url: string, detail: string) {
    super(`сервер поколений ${url} недоступен: ${detail}`);
    this.name = "SourceUnavailableError";
  }
}

const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;
const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
const REQUEST_TIMEOUT_MS = 10_000;

async function request(source: GenerationSource, path: string, signal?: AbortSignal): Promise<Response> {
  const url = `${source.url.replace(/\/+$/, "")}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: bearerHeader(source.token), ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new SourceUnavailableError(
      source.url,
      ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message,
    );
  }
  if (response.status === 401) {
    throw new SourceUnavailableError(source.url, "401 — CLUSTER_TOKEN не совпадает с токеном публикатора");
  }
  if (!response.ok) throw new SourceUnavailableError(source.url, `${path}: ответ ${response.status}`);
  return response;
}

/** The publisher's live generation id; undefined when it has none yet. */
export async function fetchLiveId(source: GenerationSource): Promise<string | undefined> {
  const response = await request(source, "/live", AbortSignal.timeout(REQUEST_TIMEOUT_MS));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SourceUnavailableError(source.url, "/live: ответ не JSON");
  }
  const id = (body as { generationId?: unknown } | null)?.generationId;
  if (id === null || id === undefined) return undefined;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw new SourceUnavailableError(source.url, "/live: недопустимый id поколения");
  }
  return id;
}

/** Writes the response body to `path`, refusing it (and naming `name`) as soon as it runs past `maxBytes`. */
async function saveBody(response: Response, path: string, name: string, maxBytes: number): Promise<void> {
  if (!response.body) throw new Error(`${name}: пустой ответ`);
  let received = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > maxBytes) done(new Error(`${name}: получено больше ${maxBytes} байт, указанных в манифесте`));
      else done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), cap, createWriteStream(path));
}

/** A file with this name and checksum in a generation this host already holds (unchanged between generations). */
async function localCopy(store: IndexStore, name: string, sha256: string): Promise<string | undefined> {
  for (const entry of [...store.list()].reverse()) {
    if (entry.manifest?.files[name]?.sha256 !== sha256) continue;
    const path = join(store.generationDir(entry.id), name);
    try {
      if ((await sha256File(path)) === sha256) return path;
    } catch {
      // Gone or unreadable: download it instead.
    }
  }
  return undefined;
}

export interface DownloadReport {
  downloaded: string[];
  /** Taken from a generation already here (hard link) because their sha256 matched the manifest. */
  reused: string[];
}

/** Fills `dir` with generation `id` from the publisher: manifest first, then every file it lists. */
export async function downloadGeneration(
  source: GenerationSource,
  store: IndexStore,
  id: string,
  dir: string,
): Promise<DownloadReport> {
  const base = `/generations/${id}`;
  await saveBody(
    await request(source, `${base}/${MANIFEST_FILE}`),
    join(dir, MANIFEST_FILE),
    MANIFEST_FILE,
    MANIFEST_MAX_BYTES,
  );
  const read = readManifest(dir);
  if (!read.ok) throw new GenerationRefusedError(id, [{ file: MANIFEST_FILE, fault: read.fault }]);
  const report: DownloadReport = { downloaded: [], reused: [] };
  for (const [name, entry] of Object.entries(read.manifest.files)) {
    if (!ID_PATTERN.test(name) || name === "." || name === "..") {
      throw new GenerationRefusedError(id, [
        { file: MANIFEST_FILE, fault: `называет недопустимый файл ${JSON.stringify(name)}` },
      ]);
    }
    const target = join(dir, name);
    const copy = await localCopy(store, name, entry.sha256);
    if (copy) {
      // Generation files are never written after publish, so the local one is shared by a hard
      // link (a segment of a million chunks is not copied again); a copy where links fail.
      try {
        linkSync(copy, target);
      } catch {
        copyFileSync(copy, target);
      }
      report.reused.push(name);
      continue;
    }
    await saveBody(await request(source, `${base}/${name}`), target, name, entry.bytes);
    report.downloaded.push(name);
  }
  return report;
}
