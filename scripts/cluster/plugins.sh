#!/usr/bin/env bash
# Lets `pulumi` use the toolchain's plugins without printing "warning: using pulumi-… from $PATH" on every command,
# the way a Pulumi release is laid out:
#   - each language host (pulumi-language-*) is linked next to the toolchain's `pulumi` binary, where the CLI
#     looks for the hosts it bundles: found there, it does not warn even though they are also on PATH;
#   - each resource provider (pulumi-resource-*) is registered in PULUMI_HOME (default ~/.pulumi) with
#     `pulumi plugin install resource NAME VERSION --file BINARY`, and PULUMI_IGNORE_AMBIENT_PLUGINS=true makes the
#     CLI take it from there instead of from PATH (where it warns).
# Idempotent: a plugin registered from the same binary is left as it is. Works on what toolchain.sh has built.
#
#   scripts/cluster/plugins.sh && export PULUMI_IGNORE_AMBIENT_PLUGINS=true
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/cluster/lib.sh"

TOOLCHAIN_PATH=$("$REPO/scripts/cluster/toolchain.sh" --path) || exit 1
IFS=: read -ra DIRS <<<"$TOOLCHAIN_PATH"
PULUMI_BIN=
for dir in "${DIRS[@]}"; do [ -x "$dir/pulumi" ] && PULUMI_BIN=$dir && break; done
[ -n "$PULUMI_BIN" ] || die "plugins: the toolchain has no pulumi binary"
PLUGINS=${PULUMI_HOME:-$HOME/.pulumi}/plugins

for dir in "${DIRS[@]}"; do
    item=$(basename "$(dirname "$dir")") # NAME-VERSION
    for binary in "$dir"/pulumi-language-* "$dir"/pulumi-resource-*; do
        [ -x "$binary" ] || continue
        file=$(basename "$binary")
        case $file in
        pulumi-language-*)
            # Relative: the items are siblings in the cache, wherever it is.
            [ "$dir" = "$PULUMI_BIN" ] || ln -sfn "../../$item/bin/$file" "$PULUMI_BIN/$file"
            ;;
        pulumi-resource-*)
            name=${file#pulumi-resource-} version=${item##*-}
            if ! cmp -s "$binary" "$PLUGINS/resource-$name-v$version/$file"; then
                out=$("$PULUMI_BIN/pulumi" plugin install resource "$name" "$version" --file "$binary" --reinstall 2>&1) ||
                    die "plugins: registering $file $version in $PLUGINS failed: $out"
                echo "plugins: registered $name $version in $PLUGINS" >&2
            fi
            ;;
        esac
    done
done
