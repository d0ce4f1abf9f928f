// A small network of "hosts" on one machine: one Linux network namespace per host, each joined
// to a bridge by a veth pair and given its own address on 10.231.<n>.0/24. The bridge itself
// has .1, so the test process (outside every namespace) reaches each host as a client would.
// Names carry this process's pid (namespace aclb-<pid>-<letter>-<host>, bridge aclb<pid><letter>), so that a later run
// can tell leftovers of a crashed run from a run still going (stale-clusters.ts).
import { ip, ipQuietly } from "./ip-command.js";

export const CLUSTER_PREFIX = "aclb";

export interface NetworkHost {
  name: string;
  namespace: string;
  address: string;
  /** The veth end outside the namespace, on the bridge: down = the host is cut off. */
  link: string;
}

export interface ClusterNetwork {
  /** The bridge's address: how hosts reach the test process (and it them). */
  gateway: string;
  hosts: NetworkHost[];
  host(name: string): NetworkHost;
  /** Cuts a host off the network (its link to the bridge goes down): packets to and from it are lost, as in a partition. */
  cutOff(name: string): void;
  heal(name: string): void;
  isCutOff(name: string): boolean;
  /** Removes every namespace and link (synchronous, so that it also runs from an exit handler). */
  destroy(): void;
}

/** A /24 on 10.231.x.0 that no interface on this machine uses yet. */
function freeSubnet(seed: number): string {
  const used = ip("-4", "-o", "addr", "show");
  for (let step = 0; step < 230; step++) {
    const third = 20 + ((seed + step) % 230);
    if (!used.includes(`10.231.${third}.`)) return `10.231.${third}`;
  }
  throw new Error("no free 10.231.x.0/24 subnet for the cluster network");
}

/** Networks made by this process so far: the next one's letter, so that two can exist at once. */
let made = 0;

export function createClusterNetwork(hostNames: string[], pid = process.pid): ClusterNetwork {
  // Interface names are at most 15 characters: aclb + pid (≤ 7 digits) + letter + host number + p.
  const letter = String.fromCharCode(97 + (made++ % 26));
  const bridge = `${CLUSTER_PREFIX}${pid}${letter}`;
  const subnet = freeSubnet(pid);
  const hosts: NetworkHost[] = hostNames.map((name, n) => ({
    name,
    namespace: `${CLUSTER_PREFIX}-${pid}-${letter}-${name}`,
    address: `${subnet}.${n + 2}`,
    link: `${bridge}${n}`,
  }));
  const network: ClusterNetwork = {
    gateway: `${subnet}.1`,
    hosts,
    host(name) {
      const host = hosts.find((candidate) => candidate.name === name);
      if (!host) throw new Error(`no host "${name}" in the cluster network (${hostNames.join(", ")})`);
      return host;
    },
    cutOff: (name) => void ip("link", "set", network.host(name).link, "down"),
    heal: (name) => void ip("link", "set", network.host(name).link, "up"),
    isCutOff: (name) => !/[<,]UP[,>]/.test(ip("-o", "link", "show", network.host(name).link)),
    destroy() {
      for (const host of hosts) ipQuietly("netns", "del", host.namespace);
      ipQuietly("link", "del", bridge);
    },
  };
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${network.gateway}/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    for (const host of hosts) {
      const inside = `${host.link}p`;
      ip("netns", "add", host.namespace);
      ip("link", "add", host.link, "type", "veth", "peer", "name", inside);
      ip("link", "set", inside, "netns", host.namespace);
      ip("link", "set", host.link, "master", bridge);
      ip("link", "set", host.link, "up");
      const inNamespace = (...args: string[]) => ip("-n", host.namespace, ...args);
      inNamespace("link", "set", inside, "name", "eth0");
      inNamespace("addr", "add", `${host.address}/24`, "dev", "eth0");
      inNamespace("link", "set", "eth0", "up");
      inNamespace("link", "set", "lo", "up");
    }
  } catch (error) {
    network.destroy();
    throw error;
  }
  return network;
}
