#!/usr/bin/env bash
# Make sure a headless-capable Chromium is on PATH for the HTML report test.
# Debian's `chromium` package, installed with apt-get (as root, or through sudo)
# when it is missing. Prints where it is.
set -euo pipefail

for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    exit 0
  fi
done

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo -n"
else
  echo "chromium is not installed and this user cannot run apt-get: install Debian's chromium package" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium
