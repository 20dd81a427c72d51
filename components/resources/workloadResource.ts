import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadKind } from "../model";
import { POD_SHAPE_ANNOTATION } from "../build/podShape";
import type { WorkloadObject } from "../build/workload";

// Registers the workload object as the Kubernetes resource of its kind. Each kind's replacement rule:
// - a bare Pod's fields are immutable, and the provider's diff would plan an in-place update for some spec
//   changes (adding a container) that the API server then refuses: every spec change replaces it, except an
//   image change when `inPlaceImages` (the component sets the image itself; see imageUpdate.ts). Its name is
//   fixed, so the old pod must go first;
// - a controller updates in place and rolls its pods; it is replaced only when the provider says so (a
//   Job's template, a selector), and then first deleted only when its name is fixed.

export type WorkloadResource =
    | k8s.core.v1.Pod
    | k8s.apps.v1.Deployment
    | k8s.apps.v1.StatefulSet
    | k8s.apps.v1.DaemonSet
    | k8s.batch.v1.Job
    | k8s.batch.v1.CronJob;

/**
 * With in-place images, the Pod ignores its spec's changes (imageUpdate.ts sets the images) and is replaced when
 * the rest of its spec changes, which the pod-shape annotation's hash tells (build/podShape.ts). Ignoring the
 * image fields alone would not do: the engine refuses to ignore paths whose elements come and go, as containers
 * do when the sidecar mode moves sidecars between the init and the app containers.
 */
const IN_PLACE_IMAGES = {
    ignoreChanges: ["spec"],
    replaceOnChanges: [`metadata.annotations["${POD_SHAPE_ANNOTATION}"]`],
};

export interface WorkloadResourceArgs {
    readonly kind: WorkloadKind;
    /** The built object, with namespace and any names only known later filled in. */
    readonly object: WorkloadObject;
    /** Whether the object's name is fixed (given), rather than chosen by Pulumi. */
    readonly fixedName: boolean;
    readonly inPlaceImages: boolean;
}

/** The child's name under the component: `<component>-pod`, `<component>-deployment`, `<component>-cronjob`, … */
export const workloadResourceName = (component: string, kind: WorkloadKind): string =>
    `${component}-${kind.toLowerCase()}`;

export function registerWorkload(
    name: string,
    args: WorkloadResourceArgs,
    opts: pulumi.CustomResourceOptions,
): WorkloadResource {
    const resourceName = workloadResourceName(name, args.kind);
    const { metadata, spec } = args.object as { metadata: unknown; spec: unknown };
    const input = { metadata, spec } as never;
    switch (args.kind) {
        case "Pod":
            return new k8s.core.v1.Pod(resourceName, input, {
                ...opts,
                deleteBeforeReplace: true,
                ...(args.inPlaceImages ? IN_PLACE_IMAGES : { replaceOnChanges: ["spec"] }),
            });
        case "Deployment":
            return new k8s.apps.v1.Deployment(resourceName, input, controllerOptions(args, opts));
        case "StatefulSet":
            return new k8s.apps.v1.StatefulSet(resourceName, input, controllerOptions(args, opts));
        case "DaemonSet":
            return new k8s.apps.v1.DaemonSet(resourceName, input, controllerOptions(args, opts));
        case "Job":
            return new k8s.batch.v1.Job(resourceName, input, controllerOptions(args, opts));
        case "CronJob":
            return new k8s.batch.v1.CronJob(resourceName, input, controllerOptions(args, opts));
    }
}

function controllerOptions(args: WorkloadResourceArgs, opts: pulumi.CustomResourceOptions) {
    return { ...opts, deleteBeforeReplace: args.fixedName };
}
