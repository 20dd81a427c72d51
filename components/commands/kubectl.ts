// The kubectl command lines the program prints and runs. Each carries -n, and --context / --kubeconfig
// when the stack sets them, so a command copied from the outputs works as is in any shell.

export interface KubectlTarget {
    readonly namespace: string;
    /** Kube context from the stack config; omitted from commands when unset. */
    readonly context?: string;
    /** Kubeconfig path from the stack config; omitted from commands when unset. */
    readonly kubeconfig?: string;
}

const SHELL_SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** `value` as one POSIX shell word: unchanged when it is safe, else single-quoted. */
export function shellQuote(value: string): string {
    if (SHELL_SAFE.test(value)) return value;
    return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** The flags that select the cluster and namespace, as shell words. */
export function targetFlags(target: KubectlTarget): string[] {
    return ["-n", target.namespace, ...clusterFlags(target)];
}

export function clusterFlags(target: Omit<KubectlTarget, "namespace">): string[] {
    const flags: string[] = [];
    if (target.context !== undefined) flags.push("--context", target.context);
    if (target.kubeconfig !== undefined) flags.push("--kubeconfig", target.kubeconfig);
    return flags;
}

/** `kubectl VERB OBJECT -n NS [options...] [--context C] [--kubeconfig P]`, quoted for a shell. */
export function kubectl(
    target: KubectlTarget,
    verbAndObject: readonly string[],
    options: readonly string[] = [],
): string {
    return ["kubectl", ...verbAndObject, "-n", target.namespace, ...options, ...clusterFlags(target)]
        .map(shellQuote)
        .join(" ");
}

export const getPodCommand = (target: KubectlTarget, pod: string) => kubectl(target, ["get", "pod", pod]);

export const describePodCommand = (target: KubectlTarget, pod: string) => kubectl(target, ["describe", "pod", pod]);

export const logsCommand = (target: KubectlTarget, pod: string, container: string) =>
    kubectl(target, ["logs", pod], ["-c", container]);

/**
 * `kubectl exec` of a command in one container of the pod; with `stdin`, `-i` passes kubectl's standard input
 * to the command (how verification sends its HTTP requests).
 */
export const execCommand = (
    target: KubectlTarget,
    pod: string,
    container: string,
    command: readonly string[],
    stdin = false,
) =>
    [
        kubectl(target, ["exec", pod], [...(stdin ? ["-i"] : []), "-c", container]),
        "--",
        ...command.map(shellQuote),
    ].join(" ");

/** `kubectl port-forward service/NAME LOCAL:PORT …`, forwarding each [local, service] pair after the first. */
export const portForwardCommand = (
    target: KubectlTarget,
    service: string,
    localPort: number,
    servicePort: number,
    more: readonly (readonly [local: number, service: number])[] = [],
) =>
    kubectl(target, [
        "port-forward",
        `service/${service}`,
        ...[[localPort, servicePort] as const, ...more].map(([local, remote]) => `${local}:${remote}`),
    ]);

/** `kubectl set image pod/POD C1=IMAGE1 …`: changes containers' images in place (the only mutable pod fields). */
export const setImageCommand = (target: KubectlTarget, pod: string, images: readonly (readonly [string, string])[]) =>
    kubectl(target, ["set", "image", `pod/${pod}`, ...images.map(([container, image]) => `${container}=${image}`)]);

/** A workload's resource reference for kubectl: `pod/x`, `deployment/x`, `cronjob/x`, … */
export const resourceRef = (kind: string, name: string): string => `${kind.toLowerCase()}/${name}`;
