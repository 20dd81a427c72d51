import type { IPod, IPodSpec, IPodTemplateSpec } from "kubernetes-models/v1";
import { SidecarMode, WorkloadKind } from "../model";
import type { PodDefinition } from "../model";
import { DEFAULT_TERMINATION_GRACE_SECONDS } from "../model/defaults";
import { runsToCompletion, workloadKind } from "../model/helpers";
import { buildContainer } from "./container";
import { compact } from "./compact";
import { podLabels } from "./labels";
import { placedMap } from "./placed";
import { objectMetadata, PodBuildOptions, sidecarModeOf } from "./options";
import { buildAffinity, buildTopologySpread } from "./scheduling";
import { podSecurityContext } from "./securityDefaults";
import { buildVolume } from "./volume";

// The pod every workload kind is made of: a bare Pod, or the template of a controller. Pure builders: a typed
// definition in, plain Kubernetes objects out. No Pulumi here, so the component, the YAML manifests and the
// runc end-to-end test all start from the very same objects.

export { compact } from "./compact";
export type { PodBuildOptions } from "./options";
export { buildContainer } from "./container";
export { buildService, exposedContainerPort } from "./service";
export { buildConfigMaps, configMapName, secretName, withVolumeObjectNames } from "./volume";

export const SIDECAR_MODES: readonly SidecarMode[] = Object.values(SidecarMode);

/** Name of the workload object: a bare Pod's is the definition's; a controller's is fixed only when given. */
export function workloadObjectName(def: PodDefinition): string | undefined {
    return workloadKind(def) === WorkloadKind.Pod ? def.name : def.workload?.name;
}

/**
 * The pod's spec. Its restart policy is the kind's: Always for pods that stay up, the Job's (Never by default)
 * for pods that run to completion, whose native sidecars still restart (their own restartPolicy Always).
 */
export function buildPodSpec(def: PodDefinition, options: PodBuildOptions): IPodSpec {
    const sidecars = def.sidecars ?? [];
    const native = sidecarModeOf(def, options) === "native";
    const initContainers = [
        ...(def.initContainers ?? []).map((c) => buildContainer(c)),
        // Native sidecars start after the plain init containers, before the app, and stop after it.
        ...(native ? sidecars.map((c) => buildContainer(c, "Always")) : []),
    ];
    const containers = [...def.containers, ...(native ? [] : sidecars)].map((c) => buildContainer(c));
    return compact({
        securityContext: podSecurityContext(def.fsGroup),
        initContainers: initContainers.length > 0 ? initContainers : undefined,
        containers,
        volumes: def.volumes.map((volume) => buildVolume(def, volume)),
        restartPolicy: podRestartPolicy(def),
        terminationGracePeriodSeconds: def.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS,
        serviceAccountName: def.serviceAccountName,
        // No API token unless the pod runs as a service account of its own (which it then means to use).
        automountServiceAccountToken: def.automountServiceAccountToken ?? def.serviceAccountName !== undefined,
        nodeSelector: def.nodeSelector ? { ...def.nodeSelector } : undefined,
        tolerations: def.tolerations?.map((t) => compact({ ...t })),
        affinity: buildAffinity(def, options),
        topologySpreadConstraints: buildTopologySpread(def, options),
        imagePullSecrets: def.imagePullSecrets?.map((name) => ({ name })),
        priorityClassName: def.priorityClassName,
        enableServiceLinks: false,
    });
}

function podRestartPolicy(def: PodDefinition): "Always" | "Never" | "OnFailure" {
    if (!runsToCompletion(workloadKind(def))) return "Always";
    return (def.workload?.job ?? def.workload?.cronJob?.job)?.restartPolicy ?? "Never";
}

/** The pod as a controller's template: its labels (which the controller's selector matches) and spec. */
export function buildPodTemplate(def: PodDefinition, options: PodBuildOptions): IPodTemplateSpec {
    return {
        metadata: compact({ labels: podLabels(def, options.instance), annotations: annotationsOf(def) }),
        spec: buildPodSpec(def, options),
    };
}

const annotationsOf = (def: PodDefinition) => (def.annotations ? placedMap(def.annotations) : undefined);

/** The definition as a bare Pod, named after it. */
export function buildPod(def: PodDefinition, options: PodBuildOptions): IPod {
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: compact({ ...objectMetadata(def, def.name, options), annotations: annotationsOf(def) }),
        spec: buildPodSpec(def, options),
    };
}
