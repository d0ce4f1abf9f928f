#!/usr/bin/env bash
# Starts a throwaway local Redis when none answers on REDIS_URL (default 127.0.0.1:6379).
# Tests and the worker need one; production uses the systemd/Docker Redis with AOF instead.
set -euo pipefail
url="${REDIS_URL:-redis://127.0.0.1:6379}"
if redis-cli -u "$url" ping >/dev/null 2>&1; then
  echo "[redis] answering at $url"
  exit 0
fi
hostport="${url#redis://}"; hostport="${hostport%%/*}"; port="${hostport##*:}"
echo "[redis] nothing answers at $url; starting redis-server on 127.0.0.1:$port (no persistence)"
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --dir /tmp --logfile /tmp/ai-library-redis.log
for _ in $(seq 1 50); do
  redis-cli -u "$url" ping >/dev/null 2>&1 && exit 0
  sleep 0.1
done
echo "[redis] redis-server did not start; see /tmp/ai-library-redis.log" >&2
exit 1
