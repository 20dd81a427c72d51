#!/usr/bin/env bash
# scripts/cluster/restart.sh stop|start|restart COMPONENT — one process of the running local cluster (a name
# of lib.sh's COMPONENTS: kubelet, kube-apiserver, …), by its pid file, started again with up.sh's own command
# line (components.sh). What the fault tests use to stop the kubelet or restart the API server mid-`pulumi up`.
# `start` returns once the component serves again (the API server ready, the node Ready); it is a no-op for
# a component that runs. The containers of the pods outlive a stopped kubelet, as on a real node.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/cluster/versions.env"
. "$REPO/scripts/cluster/lib.sh"
. "$REPO/scripts/cluster/components.sh"

usage="usage: $0 stop|start|restart COMPONENT (one of: ${COMPONENTS[*]})"
[ $# = 2 ] || die "$usage"
action=$1 component=$2
case " ${COMPONENTS[*]} " in *" $component "*) ;; *) die "$usage" ;; esac
case $action in stop | start | restart) ;; *) die "$usage" ;; esac
[ "$(id -u)" = 0 ] || die "restart.sh needs root, as cluster:up does"
{ [ -d "$PIDS" ] && [ -f "$STATE/kubeconfig" ]; } || die "no local cluster in $STATE (start it with npm run cluster:up)"
# The release and feature gates the running cluster was started with (up.sh), not this checkout's default.
# shellcheck source=/dev/null
[ -f "$STATE/running.env" ] && . "$STATE/running.env"
export PATH="$MCP_CACHE/toolchain/kubernetes-$KUBERNETES_VERSION/bin:$PATH"

running() { [ -f "$PIDS/$component" ] && kill -0 "$(cat "$PIDS/$component")" 2>/dev/null; }

stop() {
    if running; then stop_pid "$(cat "$PIDS/$component")"; fi
    rm -f "$PIDS/$component"
    echo "restart.sh: $component stopped"
}

start() {
    if running; then
        echo "restart.sh: $component already runs (pid $(cat "$PIDS/$component"))"
        return 0
    fi
    echo "--- restart.sh: started again at $(date -u +%FT%TZ)" >>"$LOGS/$component.log"
    start_component "$component"
    local kube=(kubectl --kubeconfig "$STATE/kubeconfig")
    case $component in
    kube-apiserver) wait_for "$component" 60 "${kube[@]}" get --raw /readyz ;;
    kubelet)
        # Its own health (through the API server) and the node Ready: a short stop may not have marked it NotReady.
        wait_for "$component" 60 "${kube[@]}" get --raw "/api/v1/nodes/$NODE_NAME/proxy/healthz"
        wait_for "$component" 60 "${kube[@]}" wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
        ;;
    containerd) wait_for "$component" 30 ctr --address "$CONTAINERD_SOCK" version ;;
    esac
    echo "restart.sh: $component started (pid $(cat "$PIDS/$component"))"
}

case $action in
stop) stop ;;
start) start ;;
restart) stop && start ;;
esac
