import type { IResourceRequirements } from "kubernetes-models/v1";
import type { ResourceDefinition } from "./pod";

// What the model means where a definition says nothing: the secure defaults every container gets, and the
// labels the component sets itself (which a definition may therefore not set).

/** The conventional unprivileged `nobody` user; busybox and scratch images run fine as it. */
export const DEFAULT_RUN_AS_USER = 65534;

export const DEFAULT_RESOURCES = {
    requests: { cpu: "10m", memory: "16Mi" },
    limits: { cpu: "100m", memory: "64Mi" },
} as const;

/** Requests and limits, each key taken from the definition when set, else from the defaults. */
export function resolveResources(resources: ResourceDefinition = {}): IResourceRequirements {
    return {
        requests: { ...DEFAULT_RESOURCES.requests, ...resources.requests },
        limits: { ...DEFAULT_RESOURCES.limits, ...resources.limits },
    };
}

export const PART_OF = "multi-container-pods";
export const NAME_LABEL = "app.kubernetes.io/name";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const COMPONENT_LABEL = "app.kubernetes.io/component";
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
/** Keys the program sets itself; a definition's own `labels` may not override them. */
export const RESERVED_LABELS = [NAME_LABEL, INSTANCE_LABEL, MANAGED_BY_LABEL, COMPONENT_LABEL, PART_OF_LABEL];
