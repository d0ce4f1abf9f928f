// The cluster harness: hosts in Linux network namespaces running the real bot, Redis, nginx
// and a Telegram stand-in (docs/cluster.md). Used by `pnpm test:cluster` and `pnpm bench cluster`.
export { type CpuLimit, cgroupCpuQuota, pinToCore } from "./cpu/cpu-limit.js";
export type { BotHost } from "./hosts/bot-host.js";
export { type HostProcess, startHostProcess } from "./hosts/host-process.js";
export {
  botServes,
  indexHostEnv,
  runCliOnHost,
  startCliOnHost,
  startGenerationServer,
  startIndexFollower,
  startWorkerOnHost,
} from "./hosts/index-hosts.js";
export { type RedisHost, startRedisHost } from "./hosts/redis-host.js";
export type { ChatCounts, LoadReport, LoadRequest } from "./hosts/telegram-protocol.js";
export { type ClusterNetwork, createClusterNetwork, type NetworkHost } from "./net/cluster-network.js";
export { assertNamespacesPermitted, NamespacesNotPermittedError } from "./net/ip-command.js";
export { removeStaleClusters } from "./net/stale-clusters.js";
export { reachable } from "./net/wait-for-port.js";
export { type Cluster, type ClusterOptions, startCluster } from "./start-cluster.js";
