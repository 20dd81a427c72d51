import { createHash } from "crypto";
import type { IPodSpec } from "kubernetes-models/v1";

// What of a pod's spec Kubernetes cannot change on a running pod: all of it but the containers' images. Its
// hash, in an annotation, is what replaces a bare pod when it changes; an image change alone leaves it.

/** The annotation that carries the hash of the pod spec's fields that cannot change in place. */
export const POD_SHAPE_ANNOTATION = "multi-container-pods.pulumi.com/pod-shape";

/** A short hash of `spec` with every container's image left out. */
export function podShapeHash(spec: IPodSpec): string {
    const withoutImages = (containers: IPodSpec["containers"] | undefined) =>
        containers?.map((container) => ({ ...container, image: undefined }));
    const shape = {
        ...spec,
        containers: withoutImages(spec.containers),
        initContainers: withoutImages(spec.initContainers),
    };
    return createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16);
}
