#!/usr/bin/env bash
# npm run test:versions -- SPEC... — the quickstart and the native-sidecar cluster tests on other Kubernetes
# releases, one local cluster after another (root, as cluster:up). SPEC is VERSION or VERSION:GATES, e.g.
#   npm run test:versions -- 1.33.13 1.29.6 1.29.6:SidecarContainers=false
# For each: cluster:down, then cluster:up on that release (the toolchain builds it once, cached beside the default;
# GATES become MCP_FEATURE_GATES), then the tests: with SidecarContainers=false only the preflight's (it must
# refuse), otherwise quickstart, lifecycle (classic ↔ native), workloads (the Job's native sidecar) and the
# preflight's. At the end the default cluster is started again and a line per SPEC says how it went.
# MCP_VERSIONS_DEADLINE (seconds since the epoch; CI sets it from its own time limit) skips, with a line saying so,
# each SPEC whose estimated time (its build when the release is not cached yet, its tests) would pass the deadline.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 1
# shellcheck source=scripts/cluster/lib.sh disable=SC1091
. "$REPO/scripts/cluster/lib.sh"
# Measured here (2 cores): one release's tests with its cluster's stop and start about 5 min (1.29.6 254 s, 1.33.13
# 320 s); the preflight's alone about 1.5 min; a release built with the Go build cache another release left warm
# 6-16 min (1.31.14 340 s, 1.29.6 943 s beside other work), so 16 min is counted.
TESTS_ESTIMATE=360 PREFLIGHT_ESTIMATE=120 BUILD_ESTIMATE=960
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
    estimate=$TESTS_ESTIMATE
    [ ${#tests[@]} -eq 1 ] && estimate=$PREFLIGHT_ESTIMATE
    built=yes
    [ -f "$MCP_CACHE/toolchain/kubernetes-$version/.complete" ] || { built=no; estimate=$((estimate + BUILD_ESTIMATE)); }
    if [ -n "${MCP_VERSIONS_DEADLINE:-}" ] && [ $(($(date +%s) + estimate)) -gt "$MCP_VERSIONS_DEADLINE" ]; then
        left=$(((MCP_VERSIONS_DEADLINE - $(date +%s)) / 60))
        [ $left -lt 0 ] && left=0
        why="about $((estimate / 60)) min$([ $built = no ] && echo ", its build included"), $left min left before the deadline"
        echo "versions: ── Kubernetes $spec SKIPPED: $why" >&2
        summary+=("$spec: skipped, not run ($why)")
        continue
    fi
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
