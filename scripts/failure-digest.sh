#!/usr/bin/env bash
# Prints the failed tests of a `pnpm check` log once more, at its very end. Turbo runs every
# package with --continue, so a failure early in the run scrolls far above the last lines —
# and the last lines are often all a CI summary keeps.
set -euo pipefail
log="$1"
echo
echo "==== failed tests (repeated from the log above) ===="
# Vitest prints a "Failed Tests"/"Failed Suites"/"Unhandled Errors" section per package,
# ending before the package's "Test Files" summary; ANSI colours are stripped for grep.
sed 's/\x1b\[[0-9;]*m//g' "$log" |
  awk '/Failed Tests|Failed Suites|Unhandled Error/ { on = 1 } on { print } /Test Files/ { on = 0 }' |
  head -n 200
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E "^(Failed:|.*ERROR +command)" | tail -n 20 || true
