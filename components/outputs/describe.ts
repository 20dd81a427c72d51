import { describePodCommand, getPodCommand, KubectlTarget, logsCommand, portForwardCommand } from "../commands/kubectl";
import type { ContainerRole, Pattern, PodDefinition } from "../model";
import { placedContainers } from "../model/helpers";

// What the outputs say about one pod (MultiContainerPod's `description`, the program's `pods`): plain data, the
// same in both sidecar modes (only the spec's placement of sidecars differs), ready for
// `pulumi stack output --json` and for a person to copy from.

export interface ContainerDescription {
    readonly name: string;
    readonly role: ContainerRole;
    readonly image: string;
    /** `kubectl logs POD -c CONTAINER -n NS ...` */
    readonly logs: string;
}

export interface PodDescription {
    readonly name: string;
    readonly namespace: string;
    /** The definition's, when it has one. */
    readonly pattern?: Pattern;
    readonly summary?: string;
    /** Init containers, then app containers, then sidecars, each in definition order. */
    readonly containers: ContainerDescription[];
    /** `kubectl get pod POD -n NS ...` */
    readonly get: string;
    /** `kubectl describe pod POD -n NS ...` */
    readonly describe: string;
    /** Only for pods that expose a port: the port-forward to run, then the URL to open. */
    readonly portForward?: string;
    readonly url?: string;
}

export function describePod(def: PodDefinition, target: KubectlTarget): PodDescription {
    const description: PodDescription = {
        name: def.name,
        namespace: target.namespace,
        ...(def.pattern === undefined ? {} : { pattern: def.pattern }),
        ...(def.summary === undefined ? {} : { summary: def.summary }),
        containers: placedContainers(def).map(({ container, role }) => ({
            name: container.name,
            role,
            image: container.image,
            logs: logsCommand(target, def.name, container.name),
        })),
        get: getPodCommand(target, def.name),
        describe: describePodCommand(target, def.name),
    };
    if (!def.expose) return description;
    const { localPort, servicePort, path = "/" } = def.expose;
    return {
        ...description,
        portForward: portForwardCommand(target, def.name, localPort, servicePort),
        url: `http://localhost:${localPort}${path}`,
    };
}

/** Every `kubectl logs` command of every pod, in output order: one list to copy from. */
export function allLogCommands(pods: readonly PodDescription[]): string[] {
    return pods.flatMap((pod) => pod.containers.map((c) => c.logs));
}
