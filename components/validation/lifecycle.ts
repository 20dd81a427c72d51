import type { ContainerDefinition, ContainerRole, LifecycleHandler } from "../model";
import { LIFECYCLE_ACTIONS } from "../model/helpers";
import { httpGetProblems } from "./actions";

// A container's lifecycle hooks, checked as the API server does (validateLifecycle, validateSleepAction and
// validateInitContainers), as [field, message] pairs relative to the container.

const HOOKS = ["postStart", "preStop"] as const;

/** `gracePeriod` is the pod's terminationGracePeriodSeconds as built (a sleep may not outlast it). */
export function lifecycleProblems(
    c: ContainerDefinition,
    role: ContainerRole,
    gracePeriod: number,
): [string, string][] {
    const lifecycle = c.lifecycle;
    if (!lifecycle) return [];
    // A native sidecar is a restartable init container and may have hooks; a plain one runs once and may not.
    if (role === "init")
        return [["lifecycle", "plain init containers cannot have lifecycle hooks (Kubernetes rejects them)"]];
    return HOOKS.flatMap((hook) =>
        lifecycle[hook] === undefined
            ? []
            : handlerProblems(lifecycle[hook]!, c, gracePeriod).map(([field, message]): [string, string] => [
                  `lifecycle.${hook}${field}`,
                  message,
              ]),
    );
}

function handlerProblems(handler: LifecycleHandler, c: ContainerDefinition, gracePeriod: number): [string, string][] {
    const problems: [string, string][] = [];
    const actions = LIFECYCLE_ACTIONS.filter((action) => handler[action] !== undefined);
    if (actions.length !== 1) {
        problems.push([
            "",
            `set exactly one of ${LIFECYCLE_ACTIONS.join(", ")} (set: ${actions.join(" and ") || "none"})`,
        ]);
    }
    if (handler.exec && (handler.exec.length === 0 || handler.exec[0].trim() === "")) {
        problems.push([".exec", "needs a command to run"]);
    }
    if (handler.httpGet) {
        for (const [field, message] of httpGetProblems(handler.httpGet, c))
            problems.push([`.httpGet${field}`, message]);
    }
    const seconds = handler.sleep?.seconds;
    if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 1 || seconds > gracePeriod)) {
        problems.push([
            ".sleep.seconds",
            `${seconds} must be a whole number from 1 to the pod's terminationGracePeriodSeconds (${gracePeriod})`,
        ]);
    }
    return problems;
}
