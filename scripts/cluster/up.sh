#!/usr/bin/env bash
# npm run cluster:up — a single-node Kubernetes on this machine, as root: etcd, kube-apiserver (Pod Security
# "restricted" enforced cluster-wide), controller-manager, scheduler, containerd + runc, kubelet, CNI bridge.
# Idempotent: a healthy cluster is left as it is. Writes .cluster/env (KUBECONFIG, PATH with the toolchain,
# the Pulumi variables); each component logs to .cluster/logs/NAME.log. On failure it names the component
# and prints the end of its log. Stop everything with `npm run cluster:down`.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/cluster/versions.env"
. "$REPO/scripts/cluster/lib.sh"
. "$REPO/scripts/cluster/pki.sh"
. "$REPO/scripts/cluster/progress.sh"
. "$REPO/scripts/cluster/components.sh"

[ "$(id -u)" = 0 ] || die "cluster:up needs root (it runs containerd, the kubelet and network namespaces)"
for tool in etcd containerd ctr runc socat nsenter ip openssl gcc; do
    command -v "$tool" >/dev/null || die "cluster:up: $tool not found; install the Debian packages: etcd-server containerd runc containernetworking-plugins socat busybox-static nginx iproute2 util-linux openssl gcc"
done
[ -x /usr/lib/cni/bridge ] || die "cluster:up: /usr/lib/cni/bridge not found (Debian package containernetworking-plugins)"
start=$(date +%s)
KUBERNETES_BIN=$MCP_CACHE/toolchain/kubernetes-$KUBERNETES_VERSION/bin
[ -x "$KUBERNETES_BIN/kubelet" ] || die "cluster:up: build the toolchain first: npm run toolchain"
# The cluster needs only Kubernetes; the env file gets the whole toolchain (pulumi, plugins) when it is built,
# with its providers registered in PULUMI_HOME (default ~/.pulumi) so that pulumi takes them from there without
# a "using pulumi-… from $PATH" warning on every command (scripts/cluster/plugins.sh).
if TOOLCHAIN_PATH=$("$REPO/scripts/cluster/toolchain.sh" --path 2>/dev/null); then
    "$REPO/scripts/cluster/plugins.sh"
    PLUGINS_REGISTERED=true
else
    TOOLCHAIN_PATH=$KUBERNETES_BIN
    PLUGINS_REGISTERED=false
fi
export PATH="$KUBERNETES_BIN:$PATH"
ADMIN_KUBECONFIG=$STATE/kubeconfig

healthy() {
    [ -f "$ADMIN_KUBECONFIG" ] && [ -d "$PIDS" ] || return 1
    local c
    for c in "${COMPONENTS[@]}"; do [ -f "$PIDS/$c" ] && kill -0 "$(cat "$PIDS/$c")" 2>/dev/null || return 1; done
    kubectl --kubeconfig "$ADMIN_KUBECONFIG" get --raw /readyz >/dev/null 2>&1
}

write_env() {
    cat >"$STATE/env" <<EOF
# Written by npm run cluster:up. Source it to use the local cluster: . .cluster/env
export KUBECONFIG='$ADMIN_KUBECONFIG'
export PATH='$TOOLCHAIN_PATH':"\$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
$(
        $PLUGINS_REGISTERED && cat <<PLUGINS
# The toolchain's providers are registered in ${PULUMI_HOME:-$HOME/.pulumi}; for another PULUMI_HOME run scripts/cluster/plugins.sh.
export PULUMI_IGNORE_AMBIENT_PLUGINS=true
PLUGINS
    )
# The API server's audit log of exec/attach/port-forward requests (read by the cluster tests).
export MCP_CLUSTER_AUDIT_LOG='$LOGS/audit.log'
EOF
}

if healthy; then
    write_env
    echo "cluster:up: already running (KUBECONFIG=$ADMIN_KUBECONFIG); . $STATE/env"
    exit 0
fi
# Whatever is left of an earlier cluster of this checkout (a crashed component, a reboot) goes first.
"$REPO/scripts/cluster/down.sh" --keep-state >/dev/null 2>&1 || true
# One local cluster per machine: the port, the namespace and the sockets are fixed.
if ip netns pids "$NETNS" 2>/dev/null | grep -q . || (exec 3<>/dev/tcp/127.0.0.1/$API_PORT) 2>/dev/null; then
    die "cluster:up: another local cluster is running (network namespace $NETNS or 127.0.0.1:$API_PORT is taken); stop it with npm run cluster:down in its checkout"
fi

