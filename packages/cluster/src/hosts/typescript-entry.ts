// How a host runs the repository's TypeScript: node with the tsx loader, resolved here once so
// that the processes (started in other folders, inside namespaces) find it wherever the
// checkout lies.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const repoRoot = resolve(import.meta.dirname, "../../../..");

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Node arguments that run `entry` (absolute, or relative to the repository) through tsx. */
export function typescriptArgs(entry: string, ...args: string[]): string[] {
  return ["--import", tsxLoader, resolve(repoRoot, entry), ...args];
}
