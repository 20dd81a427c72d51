#!/usr/bin/env bash
# npm run test:versions -- SPEC... — the quickstart and the native-sidecar cluster tests on other Kubernetes
# releases, one local cluster after another (root, as cluster:up). SPEC is VERSION or VERSION:GATES, e.g.
#   npm run test:versions -- 1.33.13 1.29.6 1.29.6:SidecarContainers=false
# For each: cluster:down, then cluster:up on that release (the toolchain builds it once, cached beside the default;
# GATES become MCP_FEATURE_GATES), then the tests: with SidecarContainers=false only the preflight's (it must
# refuse), otherwise quickstart, lifecycle (classic ↔ native), workloads (the Job's native sidecar) and the
# preflight's. At the end the default cluster is started again and a line per SPEC says how it went.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 1
[ $# -gt 0 ] || { echo "usage: npm run test:versions -- VERSION[:GATES]..." >&2; exit 2; }
mocha=(npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 900000)
summary=() failed=0
for spec in "$@"; do
    version=${spec%%:*} gates=""
    [ "$spec" != "$version" ] && gates=${spec#*:}
    case $gates in
    *SidecarContainers=false*) tests=(test/cluster/sidecarPreflight.test.ts) ;;
    *) tests=(test/cluster/quickstart.test.ts test/cluster/lifecycle.test.ts test/cluster/workloads.test.ts test/cluster/sidecarPreflight.test.ts) ;;
    esac
    echo "versions: ── Kubernetes $version${gates:+ with $gates}: ${tests[*]}" >&2
    npm run --silent cluster:down
    start=$(date +%s)
    if ! MCP_KUBERNETES_VERSION=$version MCP_FEATURE_GATES=$gates npm run --silent cluster:up; then
        summary+=("$spec: cluster:up failed"); failed=1; continue
    fi
    # shellcheck source=/dev/null
    if (set -a && . .cluster/env && set +a && "${mocha[@]}" "${tests[@]}"); then
        summary+=("$spec: passed in $(($(date +%s) - start)) s")
    else
        summary+=("$spec: FAILED after $(($(date +%s) - start)) s"); failed=1
    fi
done
npm run --silent cluster:down
npm run --silent cluster:up >/dev/null || { echo "versions: starting the default cluster again failed" >&2; failed=1; }
printf 'versions: %s\n' "${summary[@]}"
exit $failed
