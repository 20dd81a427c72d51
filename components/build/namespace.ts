import type { INamespace } from "kubernetes-models/v1";
import { namespaceLabels } from "./labels";

/**
 * Whether the program creates (and `pulumi destroy` deletes) the stack's namespace: only when asked to, and
 * never "default", which every cluster has.
 */
export function createsNamespace(settings: { readonly namespace: string; readonly createNamespace: boolean }): boolean {
    return settings.createNamespace && settings.namespace !== "default";
}

/** A namespace the program creates: labelled as ours, with the Pod Security `restricted` profile enforced. */
export function buildNamespace(name: string, instance: string): INamespace {
    return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: namespaceLabels(instance) } };
}
