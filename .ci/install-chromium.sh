#!/bin/sh
# Headless Chromium for test/browser (Debian package). Idempotent: does nothing when it is installed.
set -e
command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }
