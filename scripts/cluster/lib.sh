# Shared by the cluster scripts: where things live, the cluster's fixed facts, and how to fail.
# shellcheck shell=bash
MCP_CACHE=${MCP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/multi-container-pods}

# The node lives in a network namespace of its own (the kubelet refuses a loopback node IP, and the network
# rule keeps every address the project makes inside namespaces it creates). Pods get addresses on a bridge
# inside it; the host reaches the API server on 127.0.0.1 only, through a unix-socket bridge.
NETNS=mcp-node
NODE_NAME=mcp-node
NODE_IP=10.231.0.1
POD_CIDR=10.231.128.0/24
SERVICE_CIDR=10.231.64.0/24
KUBERNETES_SERVICE_IP=10.231.64.1
CLUSTER_DNS_IP=10.231.64.10
API_PORT=6443
CONTEXT_NAME=multi-container-pods-local

if [ -n "${REPO:-}" ]; then
    STATE=${MCP_CLUSTER_DIR:-$REPO/.cluster}
    PKI=$STATE/pki
    LOGS=$STATE/logs
    PIDS=$STATE/pids
fi
# Sockets need a short path (108 bytes), whatever the clone's path is.
RUN_DIR=/run/multi-container-pods
CONTAINERD_SOCK=$RUN_DIR/containerd.sock
API_SOCK=$RUN_DIR/apiserver.sock

die() {
    echo "$*" >&2
    exit 1
}

in_node() { nsenter --net="/run/netns/$NETNS" -- "$@"; }

# Components in start order; cluster:down stops them in reverse.
COMPONENTS=(etcd kube-apiserver api-bridge-node api-bridge-host kube-controller-manager kube-scheduler containerd kubelet)
