import type { IService } from "kubernetes-models/v1";
import { WorkloadKind } from "../model";
import type { PodDefinition } from "../model";
import { servicePorts, workloadKind } from "../model/helpers";
import { selectorLabels } from "./labels";
import { objectMetadata, PodBuildOptions } from "./options";
import { workloadObjectName } from "./pod";

// The Service in front of the pods: the exposed ports', and for a StatefulSet the headless Service that
// governs its pods' stable names (with the exposed port on it, when there is one). It selects the pods by name
// and, for a stack, by instance, so it never picks up another stack's pods or the kubectl flow's.

/** Whether the definition gets a Service: it exposes a port, or it is a StatefulSet. */
export const hasService = (def: PodDefinition): boolean =>
    def.expose !== undefined || workloadKind(def) === WorkloadKind.StatefulSet;

/**
 * The Service, or undefined when the definition has none. It targets the container port by number: before
 * Kubernetes 1.33 a port *name* on a restartable init container (a native sidecar) is not resolved in
 * EndpointSlices (kubernetes#127958), and kubectl before 1.31 cannot port-forward to one by name.
 */
export function buildService(def: PodDefinition, options: PodBuildOptions): IService | undefined {
    if (!hasService(def)) return undefined;
    const headless = workloadKind(def) === WorkloadKind.StatefulSet;
    const ports = def.expose
        ? servicePorts(def).map(({ port, servicePort }) => ({
              name: port,
              port: servicePort,
              targetPort: containerPortNumber(def, port),
              protocol: "TCP" as const,
          }))
        : undefined;
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: objectMetadata(def, workloadObjectName(def), options),
        spec: {
            ...(headless ? { clusterIP: "None", publishNotReadyAddresses: false } : { type: "ClusterIP" }),
            selector: selectorLabels(def, options.instance),
            ...(ports ? { ports } : {}),
        },
    };
}

/** The number of the container port `expose.port` names (the validator guarantees there is one). */
export const exposedContainerPort = (def: PodDefinition): number => containerPortNumber(def, def.expose?.port);

/** The number of the container port named `name` (the validator guarantees there is one). */
function containerPortNumber(def: PodDefinition, name: string | undefined): number {
    const all = [...(def.initContainers ?? []), ...def.containers, ...(def.sidecars ?? [])];
    const port = all.flatMap((c) => c.ports ?? []).find((p) => p.name === name);
    if (!port) throw new Error(`pod "${def.name}": the exposed port "${name}" names no container port`);
    return port.containerPort;
}
