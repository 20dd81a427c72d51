import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { KubectlTarget, setImageCommand } from "../commands/kubectl";
import type { PodDefinition } from "../model";
import { KUBECONFIG_ENV } from "../verify/subject";
import { POD_SHAPE_ANNOTATION, podShapeHash } from "../build/podShape";
import type { WorkloadObject } from "../build/workload";
import type { IPodSpec } from "kubernetes-models/v1";
import { placedContainers } from "../model/helpers";
import { imagesOf } from "./values";

// The seed's isolation ("each container can have its own lifecycle, allowing for independent updates"), on a
// bare Pod: an image is the one container field Kubernetes lets a running pod change, and then restarts only
// that container. The provider would replace the pod for any image change, so the Pod resource ignores image
// changes (workloadResource.ts) and this Command sets the images with `kubectl set image` instead: on an image
// change it runs as an update, and on a new pod (its uid is the trigger) as a create, which a replacement
// made with the ignored, older images also needs. Controllers need none of this: they roll their pods.

/**
 * Container → image, in the pod's container order (init containers, app containers, sidecars); an image may be
 * another resource's output (values.ts).
 */
export function podImages(def: PodDefinition): pulumi.Output<[string, string][]> {
    const names = placedContainers(def).map(({ container }) => container.name);
    return imagesOf(def).apply((images) => names.map((name, i): [string, string] => [name, images[i]]));
}

export function imageUpdate(
    name: string,
    def: PodDefinition,
    /** The pod's uid, in clear (see multiContainerPod.ts): a new pod gets its images set again. */
    podUid: pulumi.Output<string>,
    target: pulumi.Output<KubectlTarget>,
    kubeconfigContent: pulumi.Output<string> | undefined,
    opts: pulumi.CustomResourceOptions,
): command.local.Command {
    const run = pulumi.all([target, podImages(def)]).apply(([t, images]) => {
        const command = setImageCommand(t, def.name, images);
        // A kubeconfig given as content goes to kubectl in a private file, removed again, never on argv.
        return kubeconfigContent === undefined
            ? command
            : `f=$(mktemp) && printf '%s\\n' "$${KUBECONFIG_ENV}" >"$f" && ${command} --kubeconfig "$f"; rc=$?; rm -f "$f"; exit $rc`;
    });
    return new command.local.Command(
        `${name}-images`,
        {
            create: run,
            update: run,
            interpreter: ["/bin/sh", "-c"],
            environment: kubeconfigContent ? { [KUBECONFIG_ENV]: kubeconfigContent } : undefined,
            triggers: [podUid],
        },
        opts,
    );
}

/**
 * The bare pod with its shape's hash in an annotation (build/podShape.ts), which replaces it when anything but
 * an image changes. The spec holds names only known later, so the hash is an output.
 */
export function withPodShape(pod: WorkloadObject): WorkloadObject {
    const shape = pulumi.output(pod.spec as object).apply((spec) => podShapeHash(spec as IPodSpec));
    const annotations = { ...pod.metadata?.annotations, [POD_SHAPE_ANNOTATION]: shape };
    return { ...pod, metadata: { ...pod.metadata, annotations } } as unknown as WorkloadObject;
}
