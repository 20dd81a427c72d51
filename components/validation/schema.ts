import { ConfigMap, IConfigMap, IPod, IService, Pod, Service } from "kubernetes-models/v1";

// Validation against the Kubernetes OpenAPI schema (kubernetes-models), so a malformed object fails at
// `pulumi preview` with the schema's own message instead of at the API server.

type KubernetesObject = IPod | IService | IConfigMap;

/** Throws an Error naming the object and quoting the schema's message when `object` is invalid. */
export function assertSchemaValid(object: KubernetesObject): void {
    const model = toModel(object);
    try {
        model.validate();
    } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(`${object.kind} "${object.metadata?.name}" does not match the Kubernetes schema: ${reason}`);
    }
}

function toModel(object: KubernetesObject): { validate(): void } {
    switch (object.kind) {
        case "Pod":
            return new Pod(object as IPod);
        case "Service":
            return new Service(object as IService);
        case "ConfigMap":
            return new ConfigMap(object as IConfigMap);
    }
}
