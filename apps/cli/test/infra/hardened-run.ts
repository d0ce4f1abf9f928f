// Runs a unit's ExecStart the way its hardening options leave the file system, when this
// machine allows it (root + `unshare`): everything read-only (ProtectSystem=strict) except the
// ReadWritePaths given, /root and /home empty (ProtectHome), a private /tmp (PrivateTmp). The
// checkout is mounted read-only at the unit's own WorkingDirectory (/opt/ai-library-bot), as a
// deployment has it, so a checkout under /tmp or /home — which the hardening hides — still
// runs, and the unit's WorkingDirectory is what the command really starts in. Where that is not
// possible the command runs plainly in the checkout, and only the command line itself is tested.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const SCRIPT = `set -e
for p in "$@"; do mount --bind "$p" "$p"; done
mount -t tmpfs -o mode=755 tmpfs "$(dirname "$AI_LIBRARY_UNIT_DIR")"
mkdir -p "$AI_LIBRARY_UNIT_DIR"
mount --bind "$AI_LIBRARY_CHECKOUT" "$AI_LIBRARY_UNIT_DIR"
mount -o remount,bind,ro "$AI_LIBRARY_UNIT_DIR"
mount -o remount,bind,ro /
mount -t tmpfs -o ro,mode=755 tmpfs /root
mount -t tmpfs -o ro,mode=755 tmpfs /home
mount -t tmpfs -o mode=1777 tmpfs /tmp
cd "$AI_LIBRARY_UNIT_DIR"
exec "$AI_LIBRARY_NODE" $AI_LIBRARY_ARGS
`;

export function canHarden(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync("unshare", ["-m", "--propagation", "private", "true"]).status === 0;
}

export interface HardenedRunOptions {
  /** The checkout to run. */
  workDir: string;
  /** The unit's WorkingDirectory, where the checkout is mounted under hardening. */
  unitWorkDir: string;
  /** ExecStart split into words; the first is the executable. */
  command: string[];
  writable: string[];
  env: Record<string, string>;
  scratchDir: string;
}

export function startHardened(options: HardenedRunOptions, hardened: boolean): ChildProcess {
  const [executable, ...args] = options.command;
  if (!executable) throw new Error("empty ExecStart");
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/root", ...options.env };
  if (!hardened) return spawn(executable, args, { cwd: options.workDir, env, stdio: ["pipe", "pipe", "pipe"] });
  const script = join(options.scratchDir, "hardened.sh");
  writeFileSync(script, SCRIPT);
  return spawn("unshare", ["-m", "--propagation", "private", "sh", script, ...options.writable], {
    env: {
      ...env,
      AI_LIBRARY_CHECKOUT: options.workDir,
      AI_LIBRARY_UNIT_DIR: options.unitWorkDir,
      AI_LIBRARY_NODE: executable,
      AI_LIBRARY_ARGS: args.join(" "),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
}
