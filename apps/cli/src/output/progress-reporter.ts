// Ingest progress on the terminal: a bar when stderr is a TTY, plain lines otherwise
// (systemd journals, CI logs, pipes).
import type { WriteStream } from "node:tty";
import type { IngestProgress } from "@ai-library/shared/pipeline";
import cliProgress from "cli-progress";

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream | WriteStream): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: "{bar} {value}/{total} книг | страниц: {pages} | фрагментов: {chunks} | {file}",
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        const payload = { pages: progress.pages, chunks: progress.chunksEmbedded, file: progress.currentFile ?? "" };
        if (!started) {
          bar.start(progress.booksTotal, progress.booksDone, payload);
          started = true;
        } else bar.update(progress.booksDone, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  // One line per book started or finished: chunk-level updates would flood a log file.
  let lastKey = "";
  return {
    update(progress) {
      const key = `${progress.booksDone}|${progress.currentFile ?? ""}`;
      if (key === lastKey) return;
      lastKey = key;
      const current = progress.currentFile ? `, сейчас: ${progress.currentFile}` : "";
      stream.write(`[ingest] книг ${progress.booksDone}/${progress.booksTotal}, страниц ${progress.pages}${current}\n`);
    },
    stop() {},
  };
}
