// The "how to switch back" line after a rollback or a restore. It names only a generation that
// passed verification: pointing the operator at the damaged generation just replaced would
// send them back into the failure they are recovering from.
import type { UndoTarget } from "@ai-library/shared/index";

export function formatUndoHint(undo: UndoTarget): string | undefined {
  if (undo.status === "sound") return `Вернуть как было: pnpm ai-library index rollback --to ${undo.id}`;
  if (undo.status === "damaged") {
    return `Прежнее живое поколение ${undo.id} не прошло проверку (${undo.fault}), поэтому команды возврата к нему нет.`;
  }
  return undefined;
}
