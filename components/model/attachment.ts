import type { ContainerDefinition, SidecarMode, VolumeDefinition, VolumeMountDefinition } from "./pod";
import type { WorkloadKind } from "./workload";

// Sidecars attached to workloads the user already has (their own Deployment, a Helm chart's), without touching
// those definitions: the same container and volume model as a PodDefinition's, plus which workloads get them.
// Not part of the component's schema (a predicate is a function); it is what sidecarTransform accepts.

/** A mount added to the workload's app containers, so that they share a volume with the sidecars. */
export interface AppMountDefinition extends VolumeMountDefinition {
    /** Names of the app containers that get the mount. Default: every app container of the pod. */
    readonly containers?: string[];
}

/** The sidecars to add to a pod, with the volumes they bring and the mounts the app containers need. */
export interface SidecarAttachment {
    /** Added after the pod's own containers, with the secure defaults (buildContainer). At least one. */
    readonly sidecars: ContainerDefinition[];
    /**
     * Volumes the sidecars and `appMounts` mount. Each is added to the pod unless the pod already has a volume of
     * that name, which is then the one they share (the app's own log directory, say). Any source but those whose
     * object the component would create (configFiles, basicAuthSecret). Default: none.
     */
    readonly volumes?: VolumeDefinition[];
    /** Mounts added to the app containers; one already mounting that volume is left as it is. Default: none. */
    readonly appMounts?: AppMountDefinition[];
    /**
     * "native" (init containers with restartPolicy Always, Kubernetes >= 1.29) or "classic" (app containers).
     * Jobs and CronJobs take only "native": a classic sidecar never exits, so their pods would never complete.
     * Default "classic", as the component's.
     */
    readonly sidecarMode?: SidecarMode;
}

/** One requirement of a Kubernetes label selector. */
export interface LabelSelectorRequirement {
    readonly key: string;
    readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    /** For In and NotIn. */
    readonly values?: string[];
}

/** A Kubernetes label selector: every label and every expression must match. */
export interface LabelSelector {
    readonly matchLabels?: Record<string, string>;
    readonly matchExpressions?: LabelSelectorRequirement[];
}

/** A Kubernetes object as a transform or a manifest holds it: plain data, of any kind. */
export interface KubernetesObject {
    readonly apiVersion?: string;
    readonly kind?: string;
    readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: object };
    readonly spec?: unknown;
    readonly [field: string]: unknown;
}

/** Which workloads get the sidecars: every criterion given must hold. Default: every workload of these kinds. */
export interface WorkloadMatch {
    /** Default: all, Pod, Deployment, StatefulSet, DaemonSet, Job and CronJob. */
    readonly kinds?: WorkloadKind[];
    /** Matched against the labels of the workload's pods (a controller's pod template, a Pod's own). */
    readonly selector?: LabelSelector;
    /** Anything else, decided on the whole object (with the sidecars not yet added). */
    readonly predicate?: (object: KubernetesObject) => boolean;
}
