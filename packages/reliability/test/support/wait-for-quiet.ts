// "The bot has dealt with everything": every injected update was taken by getUpdates and
// no Bot API call other than the idle long poll arrived for `quietMs`. Polled, not slept.
// In webhook mode nothing polls, so `polling: false` skips the pending-updates check.
import type { TelegramStandin } from "@ai-library/standins/telegram";

export async function waitForQuiet(
  standin: TelegramStandin,
  {
    quietMs = 1500,
    timeoutMs = 120_000,
    polling = true,
  }: { quietMs?: number; timeoutMs?: number; polling?: boolean } = {},
): Promise<void> {
  const busyCalls = () => standin.calls.filter((call) => call.method !== "getUpdates").length;
  let seen = -1;
  let quietSince = Date.now();
  await standin.waitFor(
    () => {
      const now = busyCalls();
      if (now !== seen || (polling && standin.pendingUpdates() > 0)) {
        seen = now;
        quietSince = Date.now();
        return false;
      }
      return Date.now() - quietSince >= quietMs;
    },
    { timeoutMs, what: `the bot to go quiet for ${quietMs} ms` },
  );
}
