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
echo "=== pnpm ai-library ask \"Как откатить индекс к предыдущей версии?\""
pnpm --silent ai-library ask "Как откатить индекс к предыдущей версии?"
echo
echo "=== pnpm ai-library ask \"How do I pause ingestion?\""
pnpm --silent ai-library ask "How do I pause ingestion?"
echo
echo "=== бот в консольном режиме (без TELEGRAM_BOT_TOKEN):"
echo "Где лежат логи бота?" | TELEGRAM_BOT_TOKEN= pnpm --silent --filter @ai-library/bot start
echo
echo "Готово. Задайте свой вопрос: pnpm ai-library ask \"ваш вопрос\""
echo "или поговорите с ботом в консоли: pnpm --filter @ai-library/bot start"
