import type { IResourceRequirements } from "kubernetes-models/v1";
import type { ResourceDefinition, ResourceQuantities } from "./pod";

// What the model means where a definition says nothing: the secure defaults every container gets, and the
// labels the component sets itself (which a definition may therefore not set).

/** The conventional unprivileged `nobody` user; busybox and scratch images run fine as it. */
export const DEFAULT_RUN_AS_USER = 65534;

/**
 * Every container's requests and limits unless its definition sets them. Ephemeral storage bounds what a container
 * writes outside its volumes: with a read-only root filesystem that is the logs the kubelet keeps of it (by default
 * up to 5 files of 10Mi, the older ones compressed), well under the limit.
 */
export const DEFAULT_RESOURCES = {
    requests: { cpu: "10m", memory: "16Mi", "ephemeral-storage": "16Mi" },
    limits: { cpu: "100m", memory: "64Mi", "ephemeral-storage": "64Mi" },
} as const;

/** The Kubernetes resource names the model sets, each with its field in ResourceQuantities. */
export const RESOURCE_FIELDS = { cpu: "cpu", memory: "memory", "ephemeral-storage": "ephemeralStorage" } as const;
export type ResourceName = keyof typeof RESOURCE_FIELDS;

/**
 * What `limits.cpu` says to remove the default CPU limit. Only CPU may go without one: it is shared by
 * throttling, while memory and disk, once taken, are reclaimed by killing or evicting.
 */
export const NO_LIMIT = "none";

/**
 * Requests and limits, each key taken from the definition when set, else from the defaults; a CPU limit of
 * "none" removes that limit.
 */
export function resolveResources(resources: ResourceDefinition = {}): IResourceRequirements {
    const limits: Record<string, string> = { ...DEFAULT_RESOURCES.limits, ...byResourceName(resources.limits) };
    if (limits.cpu === NO_LIMIT) delete limits.cpu;
    return { requests: { ...DEFAULT_RESOURCES.requests, ...byResourceName(resources.requests) }, limits };
}

/** `quantities` keyed by Kubernetes resource name, without the ones left unset. */
function byResourceName(quantities: ResourceQuantities = {}): Record<string, string> {
    const named: Record<string, string> = {};
    for (const [name, field] of Object.entries(RESOURCE_FIELDS)) {
        const value = quantities[field];
        if (value !== undefined) named[name] = value;
    }
    return named;
}

export const PART_OF = "multi-container-pods";
export const NAME_LABEL = "app.kubernetes.io/name";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const COMPONENT_LABEL = "app.kubernetes.io/component";
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
/** Keys the program sets itself; a definition's own `labels` may not override them. */
export const RESERVED_LABELS = [NAME_LABEL, INSTANCE_LABEL, MANAGED_BY_LABEL, COMPONENT_LABEL, PART_OF_LABEL];

/** Seconds a pod's containers get to stop after SIGTERM: ours exit at once, and replace and destroy stay quick. */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 10;
