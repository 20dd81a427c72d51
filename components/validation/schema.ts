import { DaemonSet, Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { CronJob, Job } from "kubernetes-models/batch/v1";
import { ConfigMap, Pod, Service } from "kubernetes-models/v1";

// Validation against the Kubernetes OpenAPI schema (kubernetes-models), so a malformed object fails at
// `pulumi preview` with the schema's own message instead of at the API server.

interface KubernetesObject {
    readonly kind?: string;
    readonly metadata?: { readonly name?: string };
}

const MODELS: Record<string, new (object: never) => { validate(): void }> = {
    Pod,
    Service,
    ConfigMap,
    Deployment,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
};

/** Throws an Error naming the object and quoting the schema's message when `object` is invalid. */
export function assertSchemaValid(object: KubernetesObject): void {
    const Model = object.kind === undefined ? undefined : MODELS[object.kind];
    if (!Model) throw new Error(`no schema for kind ${object.kind}`);
    try {
        new Model(object as never).validate();
    } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        const name = object.metadata?.name ?? "(named by Pulumi)";
        throw new Error(`${object.kind} "${name}" does not match the Kubernetes schema: ${reason}`);
    }
}
