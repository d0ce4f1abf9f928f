// Waits until something accepts TCP connections at address:port (a host's service is up).
import { connect } from "node:net";

function tryConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 1_000 });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
    socket.once("timeout", () => finish(false));
  });
}

export async function waitForPort(
  address: string,
  port: number,
  options: { timeoutMs?: number; what: string; gaveUp?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await tryConnect(address, port)) return;
    const reason = options.gaveUp?.();
    if (reason !== undefined) throw new Error(`${options.what} did not start: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${options.what} did not listen on ${address}:${port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True when a TCP connection to address:port opens within `timeoutMs` (a cut-off host's does not). */
export function reachable(address: string, port: number): Promise<boolean> {
  return tryConnect(address, port);
}
