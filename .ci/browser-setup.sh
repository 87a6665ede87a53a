#!/usr/bin/env bash
# Makes sure the browser tests have a browser: Debian's chromium at /usr/bin/chromium, which
# playwright-core drives (Playwright's own browser download is not used). Installs it when it is
# missing; CI runs this as root. Exits non-zero when no browser can be had, so that
# `npm run test:browser` is never skipped silently.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "browser-setup: $CHROMIUM is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "browser-setup: $CHROMIUM is still missing after apt-get install chromium" >&2
  exit 1
fi

# (Debian's launcher script may print a harmless shell warning on stderr.)
"$CHROMIUM" --version 2>/dev/null || { echo "browser-setup: $CHROMIUM does not run" >&2; exit 1; }
