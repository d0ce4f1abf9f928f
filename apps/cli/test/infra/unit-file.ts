// Reads a systemd unit file into sections of key → values (a key may repeat, e.g. ReadWritePaths).
import { readFileSync } from "node:fs";

export type UnitFile = Record<string, Record<string, string[]>>;

export function readUnitFile(path: string): UnitFile {
  const unit: UnitFile = {};
  let section: Record<string, string[]> | undefined;
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) {
      section = unit[header[1]] ?? {};
      unit[header[1]] = section;
      continue;
    }
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!section || !pair?.[1]) throw new Error(`${path}: not a unit-file line: ${line}`);
    const values = section[pair[1]] ?? [];
    values.push(pair[2] ?? "");
    section[pair[1]] = values;
  }
  return unit;
}

/** The single value of a key (throws when missing or repeated). */
export function only(unit: UnitFile, section: string, key: string): string {
  const values = unit[section]?.[key] ?? [];
  if (values.length !== 1) throw new Error(`[${section}] ${key}: expected one value, found ${values.length}`);
  return values[0] ?? "";
}

/** systemd time spans as used here: "90", "90s", "2min". */
export function seconds(span: string): number {
  const match = /^(\d+)\s*(s|sec|min)?$/.exec(span.trim());
  if (!match?.[1]) throw new Error(`unsupported time span ${span}`);
  return Number(match[1]) * (match[2] === "min" ? 60 : 1);
}

/** The unit's `Environment=NAME=value` settings, as the service's process gets them. */
export function environment(unit: UnitFile): Record<string, string> {
  const settings = (unit.Service?.Environment ?? []).map((line) => line.split(/=(.*)/s));
  return Object.fromEntries(settings.map(([name, value]) => [name ?? "", value ?? ""]));
}
