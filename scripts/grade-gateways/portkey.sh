#!/bin/sh
# Grade Portkey's open-source gateway (@portkey-ai/gateway) with the conformance catalog. Portkey needs no
# config file: the `portkey` preset sends `x-portkey-provider` and `x-portkey-custom-host` (the scenario
# upstream) with every request. See scripts/grade-gateways/common.sh for the settings.
# Usage: scripts/grade-gateways/portkey.sh [extra crosswire conformance options, e.g. --only tool]
set -eu
. "$(dirname "$0")/common.sh"
VERSION=${PORTKEY_VERSION:-1.15.2}
PORT=${PORTKEY_PORT:-8790}
DIR="$CACHE/portkey-$VERSION"
install_gateway "$DIR" @portkey-ai/gateway "$VERSION"
node "$DIR/node_modules/@portkey-ai/gateway/build/start-server.js" --port="$PORT" --headless >"$DIR/portkey.log" 2>&1 &
GATEWAY_PID=$!
trap stop_gateway EXIT INT TERM
wait_for "http://127.0.0.1:$PORT/" "$DIR/portkey.log"
grade "http://127.0.0.1:$PORT" portkey "${REPORTS:-reports/portkey}" "$@"
