// The site file operators install (infra/nginx/ai-library-bot.conf), with only what differs on
// the test network changed: the upstream lines (one per bot host), the listen address and the
// certificate paths. Everything else — proxy_next_upstream, timeouts, the secret passed on —
// is exactly what production runs.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const SITE_FILE = resolve(import.meta.dirname, "../../../../infra/nginx/ai-library-bot.conf");

export function renderSite(options: { upstreams: string[]; listen: string; certDir: string }): string {
  let site = readFileSync(SITE_FILE, "utf8");
  const servers = options.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`).join("\n");
  const upstreamLines = /( {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/;
  if (!upstreamLines.test(site))
    throw new Error(`${SITE_FILE}: the upstream "server 127.0.0.1:…" lines were not found`);
  site = site.replace(upstreamLines, `${servers}\n`);
  site = site.replace(/listen 443 ssl;/, `listen ${options.listen} ssl;`);
  site = site.replace(/ssl_certificate +\S+;/, `ssl_certificate ${join(options.certDir, "cert.pem")};`);
  site = site.replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${join(options.certDir, "key.pem")};`);
  return site;
}

/** A main nginx.conf around the site, with every path inside `dir` (nothing under /etc or /var). */
export function renderMainConfig(dir: string): string {
  return [
    "daemon off;",
    "worker_processes 1;",
    `pid ${join(dir, "nginx.pid")};`,
    `error_log ${join(dir, "error.log")};`,
    "events { worker_connections 1024; }",
    "http {",
    // Which replica served each request and with what status, to see the load spread.
    "  log_format upstream '$upstream_addr $status';",
    `  access_log ${join(dir, "access.log")} upstream;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`),
    `  include ${join(dir, "site.conf")};`,
    "}",
  ].join("\n");
}
