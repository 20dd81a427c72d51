#!/usr/bin/env bash
# npm run cluster:down — stops everything cluster:up started, by pid, and removes its containers, mounts,
# network namespaces, cgroups and state. `--keep-state` keeps certificates and logs (cluster:up uses it to
# clear the remains of a crashed cluster). Safe to run when nothing is running.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/cluster/lib.sh"
. "$REPO/scripts/cluster/components.sh"
[ "$(id -u)" = 0 ] || die "cluster:down needs root"

# The kubelet first, so it does not restart what we stop; then every container and its shim.
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c=${COMPONENTS[$i]}
    [ "$c" = kubelet ] || continue
    [ -f "$PIDS/$c" ] && stop_pid "$(cat "$PIDS/$c")"
done
# Containers live in the kubelet's cgroups (kubepods) under every controller; kill them all, then their shims.
for procs in $(find /sys/fs/cgroup -path '*kubepods*' -name cgroup.procs 2>/dev/null); do
    # A cgroup may vanish between find and read (its last process gone): nothing left to kill there.
    while read -r pid; do kill -KILL "$pid" 2>/dev/null; done 2>/dev/null <"$procs"
done
for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c=${COMPONENTS[$i]}
    [ -f "$PIDS/$c" ] && stop_pid "$(cat "$PIDS/$c")"
    rm -f "$PIDS/$c"
done
# Anything else of this checkout's cluster (its pid file lost in a crash): processes naming its state directory.
for pid in $(pgrep -f -- "$STATE/" 2>/dev/null); do [ "$pid" != $$ ] && stop_pid "$pid"; done

# Mounts under the state and run directories (overlay rootfs, pod volumes, the pods' netns), deepest first.
for dir in "$STATE" "$RUN_DIR"; do
    awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r m; do
        umount -l "$m" 2>/dev/null
    done
done
# The pods' network namespaces (containerd names them cni-…, made by our CRI: they hold our pod addresses).
for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-'); do
    if ! ip netns pids "$ns" 2>/dev/null | grep -q .; then ip netns delete "$ns" 2>/dev/null; fi
done
ip netns delete "$NETNS" 2>/dev/null
# The kubelet's cgroups, leaves first.
find /sys/fs/cgroup -depth -type d -path '*kubepods*' -exec rmdir {} \; 2>/dev/null
rm -rf "$RUN_DIR"

if [ "${1:-}" = "--keep-state" ]; then
    rm -rf "$STATE/etcd" "$STATE/containerd" "$STATE/kubelet" "$STATE/pod-logs" "$STATE/cni/ipam"
else
    # Everything, logs included, so nothing is left behind; a failed run's logs are printed by up.sh itself.
    rm -rf "$STATE"
fi
echo "cluster:down: stopped; removed processes, mounts, network namespaces and state"
