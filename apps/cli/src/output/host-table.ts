// `index list` on a multi-host deployment: which host serves which generation, from the hosts'
// heartbeats in Redis, or a line saying it could not be told.
import type { HostServing } from "@ai-library/shared/notice";

export type HostsView = { known: true; hosts: HostServing[] } | { known: false; reason: string };

export function formatHostTable(view: HostsView, now = Date.now()): string {
  if (!view.known) return `Какие поколения обслуживают хосты, узнать не удалось: ${view.reason}.`;
  if (view.hosts.length === 0) return "Хосты: ни один не прислал пульс (index serve / index follow не запущены?).";
  const rows = view.hosts.map((host) => {
    const ago = Math.max(0, Math.round((now - Date.parse(host.at)) / 1000));
    const role = host.role === "publisher" ? "публикатор" : "синхронизация";
    return `  ${host.host.padEnd(24)} ${role.padEnd(14)} ${(host.generationId ?? "—").padEnd(30)} пульс ${ago} с назад`;
  });
  return ["Хосты (пульс в Redis):", ...rows].join("\n");
}