# About 10 s on the 2-core machine this project is developed on, the first time too (images built: 4 s).
say "cluster:up: starting a single-node Kubernetes $KUBERNETES_VERSION here, about 10 s"
steps_begin cluster:up 6
step "certificates, kubeconfigs and the node's network namespace $NETNS"
mkdir -p "$STATE" "$LOGS" "$PIDS" "$RUN_DIR" "$STATE/etcd" "$STATE/kubelet" "$STATE/pod-logs" "$STATE/cni/net.d" "$STATE/cni/ipam"
# What this cluster runs, for restart.sh to start a process again the same way: the release, and the feature
# gates MCP_FEATURE_GATES gives the API server, controller-manager, scheduler and kubelet (e.g.
# SidecarContainers=false on 1.29–1.32, where native sidecars can still be turned off).
FEATURE_GATES=${MCP_FEATURE_GATES:-}
printf 'KUBERNETES_VERSION=%q\nFEATURE_GATES=%q\n' "$KUBERNETES_VERSION" "$FEATURE_GATES" >"$STATE/running.env"
make_pki
kubeconfig "$ADMIN_KUBECONFIG" "https://127.0.0.1:$API_PORT" admin
kubeconfig "$STATE/components.kubeconfig" "https://$NODE_IP:$API_PORT" admin

ip netns add "$NETNS" 2>/dev/null || true
ip -n "$NETNS" link set lo up
ip -n "$NETNS" addr replace "$NODE_IP/32" dev lo

# Each component's log starts afresh (restart.sh appends to it).
for c in "${COMPONENTS[@]}"; do : >"$LOGS/$c.log"; done

step "etcd and the API server (logs: $LOGS)"
start_component etcd

cat >"$STATE/admission.yaml" <<EOF
apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults: { enforce: restricted, enforce-version: latest, audit: restricted, audit-version: latest, warn: restricted, warn-version: latest }
      exemptions: { usernames: [], runtimeClasses: [], namespaces: [] }
EOF
# The audit log records every exec/attach/port-forward request with its URI (the command's words): the
# cluster tests read it to prove no secret travels on a command line.
cat >"$STATE/audit-policy.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    resources: [{ group: "", resources: [pods/exec, pods/attach, pods/portforward] }]
  - level: None
EOF
start_component kube-apiserver
start_component api-bridge-node
start_component api-bridge-host
wait_for kube-apiserver 60 kubectl --kubeconfig "$ADMIN_KUBECONFIG" get --raw /readyz
step "controller-manager, scheduler and containerd"

start_component kube-controller-manager
start_component kube-scheduler

cat >"$STATE/containerd.toml" <<EOF
version = 2
root = "$STATE/containerd"
state = "$RUN_DIR/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # This VM grants root no CAP_SYS_RESOURCE: runc must not try to lower oom_score_adj.
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
EOF
cat >"$STATE/cni/net.d/10-mcp-bridge.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "mcp-pods",
  "plugins": [
    { "type": "bridge", "bridge": "mcp0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$POD_CIDR" }]], "dataDir": "$STATE/cni/ipam" } },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
start_component containerd
wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version
step "the example pods' images (built from this machine's files once, then cached in $MCP_CACHE/images)"
"$REPO/scripts/cluster/images.sh" --import "$CONTAINERD_SOCK" 2>>"$LOGS/images.log" || fail images

cat >"$STATE/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: "$PKI/ca.crt" } }
authorization: { mode: Webhook }
tlsCertFile: "$PKI/kubelet.crt"
tlsPrivateKeyFile: "$PKI/kubelet.key"
containerRuntimeEndpoint: "unix://$CONTAINERD_SOCK"
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
podLogsDir: "$STATE/pod-logs"
clusterDomain: cluster.local
# No DNS server runs (the examples resolve no names); an address inside the Service range keeps the kubelet
# from warning on every pod that it has no cluster DNS.
clusterDNS: [$CLUSTER_DNS_IP]
serializeImagePulls: false
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
evictionHard: { memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%" }
maxPods: 200
EOF
step "the kubelet, until node $NODE_NAME is Ready"
start_component kubelet
wait_for kubelet 60 kubectl --kubeconfig "$ADMIN_KUBECONFIG" wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
step "the default namespace's ServiceAccount"
# Pods are admitted only once their namespace has its default ServiceAccount.
wait_for kube-controller-manager 30 kubectl --kubeconfig "$ADMIN_KUBECONFIG" get serviceaccount default -n default

write_env
echo "cluster:up: ready in $(($(date +%s) - start)) s: Kubernetes $KUBERNETES_VERSION, node $NODE_NAME. Use it with: . $STATE/env"
