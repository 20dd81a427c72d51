#!/usr/bin/env bash
# npm run demo — the main job in one command, after `npm ci`: build the toolchain (cached), start the local
# cluster, deploy all five examples with `pulumi up` on a stack kept in a local file backend, then print every
# container's real log through the commands `pulumi stack output` gives.
#
# It uses the local cluster of `npm run cluster:up`, never your own, unless you name one:
#   DEMO_KUBECONFIG=~/.kube/config npm run demo
# Remove it all with `npm run demo:down` (destroys the stack, then stops the local cluster).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
[ -d node_modules ] || {
    echo "demo: run npm ci first" >&2
    exit 1
}

. scripts/cluster/progress.sh
# How long the first cluster start and the first `pulumi up` of the five examples took on the 2-core machine
# this project is developed on (images built, nothing cached).
CLUSTER_UP_SECONDS=15
DEMO_UP_SECONDS=30
# "━━ [k/n] WHAT (time so far)": each phase, numbered; the toolchain and the cluster print their own steps within.
DEMO_START=$(date +%s)
PHASE=0
PHASES=4
[ -z "${DEMO_KUBECONFIG:-}" ] || PHASES=3
phase() {
    local elapsed=$(($(date +%s) - DEMO_START))
    PHASE=$((PHASE + 1))
    echo
    if [ "$elapsed" -gt 0 ]; then echo "━━ [$PHASE/$PHASES] $* ($(human "$elapsed") so far)"; else echo "━━ [$PHASE/$PHASES] $*"; fi
}

if [ -n "${DEMO_KUBECONFIG:-}" ]; then
    phase "toolchain (built once, then cached in ${XDG_CACHE_HOME:-$HOME/.cache}/multi-container-pods); the cluster of $DEMO_KUBECONFIG"
    export KUBECONFIG=$DEMO_KUBECONFIG
    PATH="$(scripts/cluster/toolchain.sh | tail -n 1):$PATH"
    # The toolchain's providers registered in PULUMI_HOME, so pulumi takes them from there without warning.
    scripts/cluster/plugins.sh
    export PATH PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_IGNORE_AMBIENT_PLUGINS=true
else
    phase "toolchain (built once, then cached in ${XDG_CACHE_HOME:-$HOME/.cache}/multi-container-pods)"
    scripts/cluster/toolchain.sh >/dev/null
    phase "local cluster (about $(human "$CLUSTER_UP_SECONDS") the first time)"
    scripts/cluster/up.sh
    # shellcheck source=/dev/null
    . .cluster/env
fi

# The demo's stack lives beside the cluster, in a local file backend: no Pulumi account, nothing of it in
# ~/.pulumi (which holds only the toolchain's providers, registered by scripts/cluster/plugins.sh).
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$REPO/.cluster/pulumi-state}
export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE:-multi-container-pods-demo}
mkdir -p "${PULUMI_BACKEND_URL#file://}"
STACK=${DEMO_STACK:-demo}

phase "pulumi up (stack $STACK; about $(human "$DEMO_UP_SECONDS") the first time)"
pulumi stack select "$STACK" --create --non-interactive
pulumi up --yes --non-interactive --stack "$STACK"

phase "every container's log, through the commands in: pulumi stack output logCommands"
pulumi stack output logCommands --json --stack "$STACK" |
    node -e 'for (const c of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(c)' |
    while IFS= read -r logs; do
        echo
        echo "\$ $logs"
        sh -c "$logs" </dev/null
    done

echo
echo "━━ done in $(human $(($(date +%s) - DEMO_START)))"
echo "Look around:  . .cluster/env; export PULUMI_BACKEND_URL=$PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE=…"
echo "              pulumi stack output pods --json; kubectl get pods -A"
echo "Remove it:    npm run demo:down"
