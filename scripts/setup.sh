#!/usr/bin/env bash
# Installs what Framecast needs on a Debian/Ubuntu machine: system tools (ffmpeg, chromium) when
# missing, pnpm through corepack, and the project's packages. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]} from Debian packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    say "installing ${missing[*]} with sudo apt-get"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "please install: ${missing[*]} (ffmpeg renders videos; chromium runs the browser tests)"
  fi
fi

if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  say "activating pnpm 10 through corepack"
  # This registry serves no signatures; corepack needs the check relaxed for the first download.
  export COREPACK_INTEGRITY_KEYS=0
  corepack enable >/dev/null 2>&1 || npm i -g corepack >/dev/null
  corepack enable
  corepack prepare pnpm@10.34.9 --activate >/dev/null
fi

say "installing packages (pnpm $(pnpm --version))"
pnpm install --frozen-lockfile
say "done"
