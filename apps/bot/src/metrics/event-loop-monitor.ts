// Measures how long the event loop stalls (a long synchronous search would show here first):
// node's own histogram, read as a p99 for /status, the metrics and the benchmark.
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopMonitor {
  p99Ms(): number;
  maxMs(): number;
  reset(): void;
  stop(): void;
}

export function startEventLoopMonitor(resolutionMs = 10): EventLoopMonitor {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  // The histogram measures the timer's lateness plus its resolution; report the lateness.
  const lateness = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  return {
    p99Ms: () => Math.round(lateness(histogram.percentile(99)) * 10) / 10,
    maxMs: () => Math.round(lateness(histogram.max) * 10) / 10,
    reset: () => histogram.reset(),
    stop: () => histogram.disable(),
  };
}
