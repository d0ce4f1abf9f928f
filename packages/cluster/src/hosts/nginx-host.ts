// Debian's nginx in the "nginx" host's namespace, in front of the bot hosts, over TLS with a
// throwaway certificate, as Telegram reaches it.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkHost } from "../net/cluster-network.js";
import { waitForPort } from "../net/wait-for-port.js";
import { type HostProcess, startHostProcess } from "./host-process.js";
import { renderMainConfig, renderSite } from "./nginx-site.js";

export const NGINX = "/usr/sbin/nginx";
export const NGINX_PORT = 8443;

export interface NginxHost {
  /** Where the Telegram host posts updates. */
  webhookUrl: string;
  process: HostProcess;
  /** "<upstream address> <status>" per request, in order. */
  accessLog(): string[];
}

function writeCertificate(dir: string): void {
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=bot.example.org"].concat([
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ]),
    { stdio: "ignore" },
  );
}

export async function startNginxHost(host: NetworkHost, upstreams: string[], dir: string): Promise<NginxHost> {
  writeCertificate(dir);
  writeFileSync(
    join(dir, "site.conf"),
    renderSite({ upstreams, listen: `${host.address}:${NGINX_PORT}`, certDir: dir }),
  );
  writeFileSync(join(dir, "nginx.conf"), renderMainConfig(dir));
  // Inside the namespace: -t binds the listen address, which exists only there.
  execFileSync("ip", ["netns", "exec", host.namespace, NGINX, "-t", "-p", dir, "-c", join(dir, "nginx.conf")], {
    stdio: "pipe",
  });
  const process = startHostProcess({
    name: "nginx",
    namespace: host.namespace,
    command: NGINX,
    args: ["-p", dir, "-c", join(dir, "nginx.conf")],
  });
  await waitForPort(host.address, NGINX_PORT, {
    what: "nginx",
    gaveUp: () => (process.running() ? undefined : process.output()),
  });
  return {
    webhookUrl: `https://${host.address}:${NGINX_PORT}/telegram/webhook`,
    process,
    accessLog: () => {
      try {
        return readFileSync(join(dir, "access.log"), "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}
