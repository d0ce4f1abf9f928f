// Where `index backup` may write, checked before anything is created. The kernel's own
// filesystems are not disks: Node's recursive mkdir never returns under /proc (it spins at
// 100% CPU), /sys answers EPERM even to root, and a "backup" under /dev lands in RAM. A path
// through a file, or a folder that cannot be created, is named with the setting it came from.
import { existsSync, mkdirSync, statfsSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { asOperatorInput } from "../../error-reporting/operator-input.js";
import { BackupError } from "./ops-errors.js";

/** statfs f_type of kernel filesystems (linux/magic.h). */
const KERNEL_FILESYSTEMS: Record<number, string> = {
  40864: "proc",
  1650812274: "sysfs",
  7377: "devpts",
  2613483: "cgroup",
  1667723888: "cgroup2",
  1684170528: "debugfs",
  1953653091: "tracefs",
  1935894131: "securityfs",
  1634035564: "pstore",
  3405662737: "bpf",
  1650812272: "configfs",
  3730735588: "efivarfs",
  1702057283: "fusectl",
  1112100429: "binfmt_misc",
  427819522: "mqueue",
  4185718668: "selinuxfs",
  1853056627: "nsfs",
};
/** Mount points whose contents are never a disk, whatever filesystem statfs reports for them. */
const KERNEL_TREES = ["/proc", "/sys", "/dev"];

const WRITE_FAILURES: Record<string, string> = {
  EACCES: "нет прав на запись",
  EPERM: "операция запрещена",
  EROFS: "файловая система только для чтения",
  ENOSPC: "нет места на диске",
  EDQUOT: "превышена дисковая квота",
  ENOTDIR: "часть пути — файл, а не каталог",
};

/** A disk failure in words, with its code (`нет прав на запись (EACCES)`). */
export function describeWriteFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code in WRITE_FAILURES) return `${WRITE_FAILURES[code]} (${code})`;
  return (error as Error).message;
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function kernelTree(path: string): string | undefined {
  return KERNEL_TREES.find((tree) => path === tree || path.startsWith(`${tree}${sep}`));
}

/**
 * Creates `dir` (absolute) if it is missing and proves it is an ordinary folder on a disk;
 * `setting` names where it came from (`--to` or `BACKUP_DIR`), for the advice.
 */
export function prepareBackupDestination(dir: string, setting: string): string {
  const path = resolve(dir);
  const advice =
    `Укажите в ${setting} обычный каталог на диске с местом для архива ` +
    "(например pnpm ai-library index backup --to data/offsite-backups или BACKUP_DIR в .env).";
  const refuse = (fault: string) => new BackupError(path, fault, advice, `Резервную копию нельзя записать в ${path}`);
  const tree = kernelTree(path);
  const existing = nearestExisting(path);
  const type = statfsSync(existing).type;
  const kernelFs = KERNEL_FILESYSTEMS[type];
  // A destination that cannot be a backup folder is the operator's mistake, not a fault: a WARN
  // line, nothing sent to Sentry. A folder that exists but cannot be written stays an ERROR.
  if (tree || kernelFs) {
    throw asOperatorInput(refuse(`это не диск, а файловая система ядра (${kernelFs ?? tree}), ничего не создано`));
  }
  if (!statSync(existing).isDirectory()) throw asOperatorInput(refuse(`${existing} — файл, а не каталог`));
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw refuse(`каталог не создаётся: ${describeWriteFailure(error)}`);
  }
  return path;
}
