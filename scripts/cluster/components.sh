# How each process of the local cluster is started, stopped and waited for: sourced by up.sh (which writes
# the configuration files they read first), down.sh and restart.sh, so each command line exists once.
# shellcheck shell=bash

# launch NAME COMMAND...: run in the node's network namespace (nsenter, not `ip netns exec`: that remounts
# /sys and hides the cgroups the kubelet needs), detached, logging to .cluster/logs/NAME.log (appended, so a
# restarted component's log keeps what came before). nsenter and setsid exec the program in place, so $! is
# the component's own pid (the subshell execs nsenter; without exec, cluster:down would stop the subshell, not
# the component).
launch() {
    local name=$1
    shift
    (
        close_inherited_fds
        exec nsenter --net="/run/netns/$NETNS" -- setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null
    ) &
    echo $! >"$PIDS/$name"
}
launch_on_host() {
    local name=$1
    shift
    (
        close_inherited_fds
        exec setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null
    ) &
    echo $! >"$PIDS/$name"
}
# A component outlives whoever started it: it must not keep their open files, above all the lock file of
# `flock /tmp/mcp-cluster.lock …` that a test run holds (a kubelet holding it would lock every later run out).
close_inherited_fds() {
    local fd
    for fd in "/proc/$BASHPID/fd/"*; do
        fd=${fd##*/}
        [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    return 0
}

# start_component NAME: the one command line of each component (its configuration files already written).
# FEATURE_GATES (up.sh, from MCP_FEATURE_GATES; restart.sh, from the running cluster's running.env) is passed
# to every Kubernetes process, or nothing when empty.
start_component() {
    case $1 in
    etcd)
        launch etcd etcd --name "$NODE_NAME" --data-dir "$STATE/etcd" \
            --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
            --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
            --initial-cluster "$NODE_NAME=http://127.0.0.1:2380" --quota-backend-bytes 1073741824
        ;;
    kube-apiserver)
        launch kube-apiserver kube-apiserver --etcd-servers http://127.0.0.1:2379 \
            --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
            --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" --client-ca-file "$PKI/ca.crt" \
            --kubelet-client-certificate "$PKI/admin.crt" --kubelet-client-key "$PKI/admin.key" \
            --kubelet-preferred-address-types InternalIP \
            --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$PKI/sa.pub" \
            --service-account-signing-key-file "$PKI/sa.key" --service-cluster-ip-range "$SERVICE_CIDR" \
            --authorization-mode Node,RBAC --admission-control-config-file "$STATE/admission.yaml" \
            --allow-privileged=false --profiling=false \
            --audit-policy-file "$STATE/audit-policy.yaml" --audit-log-path "$LOGS/audit.log" ${FEATURE_GATES:+--feature-gates "$FEATURE_GATES"}
        ;;
    # The host's 127.0.0.1:6443 ↔ a unix socket ↔ the API server inside the node's namespace.
    api-bridge-node)
        launch api-bridge-node socat "UNIX-LISTEN:$API_SOCK,fork,unlink-early,mode=600" "TCP:$NODE_IP:$API_PORT"
        ;;
    api-bridge-host)
        launch_on_host api-bridge-host socat "TCP-LISTEN:$API_PORT,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$API_SOCK"
        ;;
    kube-controller-manager)
        launch kube-controller-manager kube-controller-manager --kubeconfig "$STATE/components.kubeconfig" \
            --leader-elect=false --bind-address 127.0.0.1 --service-cluster-ip-range "$SERVICE_CIDR" \
            --root-ca-file "$PKI/ca.crt" --service-account-private-key-file "$PKI/sa.key" --use-service-account-credentials=false \
            --controllers '*,-nodeipam,-cloud-node-lifecycle' --profiling=false ${FEATURE_GATES:+--feature-gates "$FEATURE_GATES"}
        ;;
    kube-scheduler)
        launch kube-scheduler kube-scheduler --kubeconfig "$STATE/components.kubeconfig" --leader-elect=false \
            --bind-address 127.0.0.1 --profiling=false ${FEATURE_GATES:+--feature-gates "$FEATURE_GATES"}
        ;;
    containerd)
        launch containerd containerd --config "$STATE/containerd.toml"
        ;;
    kubelet)
        launch kubelet kubelet --config "$STATE/kubelet.yaml" --kubeconfig "$STATE/components.kubeconfig" \
            --root-dir "$STATE/kubelet" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" ${FEATURE_GATES:+--feature-gates "$FEATURE_GATES"}
        ;;
    *) die "unknown component $1 (one of: ${COMPONENTS[*]})" ;;
    esac
}

fail() {
    echo "cluster: $1 failed${2:+: $2}. The end of $LOGS/$1.log:" >&2
    tail -n 25 "$LOGS/$1.log" >&2 || true
    exit 1
}

# wait_for NAME SECONDS CHECK...: until CHECK succeeds, failing early if NAME's process has died.
wait_for() {
    local name=$1 deadline=$(($(date +%s) + $2))
    shift 2
    until "$@" >/dev/null 2>&1; do
        kill -0 "$(cat "$PIDS/$name")" 2>/dev/null || fail "$name" "it exited"
        [ "$(date +%s)" -lt "$deadline" ] || fail "$name" "not ready after $2 s"
        sleep 0.2
    done
}

# stop_pid PID: TERM, then KILL after 10 s; returns once it is gone.
stop_pid() {
    local pid=$1 _
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
}
