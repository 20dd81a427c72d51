#!/usr/bin/env bash
# npm run demo:down — destroys the demo stack, then stops the local cluster (npm run cluster:down).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
if [ -f .cluster/env ]; then
    # shellcheck source=/dev/null
    . .cluster/env
    export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$REPO/.cluster/pulumi-state}
    export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE:-multi-container-pods-demo}
    STACK=${DEMO_STACK:-demo}
    if pulumi stack select "$STACK" --non-interactive >/dev/null 2>&1; then
        pulumi destroy --yes --non-interactive --stack "$STACK" --skip-preview
        pulumi stack rm "$STACK" --yes --non-interactive
    fi
fi
[ -n "${DEMO_KUBECONFIG:-}" ] || scripts/cluster/down.sh
