#!/usr/bin/env bash
# Fetches the Debian documentation books of `pnpm eval`'s answer-level set (packages/eval):
# the Developer's Reference (ru, en), "An Introduction to R", the Installation Guide and the
# Russian New Maintainers' Guide, with `apt-get download` + `dpkg-deb -x`, into a cache folder.
# Books already there are kept; `apt-get update` runs only when a download fails.
# `pnpm eval` calls this when a book is missing; it can also be run by hand:
#   scripts/fetch-eval-books.sh [target-dir]
# Default target: ${XDG_CACHE_HOME:-$HOME/.cache}/ai-library/eval-books (EVAL_BOOKS_DIR overrides).
set -euo pipefail

target="${1:-${EVAL_BOOKS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-library/eval-books}}"

# file in the cache | Debian package | path inside the package (.gz is unpacked)
books=(
  "devref-ru.epub|developers-reference-ru|usr/share/developers-reference/ru/developers-reference.epub"
  "devref-en.epub|developers-reference|usr/share/developers-reference/developers-reference.epub"
  "R-intro.pdf|r-doc-pdf|usr/share/R/doc/manual/R-intro.pdf"
  "install.en.pdf|installation-guide-amd64|usr/share/doc/installation-guide-amd64/en/install.en.pdf.gz"
  "maint-guide.ru.pdf|maint-guide-ru|usr/share/doc/maint-guide-ru/maint-guide.ru.pdf"
)

for tool in apt-get dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch-eval-books: $tool is not available (not a Debian-based system); the Debian books cannot be fetched" >&2
    exit 1
  fi
done

mkdir -p "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt's download sandbox user must be able to write where the .deb lands.
chmod 755 "$work"
updated=no

download() {
  local package="$1"
  (cd "$work" && apt-get download -q "$package" >/dev/null 2>&1) && return 0
  if [ "$updated" = no ]; then
    updated=yes
    echo "fetch-eval-books: downloading $package failed; running apt-get update once" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null 2>&1 || true; else sudo -n apt-get update -q >/dev/null 2>&1 || true; fi
    (cd "$work" && apt-get download -q "$package" >/dev/null 2>&1) && return 0
  fi
  return 1
}

missing=0
for entry in "${books[@]}"; do
  IFS='|' read -r file package inner <<<"$entry"
  if [ -s "$target/$file" ]; then
    echo "fetch-eval-books: $file already in $target"
    continue
  fi
  if ! download "$package"; then
    echo "fetch-eval-books: could not download the Debian package $package (no network or not in the apt sources)" >&2
    missing=$((missing + 1))
    continue
  fi
  extracted="$work/$package"
  mkdir -p "$extracted"
  dpkg-deb -x "$(ls "$work/${package}"_*.deb | head -n 1)" "$extracted"
  if [ ! -f "$extracted/$inner" ]; then
    echo "fetch-eval-books: $package has no $inner (the package layout changed?)" >&2
    missing=$((missing + 1))
    continue
  fi
  # Write beside the target and rename, so an interrupted run never leaves half a book.
  case "$inner" in
    *.gz) gunzip -c "$extracted/$inner" >"$target/$file.partial" ;;
    *) cp "$extracted/$inner" "$target/$file.partial" ;;
  esac
  mv "$target/$file.partial" "$target/$file"
  echo "fetch-eval-books: $file from $package"
done

if [ "$missing" -gt 0 ]; then
  echo "fetch-eval-books: $missing book(s) missing in $target" >&2
  exit 1
fi
echo "fetch-eval-books: all ${#books[@]} books in $target"
