#!/usr/bin/env bash
# Installs what the OS must provide, only when it is missing (safe to run again):
# Redis, FAISS + OpenBLAS headers for the native addon, a C++ toolchain for node-gyp.
set -euo pipefail

# systemd, logrotate and prometheus only provide the checkers the infra tests run
# (systemd-analyze verify, logrotate, promtool check rules); nginx and openssl run the
# webhook-replicas test (infra/nginx config in front of two bot processes, over TLS). Tesseract with
# its Russian and English data, djvulibre and poppler read scanned books (OCR); img2pdf builds
# scanned test books.
packages=(redis-server redis-tools libfaiss-dev libopenblas-dev build-essential python3 systemd logrotate prometheus nginx openssl
  tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng djvulibre-bin poppler-utils img2pdf)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "[setup-system] system packages present: ${packages[*]}"
  exit 0
fi

echo "[setup-system] missing system packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
[setup-system] apt-get is not available on this machine, so the packages above cannot be installed automatically.
Install their equivalents by hand (Redis 6+, FAISS 1.7 development headers and library, OpenBLAS, a C++17 compiler,
make and python3, Tesseract OCR with Russian and English data, djvulibre and poppler tools, img2pdf),
then run this command again. See docs/faiss.md and docs/ocr.md.
MSG
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    cat >&2 <<MSG
[setup-system] installing system packages needs root, and sudo is not available.
Ask an administrator to run:
  apt-get update && apt-get install -y ${missing[*]}
then run this command again.
MSG
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "[setup-system] installed: ${missing[*]}"
