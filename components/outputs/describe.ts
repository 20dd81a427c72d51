import { kubectl, KubectlTarget, portForwardCommand, resourceRef } from "../commands/kubectl";
import { everyPodLogsCommand, podSelector, workloadLogsCommand } from "../commands/workload";
import type { ContainerRole, Pattern, PodDefinition, WorkloadKind } from "../model";
import { placedContainers, workloadKind } from "../model/helpers";
import { knownValue } from "../model/values";

/** What a description says of an image that is another resource's output not resolved (the component resolves it). */
export const IMAGE_NOT_KNOWN = "(another resource's output)";

// What the outputs say about one definition (MultiContainerPod's `description`, the program's `pods`): plain
// data, the same in both sidecar modes (only the spec's placement of sidecars differs), ready for
// `pulumi stack output --json` and for a person to copy from. Every command names the kind's own object.

export interface ContainerDescription {
    /** The container's name. */
    readonly name: string;
    /** init, app or sidecar. */
    readonly role: ContainerRole;
    /** The container's image. */
    readonly image: string;
    /** `kubectl logs POD -c CONTAINER …` for a Pod; `kubectl logs deployment/NAME -c CONTAINER …` (one pod) … */
    readonly logs: string;
    /** For controllers: `kubectl logs -l SELECTOR -c CONTAINER --prefix …`, every pod's lines, each marked. */
    readonly logsEveryPod?: string;
}

/** The names the workload and its Service got: fixed, or chosen by Pulumi (known once registered). */
export interface WorkloadNames {
    readonly workload: string;
    readonly service?: string;
    /** The stack's instance label, which every pod carries and the selectors use. */
    readonly instance?: string;
}

export interface PodDescription {
    /** The workload object's name (a bare Pod's is the definition's). */
    readonly name: string;
    /** The workload's kind. */
    readonly kind: WorkloadKind;
    /** The namespace every object is in. */
    readonly namespace: string;
    /** The definition's, when it has one. */
    readonly pattern?: Pattern;
    /** The definition's summary, when it has one. */
    readonly summary?: string;
    /** Init containers, then app containers, then sidecars, each in definition order. */
    readonly containers: ContainerDescription[];
    /** `kubectl get KIND NAME -n NS ...` */
    readonly get: string;
    /** `kubectl describe KIND NAME -n NS ...` */
    readonly describe: string;
    /** Deployments, StatefulSets and DaemonSets: `kubectl rollout status KIND/NAME …`. */
    readonly rolloutStatus?: string;
    /** CronJobs: start a run now, from the CronJob's template. */
    readonly runNow?: string;
    /**
     * Only for pods that expose a port: the port-forward to run (of `expose`'s port and each additional port
     * with a local port), then the URL to open.
     */
    readonly portForward?: string;
    /** The URL to open once the port-forward runs: `expose.port`'s, at `expose.path`. */
    readonly url?: string;
}

const ROLLS_OUT: readonly WorkloadKind[] = ["Deployment", "StatefulSet", "DaemonSet"];

export function describePod(def: PodDefinition, target: KubectlTarget, names?: WorkloadNames): PodDescription {
    const kind = workloadKind(def);
    const name = names?.workload ?? def.name;
    const kindName = kind.toLowerCase();
    const selector = podSelector(def, names?.instance);
    const everyPod = (container: string) => everyPodLogsCommand(target, selector, container);
    const logs = (container: string) => workloadLogsCommand(target, kind, name, selector, container);
    const description: PodDescription = {
        name,
        kind,
        namespace: target.namespace,
        ...(def.pattern === undefined ? {} : { pattern: def.pattern }),
        ...(def.summary === undefined ? {} : { summary: def.summary }),
        containers: placedContainers(def).map(({ container, role }) => ({
            name: container.name,
            role,
            image: knownValue(container.image) ?? IMAGE_NOT_KNOWN,
            logs: logs(container.name),
            ...(kind === "Pod" || kind === "CronJob" ? {} : { logsEveryPod: everyPod(container.name) }),
        })),
        get: kubectl(target, ["get", kindName, name]),
        describe: kubectl(target, ["describe", kindName, name]),
        ...(ROLLS_OUT.includes(kind)
            ? { rolloutStatus: kubectl(target, ["rollout", "status", resourceRef(kind, name)]) }
            : {}),
        ...(kind === "CronJob"
            ? { runNow: kubectl(target, ["create", "job", `${name.slice(0, 44)}-manual`], [`--from=cronjob/${name}`]) }
            : {}),
    };
    if (!def.expose) return description;
    const { localPort, servicePort, path = "/" } = def.expose;
    const more = (def.expose.additionalPorts ?? []).flatMap((p) =>
        p.localPort === undefined ? [] : [[p.localPort, p.servicePort] as const],
    );
    return {
        ...description,
        portForward: portForwardCommand(target, names?.service ?? name, localPort, servicePort, more),
        url: `http://localhost:${localPort}${path}`,
    };
}

/** Every `kubectl logs` command of every pod, in output order: one list to copy from. */
export function allLogCommands(pods: readonly PodDescription[]): string[] {
    return pods.flatMap((pod) => pod.containers.map((c) => c.logs));
}
