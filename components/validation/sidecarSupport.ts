// Whether a cluster can run native sidecars (init containers with `restartPolicy: Always`), judged from what
// it answered to the preflight's kubectl calls (commands/sidecarProbe.ts). Pure. The facts, from the
// Kubernetes source: the SidecarContainers feature gate is alpha (off) in 1.28, beta and on by default from
// 1.29, GA and locked on from 1.33; with the gate off the API server silently drops the field, the sidecar
// runs as a plain init container that never exits, and the pod waits in Init until Pulumi gives up.

export interface KubernetesVersion {
    readonly major: number;
    readonly minor: number;
    /** As the server reports it, e.g. "v1.28.3-eks-1234". */
    readonly text: string;
}

/** The server's version from `kubectl version -o json`, or a string saying why it could not be read. */
export function parseServerVersion(json: string): KubernetesVersion | string {
    let parsed: { serverVersion?: { major?: unknown; minor?: unknown; gitVersion?: unknown } } | null;
    try {
        parsed = JSON.parse(json);
    } catch {
        return `kubectl version printed no JSON: ${json.trim().slice(0, 200)}`;
    }
    const server = parsed?.serverVersion;
    // Managed clusters report minors like "28+".
    const major = parseInt(String(server?.major ?? ""), 10);
    const minor = parseInt(String(server?.minor ?? ""), 10);
    if (Number.isNaN(major) || Number.isNaN(minor)) return "kubectl version printed no serverVersion";
    return { major, minor, text: String(server?.gitVersion ?? `v${major}.${minor}`) };
}

export const NATIVE_SIDECARS_SINCE = { major: 1, minor: 29 };

/** Why a cluster of `version` cannot run native sidecars by default, or undefined when it can. */
export function versionProblem(version: KubernetesVersion): string | undefined {
    const { major, minor } = NATIVE_SIDECARS_SINCE;
    if (version.major > major || (version.major === major && version.minor >= minor)) return undefined;
    return (
        `the cluster runs Kubernetes ${version.text}, and native sidecars need ${major}.${minor} or later ` +
        `(1.28 only with the SidecarContainers feature gate switched on)`
    );
}

/**
 * Why native sidecars cannot work, judged from the pod a server-side dry run returned for a probe whose init
 * container `container` has `restartPolicy: Always`; undefined when the field came back.
 */
export function probeProblem(returned: unknown, container: string, version?: KubernetesVersion): string | undefined {
    type Returned = { spec?: { initContainers?: { name?: string; restartPolicy?: string }[] } } | null;
    const init = ((returned as Returned)?.spec?.initContainers ?? []).find((c) => c?.name === container);
    if (init?.restartPolicy === "Always") return undefined;
    return (
        `the API server${version ? ` (Kubernetes ${version.text})` : ""} dropped restartPolicy: Always from an ` +
        `init container in a dry run: its SidecarContainers feature gate is off, so each sidecar would run as a plain ` +
        `init container that never ends and the pod would wait in Init`
    );
}
