import { selectorLabels } from "../build/labels";
import type { PodDefinition, WorkloadKind } from "../model";
import { kubectl, KubectlTarget, logsCommand, resourceRef } from "./kubectl";

// The kubectl commands that look at a workload of any kind: the outputs print them and verification's failure
// messages end with them, so both say the same.

/** `key=value,…`: what selects the definition's pods (and, with `instance`, this stack's only). */
export function podSelector(def: PodDefinition, instance?: string): string {
    return Object.entries(selectorLabels(def, instance))
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
}

/** `kubectl logs -l SELECTOR -c CONTAINER --prefix --tail=-1 …`: every pod's lines, each marked with its pod. */
export const everyPodLogsCommand = (target: KubectlTarget, selector: string, container: string): string =>
    kubectl(target, ["logs"], ["-l", selector, "-c", container, "--prefix", "--tail=-1"]);

/**
 * The `kubectl logs` command for one container of the workload: the bare pod's, one pod of a controller's
 * (`deployment/NAME`, `job/NAME`, …), or for a CronJob, whose runs are Jobs of other names, its pods by label.
 */
export function workloadLogsCommand(
    target: KubectlTarget,
    kind: WorkloadKind,
    name: string,
    selector: string,
    container: string,
): string {
    if (kind === "Pod") return logsCommand(target, name, container);
    if (kind === "CronJob") return everyPodLogsCommand(target, selector, container);
    return kubectl(target, ["logs", resourceRef(kind, name)], ["-c", container]);
}
