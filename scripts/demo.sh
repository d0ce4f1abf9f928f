#!/usr/bin/env bash
# README command (a): set everything up and run the main job on the offline default:
# build a sample library from our own docs, ingest it, answer questions, then ask the
# bot itself (console mode, no Telegram needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm exec tsx scripts/make-sample-library.ts --out data/sample-books
pnpm ai-library ingest --folder data/sample-books --inline
echo
ask() {
  echo "=== pnpm ai-library ask \"$1\""
  pnpm --silent ai-library ask "$1"
  echo
}
ask "Как определяется, что книга не изменилась?"
ask "Why is the index published atomically?"
echo "=== бот в консольном режиме (без TELEGRAM_BOT_TOKEN):"
echo "Зачем убирать флаг -fno-rtti?" | TELEGRAM_BOT_TOKEN= pnpm --silent --filter @ai-library/bot start
echo
echo "Готово. Задайте свой вопрос: pnpm ai-library ask \"ваш вопрос\""
echo "или поговорите с ботом в консоли: pnpm --filter @ai-library/bot start"
