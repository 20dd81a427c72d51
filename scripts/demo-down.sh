#!/usr/bin/env bash
# npm run demo:down — destroys the demo stack, then stops the local cluster (npm run cluster:down).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
if [ -n "${DEMO_KUBECONFIG:-}" ]; then
    # The demo on a named cluster: its toolchain and providers as the demo registered them.
    export KUBECONFIG=$DEMO_KUBECONFIG PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
    if toolchain=$(scripts/cluster/toolchain.sh --path) && scripts/cluster/plugins.sh; then
        export PATH=$toolchain:$PATH PULUMI_IGNORE_AMBIENT_PLUGINS=true
    fi
elif [ -f .cluster/env ]; then
    # shellcheck source=/dev/null
    . .cluster/env
fi
if [ -n "${DEMO_KUBECONFIG:-}" ] || [ -f .cluster/env ]; then
    export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$REPO/.cluster/pulumi-state}
    export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE:-multi-container-pods-demo}
    STACK=${DEMO_STACK:-demo}
    if pulumi stack select "$STACK" --non-interactive >/dev/null 2>&1; then
        pulumi destroy --yes --non-interactive --stack "$STACK" --skip-preview
        pulumi stack rm "$STACK" --yes --non-interactive
    fi
fi
[ -n "${DEMO_KUBECONFIG:-}" ] || scripts/cluster/down.sh
