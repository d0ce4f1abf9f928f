#!/usr/bin/env bash
# Sets up a fresh clone: system packages, pnpm, dependencies (offline-safe native builds),
# the FAISS addon, the bot's search process bundle, and a smoke check that FAISS works. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")

bash scripts/setup-system.sh

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "[setup] installing pnpm@$PNPM_VERSION from the npm registry"
  npm install -g "pnpm@$PNPM_VERSION" --silent || {
    echo "[setup] 'npm install -g pnpm' failed (permissions?). Run: sudo npm install -g pnpm@$PNPM_VERSION" >&2
    exit 1
  }
fi

# Native addons (better-sqlite3, our FAISS build) compile against the running Node's own
# headers when they are installed, instead of downloading them from nodejs.org.
for dir in "$(node -p 'process.config.variables.node_prefix')" "$(dirname "$(dirname "$(command -v node)")")"; do
  if [ -f "$dir/include/node/node_api.h" ]; then
    export npm_config_nodedir="$dir"
    break
  fi
done

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
pnpm --filter @ai-library/faiss-native build
# The bot forks its search process from this build, with plain node (apps/bot/scripts/bundle-search-process.ts);
# without it, or after the code changed, it forks the TypeScript source through tsx, 10–30 MB more.
pnpm --filter @ai-library/bot build
node --import tsx scripts/smoke-faiss.ts
