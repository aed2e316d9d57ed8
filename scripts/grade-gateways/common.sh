# Shared by the grade-gateways scripts (sourced, not run). Informational, not a test: a foreign gateway is
# installed from npm into a cache folder OUTSIDE the repository (never committed), started on loopback with
# its upstreams pointed at the conformance runner's scenario upstream, and graded over the whole catalog.
#
#   CROSSWIRE_GATEWAY_CACHE  where gateways are installed (default: ${TMPDIR:-/tmp}/crosswire-gateways)
#   MOCK_PORT                the scenario upstream's fixed port (default 8799)
#   REPORTS                  where the reports go (default reports/<gateway>)

CACHE=${CROSSWIRE_GATEWAY_CACHE:-${TMPDIR:-/tmp}/crosswire-gateways}
MOCK_PORT=${MOCK_PORT:-8799}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY_PID=

# install_gateway DIR PACKAGE VERSION: npm-install PACKAGE@VERSION into DIR unless that version is there
install_gateway() {
  dir=$1 pkg=$2 version=$3
  installed=$(node -p "try { require('$dir/node_modules/$pkg/package.json').version } catch { '' }")
  if [ "$installed" != "$version" ]; then
    mkdir -p "$dir"
    echo "installing $pkg@$version into $dir"
    npm install --prefix "$dir" --no-audit --no-fund --no-save "$pkg@$version" >"$dir/npm-install.log" 2>&1 || {
      cat "$dir/npm-install.log" >&2
      exit 2
    }
  fi
  echo "$pkg $version ($dir)"
}

# stop_gateway: end the gateway this script started (by its process id only)
stop_gateway() {
  if [ -n "$GATEWAY_PID" ]; then
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    GATEWAY_PID=
  fi
}

# wait_for URL LOG: wait (at most 20 s) until URL answers; on failure print LOG and exit 2
wait_for() {
  node -e "
    const t0 = Date.now();
    (async () => {
      for (;;) {
        try { await fetch(process.argv[1]); return; } catch {}
        if (Date.now() - t0 > 20000) process.exit(1);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
  " "$1" || {
    echo "the gateway did not answer on $1; its log ($2):" >&2
    tail -n 40 "$2" >&2
    stop_gateway
    exit 2
  }
}

# grade GATEWAY_URL PRESET REPORTS [conformance options]: run the catalog; exit with its code (0/1/2)
grade() {
  url=$1 preset=$2 out=$3
  shift 3
  set +e
  (cd "$REPO" && node bin/crosswire.mjs conformance --gateway "$url" --upstream mocks --preset "$preset" \
    --mock-port "$MOCK_PORT" --out "$out" "$@")
  code=$?
  set -e
  stop_gateway
  exit "$code"
}
