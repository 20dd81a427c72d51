import type { Pattern, PodExampleDefinition } from "../examples/types";
import { describePodCommand, getPodCommand, KubectlTarget, logsCommand, portForwardCommand } from "./kubectl";
import { placedContainers } from "./validate";

// What the stack outputs say about one pod: plain data, the same in both sidecar modes (only the spec's
// placement of sidecars differs), ready for `pulumi stack output --json` and for a person to copy from.

export type ContainerRole = "init" | "app" | "sidecar";

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
    readonly pattern: Pattern;
    readonly summary: string;
    /** Init containers, then app containers, then sidecars, each in definition order. */
    readonly containers: readonly ContainerDescription[];
    /** `kubectl get pod POD -n NS ...` */
    readonly get: string;
    readonly describe: string;
    /** Only for examples that expose a port: the port-forward to run, then the URL to open. */
    readonly portForward?: string;
    readonly url?: string;
}

export function describePod(def: PodExampleDefinition, target: KubectlTarget): PodDescription {
    const description: PodDescription = {
        name: def.name,
        namespace: target.namespace,
        pattern: def.pattern,
        summary: def.summary,
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
