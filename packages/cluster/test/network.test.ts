// The namespace network itself: hosts reach each other through the bridge, a cut-off host is
// unreachable until healed, teardown leaves no namespace, link or process behind, and the
// leftovers of a dead run are removed by the next one.
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import {
  assertNamespacesPermitted,
  type ClusterNetwork,
  createClusterNetwork,
  reachable,
  removeStaleClusters,
  startHostProcess,
} from "../src/index.js";

const namespaces = () => execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
const links = () => execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" });
const opened: ClusterNetwork[] = [];
afterAll(() => {
  for (const network of opened) network.destroy();
});

/** A TCP listener inside a host, answering every connection. */
function listenIn(network: ClusterNetwork, name: string, port: number) {
  const host = network.host(name);
  return startHostProcess({
    name,
    namespace: host.namespace,
    command: process.execPath,
    args: [
      "-e",
      `require("node:net").createServer((s) => s.on("error", () => {}).end("hi")).listen(${port}, "${host.address}")`,
    ],
  });
}

describe("cluster network", () => {
  it("runs as root (the cluster test fails, never skips, without namespaces)", () => {
    expect(() => assertNamespacesPermitted()).not.toThrow();
  });

  it("connects hosts through the bridge, and cuts one off until healed", async () => {
    const network = createClusterNetwork(["alpha", "beta"]);
    opened.push(network);
    const [alpha, beta] = network.hosts;
    expect(alpha?.address).not.toBe(beta?.address);
    const server = listenIn(network, "alpha", 7000);
    await expect.poll(() => reachable(alpha?.address ?? "", 7000), { timeout: 10_000 }).toBe(true);
    // From another namespace too, not only from the bridge's side.
    const probe = `require("node:net").connect(7000, "${alpha?.address}").on("connect", () => process.exit(0)).on("error", () => process.exit(1))`;
    const fromBeta = () =>
      spawnSync("ip", ["netns", "exec", beta?.namespace ?? "", process.execPath, "-e", probe], { timeout: 2_000 });
    expect(fromBeta().status).toBe(0);

    network.cutOff("alpha");
    expect(network.isCutOff("alpha")).toBe(true);
    expect(await reachable(alpha?.address ?? "", 7000)).toBe(false);
    expect(fromBeta().status).not.toBe(0);

    network.heal("alpha");
    expect(network.isCutOff("alpha")).toBe(false);
    await expect.poll(() => reachable(alpha?.address ?? "", 7000), { timeout: 10_000 }).toBe(true);

    await server.stop("SIGKILL");
    network.destroy();
    expect(namespaces()).not.toContain(alpha?.namespace);
    expect(links()).not.toContain(alpha?.link);
  });

  it("removes what a dead run left behind, processes in it too, and leaves a live run's network alone", async () => {
    // A pid that no longer runs: the "crashed" run's.
    const dead = spawnSync("true").pid ?? 0;
    const leftover = createClusterNetwork(["gamma"], dead);
    const live = createClusterNetwork(["delta"]);
    opened.push(leftover, live);
    const orphan = startHostProcess({
      name: "orphan",
      namespace: leftover.host("gamma").namespace,
      command: "sleep",
      args: ["300"],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const removed = removeStaleClusters();
    expect((await orphan.exited).signal).toBe("SIGKILL");
    expect(removed).toContain(leftover.host("gamma").namespace);
    expect(namespaces()).not.toContain(leftover.host("gamma").namespace);
    expect(links()).not.toMatch(new RegExp(`: aclb${dead}[a-z]:`));
    expect(namespaces()).toContain(live.host("delta").namespace);
    live.destroy();
  });
});
