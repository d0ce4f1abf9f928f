#!/usr/bin/env bash
# README command (b): set everything up and run every check (format, lint, types, tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ensure-redis.sh
log="$(mktemp -t ai-library-check-XXXXXX.log)"
status=0
pnpm check 2>&1 | tee "$log" || status=$?
# On failure, repeat which tests failed at the end, where a truncated CI log still shows it.
if [ "$status" -ne 0 ]; then bash scripts/failure-digest.sh "$log"; fi
rm -f "$log"
exit "$status"
