// Paces outgoing Bot API calls below Telegram's own limits, so that a busy bot queues its
// replies instead of collecting 429s: a 429 is retried only a few times, and under a long
// flood wait a reply could be lost. Telegram's published limits: about 30 messages a second
// in all, and 20 a minute in one group. Edits of a streamed answer count as messages too.
// Private chats need no pacing of their own here: the per-chat queue sends one at a time,
// and the stream editor already spaces its edits.
import pThrottle from "p-throttle";

export interface SendPacerSettings {
  /** Messages a second, all chats together. */
  perSecond: number;
  /** Messages a minute to one group or channel. */
  groupPerMinute: number;
  /** Called when a call has to wait for its turn (for the metrics). */
  onDelay?: (scope: "global" | "group") => void;
}

export interface SendPacer {
  /** Resolves when a message to `chatId` may be sent. */
  wait(chatId: number): Promise<void>;
  /** Groups with a pacing window still open (bounded: idle groups are forgotten). */
  readonly trackedGroups: number;
}

const GROUP_WINDOW_MS = 60_000;

export function createSendPacer(settings: SendPacerSettings): SendPacer {
  const global = pThrottle({
    limit: settings.perSecond,
    interval: 1000,
    strict: true,
    onDelay: () => settings.onDelay?.("global"),
  })(() => undefined);
  const groups = new Map<number, { wait: () => Promise<void>; lastUsed: number }>();

  function forgetIdleGroups(now: number) {
    for (const [chatId, group] of groups) {
      if (now - group.lastUsed > GROUP_WINDOW_MS) groups.delete(chatId);
    }
  }

  function groupPacer(chatId: number) {
    const now = Date.now();
    forgetIdleGroups(now);
    let group = groups.get(chatId);
    if (!group) {
      const wait = pThrottle({
        limit: settings.groupPerMinute,
        interval: GROUP_WINDOW_MS,
        strict: true,
        onDelay: () => settings.onDelay?.("group"),
      })(async () => undefined);
      group = { wait, lastUsed: now };
      groups.set(chatId, group);
    }
    return group;
  }

  return {
    async wait(chatId) {
      // Telegram gives groups and channels negative ids; users positive ones.
      if (chatId < 0) {
        const group = groupPacer(chatId);
        await group.wait();
        group.lastUsed = Date.now();
      }
      await global();
    },
    get trackedGroups() {
      return groups.size;
    },
  };
}
