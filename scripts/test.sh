#!/usr/bin/env bash
# The test command of the README. Installs what the tests need beyond cargo when it is
# missing (xmllint, which validates REFI-QDA exports against the published schema; chromium,
# the headless browser of the web app's end-to-end test), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: chromium is missing: install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
if ! command -v xmllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null
  else
    echo "scripts/test.sh: xmllint is missing: install it (Debian/Ubuntu: sudo apt-get install libxml2-utils)" >&2
    exit 1
  fi
fi
cargo test "$@"
