// Everything a cluster run made, undone in reverse order — by close() after the test, and by a
// process "exit" handler if the test process goes down first (a crash, an uncaught error), so
// no namespace, process or temp folder outlives the run. Steps are synchronous for that reason.
export interface Teardown {
  add(step: () => void): void;
  /** Runs every step once, last added first; a failing step does not stop the others. */
  run(): void;
}

export function createTeardown(): Teardown {
  const steps: (() => void)[] = [];
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    process.off("exit", run);
    for (const step of steps.reverse()) {
      try {
        step();
      } catch {
        // best effort: the next steps still run, and the next run removes stale leftovers
      }
    }
  };
  process.on("exit", run);
  return { add: (step) => steps.push(step), run };
}
