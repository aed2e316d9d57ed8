#!/bin/sh
# Run the crosswire conformance catalog against Portkey's open-source gateway, with its upstreams pointed
# at crosswire's loopback mocks through the x-portkey-custom-host header. Informational, not a test.
# Portkey is installed outside the repository (never committed): PORTKEY_DIR (default: portkey-gw under $TMPDIR).
# Usage: scripts/portkey-proof.sh [extra crosswire conformance options]
set -eu
cd "$(dirname "$0")/.."
DIR=${PORTKEY_DIR:-${TMPDIR:-/tmp}/portkey-gw}
PORT=${PORTKEY_PORT:-8790}
OUT=${PORTKEY_REPORTS:-reports/portkey}
SERVER="$DIR/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ ! -f "$SERVER" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund @portkey-ai/gateway
fi
echo "portkey gateway $(node -p "require('$DIR/node_modules/@portkey-ai/gateway/package.json').version")"
node "$SERVER" --port="$PORT" --headless >"$DIR/portkey.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT INT TERM
# wait (at most ~15 s) until it answers
node -e "
const url = 'http://127.0.0.1:$PORT/';
const t0 = Date.now();
(async () => {
  for (;;) {
    try { const r = await fetch(url); if (r.ok) return; } catch {}
    if (Date.now() - t0 > 15000) { console.error('portkey did not start; see $DIR/portkey.log'); process.exit(1); }
    await new Promise((r) => setTimeout(r, 200));
  }
})();
"
set +e
node bin/crosswire.mjs conformance --gateway "http://127.0.0.1:$PORT" --upstream mocks --preset portkey --out "$OUT" "$@"
CODE=$?
set -e
exit "$CODE"
