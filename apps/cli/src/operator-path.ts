// Paths the operator types (a backup to restore, a folder to back up into, a books folder) are
// meant from the folder they typed them in. `pnpm ai-library …` runs the CLI in the repository
// root — where .env and the relative paths in it are meant from — and passes the operator's
// folder as INIT_CWD; run directly (tsx apps/cli/src/main.ts), the two folders are the same.
import { resolve } from "node:path";

/** The folder the operator ran the command from. */
export function operatorFolder(env: Record<string, string | undefined>, cwd: string): string {
  const initCwd = env.INIT_CWD?.trim();
  return initCwd ? resolve(cwd, initCwd) : cwd;
}

/** `typed` as an absolute path, resolved against the operator's folder. */
export function resolveOperatorPath(operatorCwd: string, typed: string): string {
  return resolve(operatorCwd, typed);
}
