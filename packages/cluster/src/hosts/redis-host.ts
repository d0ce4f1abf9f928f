// The cluster's own Redis: a redis-server in the "redis" host's namespace, bound to that host's
// address only, with nothing written to disk. The machine's Redis is never touched.
import type { NetworkHost } from "../net/cluster-network.js";
import { waitForPort } from "../net/wait-for-port.js";
import { type HostProcess, startHostProcess } from "./host-process.js";

export const REDIS_PORT = 6379;

export interface RedisHost {
  url: string;
  process: HostProcess;
}

export async function startRedisHost(host: NetworkHost, dataDir: string): Promise<RedisHost> {
  const process = startHostProcess({
    name: "redis",
    namespace: host.namespace,
    command: "redis-server",
    args: [
      "--bind",
      host.address,
      "--port",
      String(REDIS_PORT),
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dataDir,
      "--protected-mode",
      "no",
    ],
  });
  await waitForPort(host.address, REDIS_PORT, {
    what: "redis-server",
    gaveUp: () => (process.running() ? undefined : process.output()),
  });
  return { url: `redis://${host.address}:${REDIS_PORT}`, process };
}
