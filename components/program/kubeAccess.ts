import * as os from "os";
import * as path from "path";

// The one place that decides which kubeconfig file and context the stack uses. The Kubernetes provider, every
// printed kubectl command and the verification all get the result, so they cannot disagree.

export interface KubeAccess {
    /** Absolute kubeconfig path, or undefined: $KUBECONFIG or ~/.kube/config, as kubectl and the provider pick. */
    readonly kubeconfig?: string;
    /** Kube context, or undefined: the kubeconfig's current context. */
    readonly context?: string;
}

export interface KubeAccessConfig {
    readonly kubeconfig?: string;
    readonly kubeContext?: string;
}

/**
 * The kubeconfig path expanded the way the Kubernetes provider expands it (pulumi-kubernetes
 * provider/pkg/provider/util.go, parseKubeconfigString: a leading `~` or `~/` becomes the user's home
 * directory, from the user database), then made absolute against `cwd` (the program's directory, where the
 * provider also resolves it), so a printed command works from any directory.
 */
export function resolveKubeAccess(config: KubeAccessConfig, home: string, cwd: string): KubeAccess {
    const raw = config.kubeconfig;
    let kubeconfig: string | undefined;
    if (raw !== undefined) {
        const expanded = raw === "~" ? home : raw.startsWith("~/") ? path.join(home, raw.slice(2)) : raw;
        kubeconfig = path.resolve(cwd, expanded);
    }
    return { kubeconfig, context: config.kubeContext };
}

/** The home directory Go's user.Current() reports (the user database), falling back to $HOME. */
export function userHome(): string {
    try {
        return os.userInfo().homedir;
    } catch {
        return os.homedir();
    }
}
