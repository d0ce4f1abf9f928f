// Plans a queued run: the pipeline's plan (scan, duplicates removed, rejected files reported)
// of the resolved folder, and the run id derived from what was found.
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { planIngest } from "../pipeline/plan-ingest.js";
import type { LibraryFile } from "../pipeline/scan-library.js";
import { BooksFolderMissingError } from "./errors.js";
import { type SkippedBook, skippedBookSchema } from "./payloads.js";
import { deriveRunId, type RunSettings } from "./run-id.js";

export interface RunPlan {
  runId: string;
  /** Absolute, symlinks resolved. */
  folder: string;
  /** One file per distinct content, in scan order. */
  books: LibraryFile[];
  /** Rejected by the scan, or duplicates: reported without a job. */
  skipped: SkippedBook[];
}

/** `force` makes a fresh run id for a deliberate re-run of the same books. */
export async function planRun(requestedFolder: string, settings: RunSettings, force = false): Promise<RunPlan> {
  let folder: string;
  try {
    folder = realpathSync(resolve(requestedFolder));
  } catch {
    throw new BooksFolderMissingError(resolve(requestedFolder));
  }
  const plan = await planIngest(folder);
  // The schema checks what goes into the payload: a skipped book is failed or a duplicate.
  const skipped = plan.skipped.map((outcome) => skippedBookSchema.parse(outcome));
  const nonce = force ? `${Date.now()}-${randomBytes(4).toString("hex")}` : undefined;
  return {
    runId: deriveRunId({ folder, books: plan.books, skipped, settings }, nonce),
    folder,
    books: plan.books,
    skipped,
  };
}
