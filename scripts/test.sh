#!/usr/bin/env bash
# README command (b): set everything up and run every check (format, lint, types, tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ensure-redis.sh
pnpm check
