# Shared by the cluster scripts: where things live, and how to fail.
# shellcheck shell=bash
MCP_CACHE=${MCP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/multi-container-pods}
die() {
    echo "$*" >&2
    exit 1
}
