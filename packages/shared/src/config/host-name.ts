// The name this host reports itself by (heartbeats, `index list`, the generation_info metric):
// HOST_NAME when set — two containers may share a hostname — otherwise the machine's name.
import { hostname } from "node:os";
import type { AppConfig } from "./schema.js";

export function hostNameOf(config: Pick<AppConfig, "HOST_NAME">): string {
  return config.HOST_NAME ?? hostname();
}
