#!/usr/bin/env bash
# Builds the real tools a local run needs, at pinned versions, from Go modules (and ../shared/third_party for the
# three the module proxy lacks), cached by version outside the repository. Idempotent: what is cached is kept.
#
#   scripts/cluster/toolchain.sh            build what is missing, print the PATH of the toolchain
#   scripts/cluster/toolchain.sh --path     print the PATH only (fails if something is missing)
#
# Versions come from the project's own files: the Pulumi CLI, Node.js language host and the Kubernetes and
# Command providers from package-lock.json (what the SDKs were installed at), the rest from versions.env.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=versions.env
. "$REPO/scripts/cluster/versions.env"
. "$REPO/scripts/cluster/lib.sh"
. "$REPO/scripts/cluster/toolchain-progress.sh"

lock_version() { node -e 'const l=require(process.argv[1]);process.stdout.write(l.packages["node_modules/"+process.argv[2]].version)' "$REPO/package-lock.json" "$1"; }
PULUMI_VERSION=$(lock_version @pulumi/pulumi)
KUBERNETES_PROVIDER_VERSION=$(lock_version @pulumi/kubernetes)
COMMAND_PROVIDER_VERSION=$(lock_version @pulumi/command)
TOOLS=$MCP_CACHE/toolchain

# name-version  →  directory holding bin/
ITEMS=(
    "pulumi-$PULUMI_VERSION"
    "pulumi-language-nodejs-$PULUMI_VERSION"
    "pulumi-language-yaml-$PULUMI_YAML_VERSION"
    "pulumi-resource-kubernetes-$KUBERNETES_PROVIDER_VERSION"
    "pulumi-resource-command-$COMMAND_PROVIDER_VERSION"
    "kubernetes-$KUBERNETES_VERSION"
    "nginx-prometheus-exporter-$NGINX_EXPORTER_VERSION"
    "pulumi-language-python-$PULUMI_VERSION"
    "pulumi-language-go-$PULUMI_VERSION"
)

toolchain_path() {
    local p="" item
    for item in "${ITEMS[@]}"; do p="$p${p:+:}$TOOLS/$item/bin"; done
    echo "$p"
}

if [ "${1:-}" = "--path" ]; then
    for item in "${ITEMS[@]}"; do
        [ -f "$TOOLS/$item/.complete" ] || die "toolchain: $item is not built; run scripts/cluster/toolchain.sh"
    done
    toolchain_path
    exit 0
fi

command -v go >/dev/null || die "toolchain: Go is needed to build the toolchain (go: not found)"
THIRD_PARTY=${MCP_THIRD_PARTY:-}
for candidate in "$THIRD_PARTY" "$REPO/../shared/third_party" /work/shared/third_party; do
    if [ -n "$candidate" ] && [ -d "$candidate/pulumi-language-nodejs" ]; then THIRD_PARTY=$(cd "$candidate" && pwd); break; fi
done

export GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local

module_dir() { go mod download -json "$1" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).Dir)'; }
# A writable copy of a module or source folder to build in.
copy_source() { # (never "" → "/.", the whole file system, when the module download before it failed)
    if [ -z "$1" ] || [ ! -d "$1" ]; then
        echo "toolchain: no source folder to copy (${1:-empty})" >&2
        return 1
    fi
    cp -r "$1/." .
    chmod -R u+w .
}
third_party() {
    [ -d "$THIRD_PARTY/$1" ] || die "toolchain: $1 needs its upstream source in shared/third_party (set MCP_THIRD_PARTY)"
    copy_source "$THIRD_PARTY/$1"
}

build_pulumi() { # the CLI, from a wrapper module (pkg/v3's own replace of clipboard does not carry over)
    printf 'module local/pulumi-cli\n\ngo 1.25\n' >go.mod
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' >tools.go
    go mod edit -replace="github.com/atotto/clipboard=$PULUMI_CLIPBOARD_REPLACEMENT"
    go get "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
    go build -o "$1/bin/pulumi" -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
}

build_pulumi-language-nodejs() {
    third_party pulumi-language-nodejs
    go mod edit -dropreplace=github.com/pulumi/pulumi/pkg/v3 -dropreplace=github.com/pulumi/pulumi/sdk/v3 \
        -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
    go mod tidy
    go build -o "$1/bin/pulumi-language-nodejs" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" .
}

# The Python and Go hosts are built like the Node.js host; the Python host runs a program through its
# pulumi-language-python-exec shim, which it looks for beside its own binary.
build_pulumi-language-python() {
    third_party pulumi-language-python
    go mod edit -dropreplace=github.com/pulumi/pulumi/pkg/v3 -dropreplace=github.com/pulumi/pulumi/sdk/v3 \
        -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
    go mod tidy
    go build -o "$1/bin/pulumi-language-python" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" .
    install -m 0755 pulumi-language-python-exec "$1/bin/pulumi-language-python-exec"
}

build_pulumi-language-go() {
    third_party pulumi-language-go
    go mod edit -dropreplace=github.com/pulumi/pulumi/pkg/v3 -dropreplace=github.com/pulumi/pulumi/sdk/v3 \
        -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
    go mod tidy
    go build -o "$1/bin/pulumi-language-go" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" .
}

build_pulumi-language-yaml() {
    third_party pulumi-yaml
    go build -o "$1/bin/pulumi-language-yaml" \
        -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" ./cmd/pulumi-language-yaml
}

build_pulumi-resource-command() {
    third_party pulumi-command-provider
    go build -o "$1/bin/pulumi-resource-command" \
        -ldflags "-X github.com/pulumi/pulumi-command/provider/pkg/version.Version=v$COMMAND_PROVIDER_VERSION" ./cmd/pulumi-resource-command
}

