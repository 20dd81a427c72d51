import type { IPod } from "kubernetes-models/v1";
import type { PodDefinition, SidecarMode } from "../model";
import { effectiveSidecarMode } from "../model/helpers";
import { compact } from "./compact";
import { podLabels } from "./labels";

// What every builder needs besides the definition, and the metadata every object gets from it.

export type ObjectMeta = NonNullable<IPod["metadata"]>;

export interface PodBuildOptions {
    /** Omitted from the objects when undefined (the kubectl manifests leave it to `-n`). */
    readonly namespace?: string;
    /** The component's sidecar mode; a definition's own `sidecarMode` wins. */
    readonly sidecarMode: SidecarMode;
    /**
     * The stack's `app.kubernetes.io/instance` label (see labels.ts); with it, objects are also labelled
     * managed-by pulumi and the Service selects on it. Undefined for the kubectl manifests.
     */
    readonly instance?: string;
}

/** The sidecar mode the definition's sidecars run in under `options`. */
export const sidecarModeOf = (def: PodDefinition, options: PodBuildOptions): SidecarMode =>
    effectiveSidecarMode(def, options.sidecarMode);

/** Name (omitted when undefined: Pulumi names the object), namespace and labels of one of the pod's objects. */
export function objectMetadata(def: PodDefinition, name: string | undefined, options: PodBuildOptions): ObjectMeta {
    return compact({ name, namespace: options.namespace, labels: podLabels(def, options.instance) });
}
