#!/bin/sh
# Grade claude-code-router (@musistudio/claude-code-router, which bundles @musistudio/llms) with the
# conformance catalog. It is configured by file: `crosswire conformance --preset ccr --print-config` writes
# its config.json (providers `openai`, `anthropic`, `gemini` at the scenario upstream on MOCK_PORT), into a
# HOME of its own under the cache folder, so a real ~/.claude-code-router is never read or touched. The
# `ccr` preset sends `model: "<provider>,<model>"`, the router's own syntax. See common.sh for the settings.
# Usage: scripts/grade-gateways/ccr.sh [extra crosswire conformance options, e.g. --format anthropic]
set -eu
. "$(dirname "$0")/common.sh"
VERSION=${CCR_VERSION:-2.0.0}
PORT=${CCR_PORT:-8791}
DIR="$CACHE/claude-code-router-$VERSION"
install_gateway "$DIR" @musistudio/claude-code-router "$VERSION"
CCR_HOME="$DIR/home"
mkdir -p "$CCR_HOME/.claude-code-router"
(cd "$REPO" && node bin/crosswire.mjs conformance --preset ccr --mock-port "$MOCK_PORT" \
  --gateway "http://127.0.0.1:$PORT" --print-config) >"$CCR_HOME/.claude-code-router/config.json"
rm -f "$CCR_HOME/.claude-code-router/.claude-code-router.pid"
# `ccr start` serves in the foreground
HOME="$CCR_HOME" node "$DIR/node_modules/@musistudio/claude-code-router/dist/cli.js" start >"$DIR/ccr.log" 2>&1 &
GATEWAY_PID=$!
trap stop_gateway EXIT INT TERM
wait_for "http://127.0.0.1:$PORT/health" "$DIR/ccr.log"
grade "http://127.0.0.1:$PORT" ccr "${REPORTS:-reports/ccr}" "$@"
