// The `ip` tool (iproute2), run synchronously: building and tearing down a namespace is a few
// quick kernel calls, and teardown must also work from a process "exit" handler, where nothing
// asynchronous runs any more.
import { execFileSync } from "node:child_process";

/** Creating namespaces needs root (CAP_NET_ADMIN); the cluster test fails with this, never skips. */
export class NamespacesNotPermittedError extends Error {
  constructor(detail: string) {
    super(
      `The cluster test needs Linux network namespaces (ip netns add, veth, bridge), which need root ` +
        `(CAP_NET_ADMIN) and iproute2. Run it as root, as CI does: sudo pnpm test:cluster. (${detail})`,
    );
    this.name = "NamespacesNotPermittedError";
  }
}

export function ip(...args: string[]): string {
  try {
    return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new Error(`ip ${args.join(" ")} failed: ${stderr || (error as Error).message}`);
  }
}

/** Like ip(), for teardown: a missing namespace or link is already torn down. */
export function ipQuietly(...args: string[]): void {
  try {
    execFileSync("ip", args, { stdio: "ignore" });
  } catch {
    // already gone
  }
}

/** Fails with NamespacesNotPermittedError unless this process may create namespaces. */
export function assertNamespacesPermitted(): void {
  if (process.platform !== "linux") throw new NamespacesNotPermittedError(`platform is ${process.platform}`);
  if (process.getuid?.() !== 0) throw new NamespacesNotPermittedError(`running as uid ${process.getuid?.()}`);
  try {
    execFileSync("ip", ["netns", "list"], { stdio: "ignore" });
  } catch (error) {
    throw new NamespacesNotPermittedError(`'ip netns list' failed: ${(error as Error).message}`);
  }
}
