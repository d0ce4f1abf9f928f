// Measured figures go to the test output as one tagged JSON line per scenario, so a run's log
// is the evidence behind the numbers in docs/reliability.md.

export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  console.log(`[faults:figures] ${JSON.stringify({ scenario, ...figures })}`);
}

export const secondsSince = (startedAt: number): number => Math.round((Date.now() - startedAt) / 100) / 10;
