import type { IPod } from "kubernetes-models/v1";
import { containerSecurityContext, podSecurityContext } from "../build/securityDefaults";
import type { KubectlTarget } from "./kubectl";

// The kubectl calls of the native-sidecar preflight (program/sidecarPreflight.ts runs them): the server's
// version, and a server-side dry run of a tiny pod whose init container has `restartPolicy: Always`. An API
// server without the SidecarContainers feature gate (1.28 by default, 1.29–1.32 when it is switched off) drops
// that field silently, so the object the dry run returns shows whether native sidecars can work. Nothing is
// created: `--dry-run=server` runs admission and defaulting, and stores nothing.

const CAP = "--request-timeout=10s";

function clusterFlags(target: Omit<KubectlTarget, "namespace">): string[] {
    return [
        ...(target.context === undefined ? [] : ["--context", target.context]),
        ...(target.kubeconfig === undefined ? [] : ["--kubeconfig", target.kubeconfig]),
    ];
}

/** `kubectl version -o json`: its `serverVersion` names the cluster's Kubernetes. */
export const serverVersionArgs = (target: Omit<KubectlTarget, "namespace">): string[] => [
    "version",
    "-o",
    "json",
    CAP,
    ...clusterFlags(target),
];

/** `kubectl create --dry-run=server -o json -f - -n NS`, with probePod() on standard input. */
export const sidecarProbeArgs = (target: KubectlTarget): string[] => [
    "create",
    "--dry-run=server",
    "-o",
    "json",
    "-f",
    "-",
    "-n",
    target.namespace,
    CAP,
    ...clusterFlags(target),
];

export const PROBE_CONTAINER = "sidecar-probe";

/**
 * The probe: one restartable init container and one app container, within the restricted Pod Security profile
 * and with small requests and limits, so that admission (Pod Security, a LimitRange or quota) lets it through.
 */
export function probePod(): IPod {
    const container = (name: string) => ({
        name,
        image: "busybox:1.36.1",
        command: ["sleep", "1"],
        securityContext: containerSecurityContext(),
        resources: {
            requests: { cpu: "1m", memory: "1Mi", "ephemeral-storage": "1Mi" },
            limits: { cpu: "10m", memory: "8Mi", "ephemeral-storage": "8Mi" },
        },
    });
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { generateName: "multi-container-pods-sidecar-probe-" },
        spec: {
            securityContext: podSecurityContext(),
            initContainers: [{ ...container(PROBE_CONTAINER), restartPolicy: "Always" }],
            containers: [container("main")],
        },
    };
}
