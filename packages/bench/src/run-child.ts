// Runs one bench script in a child process of its own (so its RSS and timings belong to it
// alone) and returns the JSON of its `MARKER {json}` result line.
import { spawnSync } from "node:child_process";

export function runChild(scriptPath: string, args: string[], marker: string): unknown {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", scriptPath, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 2 ** 26,
  });
  const line = child.stdout.split("\n").find((text) => text.startsWith(`${marker} `));
  if (child.status !== 0 || !line) {
    throw new Error(`${scriptPath} ${args.join(" ")} failed (exit ${child.status}): ${child.stdout.slice(-500)}`);
  }
  return JSON.parse(line.slice(marker.length + 1));
}