build_pulumi-resource-kubernetes() {
    copy_source "$(module_dir "github.com/pulumi/pulumi-kubernetes/provider/v4@$KUBERNETES_PROVIDER_MODULE_VERSION")"
    go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
        -require="github.com/pulumi/pulumi-kubernetes/sdk/v4@v$KUBERNETES_PROVIDER_VERSION"
    # The release embeds its schema with the version stamped in; generate.go writes the files main.go embeds.
    (cd cmd/pulumi-resource-kubernetes && VERSION=$KUBERNETES_PROVIDER_VERSION go run generate.go)
    go build -o "$1/bin/pulumi-resource-kubernetes" \
        -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$KUBERNETES_PROVIDER_VERSION" \
        ./cmd/pulumi-resource-kubernetes
}

build_kubernetes() { # kube-apiserver, -controller-manager, -scheduler, kubelet and kubectl in one build
    local k8s_dir minor staging=() cmd pkgs=()
    k8s_dir=$(module_dir "k8s.io/kubernetes@v$KUBERNETES_VERSION")
    minor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2)
    # k8s.io/kubernetes replaces its staging modules with folders of its own repository; use their releases.
    mapfile -t staging < <(sed -n 's#^\s*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$k8s_dir/go.mod")
    printf 'module local/kubernetes\n\ngo 1.24\n' >go.mod
    {
        printf '//go:build tools\n\npackage tools\n\nimport (\n'
        for cmd in kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl; do
            printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$cmd"
            pkgs+=("k8s.io/kubernetes/cmd/$cmd")
        done
        printf ')\n'
    } >tools.go
    local edits=(-require="k8s.io/kubernetes@v$KUBERNETES_VERSION")
    for m in "${staging[@]}"; do edits+=(-replace="$m=$m@v0.$minor.${KUBERNETES_VERSION##*.}"); done
    # A staging module the proxy lacks at the release's own version: the nearest one it serves (versions.env).
    for m in ${KUBERNETES_MODULE_REPLACEMENTS:-}; do edits+=(-replace="$m"); done
    go mod edit "${edits[@]}"
    go mod download k8s.io/kubernetes
    # -s -w: no symbol table or DWARF, as Kubernetes' own release builds (hack/lib/golang.sh without DBG=1): 15 s
    # less linking a release here, and 365 MB of binaries instead of 521 MB.
    local v="v$KUBERNETES_VERSION" ldflags="-s -w"
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        ldflags="$ldflags -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    done
    mkdir -p "$1/bin"
    go build -o "$1/bin/" -ldflags "$ldflags" "${pkgs[@]}"
}

build_nginx-prometheus-exporter() {
    # `go install …@version` fails here (the proxy refuses the version list it reads); building inside works.
    copy_source "$(module_dir "github.com/nginx/nginx-prometheus-exporter@v$NGINX_EXPORTER_VERSION")"
    go build -o "$1/bin/nginx-prometheus-exporter" \
        -ldflags "-X github.com/prometheus/common/version.Version=$NGINX_EXPORTER_VERSION" .
}

build_item() {
    local item=$1 dest=$TOOLS/$1 name work log start
    [ -f "$dest/.complete" ] && return 0
    local step took
    name=$(item_name "$item")
    work=$(mktemp -d "$TOOLS/.build-$item.XXXXXX")
    log=$TOOLS/logs/$item.log
    start=$(date +%s)
    step="[$(next_step)/$TO_BUILD]"
    echo "$step $start" >"$PROGRESS/running.$item"
    say "toolchain: $step building $item ($(cold_estimate "$item"); log: $log)"
    rm -rf "$dest"
    mkdir -p "$dest/bin"
    if (cd "$work" && "build_$name" "$dest") >"$log" 2>&1; then
        touch "$dest/.complete"
        rm -rf "$work"
        mv "$PROGRESS/running.$item" "$PROGRESS/done.$item"
        say "toolchain: $step built $item in $(($(date +%s) - start)) s$(time_left_after)"
    else
        rm -rf "$work"
        took=$(($(date +%s) - start))
        {
            echo "toolchain: building $item failed after $took s; the end of $log:"
            tail -n 30 "$log"
        } >"$PROGRESS/failed.$item"
        rm -f "$PROGRESS/running.$item"
        say "toolchain: $step building $item failed after $took s$(finishing_others)"
        return 1
    fi
}

# Two queues, as evenly loaded as the cold build times measured here allow (2 cores).
build_queue() {
    local item
    echo "$@" >"$PROGRESS/queue.$BASHPID"
    for item in "$@"; do
        # Once a build has failed, the other queue finishes what it is building and starts nothing new.
        ! compgen -G "$PROGRESS/failed.*" >/dev/null || return 1
        build_item "$item" || return 1
    done
}

toolchain_progress_begin

mkdir -p "$TOOLS/logs"
start=$(date +%s)
build_queue "${ITEMS[6]}" "${ITEMS[3]}" "${ITEMS[4]}" "${ITEMS[2]}" "${ITEMS[8]}" &
q1=$!
build_queue "${ITEMS[5]}" "${ITEMS[0]}" "${ITEMS[1]}" "${ITEMS[7]}" &
q2=$!
rc=0
wait "$q1" || rc=1
wait "$q2" || rc=1
[ "$rc" = 0 ] || toolchain_failed
heartbeat_stop
say "toolchain: ready in $(($(date +%s) - start)) s under $TOOLS"
toolchain_path
